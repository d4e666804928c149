/**
 * Problem definitions: drift and diffusion with their declared noise structure, Itô or Stratonovich,
 * and ODEs as SDEs without diffusion. Callbacks write into caller-provided arrays.
 */
package org.wiener.sde;
