package org.wiener.langevin.diagnostics;

import java.util.Arrays;
import org.wiener.random.Normals;

/**
 * Convergence diagnostics of Vehtari, Gelman, Simpson, Carpenter &amp; Bürkner (2021), "Rank-normalization,
 * folding, and localization: an improved R̂ for assessing convergence of MCMC", Bayesian Analysis 16(2),
 * 667–718, as rstan 2.21 ({@code monitor.R}: {@code Rhat}, {@code ess_bulk}, {@code ess_tail}) computes them.
 * Every method takes the draws of one scalar as {@code draws[chain][draw]}.
 *
 * <ul>
 *   <li><b>Split chains.</b> Each chain is cut into its first and second half; with an odd length the
 *       middle draw is dropped (rstan's {@code split_chains}).</li>
 *   <li><b>Rank normalisation.</b> All draws are ranked jointly (average ranks for ties) and mapped to
 *       z = Φ⁻¹((r − c)/(S − 2c + 1)). The paper and the {@code posterior} package use Blom's c = 3/8,
 *       i.e. (r − 3/8)/(S + 1/4), which is what {@link #rankNormalize} does. rstan 2.21's
 *       {@code z_scale} uses c = 1/2, i.e. (r − ½)/S; pass {@link #RSTAN_2_21_OFFSET} to get it. With that
 *       offset R̂ and bulk-ESS reproduce rstan 2.21 to 1e-14 relative on the four fixture cases of
 *       {@code StanFixtureTest}; the default 3/8 moves them by up to 2.5e-5 (R̂) and 1.5e-4 (bulk-ESS).
 *       Φ⁻¹ is AS 241, R's {@code qnorm}.</li>
 *   <li><b>R̂</b> ({@code rhat_rfun}): √(((n − 1)/n · W + B/n)/W), with W the mean within-chain variance
 *       and B/n the variance of the chain means. The rank-normalised R̂ is the maximum of the bulk R̂ (of
 *       the rank-normalised split chains) and the tail R̂ (of the rank-normalised |x − median|).</li>
 *   <li><b>ESS</b> ({@code ess_rfun}): ρ̂_t = 1 − (W − mean over chains of γ̂_t)/var⁺ with the biased
 *       FFT autocovariance γ̂ ({@link Autocovariance}), W = mean γ̂₀·n/(n − 1), var⁺ = γ̂₀ mean + var(chain
 *       means); Geyer's initial positive sequence of pair sums ρ̂_{2k} + ρ̂_{2k+1}, made monotone; τ̂ =
 *       −1 + 2Σ_{t&lt;T}ρ̂_t + ρ̂_T (the improved estimate, with ρ̂_T kept only if positive), floored at
 *       1/log₁₀(S); ESS = S/τ̂ with S = chains × draws.</li>
 *   <li><b>Bulk-ESS</b>: ESS of the rank-normalised split chains. <b>Tail-ESS</b>: the minimum of the
 *       ESS of the split indicators 1[x ≤ q̂₀.₀₅] and 1[x ≤ q̂₀.₉₅] (q̂ R's type-7 quantile of all draws).</li>
 * </ul>
 *
 * <p>Degenerate input follows rstan 2.21: constant values (max − min below machine epsilon) give R̂ = 1
 * and ESS = S. Bad input (null or ragged arrays, too few draws, NaN or infinite draws) throws an
 * {@link IllegalArgumentException} naming the chain and draw (0-based). R̂ needs at least 4 draws per
 * chain (2 per split half, for a variance) and ESS at least 6 (3 per half, rstan's minimum).
 *
 * <p>Stateless and thread-safe; each call allocates O(S) scratch.
 */
public final class Diagnostics {

    /** Blom's offset 3/8 of the paper and of {@code posterior}: (r − 3/8)/(S + 1/4). */
    public static final double BLOM_OFFSET = 3.0 / 8.0;
    /** rstan 2.21's {@code z_scale} offset 1/2: (r − 1/2)/S. */
    public static final double RSTAN_2_21_OFFSET = 0.5;

    private static final int MIN_DRAWS_RHAT = 4;
    private static final int MIN_DRAWS_ESS = 6;
    private static final double MACHINE_EPSILON = Math.ulp(1.0);

    private Diagnostics() {
    }

    /**
     * The classic split R̂ (no rank normalisation; Gelman et al., BDA3 §11.4).
     *
     * @param draws [chain][draw]
     * @return split R̂
     */
    public static double splitRhat(double[][] draws) {
        check(draws, MIN_DRAWS_RHAT);
        return rhat(split(draws));
    }

    /**
     * The rank-normalised split R̂ of Vehtari et al. (2021): the maximum of the bulk and the folded (tail)
     * rank-normalised split R̂, with the paper's offset 3/8.
     *
     * @param draws [chain][draw]
     * @return R̂
     */
    public static double rankNormalizedSplitRhat(double[][] draws) {
        return rankNormalizedSplitRhat(draws, BLOM_OFFSET);
    }

    /**
     * As {@link #rankNormalizedSplitRhat(double[][])} with an explicit rank offset c.
     *
     * @param draws [chain][draw]
     * @param offset c in (r − c)/(S − 2c + 1): {@link #BLOM_OFFSET} or {@link #RSTAN_2_21_OFFSET}
     * @return R̂
     */
    public static double rankNormalizedSplitRhat(double[][] draws, double offset) {
        check(draws, MIN_DRAWS_RHAT);
        checkOffset(offset);
        double[][] split = split(draws);
        double median = Moments.quantileSorted(Moments.sortedCopy(flatten(draws)), 0.5);
        return Math.max(rhat(rankNormalize(split, offset)), foldedRhat(split, median, offset));
    }

    /** The tail R̂: rank-normalised split R̂ of |x − median|. */
    private static double foldedRhat(double[][] split, double median, double offset) {
        double[][] folded = new double[split.length][];
        for (int c = 0; c < split.length; c++) {
            folded[c] = new double[split[c].length];
            for (int i = 0; i < split[c].length; i++) {
                folded[c][i] = Math.abs(split[c][i] - median);
            }
        }
        return rhat(rankNormalize(folded, offset));
    }

    /**
     * Bulk effective sample size: the ESS of the rank-normalised split chains (offset 3/8).
     *
     * @param draws [chain][draw]
     * @return bulk-ESS
     */
    public static double essBulk(double[][] draws) {
        return essBulk(draws, BLOM_OFFSET);
    }

    /**
     * As {@link #essBulk(double[][])} with an explicit rank offset c.
     *
     * @param draws [chain][draw]
     * @param offset {@link #BLOM_OFFSET} or {@link #RSTAN_2_21_OFFSET} (or any c in [0, 1))
     * @return bulk-ESS
     */
    public static double essBulk(double[][] draws, double offset) {
        check(draws, MIN_DRAWS_ESS);
        checkOffset(offset);
        return essOfChains(rankNormalize(split(draws), offset));
    }

    /**
     * Tail effective sample size: min(ESS of 1[x ≤ q̂₀.₀₅], ESS of 1[x ≤ q̂₀.₉₅]) on split chains.
     *
     * @param draws [chain][draw]
     * @return tail-ESS
     */
    public static double essTail(double[][] draws) {
        check(draws, MIN_DRAWS_ESS);
        return essTailSorted(draws, Moments.sortedCopy(flatten(draws)));
    }

    private static double essTailSorted(double[][] draws, double[] sorted) {
        return Math.min(essIndicator(draws, Moments.quantileSorted(sorted, 0.05)),
                essIndicator(draws, Moments.quantileSorted(sorted, 0.95)));
    }

    /**
     * Everything {@link Summaries} reports for one scalar, sharing the sort, the split and the bulk rank
     * normalisation between the statistics (default offset 3/8).
     */
    static Summary summarize(String name, double[][] draws) {
        check(draws, MIN_DRAWS_ESS);
        double[] all = flatten(draws);
        double[] sorted = Moments.sortedCopy(all);
        double[][] split = split(draws);
        double[][] bulk = rankNormalize(split, BLOM_OFFSET);
        double median = Moments.quantileSorted(sorted, 0.5);
        double rhat = Math.max(rhat(bulk), foldedRhat(split, median, BLOM_OFFSET));
        return new Summary(name, Moments.mean(all), Math.sqrt(Moments.variance(all)),
                Moments.quantileSorted(sorted, 0.05), median, Moments.quantileSorted(sorted, 0.95),
                rhat, essOfChains(bulk), essTailSorted(draws, sorted));
    }

    /**
     * The ESS of a quantile estimate: the ESS of the split indicator 1[x ≤ q̂_p] (rstan's
     * {@code ess_quantile}).
     *
     * @param draws [chain][draw]
     * @param probability p in [0, 1]
     * @return the ESS for the p-quantile
     */
    public static double essQuantile(double[][] draws, double probability) {
        check(draws, MIN_DRAWS_ESS);
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
        }
        double[] sorted = Moments.sortedCopy(flatten(draws));
        return essIndicator(draws, Moments.quantileSorted(sorted, probability));
    }

    /**
     * The basic ESS for the mean: Geyer's initial monotone sequence estimator on the split chains of the
     * raw draws (rstan's {@code ess_mean}, posterior's {@code ess_basic} with its default split = TRUE).
     *
     * @param draws [chain][draw]
     * @return ESS
     */
    public static double ess(double[][] draws) {
        check(draws, MIN_DRAWS_ESS);
        return essOfChains(split(draws));
    }

    /**
     * Rank-normalises all values jointly: average ranks r for ties, then z = Φ⁻¹((r − c)/(S − 2c + 1)).
     *
     * @param values [chain][draw] (finite, rectangular)
     * @param offset c, in [0, 1)
     * @return the normal scores, same shape
     */
    public static double[][] rankNormalize(double[][] values, double offset) {
        checkOffset(offset);
        double[] all = flatten(values);
        int total = all.length;
        int[] order = SortOrder.ascending(all);
        double denominator = total - 2.0 * offset + 1.0;
        double[] z = new double[total];
        // Walk the sorted values; a group of ties at sorted positions [start, end) shares the average rank.
        for (int start = 0; start < total; ) {
            double v = all[order[start]] + 0.0;
            int end = start + 1;
            while (end < total && all[order[end]] + 0.0 == v) {
                end++;
            }
            double rank = 0.5 * (start + 1 + end); // average of ranks start+1 … end
            double score = Normals.inverseCdf((rank - offset) / denominator);
            for (int k = start; k < end; k++) {
                z[order[k]] = score;
            }
            start = end;
        }
        double[][] out = new double[values.length][];
        int k = 0;
        for (int c = 0; c < values.length; c++) {
            out[c] = java.util.Arrays.copyOfRange(z, k, k + values[c].length);
            k += values[c].length;
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------

    private static double essIndicator(double[][] draws, double threshold) {
        double[][] indicator = new double[draws.length][];
        for (int c = 0; c < draws.length; c++) {
            indicator[c] = new double[draws[c].length];
            for (int i = 0; i < draws[c].length; i++) {
                indicator[c][i] = draws[c][i] <= threshold ? 1.0 : 0.0;
            }
        }
        return essOfChains(split(indicator));
    }

    /** rstan's {@code rhat_rfun} on already split (and possibly normalised) chains. */
    static double rhat(double[][] chains) {
        if (isConstant(chains)) {
            return 1.0;
        }
        int m = chains.length;
        int n = chains[0].length;
        double[] means = new double[m];
        double withinSum = 0.0;
        for (int c = 0; c < m; c++) {
            means[c] = Moments.mean(chains[c]);
            withinSum += Moments.variance(chains[c]);
        }
        double within = withinSum / m;
        double between = m > 1 ? n * Moments.variance(means) : 0.0;
        return Math.sqrt((between / within + n - 1) / n);
    }

    /** rstan's {@code ess_rfun} on already split (and possibly transformed) chains. */
    static double essOfChains(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        double total = (double) m * n;
        if (isConstant(chains)) {
            return total;
        }
        double[][] acov = new double[m][];
        double[] chainMeans = new double[m];
        Autocovariance autocovariance = new Autocovariance(n);
        for (int c = 0; c < m; c++) {
            acov[c] = autocovariance.of(chains[c]);
            chainMeans[c] = Moments.mean(chains[c]);
        }
        double meanVar = meanAt(acov, 0) * n / (n - 1.0);
        double varPlus = meanVar * (n - 1.0) / n;
        if (m > 1) {
            varPlus += Moments.variance(chainMeans);
        }
        double[] rho = new double[n];
        int t = 0;
        double rhoEven = 1.0;
        rho[0] = rhoEven;
        double rhoOdd = 1.0 - (meanVar - meanAt(acov, 1)) / varPlus;
        rho[1] = rhoOdd;
        // Geyer's initial positive sequence: stop at the first negative pair sum Γ_k = ρ_{2k} + ρ_{2k+1}.
        while (t < n - 5 && !Double.isNaN(rhoEven + rhoOdd) && rhoEven + rhoOdd > 0.0) {
            t += 2;
            rhoEven = 1.0 - (meanVar - meanAt(acov, t)) / varPlus;
            rhoOdd = 1.0 - (meanVar - meanAt(acov, t + 1)) / varPlus;
            if (rhoEven + rhoOdd >= 0.0) {
                rho[t] = rhoEven;
                rho[t + 1] = rhoOdd;
            }
        }
        int maxT = t;
        if (rhoEven > 0.0) {
            rho[maxT] = rhoEven; // used by the improved (antithetic-aware) estimate below
        }
        // Geyer's initial monotone sequence: pair sums may not increase.
        t = 0;
        while (t <= maxT - 4) {
            t += 2;
            if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) {
                rho[t] = 0.5 * (rho[t - 2] + rho[t - 1]);
                rho[t + 1] = rho[t];
            }
        }
        double sum = 0.0;
        for (int i = 0; i < maxT; i++) {
            sum += rho[i];
        }
        double tau = -1.0 + 2.0 * sum + rho[maxT];
        tau = Math.max(tau, 1.0 / StrictMath.log10(total));
        return total / tau;
    }

    private static double meanAt(double[][] acov, int lag) {
        double sum = 0.0;
        for (double[] a : acov) {
            sum += a[lag];
        }
        return sum / acov.length;
    }

    /** rstan's {@code split_chains}: halves of every chain, the middle draw dropped for odd lengths. */
    static double[][] split(double[][] draws) {
        int n = draws[0].length;
        int half = n / 2;
        int secondStart = n - half;
        double[][] out = new double[2 * draws.length][];
        for (int c = 0; c < draws.length; c++) {
            out[2 * c] = Arrays.copyOfRange(draws[c], 0, half);
            out[2 * c + 1] = Arrays.copyOfRange(draws[c], secondStart, n);
        }
        return out;
    }

    private static boolean isConstant(double[][] chains) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] chain : chains) {
            for (double v : chain) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return Math.abs(max - min) < MACHINE_EPSILON;
    }

    static double[] flatten(double[][] draws) {
        int total = 0;
        for (double[] chain : draws) {
            total += chain.length;
        }
        double[] all = new double[total];
        int k = 0;
        for (double[] chain : draws) {
            System.arraycopy(chain, 0, all, k, chain.length);
            k += chain.length;
        }
        return all;
    }

    private static void checkOffset(double offset) {
        if (!(offset >= 0.0 && offset < 1.0)) {
            throw new IllegalArgumentException("offset must be in [0, 1), got " + offset);
        }
    }

    /**
     * Validates draws[chain][draw]: at least one chain, all of one length of at least {@code minDraws},
     * every draw finite.
     */
    static void check(double[][] draws, int minDraws) {
        if (draws == null || draws.length == 0) {
            throw new IllegalArgumentException("draws must hold at least one chain, got "
                    + (draws == null ? "null" : "0 chains"));
        }
        if (draws[0] == null) {
            throw new IllegalArgumentException("draws[0] (chain 0) must not be null");
        }
        int n = draws[0].length;
        if (n < minDraws) {
            throw new IllegalArgumentException("each chain must have at least " + minDraws
                    + " draws (split halves need them), chain 0 has " + n);
        }
        for (int c = 0; c < draws.length; c++) {
            double[] chain = draws[c];
            if (chain == null) {
                throw new IllegalArgumentException("draws[" + c + "] (chain " + c + ") must not be null");
            }
            if (chain.length != n) {
                throw new IllegalArgumentException("all chains must have the same number of draws: chain 0 has "
                        + n + ", chain " + c + " has " + chain.length + " (ragged array)");
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(chain[i])) {
                    throw new IllegalArgumentException("draws[" + c + "][" + i + "] (chain " + c + ", draw " + i
                            + ") must be finite, got " + chain[i]);
                }
            }
        }
    }
}
