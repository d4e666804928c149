package org.wiener.brownian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wiener.brownian.TreeAlgebraTest.KernelOracle;

/**
 * The conditional law of the tree's (W, H̄, K̄) at a point r between two points s &lt; u, given the data of
 * [s, u], is the exact Gaussian conditional law (brownian.md §5, and for the whole two-stage descent, the
 * kernel representation of §1.3, {@link KernelOracle}). Over 20,000 seeds (one tree each) we query
 * [s, r], [r, u] and [s, u], form residuals = value − oracle conditional mean, and test their mean, their
 * covariance against the oracle conditional covariance, and their orthogonality to the [s, u] data.
 *
 * <p>Configurations: (a) a fine tree (leaves 2⁻¹⁰ of the span) with s, r, u many leaves apart, where the
 * law is exact because the three times lie in different leaves; (b) coarse trees where only the
 * final-level rule (0 levels) or one halving plus the final-level rule (1 level) acts, with r not dyadic:
 * the "spline test" of §8.3/§8.4 that shows the final-level draw is exact rather than plausible. For (b)
 * the same statistic is shown to reject the wrong final-level rules "zero" (linear interpolation) and, for
 * Brownian motion, "quad" (sd ab/h instead of √(ab/h)), built from the same samples.
 *
 * <p>Thresholds (5 standard errors, each derived from the Gaussian sampling error with n samples and the
 * oracle covariance C of the residual R and the unconditional variance V of the data Y):
 * mean(R_i) has sd √(C_ii/n); mean(R_i R_j) has sd √((C_ii C_jj + C_ij²)/n) (Isserlis); mean(R_i Y_j) has
 * sd √(C_ii V_j/n) since R is independent of Y. With fixed seeds the test is deterministic; 5 sd keeps a
 * correct tree from failing by chance (about 6·10⁻⁷ per statistic under normality).
 */
class TreeConditionalLawTest {

    private static final int N = 20000;
    private static final double Z_MAX = 5.0;

    /** Barred (W, H̄, K̄) of each interval, first {@code count} quantities, for seeds 0..N-1. */
    private static double[][][] collect(LevyArea level, double t0, double t1, double tol, int expectedLevels,
                                        double[][] intervals) {
        int count = level.ordinal() + 1;
        double[][][] out = new double[intervals.length][N][count];
        MutableBrownianIncrement inc = new MutableBrownianIncrement(1, level);
        for (int seed = 0; seed < N; seed++) {
            VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(t0, t1).tolerance(tol)
                    .levyArea(level).seed(seed).build();
            if (seed == 0) {
                assertEquals(expectedLevels, tree.levels(), "levels of the tree under test");
            }
            for (int k = 0; k < intervals.length; k++) {
                tree.increment(intervals[k][0], intervals[k][1], inc);
                double dt = inc.dt();
                double[] row = out[k][seed];
                row[0] = inc.w()[0];
                if (count > 1) {
                    row[1] = dt * inc.h()[0];
                }
                if (count > 2) {
                    row[2] = dt * dt * inc.k()[0];
                }
            }
        }
        return out;
    }

    /** Rows of the given interval samples side by side. */
    private static double[][] concat(double[][]... parts) {
        int n = parts[0].length;
        int width = 0;
        for (double[][] p : parts) {
            width += p[0].length;
        }
        double[][] out = new double[n][width];
        for (int i = 0; i < n; i++) {
            int o = 0;
            for (double[][] p : parts) {
                System.arraycopy(p[i], 0, out[i], o, p[i].length);
                o += p[i].length;
            }
        }
        return out;
    }

    /** The oracle law of the concatenated x intervals given the y interval: {B, C, V (diag of Var y)}. */
    private static double[][][] oracle(int count, double[][] xIntervals, double[] yInterval) {
        KernelOracle.Functional[][] xs = new KernelOracle.Functional[xIntervals.length][];
        for (int k = 0; k < xIntervals.length; k++) {
            xs[k] = KernelOracle.triple(xIntervals[k][0], xIntervals[k][1], count);
        }
        KernelOracle.Functional[] y = KernelOracle.triple(yInterval[0], yInterval[1], count);
        BigDecimal[][][] bc = KernelOracle.condition(KernelOracle.join(xs), y);
        double[][] v = KernelOracle.toDouble(KernelOracle.cov(y, y));
        double[] vd = new double[count];
        for (int j = 0; j < count; j++) {
            vd[j] = v[j][j];
        }
        return new double[][][] {KernelOracle.toDouble(bc[0]), KernelOracle.toDouble(bc[1]), {vd}};
    }

    /** The outcome of comparing samples with a conditional law: the largest |z| and where it occurred. */
    static final class Verdict {
        double maxAbsZ;
        String worst = "none";
        final List<String> failures = new ArrayList<>();

        void add(String what, double z) {
            double az = Double.isNaN(z) ? Double.POSITIVE_INFINITY : Math.abs(z);
            if (az > maxAbsZ) {
                maxAbsZ = az;
                worst = what + " z = " + z;
            }
            if (az > Z_MAX) {
                failures.add(what + " z = " + z);
            }
        }

        @Override
        public String toString() {
            return "max |z| = " + maxAbsZ + " at " + worst + (failures.isEmpty() ? "" : "; failures " + failures);
        }
    }

    /** Residual statistics of x against mean B·y and covariance C (see the class comment for the sd's). */
    static Verdict compare(double[][] x, double[][] y, double[][] b, double[][] c, double[] yVar) {
        int n = x.length;
        int p = x[0].length;
        int q = y[0].length;
        double[][] r = new double[n][p];
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < p; i++) {
                double m = 0;
                for (int k = 0; k < q; k++) {
                    m += b[i][k] * y[s][k];
                }
                r[s][i] = x[s][i] - m;
            }
        }
        Verdict v = new Verdict();
        for (int i = 0; i < p; i++) {
            double sum = 0;
            for (int s = 0; s < n; s++) {
                sum += r[s][i];
            }
            v.add("mean(R" + i + ")", (sum / n) / Math.sqrt(c[i][i] / n));
            for (int j = i; j < p; j++) {
                double sij = 0;
                for (int s = 0; s < n; s++) {
                    sij += r[s][i] * r[s][j];
                }
                sij /= n;
                double sd = Math.sqrt((c[i][i] * c[j][j] + c[i][j] * c[i][j]) / n);
                v.add("cov(R" + i + ",R" + j + ") = " + sij + " vs " + c[i][j], (sij - c[i][j]) / sd);
            }
            for (int k = 0; k < q; k++) {
                double sik = 0;
                for (int s = 0; s < n; s++) {
                    sik += r[s][i] * y[s][k];
                }
                sik /= n;
                v.add("mean(R" + i + "·Y" + k + ")", sik / Math.sqrt(c[i][i] * yVar[k] / n));
            }
        }
        return v;
    }

    private static Verdict check(LevyArea level, double[][][] samples, double[][] intervals, int[] xIdx, int yIdx) {
        int count = level.ordinal() + 1;
        double[][][] xs = new double[xIdx.length][][];
        double[][] xIv = new double[xIdx.length][];
        for (int k = 0; k < xIdx.length; k++) {
            xs[k] = samples[xIdx[k]];
            xIv[k] = intervals[xIdx[k]];
        }
        double[][][] law = oracle(count, xIv, intervals[yIdx]);
        return compare(concat(xs), samples[yIdx], law[0], law[1], law[2][0]);
    }

    // ------------------------------------------------------------------------------------------------
    // (a) fine tree, s, r, u far apart
    // ------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(LevyArea.class)
    void fineTreeMatchesTheExactConditionalLaw(LevyArea level) {
        double t0 = -1.3;
        double t1 = 2.2;
        double[][] intervals = {
            {-0.9, 0.37}, {0.37, 1.71}, {-0.9, 1.71}, // s, r, u spread out
            {0.1, 0.13}, {0.13, 0.9}, {0.1, 0.9}};    // r close to s (about nine leaves)
        double[][][] samples = collect(level, t0, t1, (t1 - t0) * 0x1.0p-10, 10, intervals);
        Verdict v1 = check(level, samples, intervals, new int[] {0, 1}, 2);
        Verdict v2 = check(level, samples, intervals, new int[] {3, 4}, 5);
        assertTrue(v1.failures.isEmpty(), level + ", r = 0.37 between -0.9 and 1.71: " + v1);
        assertTrue(v2.failures.isEmpty(), level + ", r = 0.13 between 0.1 and 0.9: " + v2);
    }

    // ------------------------------------------------------------------------------------------------
    // (b) coarse trees: the final-level rule alone, and after one halving
    // ------------------------------------------------------------------------------------------------

    /**
     * tol ≥ span: no halving, so [t0, r] given the root is exactly the final-level draw of §5 (§8.4, tol = 100).
     * Also builds the "zero" rule (and for Brownian motion the "quad" rule) from the same samples and checks
     * the statistic rejects them.
     */
    @ParameterizedTest
    @EnumSource(LevyArea.class)
    void finalLevelRuleAloneIsExactAndWrongRulesWouldFail(LevyArea level) {
        double t0 = 0.0;
        double t1 = 5.0;
        double[][] intervals = {{0.0, 1.7}, {1.7, 5.0}, {0.0, 5.0}, {0.0, 4.6}, {4.6, 5.0}};
        double[][][] samples = collect(level, t0, t1, 10.0, 0, intervals);
        Verdict v1 = check(level, samples, intervals, new int[] {0, 1}, 2);
        Verdict v2 = check(level, samples, intervals, new int[] {3, 4}, 2);
        assertTrue(v1.failures.isEmpty(), level + ", 0 levels, r = 1.7 in [0, 5]: " + v1);
        assertTrue(v2.failures.isEmpty(), level + ", 0 levels, r = 4.6 in [0, 5]: " + v2);

        // The wrong rules, from the same data. "zero": x = E[x | y] exactly, so the residual variance is 0,
        // about sqrt(n/2) = 100 standard errors below the true conditional variance.
        int count = level.ordinal() + 1;
        double[][][] law = oracle(count, new double[][] {intervals[0]}, intervals[2]);
        double[][] y = samples[2];
        double[][] zero = new double[N][count];
        for (int s = 0; s < N; s++) {
            for (int i = 0; i < count; i++) {
                for (int k = 0; k < count; k++) {
                    zero[s][i] += law[0][i][k] * y[s][k];
                }
            }
        }
        Verdict right = compare(samples[0], y, law[0], law[1], law[2][0]);
        Verdict wrongZero = compare(zero, y, law[0], law[1], law[2][0]);
        assertTrue(right.failures.isEmpty(), "exact rule: " + right);
        assertTrue(wrongZero.maxAbsZ > 50, "the statistic must reject linear interpolation: " + wrongZero);
        if (level == LevyArea.NONE) {
            // "quad": sd (ab/h) instead of sqrt(ab/h) on the normalised interval [0, 1] (here h = 1, a = 1.7/5):
            // the same normal, rescaled. Its variance is ab/h = 0.2244 of the right one: rejected.
            double a = 1.7 / 5.0;
            double ab = a * (1.0 - a);
            double[][] quad = new double[N][1];
            for (int s = 0; s < N; s++) {
                quad[s][0] = zero[s][0] + (samples[0][s][0] - zero[s][0]) * Math.sqrt(ab);
            }
            Verdict wrongQuad = compare(quad, y, law[0], law[1], law[2][0]);
            assertTrue(wrongQuad.maxAbsZ > 50, "the statistic must reject the quad rule: " + wrongQuad);
        }
    }

    /**
     * tol = 0.9·span: one halving at 2.5 then the final-level rule in each leaf. Checks r in each leaf given
     * that leaf, the midpoint rule given the root, and the two-stage law of r = 1.7 given only the root; and
     * that a final-level "zero" rule would make the last one fail.
     */
    @ParameterizedTest
    @EnumSource(LevyArea.class)
    void oneHalvingThenFinalLevelIsExact(LevyArea level) {
        double[][] intervals = {
            {0.0, 1.7}, {1.7, 2.5}, {0.0, 2.5}, // 0..2: left leaf
            {2.5, 3.4}, {3.4, 5.0}, {2.5, 5.0}, // 3..5: right leaf
            {0.0, 5.0}, {1.7, 5.0}};            // 6, 7: root, and r = 1.7 to the end
        double[][][] samples = collect(level, 0.0, 5.0, 4.5, 1, intervals);
        Verdict left = check(level, samples, intervals, new int[] {0, 1}, 2);
        Verdict right = check(level, samples, intervals, new int[] {3, 4}, 5);
        Verdict mid = check(level, samples, intervals, new int[] {2, 5}, 6);
        Verdict twoStage = check(level, samples, intervals, new int[] {0, 7}, 6);
        assertTrue(left.failures.isEmpty(), level + ", r = 1.7 given [0, 2.5]: " + left);
        assertTrue(right.failures.isEmpty(), level + ", r = 3.4 given [2.5, 5]: " + right);
        assertTrue(mid.failures.isEmpty(), level + ", midpoint 2.5 given [0, 5]: " + mid);
        assertTrue(twoStage.failures.isEmpty(), level + ", r = 1.7 given only [0, 5]: " + twoStage);

        // Final-level "zero" rule: [0, 1.7] would be E[[0, 1.7] | [0, 2.5]], a function of the left leaf.
        int count = level.ordinal() + 1;
        double[][][] leafLaw = oracle(count, new double[][] {intervals[0]}, intervals[2]);
        double[][] zero = new double[N][count];
        for (int s = 0; s < N; s++) {
            for (int i = 0; i < count; i++) {
                for (int k = 0; k < count; k++) {
                    zero[s][i] += leafLaw[0][i][k] * samples[2][s][k];
                }
            }
        }
        double[][][] rootLaw = oracle(count, new double[][] {intervals[0]}, intervals[6]);
        Verdict wrong = compare(zero, samples[6], rootLaw[0], rootLaw[1], rootLaw[2][0]);
        Verdict ok = compare(samples[0], samples[6], rootLaw[0], rootLaw[1], rootLaw[2][0]);
        assertTrue(ok.failures.isEmpty(), "exact rule given the root: " + ok);
        assertTrue(wrong.maxAbsZ > 20, "a final-level zero rule must be rejected given the root: " + wrong);
    }
}
