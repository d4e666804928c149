/**
 * Neural differential equations regularized by solver heuristics: parametric vector fields, exact
 * discrete (reverse-mode) gradients through adaptive solves, error and stiffness regularizers,
 * optimisers and the spiral experiments of Pal et al.
 */
package org.wiener.nde;
