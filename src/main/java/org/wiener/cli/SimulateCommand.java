package org.wiener.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.ConstantStepSize;
import org.wiener.control.PidController;
import org.wiener.control.StepSizeController;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.SaveAt;
import org.wiener.integrate.Solution;
import org.wiener.integrate.Status;
import org.wiener.random.Seeds;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.Solver;
import org.wiener.study.CirController;
import org.wiener.study.StepMode;
import org.wiener.study.TestProblem;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wiener simulate}: solves a test problem over many Brownian paths and writes the states at the
 * save times to {@code DIR/simulate.csv} ({@code path,t,x1..xn}). Path i runs on the tree seeded with
 * {@code Seeds.derive(seed, i)}, as in {@code Ensemble} and the studies, so the output does not depend
 * on the number of threads.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Solve a test problem over N Brownian paths and write the states at the save times to "
                + "DIR/simulate.csv (columns path,t,x1..xn; path i uses the tree seeded with Seeds.derive(X, i)).",
                "Steps: --mode constant takes 2^L equal steps; --mode adaptive uses rtol = atol = 2^-L "
                        + "(CIR schemes hosts and die: CirController with ctol = 2^-L)."},
        footer = {"", "Examples:", "  wiener simulate --problem gbm --solver heun --paths 1000 \\",
                "      --save-times 0,0.5,1 --seed 1 --out results/gbm-paths",
                "  wiener simulate --problem cir-high --solver hosts --mode adaptive \\",
                "      --level 10 --paths 100 --saves 64 --out results/cir"})
public final class SimulateCommand implements Callable<Integer> {

    /** Finest level accepted: 2^30 constant steps per path. */
    static final int MAX_LEVEL = 30;

    @Option(names = "--problem", required = true, paramLabel = "NAME",
            description = "Test problem (see 'wiener problems').")
    private String problemName;

    @Option(names = "--solver", required = true, paramLabel = "S", description = "Solver (see 'wiener solvers').")
    private String solverName;

    @Option(names = "--paths", defaultValue = "10", paramLabel = "N",
            description = "Brownian paths, >= 1. Default: ${DEFAULT-VALUE}.")
    private int paths;

    @Option(names = "--save-times", split = ",", paramLabel = "T",
            description = "Save exactly these times (increasing, within [t0, t1]), e.g. 0,0.5,1.")
    private List<Double> saveTimes;

    @Option(names = "--saves", paramLabel = "K",
            description = "Save on a uniform grid: t0 + k(t1 - t0)/K, k = 0..K (default 10; not with --save-times).")
    private Integer saves;

    @Option(names = "--mode", defaultValue = "constant", converter = CliSupport.ModeConverter.class,
            paramLabel = "constant|adaptive", description = "Step control. Default: ${DEFAULT-VALUE}.")
    private StepMode mode;

    @Option(names = "--level", defaultValue = "8", paramLabel = "L",
            description = "Constant: 2^L steps over [t0, t1]; adaptive: tolerance 2^-L. 0 <= L <= " + MAX_LEVEL
                    + ". Default: ${DEFAULT-VALUE}.")
    private int level;

    @Option(names = "--seed", defaultValue = "5678", paramLabel = "X", description = "Master seed. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads, >= 1. Default: all processors.")
    private Integer threads;

    @Option(names = "--out", defaultValue = ".", paramLabel = "DIR",
            description = "Output directory, created if missing. Default: the current directory.")
    private Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    private boolean quiet;

    @Override
    public Integer call() {
        CliSupport.atLeastOne("--paths", paths);
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors()
                : CliSupport.atLeastOne("--threads", threads);
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("--level must be in [0, " + MAX_LEVEL + "], got " + level);
        }
        TestProblem problem = CliSupport.problem(problemName);
        Solver solver = CliSupport.solver(solverName, problem);
        boolean adaptive = mode == StepMode.ADAPTIVE;
        boolean cirControl = adaptive && CliSupport.anyCirScheme(List.of(solver));
        CliSupport.checkSolver(solver, problem, adaptive && !cirControl);
        SdeProblem base = problem.problem();
        double t0 = base.t0();
        double t1 = base.t1();
        double span = t1 - t0;
        double[] times = outputTimes(t0, t1);

        StepSizeController controller;
        double tolerance;
        if (!adaptive) {
            double dt = span * Math.scalb(1.0, -level);
            controller = new ConstantStepSize(dt);
            tolerance = Math.min(dt, smallestGapToGrid(times, t0, t1, 1L << level)) / 4.0;
        } else if (cirControl) {
            controller = new CirController(Math.scalb(1.0, -level));
            tolerance = Math.min(CirController.DEFAULT_DTMIN / 2.0, smallestGap(times) / 4.0);
        } else {
            double tol = Math.scalb(1.0, -level);
            double dtmin = span * Math.scalb(1.0, -(level + 6));
            PidController.Builder b = PidController.builder(tol, tol).coefficients(0.1, 0.3, 0.0)
                    .stepBounds(dtmin, Double.POSITIVE_INFINITY);
            if (problem.noiseType() == NoiseType.GENERAL) {
                b.rejectedStepBuffer(10);
            }
            controller = b.build();
            tolerance = Math.min(dtmin / 2.0, smallestGap(times) / 4.0);
        }
        // The tree cannot resolve below (t1 - t0)·2^-52; stay a little above.
        double treeTolerance = Math.max(tolerance, span * Math.scalb(1.0, -50));
        SdeProblem converted = base.inCalculus(solver.properties().calculus());
        Integrator integrator = Integrator.builder().solver(solver).controller(controller).saveAt(SaveAt.times(times))
                .maxSteps(Math.max(1_000_000L, 1L << Math.min(level + 6, 62))).build();
        int noise = base.noiseDimension();
        org.wiener.brownian.LevyArea levy = solver.properties().levyArea();
        ProgressBar bar = new ProgressBar(System.err, quiet);
        Solution[] solutions;
        try {
            solutions = solveAll(integrator, converted, seed, threadCount, bar, s -> VirtualBrownianTree.builder()
                    .interval(t0, t1).dimension(noise).tolerance(treeTolerance).levyArea(levy).seed(s).build());
            bar.finish();
        } catch (RuntimeException e) {
            bar.abandon();
            throw e;
        }
        Path file = CliSupport.outDir(out).resolve("simulate.csv");
        int n = base.dimension();
        AtomicFiles.writeText(file, w -> {
            String[] header = new String[n + 2];
            header[0] = "path";
            header[1] = "t";
            for (int i = 0; i < n; i++) {
                header[i + 2] = "x" + (i + 1);
            }
            Csv.row(w, header);
            String[] row = new String[n + 2];
            for (int p = 0; p < solutions.length; p++) {
                Solution s = solutions[p];
                int k = 0;
                for (int j = 0; j < s.size(); j++) {
                    double t = s.time(j);
                    while (k < times.length && times[k] < t) {
                        k++;
                    }
                    if (k == times.length || times[k] != t) {
                        continue; // t0 or t1 when not asked for, or the last state of a failed solve
                    }
                    double[] x = s.state(j);
                    row[0] = Integer.toString(p);
                    row[1] = Csv.number(t);
                    for (int i = 0; i < n; i++) {
                        row[i + 2] = Csv.number(x[i]);
                    }
                    Csv.row(w, row);
                }
            }
        });
        report(System.out, problem, solver, solutions, times, treeTolerance, file);
        return 0;
    }

    private double[] outputTimes(double t0, double t1) {
        if (saveTimes != null && saves != null) {
            throw new IllegalArgumentException("--save-times and --saves exclude each other: give one");
        }
        if (saveTimes != null) {
            double[] times = new double[saveTimes.size()];
            for (int i = 0; i < times.length; i++) {
                double t = saveTimes.get(i);
                if (!(t >= t0 && t <= t1)) {
                    throw new IllegalArgumentException("--save-times must lie in [t0, t1] = [" + t0 + ", " + t1
                            + "], got " + t);
                }
                if (i > 0 && !(t > times[i - 1])) {
                    throw new IllegalArgumentException("--save-times must increase strictly, got " + times[i - 1]
                            + " then " + t);
                }
                times[i] = t;
            }
            if (times.length == 0) {
                throw new IllegalArgumentException("--save-times needs at least one time");
            }
            return times;
        }
        int k = saves == null ? 10 : saves;
        if (k < 1) {
            throw new IllegalArgumentException("--saves must be >= 1, got " + k);
        }
        double[] times = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            times[i] = i == k ? t1 : t0 + (t1 - t0) * i / k;
        }
        return times;
    }

    /** The shortest positive distance between two save times (∞ for one). */
    private static double smallestGap(double[] times) {
        double gap = Double.POSITIVE_INFINITY;
        for (int i = 1; i < times.length; i++) {
            gap = Math.min(gap, times[i] - times[i - 1]);
        }
        return gap;
    }

    /**
     * The shortest step constant stepping takes when save times split the grid: the smallest positive
     * distance from a save time to the nearest grid point t0 + (t1 − t0)k/N (∞ if all are on the grid).
     */
    private static double smallestGapToGrid(double[] times, double t0, double t1, long steps) {
        double gap = smallestGap(times);
        for (double t : times) {
            double k = Math.floor((t - t0) / (t1 - t0) * steps);
            for (double j = Math.max(0, k - 1); j <= Math.min(steps, k + 2); j++) {
                double g = j == steps ? t1 : t0 + (t1 - t0) * j / steps;
                double d = Math.abs(g - t);
                if (d > 0) {
                    gap = Math.min(gap, d);
                }
            }
        }
        return gap;
    }

    /**
     * Solves every path on a thread pool; path i on the path built from {@code Seeds.derive(seed, i)}.
     *
     * @return the solutions in path order
     */
    private Solution[] solveAll(Integrator integrator, SdeProblem problem, long masterSeed, int threadCount,
                                ProgressBar bar, java.util.function.LongFunction<VirtualBrownianTree> tree) {
        Solution[] solutions = new Solution[paths];
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threadCount, paths), runnable -> {
            Thread thread = new Thread(runnable, "wiener-simulate");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(paths);
            for (int i = 0; i < paths; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    solutions[index] = integrator.solve(problem, tree.apply(Seeds.derive(masterSeed, index)));
                    bar.update(done.incrementAndGet(), paths);
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            return solutions;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while simulating", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void report(PrintStream stdout, TestProblem problem, Solver solver, Solution[] solutions, double[] times,
                        double treeTolerance, Path file) {
        int n = problem.problem().dimension();
        long failed = 0;
        String firstFailure = null;
        double steps = 0;
        double[][] sum = new double[times.length][n];
        double[][] sumSq = new double[times.length][n];
        long[] count = new long[times.length];
        for (int p = 0; p < solutions.length; p++) {
            Solution s = solutions[p];
            steps += s.stats().attemptedSteps();
            if (s.status() != Status.SUCCESS) {
                failed++;
                if (firstFailure == null) {
                    firstFailure = "path " + p + ": " + s.status() + ", " + s.message();
                }
            }
            int k = 0;
            for (int j = 0; j < s.size(); j++) {
                while (k < times.length && times[k] < s.time(j)) {
                    k++;
                }
                if (k < times.length && times[k] == s.time(j)) {
                    double[] x = s.state(j);
                    for (int i = 0; i < n; i++) {
                        sum[k][i] += x[i];
                        sumSq[k][i] += x[i] * x[i];
                    }
                    count[k]++;
                }
            }
        }
        String[] header = new String[n + 2];
        header[0] = "t";
        header[1] = "paths";
        for (int i = 0; i < n; i++) {
            header[i + 2] = "x" + (i + 1) + " mean ± sd";
        }
        int[] right = new int[n + 2];
        for (int i = 0; i < right.length; i++) {
            right[i] = i;
        }
        TextTable table = new TextTable(header).rightAlign(right);
        for (int k = 0; k < times.length; k++) {
            String[] cells = new String[n + 2];
            cells[0] = new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", times[k])).stripTrailingZeros().toPlainString();
            cells[1] = Long.toString(count[k]);
            for (int i = 0; i < n; i++) {
                double mean = count[k] == 0 ? Double.NaN : sum[k][i] / count[k];
                double var = count[k] < 2 ? Double.NaN
                        : Math.max(0.0, (sumSq[k][i] - count[k] * mean * mean) / (count[k] - 1));
                cells[i + 2] = CliSupport.sci(mean, 4) + " ± " + CliSupport.sci(Math.sqrt(var), 2);
            }
            table.add(cells);
        }
        stdout.print(table.toText());
        stdout.println();
        stdout.printf(Locale.ROOT, "problem %s, solver %s, %s steps (level %d), %d paths, seed %d, tree tolerance %s; "
                        + "mean attempted steps per path %.1f%n", problem.name(), solver.properties().name(),
                CliSupport.modeName(mode), level, solutions.length, seed, CliSupport.sci(treeTolerance, 3),
                steps / solutions.length);
        if (failed > 0) {
            System.err.println("warning: " + failed + " of " + solutions.length + " paths did not reach t1 (their "
                    + "rows stop early), e.g. " + firstFailure);
        }
        stdout.println("wrote " + file);
    }
}
