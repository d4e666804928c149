import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.StepSizeController;
import org.wiener.control.StepTo;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.SaveAt;
import org.wiener.integrate.Solution;
import org.wiener.integrate.Status;
import org.wiener.random.Seeds;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.Solver;
import org.wiener.study.CirController;
import org.wiener.study.CirProblems;
import org.wiener.study.DriftImplicitEuler;
import org.wiener.study.Hosts;
import org.wiener.study.OrderFit;
import org.wiener.study.OrderFits;
import org.wiener.study.ProblemLibrary;
import org.wiener.study.StepMode;
import org.wiener.study.StrongOrderStudy;
import org.wiener.study.StudyResult;
import org.wiener.study.StudyRow;
import org.wiener.study.TestProblem;

/**
 * Reproduces the CIR experiment of the single-seed paper ({@code problems.md} §6): HOStS and the
 * drift-implicit square-root Euler scheme (DIE) on the medium (σ = 1.5) and high (σ = 2.2) volatility
 * CIR problems, each with constant steps (StepTo on uniform grids of 2^ℓ steps over [0, 4]) and with
 * the paper's state-driven CirController (ctol = 2^−ℓ, dtmin = 2^−15, dtmax = 1): eight strong-order
 * studies, each against the same scheme two levels finer on the same Brownian tree path.
 *
 * <p>Run after {@code mvn -q package -DskipTests}:
 * <pre>
 * java -cp "target/classes:$(cat target/classpath.txt)" examples/CirExperiment.java [paths] [threads] [outDir] [options]
 * </pre>
 * paths: default 5000 ({@code --paper}: the paper's 50000); threads: default one per processor;
 * outDir: CSV folder, default {@code target/cir}. Options: {@code --only=medium|high},
 * {@code --drop-top=K} (drop the K finest levels of every configuration; the reference follows),
 * {@code --images=DIR} (PNG folder, default {@code docs/images}; {@code --images=none} for none),
 * {@code --seed=S} (default 5678, as the paper's PRNGKey), {@code --bootstrap=B} (default 200).
 *
 * <p><b>Step counts.</b> The x-axis of the fits and the plots is the mean number of <em>accepted</em>
 * steps, as in the paper's code ({@code sol.stats["num_accepted_steps"]}). {@link StudyRow#meanSteps()}
 * counts attempted steps (rejections included), so for the adaptive runs this program solves every
 * level again on the same trees to count accepted steps per path (the reference is not re-solved); it
 * checks that its attempted counts equal the study's. The fit against attempted steps is printed as
 * well. For constant steps both counts are 2^ℓ.
 *
 * <p>Outputs: {@code outDir/cir-strong-order.csv} (one row per configuration and level),
 * {@code outDir/cir-orders.csv} (one row per configuration with both published orders), and
 * {@code cir-medium.png}, {@code cir-high.png} (log-log RMS error against mean accepted steps).
 */
public class CirExperiment {

    static final double T = CirProblems.T;

    /** Published orders (problems.md §6.5): figure legends, then the notebook's markdown summary. */
    static double[] published(String problem, String solver, StepMode mode) {
        boolean medium = problem.equals("cir-medium");
        boolean hosts = solver.equals("hosts");
        boolean constant = mode == StepMode.CONSTANT;
        if (medium) {
            if (hosts) {
                return constant ? new double[] {0.78, 0.7824} : new double[] {1.72, 1.8225};
            }
            return constant ? new double[] {0.83, 0.8618} : new double[] {0.97, 1.0269};
        }
        if (hosts) {
            return constant ? new double[] {0.39, 0.3944} : new double[] {1.21, 0.8092};
        }
        return constant ? new double[] {0.46, 0.4642} : new double[] {1.91, 0.8618};
    }

    record Config(String problem, double sigma, String solverName, StepMode mode, int first, int last) {
        String label() {
            return (solverName.equals("hosts") ? "HOStS" : "DIE") + (mode == StepMode.CONSTANT ? " constant" : " adaptive");
        }

        Solver solver() {
            return solverName.equals("hosts") ? new Hosts(CirProblems.A, CirProblems.B, sigma)
                    : new DriftImplicitEuler(CirProblems.A, CirProblems.B, sigma);
        }

        /**
         * The levels behind the paper's figure legend, as indices [from, to) into first..last. The notebook
         * drops the finest level of both HOStS adaptive runs ({@code remove_steps(..., 0, 1)}), and the
         * committed high-volatility HOStS adaptive results hold 8 points whose step counts and errors are
         * those of levels 2…9 (the notebook's {@code levels_hard_adap = (1, 9)} notwithstanding), so its
         * legend fits levels 2…8. Every other configuration is fitted over all its levels.
         */
        int[] paperRange() {
            int n = last - first + 1;
            if (!(solverName.equals("hosts") && mode == StepMode.ADAPTIVE)) {
                return new int[] {0, n};
            }
            int from = problem.equals("cir-high") ? Math.max(0, 2 - first) : 0;
            return new int[] {from, n - 1};
        }

        boolean paperRangeDiffers() {
            int[] r = paperRange();
            return r[0] != 0 || r[1] != last - first + 1;
        }
    }

    record Fit(double order, double low, double high) {
    }

    record Outcome(Config config, StudyResult result, int[] levels, double[] stepOrTol, double[] accepted,
                   double[] attempted, double[] rms, Fit acceptedFit, Fit paperSubsetFit, OrderFit studyFit,
                   double elapsedSeconds, double acceptedLoopSeconds) {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        int paths = 5000;
        int threads = Runtime.getRuntime().availableProcessors();
        Path outDir = Path.of("target/cir");
        Path imageDir = Path.of("docs/images");
        String only = null;
        int dropTop = 0;
        long seed = 5678L;
        int bootstrap = 200;
        int positional = 0;
        for (String a : args) {
            if (a.equals("--paper")) {
                paths = 50_000;
            } else if (a.startsWith("--only=")) {
                only = a.substring(7);
            } else if (a.startsWith("--drop-top=")) {
                dropTop = Integer.parseInt(a.substring(11));
            } else if (a.startsWith("--images=")) {
                imageDir = a.substring(9).equals("none") ? null : Path.of(a.substring(9));
            } else if (a.startsWith("--seed=")) {
                seed = Long.parseLong(a.substring(7));
            } else if (a.startsWith("--bootstrap=")) {
                bootstrap = Integer.parseInt(a.substring(12));
            } else if (a.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + a);
            } else if (positional == 0) {
                paths = Integer.parseInt(a);
                positional++;
            } else if (positional == 1) {
                threads = Integer.parseInt(a);
                positional++;
            } else {
                outDir = Path.of(a);
                positional++;
            }
        }

        List<Config> configs = new ArrayList<>();
        if (only == null || only.equals("medium")) {
            double s = CirProblems.SIGMA_MEDIUM;
            configs.add(new Config("cir-medium", s, "hosts", StepMode.CONSTANT, 3, 11 - dropTop));
            configs.add(new Config("cir-medium", s, "hosts", StepMode.ADAPTIVE, 0, 10 - dropTop));
            configs.add(new Config("cir-medium", s, "die", StepMode.CONSTANT, 3, 11 - dropTop));
            configs.add(new Config("cir-medium", s, "die", StepMode.ADAPTIVE, 0, 11 - dropTop));
        }
        if (only == null || only.equals("high")) {
            double s = CirProblems.SIGMA_HIGH;
            configs.add(new Config("cir-high", s, "hosts", StepMode.CONSTANT, 5, 12 - dropTop));
            configs.add(new Config("cir-high", s, "hosts", StepMode.ADAPTIVE, 1, 9 - dropTop));
            configs.add(new Config("cir-high", s, "die", StepMode.CONSTANT, 5, 12 - dropTop));
            configs.add(new Config("cir-high", s, "die", StepMode.ADAPTIVE, 1, 9 - dropTop));
        }
        System.out.printf(Locale.ROOT, "CIR experiment: %d paths, %d threads, seed %d, %d bootstrap resamples%s%n",
                paths, threads, seed, bootstrap, dropTop > 0 ? ", " + dropTop + " finest level(s) dropped" : "");

        long start = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        for (Config c : configs) {
            Outcome o = run(c, paths, threads, seed, bootstrap);
            outcomes.add(o);
            print(o);
        }
        double total = (System.nanoTime() - start) * 1e-9;

        Files.createDirectories(outDir);
        writeCsv(outcomes, outDir);
        if (imageDir != null) {
            Files.createDirectories(imageDir);
            for (String problem : new String[] {"cir-medium", "cir-high"}) {
                List<Outcome> group = outcomes.stream().filter(o -> o.config().problem().equals(problem)).toList();
                if (!group.isEmpty()) {
                    plot(group, imageDir.resolve(problem + ".png"), paths);
                }
            }
        }
        summary(outcomes);
        System.out.printf(Locale.ROOT, "total wall time %.1f s; CSV in %s%s%n", total, outDir,
                imageDir == null ? "" : ", plots in " + imageDir);
    }

    static double[] grid(int level) {
        int n = 1 << level;
        double[] t = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            // The save-time formula of the study (0 + (T - 0)*k/n), so the coarse save grid lies on every grid.
            t[k] = k == n ? T : T * k / n;
        }
        return t;
    }

    static StepSizeController controller(StepMode mode, int level) {
        return mode == StepMode.CONSTANT ? new StepTo(grid(level))
                : new CirController(Math.scalb(1.0, -level), CirController.DEFAULT_DTMIN, CirController.DEFAULT_DTMAX);
    }

    static double treeTolerance(Config c) {
        // Paper A: 2^-16 (adaptive, dtmin/2) or T*2^-(l_fine + 3) (constant).
        return c.mode() == StepMode.ADAPTIVE ? 0x1p-16 : T * Math.scalb(1.0, -(c.last() + 3));
    }

    static Outcome run(Config c, int paths, int threads, long seed, int bootstrap) throws Exception {
        TestProblem problem = ProblemLibrary.byName(c.problem());
        Solver solver = c.solver();
        long t0 = System.nanoTime();
        String tag = c.problem() + " " + c.label();
        int[] lastPercent = {-1};
        StudyResult r = StrongOrderStudy.builder(problem)
                .solver(solver)
                .mode(c.mode())
                .levels(c.first(), c.last())
                .paths(paths)
                .seed(seed)
                .threads(threads)
                .referenceLevels(2)
                .forceSelfReference(true)
                .controllerForLevel(CirExperiment::controller)
                .treeTolerance(treeTolerance(c))
                .bootstrapResamples(bootstrap)
                .progress((done, tot) -> {
                    int pct = (int) (100 * done / tot);
                    if (pct / 10 != lastPercent[0] / 10) {
                        synchronized (lastPercent) {
                            if (pct / 10 != lastPercent[0] / 10) {
                                lastPercent[0] = pct;
                                System.err.printf(Locale.ROOT, "  [%s] %d%% (%.0f s)%n", tag, pct,
                                        (System.nanoTime() - t0) * 1e-9);
                            }
                        }
                    }
                })
                .run();
        double studySeconds = (System.nanoTime() - t0) * 1e-9;
        if (r.failedSolves() > 0) {
            System.out.println("WARNING: " + r.failedSolves() + " failed solves, e.g. " + r.failures().get(0));
        }

        int n = c.last() - c.first() + 1;
        int[] levels = new int[n];
        double[] stepOrTol = new double[n];
        double[] attempted = new double[n];
        double[] rms = new double[n];
        double[][] sq = new double[n][];
        List<StudyRow> rows = r.rows(solver.properties().name());
        for (int k = 0; k < n; k++) {
            StudyRow row = rows.get(k);
            levels[k] = row.level();
            stepOrTol[k] = c.mode() == StepMode.CONSTANT ? T * Math.scalb(1.0, -levels[k]) : Math.scalb(1.0, -levels[k]);
            attempted[k] = row.meanSteps();
            rms[k] = row.rmsError();
            sq[k] = r.squaredErrors(solver.properties().name(), levels[k]);
        }

        // Accepted steps per path: 2^l for constant steps; for the CirController, solve the levels again.
        double[][] acc = new double[n][paths];
        double loopSeconds = 0.0;
        if (c.mode() == StepMode.CONSTANT) {
            for (int k = 0; k < n; k++) {
                java.util.Arrays.fill(acc[k], Math.scalb(1.0, levels[k]));
            }
        } else {
            long t1 = System.nanoTime();
            double[][] att = acceptedSteps(c, problem, solver, r.treeTolerance(), paths, threads, seed, acc);
            loopSeconds = (System.nanoTime() - t1) * 1e-9;
            for (int k = 0; k < n; k++) {
                double mean = mean(att[k]);
                if (mean != attempted[k]) {
                    System.out.printf(Locale.ROOT, "WARNING: level %d: attempted steps %.6f in the re-solve, %.6f in the"
                            + " study%n", levels[k], mean, attempted[k]);
                }
            }
        }
        double[] accepted = new double[n];
        for (int k = 0; k < n; k++) {
            accepted[k] = mean(acc[k]);
        }
        Fit all = bootstrapFit(sq, acc, 0, n, bootstrap, seed);
        int[] pr = c.paperRange();
        Fit subset = c.paperRangeDiffers() && pr[1] - pr[0] >= 2
                ? bootstrapFit(sq, acc, pr[0], pr[1], bootstrap, seed) : null;
        return new Outcome(c, r, levels, stepOrTol, accepted, attempted, rms, all, subset, r.fits().get(0),
                studySeconds + loopSeconds, loopSeconds);
    }

    /** Re-solves each level of an adaptive configuration on the study's trees; fills acc, returns attempted. */
    static double[][] acceptedSteps(Config c, TestProblem problem, Solver solver, double treeTol, int paths,
                                    int threads, long seed, double[][] acc) throws Exception {
        int n = c.last() - c.first() + 1;
        double[][] att = new double[n][paths];
        SdeProblem p = problem.problem().inCalculus(solver.properties().calculus());
        Integrator[] integrators = new Integrator[n];
        for (int k = 0; k < n; k++) {
            integrators[k] = Integrator.builder().solver(solver).controller(controller(c.mode(), c.first() + k))
                    .saveAt(SaveAt.times(new double[0])).maxSteps(1_000_000L).build();
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                fs.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < paths) {
                        VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(0.0, T).dimension(1)
                                .tolerance(treeTol).levyArea(solver.properties().levyArea())
                                .seed(Seeds.derive(seed, i)).build();
                        for (int k = 0; k < n; k++) {
                            Solution s = integrators[k].solve(p, tree);
                            if (s.status() != Status.SUCCESS) {
                                throw new IllegalStateException("path " + i + " level " + (c.first() + k) + ": "
                                        + s.status() + " " + s.message());
                            }
                            acc[k][i] = s.stats().acceptedSteps();
                            att[k][i] = s.stats().attemptedSteps();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return att;
    }

    /** The mean in path order (the study's reduction order, so equal means compare exactly). */
    static double mean(double[] v) {
        double s = 0.0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    /**
     * Slope of log RMS error against −log(mean accepted steps) over levels [from, to), with a 95%
     * percentile interval from resampling paths (errors and step counts of a path stay together).
     */
    static Fit bootstrapFit(double[][] sq, double[][] steps, int from, int to, int resamples, long seed) {
        int paths = sq[0].length;
        double order = slope(sq, steps, from, to, null);
        if (resamples == 0) {
            return new Fit(order, Double.NaN, Double.NaN);
        }
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5EEDL);
        double[] b = new double[resamples];
        int[] counts = new int[paths];
        for (int j = 0; j < resamples; j++) {
            java.util.Arrays.fill(counts, 0);
            for (int p = 0; p < paths; p++) {
                counts[rng.nextInt(paths)]++;
            }
            b[j] = slope(sq, steps, from, to, counts);
        }
        return new Fit(order, OrderFits.quantile(b, 0.025), OrderFits.quantile(b, 0.975));
    }

    static double slope(double[][] sq, double[][] steps, int from, int to, int[] counts) {
        int m = to - from;
        double[] x = new double[m];
        double[] y = new double[m];
        int paths = sq[0].length;
        for (int k = 0; k < m; k++) {
            double s2 = 0.0;
            double st = 0.0;
            for (int p = 0; p < paths; p++) {
                int w = counts == null ? 1 : counts[p];
                if (w != 0) {
                    s2 += w * sq[from + k][p];
                    st += w * steps[from + k][p];
                }
            }
            x[k] = -Math.log(st / paths);
            y[k] = 0.5 * Math.log(s2 / paths);
        }
        return OrderFits.slope(x, y);
    }

    static void print(Outcome o) {
        Config c = o.config();
        System.out.printf(Locale.ROOT, "%n== %s, %s: levels %d..%d, reference level %d, tree tolerance %.4g,"
                        + " %d paths, %.1f s wall (of which %.1f s counting accepted steps)%n",
                c.problem(), c.label(), c.first(), c.last(), c.last() + 2, o.result().treeTolerance(),
                o.result().paths(), o.elapsedSeconds(), o.acceptedLoopSeconds());
        System.out.printf(Locale.ROOT, "%6s %12s %14s %14s %12s%n", "level",
                c.mode() == StepMode.CONSTANT ? "step" : "ctol", "mean accepted", "mean attempted", "RMS error");
        for (int k = 0; k < o.levels().length; k++) {
            System.out.printf(Locale.ROOT, "%6d %12.4e %14.1f %14.1f %12.4e%n", o.levels()[k], o.stepOrTol()[k],
                    o.accepted()[k], o.attempted()[k], o.rms()[k]);
        }
        double[] pub = published(c.problem(), c.solverName(), c.mode());
        Fit f = o.acceptedFit();
        System.out.printf(Locale.ROOT, "order vs -log(mean accepted steps): %.3f [%.3f, %.3f] (all levels)%n",
                f.order(), f.low(), f.high());
        if (o.paperSubsetFit() != null) {
            Fit s = o.paperSubsetFit();
            int[] pr = c.paperRange();
            System.out.printf(Locale.ROOT, "order vs -log(mean accepted steps): %.3f [%.3f, %.3f] (levels %d..%d, those"
                    + " of the paper's figure legend)%n", s.order(), s.low(), s.high(), c.first() + pr[0],
                    c.first() + pr[1] - 1);
        }
        OrderFit sf = o.studyFit();
        System.out.printf(Locale.ROOT, "order vs -log(mean attempted steps) (StrongOrderStudy): %.3f [%.3f, %.3f]%n",
                sf.orderVsWork(), sf.orderVsWorkLow(), sf.orderVsWorkHigh());
        System.out.printf(Locale.ROOT, "published: %.2f (figure legend), %.4f (notebook summary)%n", pub[0], pub[1]);
    }

    static Fit paperFit(Outcome o) {
        return o.paperSubsetFit() != null ? o.paperSubsetFit() : o.acceptedFit();
    }

    static void summary(List<Outcome> outcomes) {
        System.out.printf(Locale.ROOT, "%n== Summary: order vs -log(mean accepted steps), 95%% bootstrap interval%n");
        System.out.printf(Locale.ROOT, "%-11s %-16s %-26s %-26s %8s %9s%n", "problem", "configuration", "measured (all levels)",
                "measured (paper's levels)", "figure", "notebook");
        for (Outcome o : outcomes) {
            Config c = o.config();
            double[] pub = published(c.problem(), c.solverName(), c.mode());
            Fit a = o.acceptedFit();
            Fit p = paperFit(o);
            System.out.printf(Locale.ROOT, "%-11s %-16s %.3f [%.3f, %.3f]      %.3f [%.3f, %.3f]      %8.2f %9.4f%n",
                    c.problem(), c.label(), a.order(), a.low(), a.high(), p.order(), p.low(), p.high(), pub[0], pub[1]);
        }
        for (String problem : new String[] {"cir-medium", "cir-high"}) {
            for (String solver : new String[] {"hosts", "die"}) {
                Outcome con = find(outcomes, problem, solver, StepMode.CONSTANT);
                Outcome ada = find(outcomes, problem, solver, StepMode.ADAPTIVE);
                if (con != null && ada != null) {
                    double ratio = paperFit(ada).order() / con.acceptedFit().order();
                    // Conservative ratio: low end of the adaptive interval over the high end of the constant one.
                    double low = paperFit(ada).low() / con.acceptedFit().high();
                    System.out.printf(Locale.ROOT, "%s %s: adaptive/constant order ratio %.2f (conservative %.2f)%s%n",
                            problem, solver, ratio, low, problem.equals("cir-high")
                                    ? (ratio >= 2.0 ? " -> at least doubles" : " -> does NOT double") : "");
                }
            }
        }
    }

    static Outcome find(List<Outcome> outcomes, String problem, String solver, StepMode mode) {
        return outcomes.stream().filter(o -> o.config().problem().equals(problem)
                && o.config().solverName().equals(solver) && o.config().mode() == mode).findFirst().orElse(null);
    }

    static void writeCsv(List<Outcome> outcomes, Path dir) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("cir-strong-order.csv"),
                StandardCharsets.UTF_8))) {
            w.println("problem,sigma,solver,mode,level,step_or_ctol,mean_accepted_steps,mean_attempted_steps,rms_error,"
                    + "paths,seed,tree_tolerance,reference_level");
            for (Outcome o : outcomes) {
                Config c = o.config();
                for (int k = 0; k < o.levels().length; k++) {
                    w.printf(Locale.ROOT, "%s,%s,%s,%s,%d,%.17g,%.17g,%.17g,%.17g,%d,%d,%.17g,%d%n", c.problem(), c.sigma(),
                            c.solverName(), c.mode().name().toLowerCase(Locale.ROOT), o.levels()[k], o.stepOrTol()[k],
                            o.accepted()[k], o.attempted()[k], o.rms()[k], o.result().paths(), o.result().seed(),
                            o.result().treeTolerance(), c.last() + 2);
                }
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("cir-orders.csv"),
                StandardCharsets.UTF_8))) {
            w.println("problem,solver,mode,first_level,last_level,order_vs_accepted,low,high,"
                    + "paper_first_level,paper_last_level,order_vs_accepted_paper_levels,low_paper_levels,high_paper_levels,"
                    + "order_vs_attempted,low_attempted,high_attempted,published_figure,published_notebook,paths,seconds");
            for (Outcome o : outcomes) {
                Config c = o.config();
                double[] pub = published(c.problem(), c.solverName(), c.mode());
                Fit a = o.acceptedFit();
                Fit p = paperFit(o);
                OrderFit s = o.studyFit();
                int[] pr = o.paperSubsetFit() != null ? c.paperRange() : new int[] {0, o.levels().length};
                w.printf(Locale.ROOT, "%s,%s,%s,%d,%d,%.6f,%.6f,%.6f,%d,%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%s,%s,%d,%.1f%n",
                        c.problem(), c.solverName(), c.mode().name().toLowerCase(Locale.ROOT), c.first(), c.last(),
                        a.order(), a.low(), a.high(), c.first() + pr[0], c.first() + pr[1] - 1,
                        p.order(), p.low(), p.high(), s.orderVsWork(), s.orderVsWorkLow(),
                        s.orderVsWorkHigh(), pub[0], pub[1], o.result().paths(), o.elapsedSeconds());
            }
        }
    }

    static void plot(List<Outcome> group, Path file, int paths) throws IOException {
        String problem = group.get(0).config().problem();
        double sigma = group.get(0).config().sigma();
        XYChart chart = new XYChartBuilder().width(900).height(650)
                .title(String.format(Locale.ROOT, "%s CIR (a = b = 1, sigma = %.1f, T = 4), %d paths",
                        problem.equals("cir-medium") ? "Medium-volatility" : "High-volatility", sigma, paths))
                .xAxisTitle("mean number of accepted steps").yAxisTitle("RMS error (max over save times)").build();
        var st = chart.getStyler();
        st.setXAxisLogarithmic(true);
        st.setYAxisLogarithmic(true);
        st.setLegendPosition(Styler.LegendPosition.InsideNE);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setLegendBackgroundColor(Color.WHITE);
        Color[] colors = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728)};
        var markers = new org.knowm.xchart.style.markers.Marker[] {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND,
                SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP};
        int i = 0;
        for (Outcome o : group) {
            Config c = o.config();
            Fit f = paperFit(o);
            int[] pr = o.paperSubsetFit() != null ? c.paperRange() : new int[] {0, o.levels().length};
            String name = String.format(Locale.ROOT, "%s: %.2f%s", c.label(), f.order(),
                    o.paperSubsetFit() != null ? String.format(Locale.ROOT, " (fit: levels %d-%d)", c.first() + pr[0],
                            c.first() + pr[1] - 1) : "");
            XYSeries s = chart.addSeries(name, o.accepted(), o.rms());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(markers[i % 4]);
            s.setMarkerColor(colors[i % 4]);
            // Fitted line over the fitted levels.
            int m = pr[1] - pr[0];
            double[] lx = new double[m];
            double[] ly = new double[m];
            double[] xs = new double[m];
            double[] ys = new double[m];
            for (int k = 0; k < m; k++) {
                xs[k] = -Math.log(o.accepted()[pr[0] + k]);
                ys[k] = Math.log(o.rms()[pr[0] + k]);
            }
            double[] line = OrderFits.leastSquares(xs, ys);
            for (int k = 0; k < m; k++) {
                lx[k] = o.accepted()[pr[0] + k];
                ly[k] = Math.exp(line[1] + line[0] * xs[k]);
            }
            XYSeries l = chart.addSeries(name + " fit", lx, ly);
            l.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            l.setMarker(SeriesMarkers.NONE);
            l.setLineColor(colors[i % 4]);
            l.setLineStyle(new BasicStroke(1.2f));
            l.setShowInLegend(false);
            i++;
        }
        try (OutputStream os = Files.newOutputStream(file)) {
            // ChartEncoder replaces BitmapEncoder's single-chart methods, deprecated in XChart 4.0.3.
            ChartEncoder.saveChart(chart, os, "png");
        }
    }
}
