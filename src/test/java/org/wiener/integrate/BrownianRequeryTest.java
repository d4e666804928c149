package org.wiener.integrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.wiener.brownian.BrownianIncrement;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.PidController;
import org.wiener.control.ScriptedSolvers;
import org.wiener.control.ScriptedSolvers.HeunWithError;
import org.wiener.control.ScriptedSolvers.LoggingPath;
import org.wiener.sde.SdeProblem;

/**
 * After a rejection the shorter step must see the same Brownian path (step-control.md §5): every
 * query of an adaptive solve, and in particular each re-query [t, t + h'] after a rejected [t, t + h],
 * returns exactly what a fresh tree with the same seed gives for that interval; the re-queried piece is
 * consistent (by Chen's relation) with the rejected one; the solve is bit-for-bit the same with and
 * without the tree's cache; and the adaptive solution converges pathwise to the exact solution on
 * that same path.
 */
class BrownianRequeryTest {

    private static final double MU = 0.5;
    private static final double SIGMA = 0.8;

    private static VirtualBrownianTree tree(long seed, int cacheSize) {
        VirtualBrownianTree.Builder b = VirtualBrownianTree.builder().interval(0.0, 1.0).tolerance(5e-7)
                .levyArea(LevyArea.NONE).seed(seed);
        if (cacheSize >= 0) {
            b.cacheSize(cacheSize);
        }
        return b.build();
    }

    private static Integrator integrator(double rtol) {
        return Integrator.builder().solver(new HeunWithError())
                .controller(PidController.builder(rtol, 1e-7).coefficients(0.1, 0.3, 0.0).stepBounds(1e-6, 0.5).build())
                .saveAt(SaveAt.everyStep()).recordSteps(true).build();
    }

    private static SdeProblem problem() {
        return ScriptedSolvers.gbm(MU, SIGMA, 1.0, null);
    }

    @Test
    void reQueriesAfterRejectionsReturnTheTreesOwnValues() {
        int rejectionsSeen = 0;
        for (long seed = 1; seed <= 4; seed++) {
            LoggingPath path = new LoggingPath(tree(seed, -1));
            Solution s = integrator(1e-4).solve(problem(), path);
            assertEquals(Status.SUCCESS, s.status());
            List<StepRecord> records = s.records();
            List<double[]> queries = path.queries;
            assertEquals(records.size(), queries.size(), "one query per attempted step");
            VirtualBrownianTree fresh = tree(seed, 0); // another instance, no cache
            for (int k = 0; k < queries.size(); k++) {
                double[] q = queries.get(k);
                assertEquals(records.get(k).t(), q[0], 0.0);
                BrownianIncrement direct = fresh.increment(q[0], q[1]);
                assertEquals(Double.doubleToRawLongBits(direct.w(0)), Double.doubleToRawLongBits(q[2]),
                        "query " + k + " over [" + q[0] + ", " + q[1] + "]");
                if (!records.get(k).accepted()) {
                    rejectionsSeen++;
                    double[] retry = queries.get(k + 1);
                    assertEquals(q[0], retry[0], 0.0, "the retry starts where the rejected step started");
                    assertTrue(retry[1] < q[1], "and is shorter");
                    BrownianIncrement again = fresh.increment(retry[0], retry[1]);
                    assertEquals(Double.doubleToRawLongBits(again.w(0)), Double.doubleToRawLongBits(retry[2]));
                    // the same path: W(t, t+h) = W(t, t+h') + W(t+h', t+h)
                    double rest = fresh.increment(retry[1], q[1]).w(0);
                    assertEquals(q[2], retry[2] + rest, 1e-12);
                }
            }
        }
        assertTrue(rejectionsSeen >= 4, "rejections seen: " + rejectionsSeen);
    }

    @Test
    void theSolveIsBitForBitTheSameWithAndWithoutTheTreeCache() {
        for (long seed = 10; seed < 15; seed++) {
            Solution cached = integrator(1e-4).solve(problem(), tree(seed, -1));
            Solution uncached = integrator(1e-4).solve(problem(), tree(seed, 0));
            Solution tiny = integrator(1e-4).solve(problem(), tree(seed, 1));
            assertTrue(cached.stats().rejectedSteps() > 0);
            for (Solution other : new Solution[] {uncached, tiny}) {
                assertEquals(cached.stats(), other.stats());
                assertArrayEquals(bits(cached.times()), bits(other.times()));
                assertEquals(cached.size(), other.size());
                for (int k = 0; k < cached.size(); k++) {
                    assertArrayEquals(bits(cached.state(k)), bits(other.state(k)), "seed " + seed + " entry " + k);
                }
                for (int k = 0; k < cached.records().size(); k++) {
                    assertEquals(cached.records().get(k).accepted(), other.records().get(k).accepted());
                }
            }
        }
    }

    @Test
    void adaptiveSolutionConvergesPathwiseToTheExactSolutionOnTheSamePath() {
        // Stratonovich GBM: y(t) = exp(mu t + sigma W(t)). Heun has strong order 1 for scalar noise, so
        // the pathwise error at t = 1 must shrink with the tolerance; it would not if a retried step saw
        // another path than the rejected one.
        double loose = 0.0;
        double tight = 0.0;
        int paths = 8;
        for (long seed = 100; seed < 100 + paths; seed++) {
            VirtualBrownianTree tree = tree(seed, -1);
            double exact = Math.exp(MU + SIGMA * tree.value(1.0)[0]);
            loose += Math.abs(integrator(1e-2).solve(problem(), tree).finalState()[0] - exact);
            tight += Math.abs(integrator(1e-5).solve(problem(), tree).finalState()[0] - exact);
        }
        loose /= paths;
        tight /= paths;
        assertTrue(tight < 1e-3, "mean pathwise error at rtol 1e-5: " + tight);
        assertTrue(tight < loose / 20, "loose " + loose + " vs tight " + tight);
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }
}
