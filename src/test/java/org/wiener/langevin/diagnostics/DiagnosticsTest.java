package org.wiener.langevin.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.wiener.random.CounterStream;

/** The building blocks of {@link Diagnostics} against hand computations and invariances. */
class DiagnosticsTest {

    @Test
    void fftAutocovarianceEqualsTheDirectSum() {
        CounterStream rng = new CounterStream(51, 0);
        for (int n : new int[] {1, 2, 7, 37, 500, 1000}) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = (i > 0 ? 0.6 * y[i - 1] : 0) + rng.nextNormal() + 3.0;
            }
            double mean = 0;
            for (double v : y) {
                mean += v;
            }
            mean /= n;
            double[] acov = Autocovariance.biased(y);
            assertEquals(n, acov.length);
            for (int t = 0; t < n; t++) {
                double direct = 0;
                for (int s = 0; s + t < n; s++) {
                    direct += (y[s] - mean) * (y[s + t] - mean);
                }
                direct /= n;
                assertEquals(direct, acov[t], 1e-12 * Math.max(acov[0], 1e-300), "n=" + n + " lag " + t);
            }
        }
    }

    @Test
    void splitRhatByHand() {
        // Halves {1,2},{3,4},{2,3},{4,5}: W = ½, chain means 1.5, 3.5, 2.5, 4.5 with variance 5/3, n = 2,
        // so R̂ = √((n·(5/3)/W + n − 1)/n) = √(23/6).
        double[][] even = {{1, 2, 3, 4}, {2, 3, 4, 5}};
        assertEquals(Math.sqrt(23.0 / 6.0), Diagnostics.splitRhat(even), 1e-15);
        // Odd length: the middle draw is dropped (rstan's split_chains), whatever it is.
        double[][] odd = {{1, 2, 99, 3, 4}, {2, 3, -50, 4, 5}};
        assertEquals(Math.sqrt(23.0 / 6.0), Diagnostics.splitRhat(odd), 1e-15);
    }

    @Test
    void rankNormalisationUsesAverageRanksAndTheOffset() {
        double[][] values = {{1, 1}, {3, 2}};
        NormalDistribution normal = new NormalDistribution();
        double[] ranks = {1.5, 1.5, 4, 3};
        double[][] blom = Diagnostics.rankNormalize(values, Diagnostics.BLOM_OFFSET);
        double[][] rstan = Diagnostics.rankNormalize(values, Diagnostics.RSTAN_2_21_OFFSET);
        for (int k = 0; k < 4; k++) {
            assertEquals(normal.inverseCumulativeProbability((ranks[k] - 0.375) / 4.25), blom[k / 2][k % 2], 1e-12);
            assertEquals(normal.inverseCumulativeProbability((ranks[k] - 0.5) / 4), rstan[k / 2][k % 2], 1e-12);
        }
        // −0.0 and +0.0 tie, as in R
        double[][] zeros = Diagnostics.rankNormalize(new double[][] {{-0.0, 0.0}}, 0.5);
        assertEquals(zeros[0][0], zeros[0][1], 0.0);
    }

    @Test
    void invariances() {
        double[][] draws = ar1(61, 4, 400, 0.7);
        double[][] affine = new double[4][400];
        double[][] monotone = new double[4][400];
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < 400; i++) {
                affine[c][i] = 3.0 * draws[c][i] - 7.0;
                monotone[c][i] = Math.exp(draws[c][i]);
            }
        }
        // ESS and split R̂ are affine invariant; the rank-based ones are invariant under any increasing map.
        assertEquals(Diagnostics.ess(draws), Diagnostics.ess(affine), 1e-9 * Diagnostics.ess(draws));
        assertEquals(Diagnostics.splitRhat(draws), Diagnostics.splitRhat(affine), 1e-12);
        assertEquals(Diagnostics.essBulk(draws), Diagnostics.essBulk(monotone), 0.0);
        assertEquals(Diagnostics.essTail(draws), Diagnostics.essTail(monotone), 0.0);
        assertEquals(Diagnostics.rankNormalizedSplitRhat(draws), Diagnostics.rankNormalizedSplitRhat(affine), 1e-12);
        // exp is not affine, so the basic ESS changes while bulk-ESS does not
        assertTrue(Math.abs(Diagnostics.ess(monotone) - Diagnostics.ess(draws)) > 1.0);
        assertEquals(Diagnostics.essTail(draws),
                Math.min(Diagnostics.essQuantile(draws, 0.05), Diagnostics.essQuantile(draws, 0.95)), 0.0);
    }

    @Test
    void essMatchesAr1TheoryWithinItsSamplingError() {
        // 4 × 5000 draws of AR(1): the ESS for the mean is S(1 − ρ)/(1 + ρ). The estimator's spread, measured
        // over 60 seeds (1000..1059), is 6.4% (ρ = 0.8), 2.4% (ρ = 0) and 5.3% (ρ = −0.5) relative; the bounds
        // are the theory ± 5 of those standard deviations (the estimator is slightly skewed).
        int s = 20000;
        assertWithin(s / 9.0, 5 * 0.064, Diagnostics.ess(ar1(71, 4, 5000, 0.8)), "AR(0.8)");
        assertWithin(s, 5 * 0.024, Diagnostics.ess(ar1(72, 4, 5000, 0.0)), "iid");
        assertWithin(3.0 * s, 5 * 0.053, Diagnostics.ess(ar1(73, 4, 5000, -0.5)), "AR(-0.5), antithetic");
    }

    private static void assertWithin(double theory, double relative, double actual, String what) {
        assertEquals(theory, actual, relative * theory, what + " ESS");
    }

    @Test
    void constantDrawsFollowRstan() {
        double[][] constant = {{2, 2, 2, 2, 2, 2}, {2, 2, 2, 2, 2, 2}};
        assertEquals(1.0, Diagnostics.splitRhat(constant));
        assertEquals(1.0, Diagnostics.rankNormalizedSplitRhat(constant));
        assertEquals(12.0, Diagnostics.essBulk(constant));
        assertEquals(12.0, Diagnostics.essTail(constant));
        assertEquals(12.0, Diagnostics.ess(constant));
    }

    @Test
    void badInputNamesChainAndDraw() {
        rejects(() -> Diagnostics.essBulk(null), "at least one chain");
        rejects(() -> Diagnostics.essBulk(new double[0][]), "at least one chain");
        rejects(() -> Diagnostics.essBulk(new double[][] {new double[6], new double[5]}), "chain 1", "5", "ragged");
        rejects(() -> Diagnostics.essBulk(new double[][] {new double[6], null}), "chain 1");
        rejects(() -> Diagnostics.essTail(new double[][] {new double[5], new double[5]}), "at least 6", "5");
        rejects(() -> Diagnostics.splitRhat(new double[][] {new double[1]}), "at least 4", "1");
        rejects(() -> Diagnostics.splitRhat(new double[][] {new double[0]}), "at least 4", "0");
        double[][] nan = {{1, 2, 3, 4, 5, 6}, {1, 2, 3, Double.NaN, 5, 6}};
        rejects(() -> Diagnostics.rankNormalizedSplitRhat(nan), "chain 1", "draw 3", "NaN");
        rejects(() -> Diagnostics.ess(nan), "chain 1", "draw 3");
        double[][] inf = {{1, 2, 3, 4, 5, Double.NEGATIVE_INFINITY}};
        rejects(() -> Diagnostics.essTail(inf), "chain 0", "draw 5", "Infinity");
        double[][] ok = {{1, 2, 3, 4, 5, 6}};
        rejects(() -> Diagnostics.essBulk(ok, 1.0), "offset", "1.0");
        rejects(() -> Diagnostics.essQuantile(ok, 1.5), "probability", "1.5");
    }

    private static void rejects(org.junit.jupiter.api.function.Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
        }
    }

    /** Stationary AR(1) chains with unit innovations. */
    static double[][] ar1(long seed, int chains, int n, double rho) {
        double[][] out = new double[chains][n];
        for (int c = 0; c < chains; c++) {
            CounterStream rng = new CounterStream(seed, c);
            double x = rng.nextNormal() / Math.sqrt(1 - rho * rho);
            for (int i = 0; i < n; i++) {
                x = rho * x + rng.nextNormal();
                out[c][i] = x;
            }
        }
        return out;
    }

    @Test
    void radixSortOrderIsStableAndNumeric() {
        CounterStream rng = new CounterStream(91, 0);
        double[] values = new double[5000];
        for (int i = 0; i < values.length; i++) {
            // duplicates, negatives, both zeros, subnormals, huge values
            values[i] = switch (i % 7) {
                case 0 -> Math.rint(3 * rng.nextNormal());
                case 1 -> -0.0;
                case 2 -> 0.0;
                case 3 -> Double.MIN_VALUE * (1 + i % 5);
                case 4 -> -Double.MAX_VALUE / (1 + i % 3);
                default -> rng.nextNormal() * 1e10;
            };
        }
        int[] order = SortOrder.ascending(values);
        Integer[] expected = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            expected[i] = i;
        }
        // Stable sort with −0.0 == +0.0, as R ranks them.
        java.util.Arrays.sort(expected, (a, b) -> Double.compare(values[a] + 0.0, values[b] + 0.0));
        for (int i = 0; i < values.length; i++) {
            assertEquals(expected[i].intValue(), order[i], "position " + i);
        }
    }

    @Test
    void splitKeepsBothHalvesInOrder() {
        double[][] split = Diagnostics.split(new double[][] {{1, 2, 3, 4, 5}});
        assertArrayEquals(new double[] {1, 2}, split[0], 0.0);
        assertArrayEquals(new double[] {4, 5}, split[1], 0.0);
    }
}
