package org.wiener.study;

import java.util.ArrayList;
import java.util.List;


/**
 * A strong-order convergence study ({@code problems.md} §1, §5, §6): the strong error
 * sqrt(E[max over save times ‖X<sub>t</sub> − X<sub>t</sub><sup>ref</sup>‖²]) of each solver at each
 * level, and the fitted order with a path-bootstrap interval.
 *
 * <pre>{@code
 * StudyResult r = StrongOrderStudy.builder(ProblemLibrary.byName("gbm"))
 *     .solvers(List.of(Solvers.byName("euler"), Solvers.byName("heun")))
 *     .mode(StepMode.CONSTANT).levels(3, 8).paths(1000).seed(5678).threads(8)
 *     .build().run();
 * }</pre>
 *
 * <p><b>Levels.</b> CONSTANT: level l takes 2<sup>l</sup> equal steps over [t0, t1]
 * ({@code ConstantStepSize((t1 − t0)·2^−l)}). ADAPTIVE: a {@code PidController} with
 * rtol = atol = 2<sup>−l</sup>, PID coefficients p = 0.1, i = 0.3 (Diffrax's advice for SDEs),
 * dtmin = (t1 − t0)·2<sup>−(last + referenceLevels + 4)</sup> (steps at dtmin are accepted), no dtmax,
 * and a rejected-step buffer of 10 when the problem's noise is GENERAL. {@code controllerForLevel}
 * replaces these (it is also asked for the reference level).
 *
 * <p><b>Paths and trees.</b> Path i uses one {@code VirtualBrownianTree} seeded with
 * {@code Seeds.derive(seed, i)}, at the richest Lévy area any of the study's solvers needs (the Lévy
 * level is part of a tree's identity, so a solver's errors depend on which other solvers share the
 * study), with tolerance the finest constant step / 4 (the finest step of any solve, reference
 * included) or dtmin / 2 (adaptive) unless {@code treeTolerance} is given. Every solver, every level and
 * the reference of path i run on that one tree: the single-seed point.
 *
 * <p><b>Reference.</b> The exact solution through the tree's W when the problem has one (unless
 * {@code forceSelfReference(true)}); otherwise the same solver, with the same mode, at level
 * last + referenceLevels (default 2: 4× finer than the finest level), on the same tree. Each solver
 * solves the problem converted to its calculus ({@code SdeProblem.inCalculus}); exact solutions are
 * unchanged by the conversion.
 *
 * <p><b>Errors.</b> Per path, the max over save times of the Euclidean norm of X − X<sup>ref</sup>;
 * save times are the coarsest level's grid (2<sup>first</sup> + 1 points) for CONSTANT and t1 only for
 * ADAPTIVE. A solve that does not reach t1 makes its path's error +∞ (so the row's rmsError is +∞ and
 * the result reports the failure).
 *
 * <p><b>Determinism.</b> Paths run in parallel, but per-path results are stored by path index and
 * reduced in path order, and the bootstrap draws from a stream keyed by the seed: errors, steps,
 * evaluations and fits are identical, bit for bit, for any thread count. Only {@code seconds} varies.
 */
public final class StrongOrderStudy {

    private final StudySettings settings;
    private final StudyEngine engine;

    private StrongOrderStudy(StudySettings settings) {
        this.settings = settings;
        this.engine = settings.engine(settings.mode == StepMode.CONSTANT);
    }

    /**
     * @param problem the test problem (an SDE)
     * @return a builder; defaults: CONSTANT, levels 3…7, 100 paths, seed 5678, one thread per processor,
     *     referenceLevels 2, 200 bootstrap resamples
     */
    public static Builder builder(TestProblem problem) {
        return new Builder(problem);
    }

    /** @return the step mode */
    public StepMode mode() {
        return settings.mode;
    }

    /** @return the Brownian trees' tolerance */
    public double treeTolerance() {
        return engine.treeTolerance;
    }

    /** @return dtmin of the default adaptive controllers, (t1 − t0)·2^−(last + referenceLevels + 4) */
    public double defaultDtmin() {
        return settings.defaultDtmin();
    }

    /** @return the reference's level, or −1 when the exact solution is the reference */
    public int referenceLevel() {
        return settings.referenceLevel();
    }

    /** @return the total number of solves, reference solves included (the progress total) */
    public long totalSolves() {
        int levels = settings.last - settings.first + 1;
        return (long) settings.paths * settings.solvers.size() * (levels + (settings.referenceLevel() < 0 ? 0 : 1));
    }

    /**
     * Runs the study. May be called again; gives the same result.
     *
     * @return rows and fits
     */
    public StudyResult run() {
        StudyEngine.Output o = engine.run();
        int nSolvers = settings.solvers.size();
        int levels = settings.last - settings.first + 1;
        int paths = settings.paths;
        List<StudyRow> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        double[] x = new double[levels];
        for (int k = 0; k < levels; k++) {
            x[k] = Math.log(settings.stepOrTolerance(settings.first + k));
        }
        OrderFits.Statistic[] stats = new OrderFits.Statistic[2 * nSolvers];
        double[] referenceSeconds = new double[nSolvers];
        for (int s = 0; s < nSolvers; s++) {
            String name = settings.solvers.get(s).properties().name();
            names.add(name);
            for (int k = 0; k < levels; k++) {
                int level = settings.first + k;
                double rms = Math.sqrt(OrderFits.weightedMean(o.squaredError[s][k], null, paths));
                double meanSteps = OrderFits.weightedMean(o.steps[s][k], null, paths);
                rows.add(new StudyRow(name, settings.mode, level, settings.stepOrTolerance(level), meanSteps,
                        (double) o.evaluations[s][k] / paths, rms, o.nanos[s][k] * 1e-9));
            }
            stats[2 * s] = OrderFits.rmsStatistic(o.squaredError[s], x, null);
            stats[2 * s + 1] = OrderFits.rmsStatistic(o.squaredError[s], null, o.steps[s]);
            referenceSeconds[s] = o.referenceNanos[s] * 1e-9;
        }
        double[][] boot = OrderFits.bootstrap(stats, paths, settings.bootstrapResamples, settings.seed);
        List<OrderFit> fits = new ArrayList<>();
        for (int s = 0; s < nSolvers; s++) {
            double[] step = OrderFits.withInterval(boot[2 * s]);
            double[] work = OrderFits.withInterval(boot[2 * s + 1]);
            fits.add(new OrderFit(names.get(s), settings.mode, step[0], step[1], step[2], work[0], work[1], work[2]));
        }
        String reference = settings.referenceLevel() < 0 ? "exact solution" : "self at level " + settings.referenceLevel();
        return new StudyResult(settings.problem.name(), settings.mode, rows, fits, reference, engine.treeTolerance,
                paths, settings.seed, o.failureCount, o.failures, referenceSeconds, o.squaredError, names,
                settings.first);
    }

    /** Builds a {@link StrongOrderStudy}; the shared settings are those of {@link StudyBuilder}. */
    public static final class Builder extends StudyBuilder<Builder> {

        private Builder(TestProblem problem) {
            super(problem);
        }

        /**
         * Checks the combination (solvers against the problem's noise and calculus, adaptive control
         * against the solvers, levels against the tree's resolution) and sets the study up.
         *
         * @return the study
         * @throws IllegalArgumentException naming the argument at fault
         */
        public StrongOrderStudy build() {
            return new StrongOrderStudy(settings.copy());
        }

        /** @return {@code build().run()} */
        public StudyResult run() {
            return build().run();
        }
    }
}
