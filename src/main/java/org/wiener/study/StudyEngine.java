package org.wiener.study;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.Solution;
import org.wiener.integrate.SolveStatistics;
import org.wiener.integrate.Status;
import org.wiener.random.Seeds;
import org.wiener.sde.SdeProblem;

/**
 * Runs every (path, solver, level) solve of a study on a thread pool and keeps per-path results in
 * arrays indexed by path, so that every reduction (done later, in path order) is the same for any
 * thread count. One path's solves (all solvers, all levels, the reference) run on one thread, on one
 * tree.
 */
final class StudyEngine {

    /** At most this many failure messages are kept (all are counted). */
    static final int MAX_FAILURE_MESSAGES = 20;

    final StudySettings settings;
    final SdeProblem[] converted;
    final Integrator[][] integrators;
    final Integrator[] references;
    final double[] saveTimes;
    final LevyArea levyArea;
    final double treeTolerance;

    StudyEngine(StudySettings settings, SdeProblem[] converted, Integrator[][] integrators, Integrator[] references,
                double[] saveTimes, LevyArea levyArea, double treeTolerance) {
        this.settings = settings;
        this.converted = converted;
        this.integrators = integrators;
        this.references = references;
        this.saveTimes = saveTimes;
        this.levyArea = levyArea;
        this.treeTolerance = treeTolerance;
    }

    /** Per-path results; [solver][level index][path]. */
    static final class Output {
        /** max over save times (after t0) of the squared Euclidean error. */
        double[][][] squaredError;
        /** X_T[0] − X_T^ref[0]. */
        double[][][] firstMomentDiff;
        /** X_T[0]² − (X_T^ref[0])². */
        double[][][] secondMomentDiff;
        /** Attempted steps, as doubles for the bootstrap. */
        double[][][] steps;
        /** Sums over paths. */
        long[][] evaluations;
        long[][] nanos;
        long[] referenceNanos;
        long failureCount;
        final List<String> failures = new ArrayList<>();
    }

    Output run() {
        int solvers = converted.length;
        int levels = integrators[0].length;
        int paths = settings.paths;
        Output out = new Output();
        out.squaredError = new double[solvers][levels][paths];
        out.firstMomentDiff = new double[solvers][levels][paths];
        out.secondMomentDiff = new double[solvers][levels][paths];
        out.steps = new double[solvers][levels][paths];
        AtomicLongArray evaluations = new AtomicLongArray(solvers * levels);
        AtomicLongArray nanos = new AtomicLongArray(solvers * levels);
        AtomicLongArray refNanos = new AtomicLongArray(solvers);
        AtomicLong failures = new AtomicLong();
        long total = (long) paths * solvers * (levels + (references == null ? 0 : 1));
        AtomicLong done = new AtomicLong();
        AtomicInteger nextPath = new AtomicInteger();
        int workers = Math.min(settings.threads, paths);
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "wiener-study");
            thread.setDaemon(true);
            return thread;
        });
        String[] firstFailure = new String[paths];
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    int p;
                    while ((p = nextPath.getAndIncrement()) < paths) {
                        if (Thread.currentThread().isInterrupted()) {
                            return;
                        }
                        runPath(p, out, evaluations, nanos, refNanos, failures, firstFailure, done, total);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the study", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            if (e.getCause() instanceof Error) {
                throw (Error) e.getCause();
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        out.evaluations = new long[solvers][levels];
        out.nanos = new long[solvers][levels];
        out.referenceNanos = new long[solvers];
        for (int s = 0; s < solvers; s++) {
            for (int k = 0; k < levels; k++) {
                out.evaluations[s][k] = evaluations.get(s * levels + k);
                out.nanos[s][k] = nanos.get(s * levels + k);
            }
            out.referenceNanos[s] = refNanos.get(s);
        }
        out.failureCount = failures.get();
        // The first failure of each path, in path order: the same report for any thread count.
        for (int p = 0; p < paths && out.failures.size() < MAX_FAILURE_MESSAGES; p++) {
            if (firstFailure[p] != null) {
                out.failures.add(firstFailure[p]);
            }
        }
        return out;
    }

    private void runPath(int p, Output out, AtomicLongArray evaluations, AtomicLongArray nanos,
                         AtomicLongArray refNanos, AtomicLong failures, String[] firstFailure, AtomicLong done,
                         long total) {
        SdeProblem base = settings.problem.problem();
        int n = base.dimension();
        int m = base.noiseDimension();
        int levels = integrators[0].length;
        int saves = saveTimes.length;
        VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(base.t0(), base.t1()).dimension(m)
                .tolerance(treeTolerance).levyArea(levyArea).seed(Seeds.derive(settings.seed, p)).build();
        double[][] exact = null;
        if (references == null) {
            exact = new double[saves][n];
            double[] w = new double[m];
            ExactSolution solution = settings.problem.exactSolution();
            for (int k = 0; k < saves; k++) {
                tree.value(saveTimes[k], w);
                solution.evaluate(saveTimes[k], w, exact[k]);
            }
        }
        StudyProgress progress = settings.progress;
        for (int s = 0; s < converted.length; s++) {
            String solverName = integrators[s][0].solver().properties().name();
            double[][] ref = exact;
            if (references != null) {
                long start = System.nanoTime();
                Solution r = references[s].solve(converted[s], tree);
                refNanos.addAndGet(s, System.nanoTime() - start);
                ref = states(r);
                if (ref == null) {
                    fail(failures, firstFailure, p, solverName, settings.referenceLevel(), true, r);
                }
                report(progress, done, total);
            }
            for (int k = 0; k < levels; k++) {
                long start = System.nanoTime();
                Solution sol = integrators[s][k].solve(converted[s], tree);
                nanos.addAndGet(s * levels + k, System.nanoTime() - start);
                SolveStatistics st = sol.stats();
                evaluations.addAndGet(s * levels + k,
                        st.driftEvaluations() + st.diffusionEvaluations() + st.derivativeEvaluations());
                out.steps[s][k][p] = st.attemptedSteps();
                double[][] y = states(sol);
                if (y == null) {
                    fail(failures, firstFailure, p, solverName, settings.first + k, false, sol);
                }
                if (y == null || ref == null) {
                    out.squaredError[s][k][p] = Double.POSITIVE_INFINITY;
                    out.firstMomentDiff[s][k][p] = Double.NaN;
                    out.secondMomentDiff[s][k][p] = Double.NaN;
                } else {
                    double max = 0.0;
                    for (int j = 1; j < saves; j++) {
                        double d2 = 0.0;
                        for (int i = 0; i < n; i++) {
                            double d = y[j][i] - ref[j][i];
                            d2 += d * d;
                        }
                        max = Math.max(max, d2);
                    }
                    out.squaredError[s][k][p] = max;
                    double a = y[saves - 1][0];
                    double b = ref[saves - 1][0];
                    out.firstMomentDiff[s][k][p] = a - b;
                    out.secondMomentDiff[s][k][p] = a * a - b * b;
                }
                report(progress, done, total);
            }
        }
    }

    /** @return the saved states, aligned with saveTimes, or null if the solve did not reach t1 */
    private double[][] states(Solution sol) {
        if (sol.status() != Status.SUCCESS) {
            return null;
        }
        if (sol.size() != saveTimes.length) {
            throw new IllegalStateException("solution saved " + sol.size() + " states, expected " + saveTimes.length);
        }
        double[][] y = new double[saveTimes.length][];
        for (int k = 0; k < saveTimes.length; k++) {
            if (sol.time(k) != saveTimes[k]) {
                throw new IllegalStateException("solution saved t = " + sol.time(k) + ", expected " + saveTimes[k]);
            }
            y[k] = sol.state(k);
        }
        return y;
    }

    private static void fail(AtomicLong failures, String[] firstFailure, int path, String solver, int level,
                             boolean reference, Solution sol) {
        failures.incrementAndGet();
        if (firstFailure[path] == null) {
            // Only this path's thread writes this slot; Future.get() publishes it to the caller.
            firstFailure[path] = "path " + path + ": " + solver + (reference ? " reference" : "") + " level " + level
                    + " " + sol.status() + " (" + sol.message() + ")";
        }
    }

    private static void report(StudyProgress progress, AtomicLong done, long total) {
        long d = done.incrementAndGet();
        if (progress != null) {
            progress.update(d, total);
        }
    }
}
