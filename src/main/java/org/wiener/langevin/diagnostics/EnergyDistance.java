package org.wiener.langevin.diagnostics;

/**
 * The energy distance of Székely &amp; Rizzo (2013), "Energy statistics: a class of statistics based on
 * distances", J. Statist. Plann. Inference 143(8), as the V-statistic used in paper A's logistic-regression
 * evaluation ({@code reference/langevin.md} §10.6):
 * <pre>
 *   D²(X, Y) = 2·mean‖Xᵢ − Yⱼ‖ − mean‖Xᵢ − Xᵢ'‖ − mean‖Yⱼ − Yⱼ'‖,
 * </pre>
 * with Euclidean norms and every mean over all ordered pairs, i = i' included (the V-statistic; it is ≥ 0
 * and exactly 0 for identical samples).
 *
 * <p>Exact O((n + m)²·d) time and O(1) extra memory: about 3·10⁸ distance evaluations for two samples of
 * 2¹⁴ points, a few seconds per call; subsample larger samples first (as paper A does, at most 2¹⁵ points
 * per side). Each row's distances are summed separately before the rows are added, which keeps the
 * rounding error well below the size of the small differences the statistic measures. Stateless.
 */
public final class EnergyDistance {

    private EnergyDistance() {
    }

    /**
     * @param a sample X as [point][coordinate] (at least one point, all finite)
     * @param b sample Y as [point][coordinate], same dimension
     * @return the V-statistic D²(X, Y) ≥ 0 (up to rounding)
     * @throws IllegalArgumentException on empty or ragged samples, different dimensions or non-finite values
     */
    public static double of(double[][] a, double[][] b) {
        int d = check("a", a, -1);
        check("b", b, d);
        double cross = meanDistance(a, b);
        double withinA = meanWithin(a);
        double withinB = meanWithin(b);
        return 2.0 * cross - withinA - withinB;
    }

    private static double meanDistance(double[][] a, double[][] b) {
        double total = 0.0;
        for (double[] x : a) {
            double row = 0.0;
            for (double[] y : b) {
                row += distance(x, y);
            }
            total += row;
        }
        return total / ((double) a.length * b.length);
    }

    /** Mean over all n² ordered pairs, computed from the n(n − 1)/2 unordered ones. */
    private static double meanWithin(double[][] a) {
        double total = 0.0;
        for (int i = 0; i < a.length; i++) {
            double row = 0.0;
            for (int j = i + 1; j < a.length; j++) {
                row += distance(a[i], a[j]);
            }
            total += row;
        }
        return 2.0 * total / ((double) a.length * a.length);
    }

    private static double distance(double[] x, double[] y) {
        double sum = 0.0;
        for (int k = 0; k < x.length; k++) {
            double diff = x[k] - y[k];
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }

    private static int check(String name, double[][] sample, int dimension) {
        if (sample == null || sample.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one point, got "
                    + (sample == null ? "null" : "0 points"));
        }
        int d = dimension;
        for (int i = 0; i < sample.length; i++) {
            double[] point = sample[i];
            if (point == null) {
                throw new IllegalArgumentException(name + "[" + i + "] must not be null");
            }
            if (d < 0) {
                d = point.length;
                if (d == 0) {
                    throw new IllegalArgumentException(name + "[0] must have at least one coordinate, got 0");
                }
            }
            if (point.length != d) {
                throw new IllegalArgumentException(name + "[" + i + "] must have " + d
                        + " coordinates (the dimension" + (dimension < 0 ? " of " + name + "[0]" : " of a")
                        + "), got " + point.length);
            }
            for (int k = 0; k < d; k++) {
                if (!Double.isFinite(point[k])) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + k + "] (point " + i + ", coordinate "
                            + k + ") must be finite, got " + point[k]);
                }
            }
        }
        return d;
    }
}
