package org.wiener.brownian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Marginal laws of the tree's answers (brownian.md §1.1, §8.1): over one tree per seed (seeds 0..N-1),
 * W/√h, H/√(h/12) and K/√(h/720) of an interval of length h are N(0, 1) (Kolmogorov–Smirnov), and their
 * cross moments vanish (W, H, K of one interval are independent). Intervals: dyadic and not, short (a few
 * leaves), spanning most of the tree, the whole interval, on a tree over [0, 5] and one over [-1.3, 2.2]
 * with leaves of 2⁻¹⁰ of the span; all three Lévy levels. Also: value(t) is bit-for-bit the W of
 * increment(t0, t), and dyadic endpoints keep the right law when the node cache is off.
 *
 * <p>Thresholds. KS: p-value &gt; 1e-3. The seeds are fixed, so each test is deterministic: the threshold
 * only has to make a correct tree pass for these seeds (it does) while any real error of the law is
 * detected; at n = 20,000 a KS test at 1e-3 detects a shift of the mean of about 0.03 sd or an error of
 * the sd of about 2%. Cross moments: for n samples of a product of two independent standard normals the
 * sd of the sample mean is 1/√n; we allow 5/√n.
 */
class TreeMarginalsTest {

    private static final int N = 20000;
    private static final double P_MIN = 1e-3;
    private static final NormalDistribution STD_NORMAL = new NormalDistribution(0.0, 1.0);

    /** A tree specification and the intervals queried on it. */
    private static final class Case {
        final String name;
        final double t0;
        final double t1;
        final double[][] intervals;
        final String[] labels;

        Case(String name, double t0, double t1, double[][] intervals, String[] labels) {
            this.name = name;
            this.t0 = t0;
            this.t1 = t1;
            this.intervals = intervals;
            this.labels = labels;
        }
    }

    private static final Case[] CASES = {
        new Case("[0, 5]", 0.0, 5.0,
            new double[][] {{1.25, 2.5}, {0.3, 4.1}, {1.001, 1.013}, {0.2, 4.9}, {0.0, 5.0}, {0.0, 2.5}},
            new String[] {"dyadic", "non-dyadic", "short (3 leaves)", "many leaves", "whole", "to the dyadic midpoint"}),
        new Case("[-1.3, 2.2]", -1.3, 2.2,
            new double[][] {{-1.0, 1.9}, {0.5, 0.512}, {-1.3, 2.2}, {0.0, 2.2}},
            new String[] {"non-dyadic", "short (4 leaves)", "whole", "to the end"}),
    };

    /** Standardised (W, H, K) per case, interval, quantity and seed. */
    private static double[][][][] sample(LevyArea level, int cacheSize) {
        double[][][][] out = new double[CASES.length][][][];
        for (int c = 0; c < CASES.length; c++) {
            out[c] = new double[CASES[c].intervals.length][3][N];
        }
        MutableBrownianIncrement inc = new MutableBrownianIncrement(1, level);
        for (int seed = 0; seed < N; seed++) {
            for (int c = 0; c < CASES.length; c++) {
                Case cs = CASES[c];
                VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(cs.t0, cs.t1)
                        .tolerance((cs.t1 - cs.t0) * 0x1.0p-10).levyArea(level).seed(seed).cacheSize(cacheSize).build();
                for (int k = 0; k < cs.intervals.length; k++) {
                    tree.increment(cs.intervals[k][0], cs.intervals[k][1], inc);
                    double h = inc.dt();
                    out[c][k][0][seed] = inc.w()[0] / Math.sqrt(h);
                    if (level.hasSpaceTime()) {
                        out[c][k][1][seed] = inc.h()[0] / Math.sqrt(h / 12.0);
                    }
                    if (level.hasSpaceTimeTime()) {
                        out[c][k][2][seed] = inc.k()[0] / Math.sqrt(h / 720.0);
                    }
                }
            }
        }
        return out;
    }

    private static double meanProduct(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s / x.length;
    }

    @ParameterizedTest
    @EnumSource(LevyArea.class)
    void standardisedIncrementsAndAreasAreStandardNormalAndUncorrelated(LevyArea level) {
        double[][][][] z = sample(level, 256);
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        String[] names = {"W/sqrt(h)", "H/sqrt(h/12)", "K/sqrt(h/720)"};
        int count = level.ordinal() + 1;
        double crossLimit = 5.0 / Math.sqrt(N);
        List<String> failures = new ArrayList<>();
        int tests = 0;
        for (int c = 0; c < CASES.length; c++) {
            for (int k = 0; k < CASES[c].intervals.length; k++) {
                String where = level + " tree " + CASES[c].name + ", " + CASES[c].labels[k] + " interval "
                        + java.util.Arrays.toString(CASES[c].intervals[k]);
                for (int q = 0; q < count; q++) {
                    double p = ks.kolmogorovSmirnovTest(STD_NORMAL, z[c][k][q], false);
                    tests++;
                    if (!(p > P_MIN)) {
                        failures.add(where + ": KS of " + names[q] + " against N(0,1), p = " + p);
                    }
                }
                for (int q = 0; q < count; q++) {
                    for (int r = q + 1; r < count; r++) {
                        double m = meanProduct(z[c][k][q], z[c][k][r]);
                        tests++;
                        if (Math.abs(m) > crossLimit) {
                            failures.add(where + ": mean(" + names[q] + " · " + names[r] + ") = " + m
                                    + ", limit " + crossLimit);
                        }
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + tests + " marginal checks failed:\n  " + String.join("\n  ", failures));
        }
    }

    /**
     * Intervals ending at a dyadic node (here 2.5, the midpoint of [0, 5], and [1.25, 2.5]) must have
     * the same N(0, h) law when the tree is built with {@code cacheSize(0)} (documented as changing
     * nothing but speed).
     */
    @Test
    void dyadicEndpointsKeepTheirLawWithoutTheNodeCache() {
        double[][] intervals = {{1.25, 2.5}, {0.0, 2.5}, {0.0, 1.25}, {2.5, 3.75}};
        double[][] w = new double[intervals.length][N];
        for (int seed = 0; seed < N; seed++) {
            VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(0.0, 5.0).tolerance(5.0 * 0x1.0p-10)
                    .levyArea(LevyArea.SPACE_TIME_TIME).seed(seed).cacheSize(0).build();
            for (int k = 0; k < intervals.length; k++) {
                w[k][seed] = tree.increment(intervals[k][0], intervals[k][1]).w(0)
                        / Math.sqrt(intervals[k][1] - intervals[k][0]);
            }
        }
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        List<String> failures = new ArrayList<>();
        for (int k = 0; k < intervals.length; k++) {
            double p = ks.kolmogorovSmirnovTest(STD_NORMAL, w[k], false);
            double var = meanProduct(w[k], w[k]);
            if (!(p > P_MIN)) {
                failures.add("cacheSize(0), W over " + java.util.Arrays.toString(intervals[k])
                        + ": KS p = " + p + ", sample variance of W/sqrt(h) = " + var + " (should be 1)");
            }
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n  ", failures));
        }
    }

    @Test
    void valueIsBitForBitTheWOfTheIncrementFromT0() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (LevyArea level : LevyArea.values()) {
            for (int cache : new int[] {0, 1, 256}) {
                for (double[] iv : new double[][] {{0.0, 5.0}, {-1.3, 2.2}}) {
                    VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(iv[0], iv[1])
                            .tolerance((iv[1] - iv[0]) * 0x1.0p-10).levyArea(level).dimension(2).seed(17)
                            .cacheSize(cache).build();
                    MutableBrownianIncrement inc = new MutableBrownianIncrement(2, level);
                    double[] out = new double[2];
                    for (int q = 0; q < 500; q++) {
                        double t;
                        if (q < 3) {
                            t = q == 0 ? iv[0] : q == 1 ? iv[1] : iv[0] + 0.5 * (iv[1] - iv[0]);
                        } else if (q % 3 == 0) {
                            t = iv[0] + (iv[1] - iv[0]) * (rnd.nextInt(1024) / 1024.0); // leaf grid points
                        } else {
                            t = iv[0] + (iv[1] - iv[0]) * rnd.nextDouble();
                        }
                        tree.value(t, out);
                        double[] viaAlloc = tree.value(t);
                        tree.increment(iv[0], t, inc);
                        BrownianIncrement snap = tree.increment(iv[0], t);
                        for (int j = 0; j < 2; j++) {
                            String where = level + ", cache " + cache + ", t = " + t + ", component " + j;
                            long bits = Double.doubleToRawLongBits(out[j]);
                            assertEquals(bits, Double.doubleToRawLongBits(inc.w()[j]), where + ": value vs increment(t0, t)");
                            assertEquals(bits, Double.doubleToRawLongBits(snap.w(j)), where + ": value vs snapshot");
                            assertEquals(bits, Double.doubleToRawLongBits(viaAlloc[j]), where + ": value(t) vs value(t, out)");
                        }
                    }
                    double[] atStart = tree.value(iv[0]);
                    assertTrue(atStart[0] == 0.0 && atStart[1] == 0.0, "W at t0 is 0");
                }
            }
        }
    }
}
