package org.wiener.cli;

import java.awt.Color;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.wiener.langevin.LangevinSampler;
import org.wiener.langevin.LangevinSolvers;
import org.wiener.langevin.SamplerResult;
import org.wiener.langevin.diagnostics.Summaries;
import org.wiener.langevin.diagnostics.Summary;
import org.wiener.langevin.target.CorrelatedGaussian;
import org.wiener.langevin.target.LogDensity;
import org.wiener.langevin.target.LogisticRegression;
import org.wiener.langevin.target.NealsFunnel;
import org.wiener.solver.Solver;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wiener sample}: underdamped Langevin MCMC ({@link LangevinSampler}) on a built-in posterior, writing
 * {@code DIR/draws.csv} ({@code chain,draw,<parameters>}), {@code DIR/summary.csv}
 * ({@code parameter,mean,sd,q5,q50,q95,rhat,ess_bulk,ess_tail}), {@code DIR/run.csv} (cost and timing) and
 * trace and density plots, and printing a summary table and the line {@code gradient evaluations: N}.
 *
 * <p>Exit codes: 0 on success; 2 on a bad flag or value; 3 if the sampler stopped on a non-finite log density
 * or state (the message names the chain and the time; the draws made so far are written).
 */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Underdamped Langevin MCMC: C chains, each on its own Virtual Brownian Tree (seed "
                + "Seeds.derive(X, chain)), W warm-up and N kept draws every --chain-sep time units.",
                "Warm-up adapts a diagonal preconditioner (posterior variances pooled over chains); see docs/mcmc.md.",
                "Writes DIR/draws.csv, DIR/summary.csv, DIR/run.csv and trace/density plots (PNG)."},
        footer = {"", "Example:", "  wiener sample --model logistic --data pima.csv --solver quicsort_doubled \\",
                "      --chains 4 --draws 1000 --warmup 1000 --seed 1 --threads 2 --out results/pima"})
public final class SampleCommand implements Callable<Integer> {

    /** Default tolerance of adaptive solvers (preconditioned units; see docs/mcmc.md). */
    static final double DEFAULT_TOLERANCE = 0.1;
    /** Fewest draws per chain the diagnostics accept. */
    static final int MIN_DRAWS = 6;
    /** Default constant step of solvers without an error estimate. */
    static final double DEFAULT_STEP = 0.25;

    @Option(names = "--model", required = true, paramLabel = "logistic|funnel|gaussian",
            description = "Posterior: logistic regression on --data, Neal's funnel (d = 10), or a correlated Gaussian.")
    private String model;

    @Option(names = "--data", paramLabel = "FILE",
            description = "CSV for --model logistic: header, numeric features, label column y in {0,1}.")
    private Path data;

    @Option(names = "--solver", defaultValue = "quicsort_doubled", paramLabel = "S",
            description = "quicsort|align|should|ubu or <name>_doubled (step doubling). Default: ${DEFAULT-VALUE}.")
    private String solverName;

    @Option(names = "--tolerance", paramLabel = "TOL",
            description = "Adaptive steps (PID, atol = TOL, rtol = 0). Default " + DEFAULT_TOLERANCE
                    + " for solvers with an error estimate.")
    private Double tolerance;

    @Option(names = "--warmup-tolerance", paramLabel = "TOL",
            description = "Tolerance of the warm-up phases (adaptive steps only). Default: --tolerance.")
    private Double warmupTolerance;

    @Option(names = "--step", paramLabel = "H",
            description = "Constant steps of at most H. Default " + DEFAULT_STEP + " for solvers without an error estimate.")
    private Double step;

    @Option(names = "--friction", defaultValue = "1.0", paramLabel = "GAMMA",
            description = "Friction gamma > 0. Default: ${DEFAULT-VALUE}.")
    private double friction;

    @Option(names = "--chain-sep", defaultValue = "0.5", paramLabel = "T",
            description = "Time between draws > 0. Default: ${DEFAULT-VALUE}.")
    private double chainSeparation;

    @Option(names = "--paper-steps", description = "The paper's stepping: each tree spans exactly the run and "
            + "steps follow Diffrax's PID law unchanged. Default: Wiener's cheaper dyadic stepping (docs/mcmc.md).")
    private boolean paperSteps;

    @Option(names = "--chains", defaultValue = "4", paramLabel = "C", description = "Chains >= 1. Default: ${DEFAULT-VALUE}.")
    private int chains;

    @Option(names = "--draws", defaultValue = "1000", paramLabel = "N",
            description = "Kept draws per chain >= " + MIN_DRAWS + ". Default: ${DEFAULT-VALUE}.")
    private int draws;

    @Option(names = "--warmup", defaultValue = "1000", paramLabel = "W",
            description = "Warm-up draws per chain >= 0. Default: ${DEFAULT-VALUE}.")
    private int warmup;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "X", description = "Master seed. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads >= 1. Default: all processors.")
    private Integer threads;

    @Option(names = "--init", split = ",", paramLabel = "X",
            description = "Starting position of every chain, d comma-separated numbers. Default: zeros.")
    private List<Double> init;

    @Option(names = "--plots", defaultValue = "4", paramLabel = "K",
            description = "Trace and density plots for the first K parameters and the last (0: none). Default: ${DEFAULT-VALUE}.")
    private int plots;

    @Option(names = "--out", defaultValue = ".", paramLabel = "DIR",
            description = "Output directory, created if missing. Default: the current directory.")
    private Path out;

    @Override
    public Integer call() {
        CliSupport.atLeastOne("--chains", chains);
        if (draws < MIN_DRAWS) {
            throw new IllegalArgumentException("--draws must be >= " + MIN_DRAWS + " (split R-hat and ESS need 3 draws "
                    + "per half chain), got " + draws);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must be >= 0, got " + warmup);
        }
        if (plots < 0) {
            throw new IllegalArgumentException("--plots must be >= 0, got " + plots);
        }
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors()
                : CliSupport.atLeastOne("--threads", threads);
        if (tolerance != null && step != null) {
            throw new IllegalArgumentException("--tolerance and --step exclude each other: give one");
        }
        LogDensity target = target();
        Solver solver = LangevinSolvers.byName(solverName);
        LangevinSampler.Builder b = LangevinSampler.builder().solver(solver).friction(friction)
                .chainSeparation(chainSeparation).chains(chains).draws(draws).warmup(warmup).seed(seed)
                .threads(threadCount).paperSteps(paperSteps);
        if (warmupTolerance != null) {
            b.warmupTolerance(warmupTolerance);
        }
        if (tolerance != null) {
            b.tolerance(tolerance);
        } else if (step != null) {
            b.step(step);
        } else if (solver.properties().hasEmbeddedError()) {
            b.tolerance(DEFAULT_TOLERANCE);
        } else {
            b.step(DEFAULT_STEP);
        }
        if (init != null) {
            double[] x0 = new double[init.size()];
            for (int j = 0; j < x0.length; j++) {
                x0[j] = init.get(j);
            }
            if (x0.length != target.dimension()) {
                throw new IllegalArgumentException("--init must give the target's dimension " + target.dimension()
                        + " numbers, got " + x0.length);
            }
            b.initialPosition(x0);
        }
        LangevinSampler sampler = b.build();
        SamplerResult result = sampler.sample(target);
        Path dir = CliSupport.outDir(out);
        writeDraws(dir.resolve("draws.csv"), result);
        if (!result.completed()) {
            writeRun(dir.resolve("run.csv"), result, sampler, Double.NaN);
            System.out.println("gradient evaluations: " + result.totalGradientEvaluations() + " (warm-up included)");
            System.out.println("wrote " + dir.resolve("draws.csv") + " (draws made before the failure)");
            System.err.println("error: " + result.message());
            return 3;
        }
        List<Summary> summary = Summaries.of(result.draws(), result.parameterNames());
        writeSummary(dir.resolve("summary.csv"), summary);
        double minEss = Double.POSITIVE_INFINITY;
        for (Summary s : summary) {
            minEss = Math.min(minEss, s.essBulk());
        }
        writeRun(dir.resolve("run.csv"), result, sampler, minEss);
        List<Path> written = plots(dir, result);
        report(System.out, target, solver, sampler, result, summary, minEss, dir, written);
        return 0;
    }

    private LogDensity target() {
        switch (model) {
            case "logistic":
                if (data == null) {
                    throw new IllegalArgumentException("--model logistic needs --data FILE (a CSV with a label column y)");
                }
                return LogisticRegression.fromCsv(data);
            case "funnel":
                rejectData();
                return NealsFunnel.paperA();
            case "gaussian":
                rejectData();
                return builtInGaussian();
            default:
                throw new IllegalArgumentException("--model must be one of logistic, funnel, gaussian, got '" + model + "'");
        }
    }

    private void rejectData() {
        if (data != null) {
            throw new IllegalArgumentException("--data applies to --model logistic only, got --model " + model);
        }
    }

    /**
     * The built-in correlated Gaussian: d = 5, mean (1, −1, 2, 0, 0.5), scales σ_i = 10^(i/2 − 1)
     * (0.1 … 10) and correlation 0.8^|i−j|, i.e. badly scaled and correlated.
     *
     * @return the target
     */
    static CorrelatedGaussian builtInGaussian() {
        int d = 5;
        double[] mean = {1.0, -1.0, 2.0, 0.0, 0.5};
        double[][] cov = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double si = Math.pow(10.0, i / 2.0 - 1.0);
                double sj = Math.pow(10.0, j / 2.0 - 1.0);
                cov[i][j] = si * sj * Math.pow(0.8, Math.abs(i - j));
            }
        }
        return new CorrelatedGaussian(mean, cov);
    }

    private static void writeDraws(Path file, SamplerResult result) {
        List<String> names = result.parameterNames();
        double[][][] draws = result.draws();
        AtomicFiles.writeText(file, w -> {
            String[] row = new String[names.size() + 2];
            row[0] = "chain";
            row[1] = "draw";
            for (int j = 0; j < names.size(); j++) {
                row[j + 2] = names.get(j);
            }
            Csv.row(w, row);
            for (int c = 0; c < draws.length; c++) {
                for (int k = 0; k < draws[c].length; k++) {
                    row[0] = Integer.toString(c);
                    row[1] = Integer.toString(k);
                    for (int j = 0; j < names.size(); j++) {
                        row[j + 2] = Csv.number(draws[c][k][j]);
                    }
                    Csv.row(w, row);
                }
            }
        });
    }

    private static void writeSummary(Path file, List<Summary> summary) {
        AtomicFiles.writeText(file, w -> {
            Csv.row(w, "parameter", "mean", "sd", "q5", "q50", "q95", "rhat", "ess_bulk", "ess_tail");
            for (Summary s : summary) {
                Csv.row(w, s.parameter(), Csv.number(s.mean()), Csv.number(s.sd()), Csv.number(s.q5()),
                        Csv.number(s.q50()), Csv.number(s.q95()), Csv.number(s.rhat()), Csv.number(s.essBulk()),
                        Csv.number(s.essTail()));
            }
        });
    }

    private void writeRun(Path file, SamplerResult result, LangevinSampler sampler, double minEss) {
        AtomicFiles.writeText(file, w -> {
            Csv.row(w, "model", "solver", "control", "chains", "draws", "warmup", "chain_sep", "friction", "seed",
                    "threads", "gradient_evaluations", "warmup_gradient_evaluations", "accepted_steps",
                    "rejected_steps", "min_ess_bulk", "wall_seconds", "completed", "stepping");
            long warm = 0;
            long acc = 0;
            long rej = 0;
            for (int c = 0; c < result.chains(); c++) {
                warm += result.warmupGradientEvaluations()[c];
                acc += result.acceptedSteps()[c];
                rej += result.rejectedSteps()[c];
            }
            Csv.row(w, model, solverName, control(sampler), Integer.toString(chains), Integer.toString(draws),
                    Integer.toString(warmup), Csv.number(chainSeparation), Csv.number(friction), Long.toString(seed),
                    Integer.toString(threads == null ? Runtime.getRuntime().availableProcessors() : threads),
                    Long.toString(result.totalGradientEvaluations()), Long.toString(warm), Long.toString(acc),
                    Long.toString(rej), Csv.number(minEss), Csv.number(result.wallSeconds()),
                    Boolean.toString(result.completed()), paperSteps ? "paper" : "dyadic");
        });
    }

    private String control(LangevinSampler sampler) {
        if (sampler.isAdaptive()) {
            return "tolerance " + (tolerance != null ? tolerance : DEFAULT_TOLERANCE);
        }
        return "step " + (step != null ? step : DEFAULT_STEP);
    }

    /** Trace and density plots of the first {@code plots} parameters and the last one. */
    private List<Path> plots(Path dir, SamplerResult result) {
        List<Path> written = new ArrayList<>();
        List<String> names = result.parameterNames();
        int d = names.size();
        if (plots == 0) {
            return written;
        }
        List<Integer> which = new ArrayList<>();
        for (int j = 0; j < Math.min(plots, d); j++) {
            which.add(j);
        }
        if (!which.contains(d - 1)) {
            which.add(d - 1);
        }
        double[][][] draws = result.draws();
        for (int j : which) {
            String name = names.get(j);
            XYChart trace = linearChart("Trace of " + name, "draw", name);
            XYChart density = linearChart("Density of " + name + " (histogram per chain)", name, "density");
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[][] chain : draws) {
                for (double[] x : chain) {
                    lo = Math.min(lo, x[j]);
                    hi = Math.max(hi, x[j]);
                }
            }
            int bins = 40;
            double width = hi > lo ? (hi - lo) / bins : 1.0;
            for (int c = 0; c < draws.length; c++) {
                int n = draws[c].length;
                double[] k = new double[n];
                double[] y = new double[n];
                double[] counts = new double[bins];
                for (int i = 0; i < n; i++) {
                    k[i] = i;
                    y[i] = draws[c][i][j];
                    int bin = (int) Math.min(bins - 1, Math.floor((y[i] - lo) / width));
                    counts[bin] += 1.0 / (n * width);
                }
                double[] centres = new double[bins];
                for (int i = 0; i < bins; i++) {
                    centres[i] = lo + (i + 0.5) * width;
                }
                XYSeries s = trace.addSeries("chain " + c, k, y);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineWidth(0.7f);
                XYSeries h = density.addSeries("chain " + c, centres, counts);
                h.setMarker(SeriesMarkers.NONE);
            }
            String safe = name.replaceAll("[^A-Za-z0-9_.-]", "_");
            Path tracePng = dir.resolve("trace_" + safe + ".png");
            Path densityPng = dir.resolve("density_" + safe + ".png");
            Plots.writePng(trace, tracePng);
            Plots.writePng(density, densityPng);
            written.add(tracePng);
            written.add(densityPng);
        }
        return written;
    }

    private static XYChart linearChart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xDD, 0xDD, 0xDD));
        return chart;
    }

    private void report(PrintStream stdout, LogDensity target, Solver solver, LangevinSampler sampler,
                        SamplerResult result, List<Summary> summary, double minEss, Path dir, List<Path> written) {
        long total = result.totalGradientEvaluations();
        TextTable table = new TextTable("parameter", "mean", "sd", "q5", "q50", "q95", "R-hat", "ESS bulk", "ESS tail",
                "grads/ESS").rightAlign(1, 2, 3, 4, 5, 6, 7, 8, 9);
        for (Summary s : summary) {
            table.add(s.parameter(), num(s.mean()), num(s.sd()), num(s.q5()), num(s.q50()), num(s.q95()),
                    String.format(Locale.ROOT, "%.3f", s.rhat()), String.format(Locale.ROOT, "%.0f", s.essBulk()),
                    String.format(Locale.ROOT, "%.0f", s.essTail()),
                    String.format(Locale.ROOT, "%.1f", total / s.essBulk()));
        }
        stdout.print(table.toText());
        stdout.println();
        long warm = 0;
        long rejected = 0;
        for (int c = 0; c < result.chains(); c++) {
            warm += result.warmupGradientEvaluations()[c];
            rejected += result.rejectedSteps()[c];
        }
        stdout.printf(Locale.ROOT, "%s, %d parameters; solver %s, %s, friction %s, chain separation %s; %d chains x "
                        + "(%d warm-up + %d draws), seed %d%n", target.name(), summary.size(), solver.properties().name(),
                control(sampler), Double.toString(friction), Double.toString(chainSeparation), chains, warmup, draws, seed);
        stdout.printf(Locale.ROOT, "gradient evaluations: %d (warm-up %d; %d rejected steps)%n", total, warm, rejected);
        stdout.printf(Locale.ROOT, "min bulk ESS %.0f: %.1f gradient evaluations per effective sample, %.1f ESS per "
                + "1,000 gradient evaluations, %.0f ESS/s (wall time %.2f s)%n", minEss, total / minEss,
                1000.0 * minEss / total, minEss / result.wallSeconds(), result.wallSeconds());
        stdout.println("wrote " + dir.resolve("draws.csv") + ", " + dir.resolve("summary.csv") + ", "
                + dir.resolve("run.csv") + (written.isEmpty() ? "" : " and " + written.size() + " plots"));
    }

    private static String num(double x) {
        return String.format(Locale.ROOT, "%.4g", x);
    }
}
