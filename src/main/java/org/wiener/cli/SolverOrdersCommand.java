package org.wiener.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.wiener.sde.Calculus;
import org.wiener.sde.NoiseType;
import org.wiener.solver.Solver;
import org.wiener.solver.SolverProperties;
import org.wiener.solver.Solvers;
import org.wiener.study.OrderFit;
import org.wiener.study.StepMode;
import org.wiener.study.StrongOrderStudy;
import org.wiener.study.StudyResult;
import org.wiener.study.TestProblem;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wiener solver-orders}: measures the strong order of every SDE solver on a representative
 * problem of each noise class the solver declares an order for (general, commutative, additive), and
 * compares it with the declaration. Writes {@code DIR/solver-orders.csv} and the Markdown table
 * {@code DIR/solver-orders.md} for {@code docs/solvers.md}.
 */
@Command(name = "solver-orders", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure every solver's strong order (constant steps) on a representative problem of each "
                + "noise class it applies to, against its declared order.",
                "Problems (default): general noise 'general', commutative noise 'commutative', additive noise 'additive-nonlinear'.",
                "Writes DIR/solver-orders.csv and DIR/solver-orders.md (a Markdown table for docs/solvers.md)."},
        footer = {"", "Example (the table of docs/solvers.md):",
                "  wiener solver-orders --paths 1000 --levels 3:8 --out results/orders"})
public final class SolverOrdersCommand implements Callable<Integer> {

    /** The noise columns of the solver table. */
    static final List<String> COLUMNS = List.of("general", "commutative", "additive");

    /** A declared order agrees when it lies in the 95% interval widened by this much. */
    static final double MARGIN = 0.1;

    /** The CSV header; one row per solver and noise column where the solver applies. */
    static final String[] HEADER = {"solver", "calculus", "noise_column", "problem", "noise", "declared_order",
        "order_vs_step", "order_vs_step_low", "order_vs_step_high", "order_vs_work", "order_vs_work_low",
        "order_vs_work_high", "verdict"};

    @Option(names = "--general-problem", defaultValue = "general", paramLabel = "NAME",
            description = "Problem with general (non-commutative) noise. Default: ${DEFAULT-VALUE}.")
    private String generalProblem;

    @Option(names = "--commutative-problem", defaultValue = "commutative", paramLabel = "NAME",
            description = "Problem with commutative, diagonal or scalar noise. Default: ${DEFAULT-VALUE}.")
    private String commutativeProblem;

    @Option(names = "--additive-problem", defaultValue = "additive-nonlinear", paramLabel = "NAME",
            description = "Problem with additive noise. Default: ${DEFAULT-VALUE}.")
    private String additiveProblem;

    @Option(names = {"--solver", "--solvers"}, split = ",", paramLabel = "SOLVER",
            description = "Solvers to measure (default: every SDE solver of 'wiener solvers' except hosts and die).")
    private List<String> solverNames;

    @Option(names = "--levels", defaultValue = "3:7", converter = CliSupport.LevelsConverter.class,
            paramLabel = "L1:L2", description = "First and last level (2^l steps). Default: ${DEFAULT-VALUE}.")
    private CliSupport.Levels levels;

    @Option(names = "--paths", defaultValue = "200", paramLabel = "N",
            description = "Brownian paths per study, >= 1. Default: ${DEFAULT-VALUE}.")
    private int paths;

    @Option(names = "--seed", defaultValue = "5678", paramLabel = "X", description = "Master seed. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads, >= 1. Default: all processors.")
    private Integer threads;

    @Option(names = "--out", defaultValue = ".", paramLabel = "DIR",
            description = "Output directory, created if missing. Default: the current directory.")
    private Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    private boolean quiet;

    /** One measurement: a solver on one noise column. */
    record Measurement(String solver, Calculus calculus, String column, String problem, NoiseType noise,
                       double declared, OrderFit fit) {
        /** @return whether the declared order lies in the fit's 95% interval widened by {@link #MARGIN} */
        boolean agrees() {
            return fit.stepIntervalCovers(declared, MARGIN);
        }

        /** @return "agrees", "higher" (the whole widened interval above the declared order) or "lower" */
        String verdict() {
            if (agrees()) {
                return "agrees";
            }
            return fit.orderVsStepLow() - MARGIN > declared ? "higher" : "lower";
        }
    }

    @Override
    public Integer call() {
        CliSupport.atLeastOne("--paths", paths);
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors()
                : CliSupport.atLeastOne("--threads", threads);
        List<String> names = solverNames == null ? defaultSolvers() : solverNames;
        // Build every study first (each checks its settings), so that a bad flag fails before any work.
        List<String> columns = new ArrayList<>();
        List<StrongOrderStudy> studies = new ArrayList<>();
        List<List<Solver>> studySolvers = new ArrayList<>();
        List<TestProblem> problems = new ArrayList<>();
        ProgressBar bar = new ProgressBar(System.err, quiet);
        long[] progress = new long[2]; // offset of the running study, grand total
        for (String column : COLUMNS) {
            TestProblem problem = columnProblem(column);
            List<Solver> applicable = new ArrayList<>();
            for (Solver s : CliSupport.solvers(names, problem)) {
                SolverProperties p = s.properties();
                if (p.supportsSde() && p.supports(problem.noiseType())) {
                    applicable.add(s);
                }
            }
            if (applicable.isEmpty()) {
                continue;
            }
            StrongOrderStudy study = StrongOrderStudy.builder(problem).solvers(applicable).mode(StepMode.CONSTANT)
                    .levels(levels.first(), levels.last()).paths(paths).seed(seed).threads(threadCount)
                    .progress((done, total) -> bar.update(progress[0] + done, progress[1])).build();
            columns.add(column);
            studies.add(study);
            studySolvers.add(applicable);
            problems.add(problem);
            progress[1] += study.totalSolves();
        }
        if (studies.isEmpty()) {
            throw new IllegalArgumentException("--solver: none of " + names + " applies to any noise class (ODE solvers "
                    + "have no strong order)");
        }
        List<Measurement> measurements = new ArrayList<>();
        long failed = 0;
        String firstFailure = null;
        try {
            for (int i = 0; i < studies.size(); i++) {
                StudyResult result = studies.get(i).run();
                progress[0] += studies.get(i).totalSolves();
                failed += result.failedSolves();
                if (firstFailure == null && !result.failures().isEmpty()) {
                    firstFailure = result.failures().get(0);
                }
                TestProblem problem = problems.get(i);
                for (Solver s : studySolvers.get(i)) {
                    SolverProperties p = s.properties();
                    measurements.add(new Measurement(p.name(), p.calculus(), columns.get(i), problem.name(),
                            problem.noiseType(), p.strongOrder(problem.noiseType()), result.fit(p.name())));
                }
            }
            bar.finish();
        } catch (RuntimeException e) {
            bar.abandon();
            throw e;
        }
        Path dir = CliSupport.outDir(out);
        Path csv = dir.resolve("solver-orders.csv");
        AtomicFiles.writeText(csv, w -> {
            Csv.row(w, HEADER);
            for (Measurement m : measurements) {
                OrderFit f = m.fit();
                Csv.row(w, m.solver(), m.calculus().name().toLowerCase(Locale.ROOT), m.column(), m.problem(),
                        m.noise().name().toLowerCase(Locale.ROOT), Csv.number(m.declared()),
                        Csv.number(f.orderVsStep()), Csv.number(f.orderVsStepLow()), Csv.number(f.orderVsStepHigh()),
                        Csv.number(f.orderVsWork()), Csv.number(f.orderVsWorkLow()), Csv.number(f.orderVsWorkHigh()),
                        m.verdict());
            }
        });
        String markdown = markdown(names, measurements);
        Path md = dir.resolve("solver-orders.md");
        AtomicFiles.writeString(md, markdown);
        System.out.print(markdown);
        long agree = measurements.stream().filter(Measurement::agrees).count();
        long higher = measurements.stream().filter(m -> m.verdict().equals("higher")).count();
        System.out.println();
        System.out.println(agree + " of " + measurements.size() + " measured orders agree with the declared ones"
                + " (declared order within the 95% interval ± " + MARGIN + "), " + higher + " are higher, "
                + (measurements.size() - agree - higher) + " lower.");
        if (failed > 0) {
            System.err.println("warning: " + failed + " solve(s) did not reach t1, e.g. " + firstFailure);
        }
        System.out.println("wrote " + csv);
        System.out.println("wrote " + md);
        return 0;
    }

    /**
     * @param column a noise column
     * @return its problem, checked to have noise of that class
     */
    private TestProblem columnProblem(String column) {
        String flag = "--" + column + "-problem";
        String name = column.equals("general") ? generalProblem
                : column.equals("commutative") ? commutativeProblem : additiveProblem;
        TestProblem problem;
        try {
            problem = CliSupport.problem(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace("--problem", flag), e);
        }
        NoiseType noise = problem.noiseType();
        boolean fits = column.equals("general") ? noise == NoiseType.GENERAL
                : column.equals("additive") ? noise == NoiseType.ADDITIVE
                : noise != null && noise != NoiseType.GENERAL && noise != NoiseType.ADDITIVE;
        if (!fits) {
            throw new IllegalArgumentException(flag + " needs a problem with " + column + " noise, but " + problem.name()
                    + " has " + noise + " noise");
        }
        return problem;
    }

    /** @return every solver of {@link Solvers} that solves SDEs (not the ODE methods, not the CIR schemes) */
    static List<String> defaultSolvers() {
        List<String> names = new ArrayList<>();
        for (String name : Solvers.names()) {
            if (Solvers.byName(name).properties().supportsSde()) {
                names.add(name);
            }
        }
        return names;
    }

    private String markdown(List<String> names, List<Measurement> measurements) {
        StringBuilder md = new StringBuilder();
        md.append("<!-- generated by: wiener solver-orders --levels ").append(levels).append(" --paths ").append(paths)
                .append(" --seed ").append(seed).append(" --general-problem ").append(generalProblem)
                .append(" --commutative-problem ").append(commutativeProblem).append(" --additive-problem ")
                .append(additiveProblem).append(" -->\n\n");
        md.append(String.format(Locale.ROOT, "Measured strong orders: constant steps 2^-l (t1 - t0) for l = %d..%d, "
                        + "%d paths, seed %d. Each cell: the declared order, then the fitted order with its 95%% "
                        + "bootstrap interval; ✓ when the declared order lies in the interval widened by %.1f, ↑ when "
                        + "the measured order is higher (the problem is kinder than the general case), ✗ when it is "
                        + "lower; – where the solver does not apply. Problems: ", levels.first(), levels.last(),
                paths, seed, MARGIN));
        List<String> used = new ArrayList<>();
        for (String c : COLUMNS) {
            used.add(c + " noise `" + (c.equals("general") ? generalProblem
                    : c.equals("commutative") ? commutativeProblem : additiveProblem) + "`");
        }
        md.append(String.join(", ", used)).append(" (see `wiener problems`).\n\n");
        TextTable table = new TextTable("name", "calculus", "general", "commutative", "additive");
        for (String name : names) {
            String key = name.trim().toLowerCase(Locale.ROOT);
            List<Measurement> mine = measurements.stream().filter(m -> m.solver().equals(key)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            String[] cells = new String[5];
            cells[0] = key;
            cells[1] = mine.get(0).calculus() == Calculus.ITO ? "Itô" : "Strat.";
            int c = 2;
            for (String column : COLUMNS) {
                Measurement m = mine.stream().filter(x -> x.column().equals(column)).findFirst().orElse(null);
                cells[c++] = m == null ? "–" : cell(m);
            }
            table.add(cells);
        }
        md.append(table.toMarkdown());
        return md.toString();
    }

    private static String cell(Measurement m) {
        OrderFit f = m.fit();
        return String.format(Locale.ROOT, "%s · %s [%s, %s] %s", CliSupport.order(m.declared()),
                trim(f.orderVsStep()), trim(f.orderVsStepLow()),
                trim(f.orderVsStepHigh()), m.agrees() ? "✓" : m.verdict().equals("higher") ? "↑" : "✗");
    }

    private static String trim(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.2f", x) : CliSupport.fixed3(x);
    }
}
