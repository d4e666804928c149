/**
 * MCMC diagnostics as Stan and ArviZ compute them (rank-normalized split R-hat, bulk and tail effective
 * sample size; Vehtari et al. 2021), posterior summaries, energy distance and test accuracy.
 */
package org.wiener.langevin.diagnostics;
