package org.wiener.brownian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seed determinism of the tree (brownian.md §3.4 and the class's documented guarantees): an answer
 * depends only on (seed, interval, tolerance, dimension, level, query), never on earlier queries, the
 * thread or the cache size. Many intervals (random times, dyadic node times of every level, t0 and t1,
 * pairs inside one leaf, reversed and empty intervals) are queried in three orders on one tree, on trees
 * with cacheSize 0, 1, 7, 256 and 4096, and concurrently from 6 threads on one shared tree; a solver's
 * adaptive pattern (query [t, t+h], reject, query [t, t+h/3], advance) and fixed-step patterns are
 * replayed with and without the cache. Every dt, W, H and K must agree bit for bit
 * ({@link Double#doubleToRawLongBits}). Also: component j of a d-dimensional tree equals component j of a
 * wider tree with the same seed.
 */
class TreeDeterminismTest {

    private static final double T0 = 0.0;
    private static final double T1 = 5.0;
    private static final double TOL = 5.0 * 0x1.0p-12;
    private static final int DIM = 2;
    private static final long SEED = 20240510L;

    private static VirtualBrownianTree tree(LevyArea level, int dim, int cache) {
        return VirtualBrownianTree.builder().interval(T0, T1).tolerance(TOL).levyArea(level).dimension(dim)
                .seed(SEED).cacheSize(cache).build();
    }

    /** The query intervals: a deterministic mix that reaches every code path of a descent. */
    private static double[][] intervals() {
        SplittableRandom rnd = new SplittableRandom(99);
        List<double[]> list = new ArrayList<>();
        double span = T1 - T0;
        double leaf = span * 0x1.0p-12;
        for (int q = 0; q < 800; q++) {
            double s;
            double u;
            switch (q % 8) {
                case 0: // uniform
                    s = T0 + span * rnd.nextDouble();
                    u = T0 + span * rnd.nextDouble();
                    break;
                case 1: { // dyadic node times of random levels (exact in binary on [0, 5])
                    int j1 = 1 + rnd.nextInt(12);
                    int j2 = 1 + rnd.nextInt(12);
                    s = T0 + span * (rnd.nextInt(1 << j1) / (double) (1 << j1));
                    u = T0 + span * (rnd.nextInt((1 << j2) + 1) / (double) (1 << j2));
                    break;
                }
                case 2: // one dyadic end, one random
                    s = T0 + span * (rnd.nextInt(65) / 64.0);
                    u = T0 + span * rnd.nextDouble();
                    break;
                case 3: { // both inside one leaf
                    double base = T0 + leaf * rnd.nextInt(4096);
                    s = base + leaf * rnd.nextDouble();
                    u = base + leaf * rnd.nextDouble();
                    break;
                }
                case 4: // t0 or t1 to a random time
                    s = rnd.nextBoolean() ? T0 : T1;
                    u = T0 + span * rnd.nextDouble();
                    break;
                case 5: { // adjacent leaves
                    double base = T0 + leaf * (1 + rnd.nextInt(4094));
                    s = base - leaf * rnd.nextDouble();
                    u = base + leaf * rnd.nextDouble();
                    break;
                }
                case 6: // empty interval
                    s = T0 + span * rnd.nextDouble();
                    u = s;
                    break;
                default: // whole interval or a leaf exactly
                    if (rnd.nextBoolean()) {
                        s = T0;
                        u = T1;
                    } else {
                        int i = rnd.nextInt(4096);
                        s = T0 + leaf * i;
                        u = T0 + leaf * (i + 1);
                    }
                    break;
            }
            // Random direction: half the queries are reversed.
            list.add(rnd.nextBoolean() ? new double[] {s, u} : new double[] {u, s});
        }
        return list.toArray(new double[0][]);
    }

    private static long[] bits(MutableBrownianIncrement inc) {
        int d = inc.dimension();
        long[] out = new long[1 + 3 * d];
        out[0] = Double.doubleToRawLongBits(inc.dt());
        for (int j = 0; j < d; j++) {
            out[1 + j] = Double.doubleToRawLongBits(inc.w()[j]);
        }
        for (int j = 0; j < inc.h().length; j++) {
            out[1 + d + j] = Double.doubleToRawLongBits(inc.h()[j]);
        }
        for (int j = 0; j < inc.k().length; j++) {
            out[1 + 2 * d + j] = Double.doubleToRawLongBits(inc.k()[j]);
        }
        return out;
    }

    /** Queries the intervals in the given order on the tree; results are stored at the interval's index. */
    private static long[][] query(BrownianPath p, double[][] iv, int[] order) {
        long[][] out = new long[iv.length][];
        MutableBrownianIncrement inc = new MutableBrownianIncrement(p.dimension(), p.levyArea());
        for (int i : order) {
            p.increment(iv[i][0], iv[i][1], inc);
            out[i] = bits(inc);
        }
        return out;
    }

    private static int[] identity(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        return o;
    }

    private static int[] reversed(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = n - 1 - i;
        }
        return o;
    }

    private static int[] shuffled(int n, long seed) {
        int[] o = identity(n);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = o[i];
            o[i] = o[j];
            o[j] = t;
        }
        return o;
    }

    /** Collects every interval whose answer differs from the reference, with the values, into one failure. */
    private static void assertSame(String what, double[][] iv, long[][] reference, long[][] got) {
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < iv.length; i++) {
            if (!java.util.Arrays.equals(reference[i], got[i])) {
                StringBuilder sb = new StringBuilder("[" + iv[i][0] + ", " + iv[i][1] + "]: expected ");
                for (long b : reference[i]) {
                    sb.append(Double.longBitsToDouble(b)).append(' ');
                }
                sb.append("got ");
                for (long b : got[i]) {
                    sb.append(Double.longBitsToDouble(b)).append(' ');
                }
                diffs.add(sb.toString());
            }
        }
        if (!diffs.isEmpty()) {
            fail(what + ": " + diffs.size() + " of " + iv.length + " answers differ, e.g.\n  "
                    + String.join("\n  ", diffs.subList(0, Math.min(6, diffs.size()))));
        }
    }

    @ParameterizedTest
    @EnumSource(LevyArea.class)
    void answersDoNotDependOnQueryOrder(LevyArea level) {
        double[][] iv = intervals();
        int n = iv.length;
        long[][] reference = query(tree(level, DIM, 256), iv, identity(n));
        // The same tree, carrying its cache and last descent from one order into the next.
        VirtualBrownianTree shared = tree(level, DIM, 256);
        assertSame(level + " shared tree, original order", iv, reference, query(shared, iv, identity(n)));
        assertSame(level + " shared tree, reversed order", iv, reference, query(shared, iv, reversed(n)));
        assertSame(level + " shared tree, shuffled order", iv, reference, query(shared, iv, shuffled(n, 7)));
        // Fresh trees in the other orders.
        assertSame(level + " fresh tree, reversed order", iv, reference, query(tree(level, DIM, 256), iv, reversed(n)));
        assertSame(level + " fresh tree, shuffled order", iv, reference, query(tree(level, DIM, 256), iv, shuffled(n, 8)));
    }

    @ParameterizedTest
    @EnumSource(LevyArea.class)
    void answersDoNotDependOnTheCacheSize(LevyArea level) {
        double[][] iv = intervals();
        int n = iv.length;
        long[][] reference = query(tree(level, DIM, 256), iv, identity(n));
        for (int cache : new int[] {0, 1, 7, 256, 4096}) {
            VirtualBrownianTree t = tree(level, DIM, cache);
            assertEquals(cache, t.cacheSize());
            assertSame(level + " cacheSize(" + cache + "), original order", iv, reference, query(t, iv, identity(n)));
            assertSame(level + " cacheSize(" + cache + "), shuffled order", iv, reference, query(t, iv, shuffled(n, cache)));
        }
    }

    @ParameterizedTest
    @EnumSource(LevyArea.class)
    void answersDoNotDependOnTheThread(LevyArea level) throws Exception {
        double[][] iv = intervals();
        int n = iv.length;
        long[][] reference = query(tree(level, DIM, 256), iv, identity(n));
        for (int cache : new int[] {256, 1}) {
            VirtualBrownianTree shared = tree(level, DIM, cache);
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<long[][]>> futures = new ArrayList<>();
                for (int task = 0; task < 12; task++) {
                    final int[] order = shuffled(n, 100 + task);
                    Callable<long[][]> job = () -> {
                        long[][] r = null;
                        for (int rep = 0; rep < 3; rep++) {
                            r = query(shared, iv, order); // repeated so that threads overlap in time
                        }
                        return r;
                    };
                    futures.add(pool.submit(job));
                }
                for (int task = 0; task < futures.size(); task++) {
                    assertSame(level + " cacheSize(" + cache + "), task " + task + " of 12 on 6 threads", iv, reference,
                            futures.get(task).get(60, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** The query sequence of an adaptive solver: try [t, t+h], reject, try [t, t+h/3], accept, grow h. */
    private static double[][] adaptivePattern(double h0, double grow) {
        List<double[]> list = new ArrayList<>();
        double t = T0;
        double h = h0;
        while (t < T1) {
            double full = Math.min(T1, t + h);
            list.add(new double[] {t, full});
            double shrunk = Math.min(T1, t + h / 3);
            list.add(new double[] {t, shrunk});
            t = shrunk;
            h = h * grow;
        }
        return list.toArray(new double[0][]);
    }

    private static double[][] fixedSteps(double dt) {
        List<double[]> list = new ArrayList<>();
        for (int i = 0; T0 + i * dt < T1; i++) {
            list.add(new double[] {T0 + i * dt, Math.min(T1, T0 + (i + 1) * dt)});
        }
        return list.toArray(new double[0][]);
    }

    @ParameterizedTest
    @EnumSource(LevyArea.class)
    void solverQueryPatternsGiveTheSameBitsWithAndWithoutCache(LevyArea level) {
        double[][][] patterns = {
            adaptivePattern(0.01, 1.5),
            adaptivePattern(0.37, 1.1),
            adaptivePattern(5.0 / 8, 1.0), // dyadic trial steps: the rejected step ends on node times
            fixedSteps(5.0 / 64),           // every step ends on a node
            fixedSteps(0.05),
        };
        for (int p = 0; p < patterns.length; p++) {
            double[][] iv = patterns[p];
            int[] order = identity(iv.length);
            long[][] reference = query(tree(level, DIM, 256), iv, order);
            for (int cache : new int[] {0, 1, 7, 4096}) {
                assertSame(level + " pattern " + p + ", cacheSize(" + cache + ")", iv, reference,
                        query(tree(level, DIM, cache), iv, order));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(LevyArea.class)
    void componentsAreThoseOfAWiderTree(LevyArea level) {
        double[][] iv = intervals();
        VirtualBrownianTree narrow = tree(level, 2, 256);
        VirtualBrownianTree wide = tree(level, 5, 256);
        VirtualBrownianTree single = tree(level, 1, 0);
        MutableBrownianIncrement a = new MutableBrownianIncrement(2, level);
        MutableBrownianIncrement b = new MutableBrownianIncrement(5, level);
        MutableBrownianIncrement c = new MutableBrownianIncrement(1, level);
        boolean componentsDiffer = false;
        for (double[] q : iv) {
            narrow.increment(q[0], q[1], a);
            wide.increment(q[0], q[1], b);
            single.increment(q[0], q[1], c);
            String where = level + " [" + q[0] + ", " + q[1] + "]";
            assertEquals(Double.doubleToRawLongBits(a.dt()), Double.doubleToRawLongBits(b.dt()), where + " dt");
            for (int j = 0; j < 2; j++) {
                assertEquals(Double.doubleToRawLongBits(a.w()[j]), Double.doubleToRawLongBits(b.w()[j]), where + " w" + j);
                if (level.hasSpaceTime()) {
                    assertEquals(Double.doubleToRawLongBits(a.h()[j]), Double.doubleToRawLongBits(b.h()[j]), where + " h" + j);
                }
                if (level.hasSpaceTimeTime()) {
                    assertEquals(Double.doubleToRawLongBits(a.k()[j]), Double.doubleToRawLongBits(b.k()[j]), where + " k" + j);
                }
            }
            assertEquals(Double.doubleToRawLongBits(a.w()[0]), Double.doubleToRawLongBits(c.w()[0]), where + " w0 of d = 1");
            componentsDiffer |= a.w()[0] != a.w()[1];
            double t = Math.max(q[0], q[1]);
            assertArrayEquals(new double[] {narrow.value(t)[0], narrow.value(t)[1]},
                    new double[] {wide.value(t)[0], wide.value(t)[1]}, 0.0, where + " value");
        }
        // Sanity: the components are different paths, not copies.
        assertTrue(componentsDiffer, "components 0 and 1 should differ");
    }
}
