package org.wiener.brownian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The tree's shortcuts (a query end at t0 or t1 answered without its leaf draw, and the division by a
 * power-of-two span replaced by a multiplication) against the general code, bit for bit: every tree is
 * built twice with the same parameters, once with {@code generalPathOnly()}, and both answer the same
 * queries. Many random queries for every Lévy level, dimensions 1 to 3, shallow to deep trees, every cache
 * regime (0: no reuse, 1 and 16: constant evictions, 256) and spans that are and are not powers of two;
 * the queries mix t0 and t1 as ends (where the shortcuts apply), dyadic node times, random times, pairs
 * inside the first and last leaves, reversed intervals, values, and a step-doubling solver's pattern.
 */
class TreeShortcutTest {

    private static final double[][] INTERVALS = {{0.0, 1.0}, {-0.5, 1.5}, {-0.7, 2.3}, {3.0, 3.0 + 0x1.0p-6}};
    private static final double[] TOLERANCES = {0.3, 0x1.0p-9, 1e-4, 3e-7};
    private static final int[] CACHES = {0, 1, 16, 256};

    @Test
    void shortcutsGiveTheGeneralCodesBits() {
        SplittableRandom rnd = new SplittableRandom(20261128L);
        long atEnds = 0;
        long compared = 0;
        for (LevyArea level : LevyArea.values()) {
            for (int dim = 1; dim <= 3; dim++) {
                for (double[] iv : INTERVALS) {
                    for (double relTol : TOLERANCES) {
                        for (int cache : CACHES) {
                            double t0 = iv[0];
                            double t1 = iv[1];
                            double tol = relTol * (t1 - t0);
                            long seed = rnd.nextLong();
                            VirtualBrownianTree fast = build(t0, t1, tol, dim, level, seed, cache, false);
                            VirtualBrownianTree general = build(t0, t1, tol, dim, level, seed, cache, true);
                            MutableBrownianIncrement a = new MutableBrownianIncrement(dim, level);
                            MutableBrownianIncrement b = new MutableBrownianIncrement(dim, level);
                            double[] va = new double[dim];
                            double[] vb = new double[dim];
                            double leaf = fast.leafLength();
                            for (int q = 0; q < 60; q++) {
                                double s;
                                double u;
                                switch (rnd.nextInt(8)) {
                                    case 0: // t0 or t1 to a random time, either way round
                                        s = rnd.nextBoolean() ? t0 : t1;
                                        u = t0 + (t1 - t0) * rnd.nextDouble();
                                        break;
                                    case 1: { // dyadic node times of random levels, t0 and t1 included
                                        int n = 1 << rnd.nextInt(12);
                                        s = t0 + (t1 - t0) * rnd.nextInt(n + 1) / n;
                                        u = t0 + (t1 - t0) * rnd.nextInt(n + 1) / n;
                                        break;
                                    }
                                    case 2: // the whole interval
                                        s = t0;
                                        u = t1;
                                        break;
                                    case 3: // inside the first leaf, from t0
                                        s = t0;
                                        u = Math.min(t1, t0 + leaf * rnd.nextDouble());
                                        break;
                                    case 4: // inside the last leaf, to t1
                                        s = Math.max(t0, t1 - leaf * rnd.nextDouble());
                                        u = t1;
                                        break;
                                    case 5: { // value at t0, t1 or a random time
                                        int k = rnd.nextInt(3);
                                        double t = k == 0 ? t0 : k == 1 ? t1 : t0 + (t1 - t0) * rnd.nextDouble();
                                        fast.value(t, va);
                                        general.value(t, vb);
                                        assertSame(va, vb, "value(" + t + ")");
                                        compared++;
                                        continue;
                                    }
                                    default: // random times
                                        s = t0 + (t1 - t0) * rnd.nextDouble();
                                        u = t0 + (t1 - t0) * rnd.nextDouble();
                                        break;
                                }
                                if (s == t0 || s == t1 || u == t0 || u == t1) {
                                    atEnds++;
                                }
                                fast.increment(s, u, a);
                                general.increment(s, u, b);
                                assertSame(a, b, "[" + s + ", " + u + "]");
                                compared++;
                            }
                            // A step-doubling solver over the whole interval: [t, e], [t, m], [m, e].
                            double t = t0;
                            double h = (t1 - t0) / 8;
                            while (t < t1) {
                                double e = Math.min(t1, t + h);
                                double m = t + (e - t) / 2;
                                double[][] steps = {{t, e}, {t, m}, {m, e}};
                                for (double[] st : steps) {
                                    fast.increment(st[0], st[1], a);
                                    general.increment(st[0], st[1], b);
                                    assertSame(a, b, "step [" + st[0] + ", " + st[1] + "]");
                                    compared++;
                                }
                                t = e;
                                h = (t1 - t0) / (4 + rnd.nextInt(28));
                            }
                        }
                    }
                }
            }
        }
        // The shortcuts must actually have been exercised, not skipped.
        assertTrue(atEnds > 10_000, "queries with an end at t0 or t1: " + atEnds);
        assertTrue(compared > 50_000, "answers compared: " + compared);
    }

    private static VirtualBrownianTree build(double t0, double t1, double tol, int dim, LevyArea level, long seed,
                                             int cache, boolean generalOnly) {
        VirtualBrownianTree.Builder b = VirtualBrownianTree.builder().interval(t0, t1).tolerance(tol).dimension(dim)
                .levyArea(level).seed(seed).cacheSize(cache);
        if (generalOnly) {
            b.generalPathOnly();
        }
        return b.build();
    }

    private static void assertSame(MutableBrownianIncrement a, MutableBrownianIncrement b, String what) {
        assertEquals(Double.doubleToRawLongBits(b.dt()), Double.doubleToRawLongBits(a.dt()), what + " dt");
        assertSame(a.w(), b.w(), what + " W");
        assertSame(a.h(), b.h(), what + " H");
        assertSame(a.k(), b.k(), what + " K");
    }

    private static void assertSame(double[] a, double[] b, String what) {
        assertEquals(b.length, a.length, what + " length");
        for (int i = 0; i < a.length; i++) {
            assertEquals(Double.doubleToRawLongBits(b[i]), Double.doubleToRawLongBits(a[i]),
                    what + "[" + i + "]: general " + b[i] + ", with shortcuts " + a[i]);
        }
    }
}
