package org.wiener.integrate;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;

import org.wiener.brownian.BrownianPath;
import org.wiener.random.Seeds;
import org.wiener.sde.SdeProblem;

/**
 * Solves one problem over many Brownian paths on several threads. Path i is built from the seed
 * {@code Seeds.derive(masterSeed, i)}, and each solve is independent of the others, so the solutions
 * are the same, bit for bit, for any number of threads.
 *
 * <pre>{@code
 * List<Solution> paths = Ensemble.solve(integrator, problem, 4096, 2024L,
 *     seed -> VirtualBrownianTree.builder().interval(0, 1).tolerance(1e-6)
 *                 .levyArea(LevyArea.SPACE_TIME).seed(seed).build(),
 *     Runtime.getRuntime().availableProcessors());
 * }</pre>
 *
 * <p>The calling thread is one of the workers: {@code threads = 1} solves on it alone, exactly like a plain
 * loop, and {@code threads = n} adds n − 1 helper threads from a shared pool (started when none is idle,
 * ended after a minute without work). The workers claim small runs of
 * consecutive paths from a shared counter until none are left, so a worker that drew slow paths does not
 * hold up the end (the tail is at most one run) and no path is assigned to a thread in advance.
 */
public final class Ensemble {

    /**
     * Paths per claim: a GBM solve takes ~15 µs, so a run of 8 costs ~0.1 ms, long against one atomic
     * increment on a shared counter and short against the tens of milliseconds of an ensemble (the last
     * run is the tail one worker may finish alone). Eight solutions are also 32 bytes of the result
     * array (compressed references), so two workers rarely write into one cache line at the same time.
     */
    static final int PATHS_PER_CLAIM = 8;

    /**
     * Helper threads, shared by all calls: a thread is started when no idle one is left and ends after a
     * minute without work. Reusing them saves each call the start of its threads and keeps their per-thread
     * buffers (the trees' cursors, the driver's workspace) warm across calls. Daemon threads, so an idle
     * pool never keeps the JVM alive.
     */
    private static final ExecutorService HELPERS = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "wiener-ensemble-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });

    private Ensemble() {
    }

    /**
     * @param integrator the configured driver (shared: it is immutable)
     * @param problem the problem
     * @param paths the number of paths, ≥ 1
     * @param masterSeed the master seed
     * @param pathForSeed builds the Brownian path of one seed (called from several threads at once)
     * @param threads worker threads including the calling one, ≥ 1
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
        Solution[] solutions = new Solution[paths];
        int workers = (int) Math.min(threads, (paths + (long) PATHS_PER_CLAIM - 1) / PATHS_PER_CLAIM);
        Work work = new Work(integrator, problem, paths, masterSeed, pathForSeed, solutions, workers - 1);
        for (int k = 1; k < workers; k++) {
            try {
                HELPERS.execute(work::runAsHelper);
            } catch (RuntimeException | Error e) {
                work.stop(); // the helpers already started stop after their current path
                throw e;
            }
        }
        work.run();
        try {
            work.helpersDone.await();
        } catch (InterruptedException e) {
            work.stop();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while solving the ensemble", e);
        }
        Throwable failure = work.failure.get();
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        return List.of(solutions);
    }

    /** The shared state of one call: what to solve, the next unclaimed path and the first failure. */
    private static final class Work implements Runnable {
        private final Integrator integrator;
        private final SdeProblem problem;
        private final int paths;
        private final long masterSeed;
        private final LongFunction<? extends BrownianPath> pathForSeed;
        private final Solution[] solutions;
        /** The first path nobody has claimed (a long: claims past the end must not wrap around). */
        private final AtomicLong next = new AtomicLong();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        /** Counts down as each helper finishes (the caller's own share is not counted). */
        final CountDownLatch helpersDone;

        Work(Integrator integrator, SdeProblem problem, int paths, long masterSeed,
             LongFunction<? extends BrownianPath> pathForSeed, Solution[] solutions, int helpers) {
            this.helpersDone = new CountDownLatch(helpers);
            this.integrator = integrator;
            this.problem = problem;
            this.paths = paths;
            this.masterSeed = masterSeed;
            this.pathForSeed = pathForSeed;
            this.solutions = solutions;
        }

        /** Makes every worker stop after its current path. */
        void stop() {
            next.set(paths);
        }

        void runAsHelper() {
            try {
                run();
            } finally {
                helpersDone.countDown();
            }
        }

        @Override
        public void run() {
            try {
                for (long from = next.getAndAdd(PATHS_PER_CLAIM); from < paths; from = next.getAndAdd(PATHS_PER_CLAIM)) {
                    int end = (int) Math.min(paths, from + PATHS_PER_CLAIM);
                    for (int i = (int) from; i < end; i++) {
                        solutions[i] = integrator.solve(problem, pathForSeed.apply(Seeds.derive(masterSeed, i)));
                    }
                }
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
                stop();
            }
        }
    }
}
