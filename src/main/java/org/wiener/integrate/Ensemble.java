package org.wiener.integrate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

import org.wiener.brownian.BrownianPath;
import org.wiener.random.Seeds;
import org.wiener.sde.SdeProblem;

/**
 * Solves one problem over many Brownian paths on a thread pool. Path i is built from the seed
 * {@code Seeds.derive(masterSeed, i)}, and each solve is independent of the others, so the solutions
 * are the same, bit for bit, for any number of threads.
 *
 * <pre>{@code
 * List<Solution> paths = Ensemble.solve(integrator, problem, 4096, 2024L,
 *     seed -> VirtualBrownianTree.builder().interval(0, 1).tolerance(1e-6)
 *                 .levyArea(LevyArea.SPACE_TIME).seed(seed).build(),
 *     Runtime.getRuntime().availableProcessors());
 * }</pre>
 */
public final class Ensemble {

    /** At most this many paths per task. */
    private static final int PATHS_PER_TASK = 64;

    private Ensemble() {
    }

    /**
     * @param integrator the configured driver (shared: it is immutable)
     * @param problem the problem
     * @param paths the number of paths, ≥ 1
     * @param masterSeed the master seed
     * @param pathForSeed builds the Brownian path of one seed
     * @param threads worker threads, ≥ 1
     * @return the solutions, in path order (an unmodifiable list)
     */
    public static List<Solution> solve(Integrator integrator, SdeProblem problem, int paths, long masterSeed,
                                       LongFunction<? extends BrownianPath> pathForSeed, int threads) {
        if (integrator == null || problem == null || pathForSeed == null) {
            throw new IllegalArgumentException("integrator, problem and pathForSeed must not be null");
        }
        if (paths < 1) {
            throw new IllegalArgumentException("paths must be >= 1, got " + paths);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, paths), runnable -> {
            Thread thread = new Thread(runnable, "wiener-ensemble");
            thread.setDaemon(true);
            return thread;
        });
        try {
            // Paths go out in blocks (a solve takes tens of microseconds, so one task per path would spend a
            // noticeable share on queueing); each path still depends on its index alone.
            Solution[] solutions = new Solution[paths];
            int block = Math.max(1, Math.min(PATHS_PER_TASK, paths / (4 * threads)));
            List<Future<?>> futures = new ArrayList<>(paths / block + 1);
            for (int from = 0; from < paths; from += block) {
                int start = from;
                int end = Math.min(paths, from + block);
                futures.add(pool.submit(() -> {
                    for (int i = start; i < end; i++) {
                        solutions[i] = integrator.solve(problem, pathForSeed.apply(Seeds.derive(masterSeed, i)));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            return List.of(solutions);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while solving the ensemble", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
