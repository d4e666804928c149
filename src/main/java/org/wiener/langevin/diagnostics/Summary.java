package org.wiener.langevin.diagnostics;

/**
 * The posterior summary of one scalar parameter over all chains and draws (rstan's {@code monitor} /
 * posterior's {@code summarise_draws} columns).
 *
 * @param parameter the parameter's name
 * @param mean the mean of all draws
 * @param sd their standard deviation (n − 1 denominator)
 * @param q5 the 5% quantile (R type 7)
 * @param q50 the median (R type 7)
 * @param q95 the 95% quantile (R type 7)
 * @param rhat the rank-normalised split R̂ ({@link Diagnostics#rankNormalizedSplitRhat(double[][])})
 * @param essBulk the bulk effective sample size
 * @param essTail the tail effective sample size
 */
public record Summary(String parameter, double mean, double sd, double q5, double q50, double q95,
        double rhat, double essBulk, double essTail) {
}
