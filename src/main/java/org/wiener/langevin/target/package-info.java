/**
 * Sampling targets: the {@link org.wiener.langevin.target.LogDensity} interface, an adapter that
 * differentiates a log density written once over Hipparchus field elements, and built-in posteriors.
 */
package org.wiener.langevin.target;
