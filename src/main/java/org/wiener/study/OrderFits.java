package org.wiener.study;

import java.util.Arrays;

import org.wiener.random.CounterStream;

/**
 * Least-squares order fits and their path bootstrap.
 *
 * <p>The bootstrap resamples <em>paths</em> with replacement (each path keeps its errors at every level,
 * so the correlation between levels is preserved), recomputes the per-level statistic from the resampled
 * paths and refits the slope; the interval is the 2.5% and 97.5% percentiles (type 7, linear
 * interpolation) of the resampled slopes. The resampling draws come from a {@link CounterStream} keyed
 * by the given seed, so intervals are reproducible.
 */
public final class OrderFits {

    /** Stream word of the bootstrap's {@link CounterStream}, apart from every other use of a seed. */
    static final long BOOTSTRAP_STREAM = 0xB0075_7A9L;

    private OrderFits() {
    }

    /**
     * Ordinary least squares y ≈ slope·x + intercept.
     *
     * @param x abscissae, at least two distinct values
     * @param y ordinates, same length
     * @return {slope, intercept} (NaN if some y is not finite)
     */
    public static double[] leastSquares(double[] x, double[] y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("x and y must not be null");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y must have the same length, got " + x.length + " and " + y.length);
        }
        if (x.length < 2) {
            throw new IllegalArgumentException("x must hold at least 2 points, got " + x.length);
        }
        int n = x.length;
        double mx = 0.0;
        double my = 0.0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0.0;
        double sxx = 0.0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            sxy += dx * (y[i] - my);
            sxx += dx * dx;
        }
        if (!(sxx > 0.0)) {
            throw new IllegalArgumentException("x must hold at least 2 distinct finite values, got " + Arrays.toString(x));
        }
        double slope = sxy / sxx;
        return new double[] {slope, my - slope * mx};
    }

    /**
     * @param x abscissae
     * @param y ordinates
     * @return the least-squares slope
     */
    public static double slope(double[] x, double[] y) {
        return leastSquares(x, y)[0];
    }

    /**
     * The type-7 quantile (linear interpolation between order statistics, as R's default).
     *
     * @param values the sample (not modified); NaN anywhere gives NaN
     * @param q the probability, in [0, 1]
     * @return the quantile
     */
    public static double quantile(double[] values, double q) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("values must not be empty");
        }
        if (!(q >= 0.0 && q <= 1.0)) {
            throw new IllegalArgumentException("q must be in [0, 1], got " + q);
        }
        double[] v = values.clone();
        for (double d : v) {
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
        }
        Arrays.sort(v);
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, v.length - 1);
        double frac = pos - lo;
        return frac == 0.0 ? v[lo] : v[lo] + frac * (v[hi] - v[lo]);
    }

    /**
     * The strong-order fit of per-path squared errors with a 95% path bootstrap: the error at level k is
     * sqrt(mean over paths of {@code squaredErrors[k][p]}) and the slope is that of its log against
     * {@code x[k]}.
     *
     * @param x the abscissa per level (e.g. log h, or −log of the mean steps)
     * @param squaredErrors per level, per path
     * @param resamples bootstrap resamples, ≥ 0 (0: interval NaN)
     * @param seed the bootstrap seed
     * @return {slope, low, high}
     */
    public static double[] rmsSlopeWithInterval(double[] x, double[][] squaredErrors, int resamples, long seed) {
        if (x == null) {
            throw new IllegalArgumentException("x must not be null");
        }
        if (resamples < 0) {
            throw new IllegalArgumentException("resamples must be >= 0, got " + resamples);
        }
        checkPerPath(squaredErrors, x.length, "squaredErrors");
        double[][] sq = squaredErrors;
        double[][] slopes = bootstrap(new Statistic[] {rmsStatistic(sq, x, null)}, sq[0].length, resamples, seed);
        return withInterval(slopes[0]);
    }

    /** A per-resample slope: given path counts (null = every path once), the fitted slope. */
    interface Statistic {
        double slope(int[] counts, int totalCount);
    }

    /**
     * Slope of log sqrt(mean squared error) per level; abscissa either fixed ({@code x}) or −log of the
     * (resampled) mean of {@code steps}.
     */
    static Statistic rmsStatistic(double[][] sq, double[] x, double[][] steps) {
        int levels = sq.length;
        return (counts, total) -> {
            double[] y = new double[levels];
            double[] xx = steps == null ? x : new double[levels];
            for (int k = 0; k < levels; k++) {
                y[k] = 0.5 * Math.log(weightedMean(sq[k], counts, total));
                if (steps != null) {
                    xx[k] = -Math.log(weightedMean(steps[k], counts, total));
                }
            }
            return safeSlope(xx, y);
        };
    }

    /**
     * Slope of log |mean of d| per level (weak errors from paired differences); abscissa as in
     * {@link #rmsStatistic}.
     */
    static Statistic meanAbsStatistic(double[][] d, double[] x, double[][] steps) {
        int levels = d.length;
        return (counts, total) -> {
            double[] y = new double[levels];
            double[] xx = steps == null ? x : new double[levels];
            for (int k = 0; k < levels; k++) {
                y[k] = Math.log(Math.abs(weightedMean(d[k], counts, total)));
                if (steps != null) {
                    xx[k] = -Math.log(weightedMean(steps[k], counts, total));
                }
            }
            return safeSlope(xx, y);
        };
    }

    /** Mean in path order, each path weighted by its count (all 1 when counts is null). */
    static double weightedMean(double[] v, int[] counts, int total) {
        double s = 0.0;
        if (counts == null) {
            for (double d : v) {
                s += d;
            }
            return s / v.length;
        }
        for (int p = 0; p < v.length; p++) {
            if (counts[p] != 0) {
                s += counts[p] * v[p];
            }
        }
        return s / total;
    }

    private static double safeSlope(double[] x, double[] y) {
        if (x.length < 2) {
            return Double.NaN;
        }
        for (int k = 0; k < x.length; k++) {
            if (!Double.isFinite(x[k]) || !Double.isFinite(y[k])) {
                return Double.NaN;
            }
        }
        return leastSquares(x, y)[0];
    }

    /**
     * Evaluates each statistic on the full sample and on {@code resamples} path resamples (the same
     * resamples for every statistic).
     *
     * @return per statistic: [0] the full-sample slope, [1 …] the resampled slopes
     */
    static double[][] bootstrap(Statistic[] statistics, int paths, int resamples, long seed) {
        double[][] out = new double[statistics.length][1 + resamples];
        for (int s = 0; s < statistics.length; s++) {
            out[s][0] = statistics[s].slope(null, paths);
        }
        CounterStream stream = new CounterStream(seed, BOOTSTRAP_STREAM);
        int[] counts = new int[paths];
        for (int b = 0; b < resamples; b++) {
            Arrays.fill(counts, 0);
            for (int p = 0; p < paths; p++) {
                counts[stream.nextInt(paths)]++;
            }
            for (int s = 0; s < statistics.length; s++) {
                out[s][1 + b] = statistics[s].slope(counts, paths);
            }
        }
        return out;
    }

    /** @return {full-sample slope, 2.5% quantile, 97.5% quantile} of a {@link #bootstrap} row */
    static double[] withInterval(double[] row) {
        if (row.length == 1) {
            return new double[] {row[0], Double.NaN, Double.NaN};
        }
        double[] resampled = Arrays.copyOfRange(row, 1, row.length);
        return new double[] {row[0], quantile(resampled, 0.025), quantile(resampled, 0.975)};
    }

    private static void checkPerPath(double[][] v, int levels, String name) {
        if (v == null || v.length != levels) {
            throw new IllegalArgumentException(name + " must hold one row per level (" + levels + "), got "
                    + (v == null ? "null" : v.length));
        }
        if (levels < 2) {
            throw new IllegalArgumentException(name + " must hold at least 2 levels, got " + levels);
        }
        int paths = v[0].length;
        if (paths < 1) {
            throw new IllegalArgumentException(name + " must hold at least 1 path");
        }
        for (double[] row : v) {
            if (row.length != paths) {
                throw new IllegalArgumentException(name + " rows must have equal lengths (one entry per path)");
            }
        }
    }
}
