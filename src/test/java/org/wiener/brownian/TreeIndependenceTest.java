package org.wiener.brownian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Independence in the tree's answers (brownian.md §1.1, §3.4, §6.4): (W, H, K) over disjoint intervals
 * are independent for Brownian motion, so over many seeds (one tree per seed) every sample correlation
 * between a quantity of one interval and a quantity of a disjoint one must vanish. Pairs: adjacent
 * intervals sharing a non-dyadic endpoint and sharing a dyadic node, intervals far apart, and short
 * intervals inside different leaves (adjacent and non-adjacent leaves; there the law of each is not exact,
 * see §6.4, but distinct leaves are still independent). Also the components of a d = 3 tree are
 * uncorrelated, over the same interval and over different ones.
 *
 * <p>Threshold: under independence the sample correlation of n pairs has sd ≈ 1/√n; we allow 5/√n
 * (n = 20,000: 0.035). A shared or reused normal between the two intervals (for example left and right
 * children drawn from one counter) gives correlations of order 0.1–1 and fails clearly.
 */
class TreeIndependenceTest {

    private static final int N = 20000;
    private static final double LIMIT = 5.0 / Math.sqrt(N);

    private static double correlation(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    @ParameterizedTest
    @EnumSource(LevyArea.class)
    void disjointIntervalsAreUncorrelated(LevyArea level) {
        double t0 = 0.0;
        double t1 = 5.0;
        double leaf = 5.0 * 0x1.0p-10;
        double[][][] pairs = {
            {{0.7, 1.9}, {1.9, 3.3}},                                  // adjacent, shared non-dyadic endpoint
            {{1.25, 2.5}, {2.5, 3.75}},                                // adjacent at the root's midpoint
            {{2.0, 2.5}, {2.5, 2.5 + 3 * leaf}},                       // adjacent, short and long, at a node
            {{0.1, 0.4}, {4.0, 4.9}},                                  // far apart
            {{300.2 * leaf, 300.7 * leaf}, {301.1 * leaf, 301.9 * leaf}}, // inside adjacent leaves
            {{511.3 * leaf, 511.8 * leaf}, {512.2 * leaf, 512.6 * leaf}}, // inside the leaves either side of 2.5
            {{100.1 * leaf, 100.9 * leaf}, {700.4 * leaf, 700.5 * leaf}}, // inside distant leaves
        };
        int count = level.ordinal() + 1;
        double[][][][] v = new double[pairs.length][2][count][N];
        MutableBrownianIncrement inc = new MutableBrownianIncrement(1, level);
        for (int seed = 0; seed < N; seed++) {
            VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(t0, t1).tolerance(leaf)
                    .levyArea(level).seed(seed).build();
            if (seed == 0) {
                assertEquals(10, tree.levels());
            }
            for (int p = 0; p < pairs.length; p++) {
                for (int side = 0; side < 2; side++) {
                    tree.increment(pairs[p][side][0], pairs[p][side][1], inc);
                    v[p][side][0][seed] = inc.w()[0];
                    if (count > 1) {
                        v[p][side][1][seed] = inc.h()[0];
                    }
                    if (count > 2) {
                        v[p][side][2][seed] = inc.k()[0];
                    }
                }
            }
        }
        String[] names = {"W", "H", "K"};
        List<String> failures = new ArrayList<>();
        for (int p = 0; p < pairs.length; p++) {
            for (int a = 0; a < count; a++) {
                for (int b = 0; b < count; b++) {
                    double rho = correlation(v[p][0][a], v[p][1][b]);
                    if (!(Math.abs(rho) <= LIMIT)) {
                        failures.add(level + ": corr(" + names[a] + java.util.Arrays.toString(pairs[p][0]) + ", "
                                + names[b] + java.util.Arrays.toString(pairs[p][1]) + ") = " + rho);
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " correlations above " + LIMIT + ":\n  " + String.join("\n  ", failures));
        }
    }

    /**
     * Components of a d = 3 tree, over a long interval, a dyadic one and one of about two leaves (where the
     * final-level draw dominates, so a final-level stream shared between components would show).
     */
    @ParameterizedTest
    @EnumSource(LevyArea.class)
    void componentsOfAThreeDimensionalTreeAreUncorrelated(LevyArea level) {
        double[][] intervals = {{0.7, 3.3}, {1.25, 2.5}, {3.3, 3.31}};
        int d = 3;
        int count = level.ordinal() + 1;
        // [interval][component][quantity][seed]
        double[][][][] v = new double[intervals.length][d][count][N];
        MutableBrownianIncrement inc = new MutableBrownianIncrement(d, level);
        for (int seed = 0; seed < N; seed++) {
            VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(0.0, 5.0).tolerance(5.0 * 0x1.0p-10)
                    .levyArea(level).dimension(d).seed(seed).build();
            for (int k = 0; k < intervals.length; k++) {
                tree.increment(intervals[k][0], intervals[k][1], inc);
                for (int j = 0; j < d; j++) {
                    v[k][j][0][seed] = inc.w()[j];
                    if (count > 1) {
                        v[k][j][1][seed] = inc.h()[j];
                    }
                    if (count > 2) {
                        v[k][j][2][seed] = inc.k()[j];
                    }
                }
            }
        }
        String[] names = {"W", "H", "K"};
        List<String> failures = new ArrayList<>();
        int checks = 0;
        for (int k1 = 0; k1 < intervals.length; k1++) {
            for (int k2 = 0; k2 < intervals.length; k2++) {
                for (int j1 = 0; j1 < d; j1++) {
                    for (int j2 = j1 + 1; j2 < d; j2++) {
                        for (int a = 0; a < count; a++) {
                            for (int b = 0; b < count; b++) {
                                double rho = correlation(v[k1][j1][a], v[k2][j2][b]);
                                checks++;
                                if (!(Math.abs(rho) <= LIMIT)) {
                                    failures.add(level + ": corr(" + names[a] + "_" + j1 + java.util.Arrays.toString(intervals[k1])
                                            + ", " + names[b] + "_" + j2 + java.util.Arrays.toString(intervals[k2]) + ") = " + rho);
                                }
                            }
                        }
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + checks + " cross-component correlations above " + LIMIT + ":\n  "
                    + String.join("\n  ", failures));
        }
        // Each component has the right variance of W over the long interval (a shared-stream bug that
        // scaled components would show here): relative sd of a sample variance is sqrt(2/n); allow 5 sd.
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (double x : v[0][j][0]) {
                s += x * x;
            }
            double var = s / N;
            double want = intervals[0][1] - intervals[0][0];
            assertEquals(1.0, var / want, 5 * Math.sqrt(2.0 / N), "Var W of component " + j);
        }
    }
}
