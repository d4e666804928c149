package org.wiener.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.wiener.control.StepSizeController;
import org.wiener.sde.NoiseType;
import org.wiener.solver.Solver;
import org.wiener.study.CirController;
import org.wiener.study.OrderFit;
import org.wiener.study.StepMode;
import org.wiener.study.StudyBuilder;
import org.wiener.study.TestProblem;

import picocli.CommandLine.Option;

/**
 * The flags and the flow shared by {@code strong-order} and {@code weak-order}: check the flags, look
 * up the problem and solvers, run the study with a progress bar, then write the CSV files and plots
 * atomically and print the table and the fitted orders.
 */
abstract class AbstractStudyCommand implements Callable<Integer> {

    @Option(names = "--problem", required = true, paramLabel = "NAME",
            description = "Test problem (see 'wiener problems'), e.g. gbm, ou, cir-medium.")
    String problemName;

    @Option(names = {"--solver", "--solvers"}, required = true, split = ",", paramLabel = "SOLVER",
            description = "Comma-separated solvers (see 'wiener solvers'); hosts and die for the CIR problems.")
    List<String> solverNames;

    @Option(names = "--mode", defaultValue = "constant", converter = CliSupport.ModeConverter.class,
            paramLabel = "constant|adaptive",
            description = "constant: level l takes 2^l equal steps; adaptive: rtol = atol = 2^-l "
                    + "(CIR schemes: CirController with ctol = 2^-l). Default: ${DEFAULT-VALUE}.")
    StepMode mode;

    @Option(names = "--levels", defaultValue = "3:7", converter = CliSupport.LevelsConverter.class,
            paramLabel = "L1:L2", description = "First and last level, 0 <= L1 <= L2. Default: ${DEFAULT-VALUE}.")
    CliSupport.Levels levels;

    @Option(names = "--paths", defaultValue = "100", paramLabel = "N",
            description = "Brownian paths, >= 1. Default: ${DEFAULT-VALUE}.")
    int paths;

    @Option(names = "--seed", defaultValue = "5678", paramLabel = "X",
            description = "Master seed; path i uses Seeds.derive(X, i). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", paramLabel = "T",
            description = "Worker threads, >= 1 (results do not depend on it). Default: all processors.")
    Integer threads;

    @Option(names = "--out", defaultValue = ".", paramLabel = "DIR",
            description = "Output directory, created if missing. Default: the current directory.")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    /** The checked flags, the problem and the solvers. */
    record Setup(TestProblem problem, List<Solver> solvers, StepMode mode, int first, int last, int paths, long seed,
                 int threads, Path out) {
    }

    @Override
    public final Integer call() {
        CliSupport.atLeastOne("--paths", paths);
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors()
                : CliSupport.atLeastOne("--threads", threads);
        TestProblem problem = CliSupport.problem(problemName);
        List<Solver> solvers = CliSupport.solvers(solverNames, problem);
        boolean cirControl = usesCirController(mode, solvers);
        for (Solver s : solvers) {
            CliSupport.checkSolver(s, problem, mode == StepMode.ADAPTIVE && !cirControl);
        }
        Setup setup = new Setup(problem, solvers, mode, levels.first(), levels.last(), paths, seed, threadCount,
                CliSupport.outDir(out));
        return run(setup, new ProgressBar(System.err, quiet));
    }

    /**
     * Runs the study and reports it.
     *
     * @param setup the checked flags
     * @param bar the progress bar, to pass to the study
     * @return the exit code
     */
    abstract int run(Setup setup, ProgressBar bar);

    /**
     * @param mode the step mode
     * @param solvers the solvers
     * @return whether the study steps with paper A's {@link CirController}: adaptive mode with a CIR scheme
     *     (which has no error estimate) among the solvers; all solvers of the study then share it
     */
    static boolean usesCirController(StepMode mode, List<Solver> solvers) {
        return mode == StepMode.ADAPTIVE && CliSupport.anyCirScheme(solvers);
    }

    /** @return (mode, level) → CirController with ctol = 2^−level */
    static BiFunction<StepMode, Integer, StepSizeController> cirControllers() {
        return (m, level) -> new CirController(Math.scalb(1.0, -level));
    }

    /** The Brownian trees' tolerance under the CIR controller: dtmin/2, as in paper A (2^−16). */
    static double cirTreeTolerance() {
        return CirController.DEFAULT_DTMIN / 2.0;
    }

    /**
     * Applies the command's settings to a study builder (and paper A's controller where it applies).
     *
     * @param <B> the builder type
     * @param builder a strong- or weak-order study builder
     * @param setup the checked settings
     * @param bar the progress bar the study reports to
     * @return the builder
     */
    static <B extends StudyBuilder<B>> B configure(B builder, Setup setup, ProgressBar bar) {
        builder.solvers(setup.solvers()).mode(setup.mode()).levels(setup.first(), setup.last())
                .paths(setup.paths()).seed(setup.seed()).threads(setup.threads()).progress(bar::update);
        if (usesCirController(setup.mode(), setup.solvers())) {
            builder.controllerForLevel(cirControllers()).treeTolerance(cirTreeTolerance());
        }
        return builder;
    }

    /**
     * Runs a study, finishing the progress bar on success and abandoning it on failure.
     *
     * @param <R> the result type
     * @param study the study to run
     * @param bar its progress bar
     * @return the result
     */
    static <R> R runWithBar(Supplier<R> study, ProgressBar bar) {
        try {
            R result = study.get();
            bar.finish();
            return result;
        } catch (RuntimeException e) {
            bar.abandon();
            throw e;
        }
    }

    /**
     * @param setup the study's settings
     * @param solver a solver's name
     * @param weak whether the weak order is wanted
     * @return its declared strong (or weak) order on the problem's noise class
     */
    static double theory(Setup setup, String solver, boolean weak) {
        NoiseType noise = setup.problem().noiseType();
        for (Solver s : setup.solvers()) {
            if (s.properties().name().equals(solver)) {
                return weak ? s.properties().weakOrder(noise) : s.properties().strongOrder(noise);
            }
        }
        return Double.NaN;
    }

    /**
     * Formats a fit as {@code heun constant: order 1.02 [0.95, 1.09] vs step; 1.01 [0.94, 1.08] vs work}.
     *
     * @param f the fit
     * @param label what follows "order" ("order" or e.g. "weak order")
     * @return the line, without theory
     */
    static String fitLine(OrderFit f, String label) {
        String versus = f.mode() == StepMode.CONSTANT ? "step" : "tolerance";
        return String.format(Locale.ROOT, "%s %s: %s %s [%s, %s] vs %s; %s [%s, %s] vs work", f.solver(),
                CliSupport.modeName(f.mode()), label, CliSupport.fixed3(f.orderVsStep()),
                CliSupport.fixed3(f.orderVsStepLow()), CliSupport.fixed3(f.orderVsStepHigh()), versus,
                CliSupport.fixed3(f.orderVsWork()), CliSupport.fixed3(f.orderVsWorkLow()),
                CliSupport.fixed3(f.orderVsWorkHigh()));
    }

    /**
     * Dashed reference lines of slope p (error ∝ x^p), one per distinct declared order, anchored at the
     * first point of the first series with that order.
     *
     * @param series the data series, one per solver, points in level order
     * @param orders the declared order of each series (NaN: none)
     * @param negate whether the slope is −p (plots against work)
     * @return the reference series
     */
    static List<Plots.Series> referenceLines(List<Plots.Series> series, List<Double> orders, boolean negate) {
        Map<Double, Plots.Series> lines = new LinkedHashMap<>();
        for (int i = 0; i < series.size(); i++) {
            double p = orders.get(i);
            Plots.Series s = series.get(i);
            if (Double.isNaN(p) || lines.containsKey(p) || s.x().length < 2) {
                continue;
            }
            double x0 = s.x()[0];
            double y0 = s.y()[0];
            if (!(x0 > 0 && y0 > 0) || !Double.isFinite(y0)) {
                continue;
            }
            double[] x = s.x().clone();
            double[] y = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                y[k] = y0 * Math.pow(x[k] / x0, negate ? -p : p);
            }
            lines.put(p, new Plots.Series("slope " + CliSupport.order(p), x, y, true));
        }
        return new ArrayList<>(lines.values());
    }

    /**
     * Prints the failures a study reported, on stderr.
     *
     * @param err stderr
     * @param failed how many solves failed
     * @param failures the first messages
     */
    static void warnFailures(PrintStream err, long failed, List<String> failures) {
        if (failed > 0) {
            err.println("warning: " + failed + " solve(s) did not reach t1 (their rows' errors are inf/NaN), e.g. "
                    + (failures.isEmpty() ? "?" : failures.get(0)));
        }
    }
}
