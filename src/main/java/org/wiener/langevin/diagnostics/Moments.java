package org.wiener.langevin.diagnostics;

import java.util.Arrays;

/** Means, variances and R's type-7 quantiles, as R computes them (two-pass mean). */
final class Moments {

    private Moments() {
    }

    /** Mean with R's second-pass correction (the mean of the residuals is added back). */
    static double mean(double[] values) {
        int n = values.length;
        double sum = 0.0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        double correction = 0.0;
        for (double v : values) {
            correction += v - mean;
        }
        return mean + correction / n;
    }

    /** Sample variance (n − 1 denominator), two-pass. */
    static double variance(double[] values) {
        double mean = mean(values);
        double squares = 0.0;
        for (double v : values) {
            double c = v - mean;
            squares += c * c;
        }
        return squares / (values.length - 1);
    }

    /**
     * R's default quantile (type 7): with h = (n − 1)p, x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋)) on the sorted
     * values (0-based).
     */
    static double quantileSorted(double[] sorted, double p) {
        int n = sorted.length;
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= n - 1) {
            return sorted[n - 1];
        }
        double fraction = h - lo;
        return sorted[lo] + fraction * (sorted[lo + 1] - sorted[lo]);
    }

    static double[] sortedCopy(double[] values) {
        double[] sorted = values.clone();
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] += 0.0; // −0.0 → +0.0, so that R-style ties are ties for Arrays.sort too
        }
        Arrays.sort(sorted);
        return sorted;
    }
}
