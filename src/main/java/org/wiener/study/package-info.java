/**
 * Strong- and weak-error studies, work-precision, the problem library and the CIR experiment of the
 * single-seed paper.
 */
package org.wiener.study;
