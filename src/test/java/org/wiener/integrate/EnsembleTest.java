package org.wiener.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.ConstantStepSize;
import org.wiener.control.PidController;
import org.wiener.control.ScriptedSolvers;
import org.wiener.control.ScriptedSolvers.HeunWithError;
import org.wiener.random.Seeds;
import org.wiener.sde.SdeProblem;

/**
 * {@link Ensemble}: the same solutions, bit for bit, with 1, 2 and 5 threads; path i is built from
 * {@code Seeds.derive(master, i)} and equals a sequential solve on that path; the calling thread is one of
 * the workers; a path's exception reaches the caller unchanged; and the ensemble mean of GBM agrees with
 * its exact expectation within 4 standard errors.
 */
class EnsembleTest {

    private static final long MASTER = 0xC0FFEEL;

    private static VirtualBrownianTree tree(long seed) {
        return VirtualBrownianTree.builder().interval(0.0, 1.0).tolerance(1e-7).levyArea(LevyArea.NONE).seed(seed)
                .build();
    }

    private static Integrator adaptive() {
        return Integrator.builder().solver(new HeunWithError())
                .controller(PidController.builder(1e-3, 1e-6).coefficients(0.1, 0.3, 0.0).stepBounds(2e-7, 0.2)
                        .build())
                .saveAt(SaveAt.times(0.25, 0.5)).build();
    }

    @Test
    void sameSolutionsForAnyNumberOfThreadsAndPathIUsesDerivedSeedI() {
        SdeProblem problem = ScriptedSolvers.gbm(0.5, 0.8, 1.0, null);
        Integrator integrator = adaptive();
        int paths = 50;
        Set<Long> seedsSeen = ConcurrentHashMap.newKeySet();
        List<Solution> one = Ensemble.solve(integrator, problem, paths, MASTER, seed -> {
            seedsSeen.add(seed);
            return tree(seed);
        }, 1);
        List<Solution> two = Ensemble.solve(integrator, problem, paths, MASTER, EnsembleTest::tree, 2);
        List<Solution> five = Ensemble.solve(integrator, problem, paths, MASTER, EnsembleTest::tree, 5);
        Set<Long> expectedSeeds = new HashSet<>();
        for (int i = 0; i < paths; i++) {
            expectedSeeds.add(Seeds.derive(MASTER, i));
        }
        assertEquals(expectedSeeds, seedsSeen);
        assertEquals(paths, one.size());
        for (int i = 0; i < paths; i++) {
            Solution sequential = integrator.solve(problem, tree(Seeds.derive(MASTER, i)));
            assertSame(sequential, one.get(i), "path " + i + " vs a sequential solve");
            assertSame(one.get(i), two.get(i), "path " + i + ", 2 threads");
            assertSame(one.get(i), five.get(i), "path " + i + ", 5 threads");
        }
        // the paths differ from one another (the seeds are used)
        assertTrue(one.get(0).finalState()[0] != one.get(1).finalState()[0]);
    }

    @Test
    void theCallingThreadIsOneOfTheWorkersAndMoreThreadsThanPathsAreFine() {
        SdeProblem problem = ScriptedSolvers.gbm(0.5, 0.8, 1.0, null);
        Integrator integrator = adaptive();
        Thread caller = Thread.currentThread();
        Set<Thread> one = ConcurrentHashMap.newKeySet();
        List<Solution> alone = Ensemble.solve(integrator, problem, 40, MASTER, seed -> {
            one.add(Thread.currentThread());
            return tree(seed);
        }, 1);
        assertEquals(Set.of(caller), one, "threads = 1 solves on the calling thread only");
        Set<Thread> three = ConcurrentHashMap.newKeySet();
        List<Solution> shared = Ensemble.solve(integrator, problem, 40, MASTER, seed -> {
            three.add(Thread.currentThread());
            return tree(seed);
        }, 3);
        assertTrue(three.size() <= 3, "at most 3 threads including the caller: " + three);
        List<Solution> few = Ensemble.solve(integrator, problem, 3, MASTER, EnsembleTest::tree, 8);
        for (int i = 0; i < 40; i++) {
            assertSame(alone.get(i), shared.get(i), "path " + i + ", 3 threads");
        }
        for (int i = 0; i < 3; i++) {
            assertSame(alone.get(i), few.get(i), "path " + i + " of 3, 8 threads");
        }
    }

    @Test
    void aFailingPathThrowsItsOwnExceptionWhateverTheThreadCount() {
        SdeProblem problem = ScriptedSolvers.gbm(0.5, 0.8, 1.0, null);
        Integrator integrator = adaptive();
        long failingSeed = Seeds.derive(MASTER, 37);
        for (int threads : new int[] {1, 3}) {
            IllegalStateException failure = new IllegalStateException("no path for seed " + failingSeed);
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> Ensemble.solve(integrator, problem, 100, MASTER, seed -> {
                        if (seed == failingSeed) {
                            throw failure;
                        }
                        return tree(seed);
                    }, threads));
            org.junit.jupiter.api.Assertions.assertSame(failure, thrown, threads + " thread(s)");
        }
        assertThrows(IllegalArgumentException.class,
                () -> Ensemble.solve(integrator, problem, 10, MASTER, EnsembleTest::tree, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Ensemble.solve(integrator, problem, 0, MASTER, EnsembleTest::tree, 2));
    }

    private static void assertSame(Solution a, Solution b, String what) {
        assertEquals(a.status(), b.status(), what);
        assertEquals(a.stats(), b.stats(), what);
        assertEquals(a.size(), b.size(), what);
        for (int k = 0; k < a.size(); k++) {
            assertEquals(Double.doubleToRawLongBits(a.time(k)), Double.doubleToRawLongBits(b.time(k)), what);
            assertEquals(Double.doubleToRawLongBits(a.state(k)[0]), Double.doubleToRawLongBits(b.state(k)[0]), what);
        }
    }

    @Test
    void ensembleMeanOfGbmMatchesItsExpectation() {
        // Stratonovich GBM dy = mu y dt + sigma y∘dW: y(1) = exp(mu + sigma W(1)), E[y(1)] = exp(mu + sigma²/2).
        // Heun at dt = 1/64 has a weak error of order dt (about 1e-3 here, checked below against the exact
        // solution on each path), far below the threshold: 4 sample standard errors of the mean of 2000
        // paths (sd ≈ 2.1, so about 0.19), a 6e-5 two-sided normal tail.
        double mu = 0.5;
        double sigma = 0.8;
        int paths = 2000;
        SdeProblem problem = ScriptedSolvers.gbm(mu, sigma, 1.0, null);
        Integrator integrator = Integrator.builder().solver(new HeunWithError()).controller(new ConstantStepSize(1.0 / 64))
                .build();
        List<Solution> solutions = Ensemble.solve(integrator, problem, paths, 2024L, EnsembleTest::tree, 4);
        double sum = 0.0;
        double sumSq = 0.0;
        double worstPathError = 0.0;
        for (int i = 0; i < paths; i++) {
            double y = solutions.get(i).finalState()[0];
            sum += y;
            sumSq += y * y;
            if (i < 50) {
                double exact = Math.exp(mu + sigma * tree(Seeds.derive(2024L, i)).value(1.0)[0]);
                worstPathError = Math.max(worstPathError, Math.abs(y - exact) / exact);
            }
        }
        double mean = sum / paths;
        double sd = Math.sqrt((sumSq - paths * mean * mean) / (paths - 1));
        double standardError = sd / Math.sqrt(paths);
        double expected = Math.exp(mu + 0.5 * sigma * sigma);
        assertTrue(Math.abs(mean - expected) < 4 * standardError,
                "mean " + mean + " vs " + expected + " (standard error " + standardError + ")");
        assertTrue(worstPathError < 0.05, "pathwise relative error " + worstPathError);
    }
}
