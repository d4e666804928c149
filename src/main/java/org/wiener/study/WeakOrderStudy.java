package org.wiener.study;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.wiener.control.StepSizeController;
import org.wiener.solver.Solver;

/**
 * A weak-order convergence study ({@code problems.md} §1): per solver and level, the weak errors
 * |E φ(X<sub>T</sub>) − E φ(X<sub>T</sub><sup>ref</sup>)| for φ(x) = x and φ(x) = x² of the first state
 * component, each with its Monte Carlo standard error, and the fitted weak orders with path-bootstrap
 * intervals.
 *
 * <p>Levels, controllers, trees, seeds, reference, calculus conversion, threads and determinism are
 * exactly those of {@link StrongOrderStudy} (see there), except that only X<sub>T</sub> is compared.
 * The expectations are estimated on the same paths: the bias is the mean of the paired differences
 * φ(X<sub>T</sub>) − φ(X<sub>T</sub><sup>ref</sup>), whose variance is of the order of the squared strong
 * error rather than of Var φ(X<sub>T</sub>), so far fewer paths resolve a given bias. Its expectation is
 * the weak error itself because the tree's W<sub>T</sub> has the exact law. A fit is meaningful only over
 * levels whose biases clearly exceed their standard errors.
 */
public final class WeakOrderStudy {

    private final StudySettings settings;
    private final StudyEngine engine;

    private WeakOrderStudy(StudySettings settings) {
        this.settings = settings;
        this.engine = settings.engine(false);
    }

    /**
     * @param problem the test problem (an SDE)
     * @return a builder; defaults as {@link StrongOrderStudy#builder}
     */
    public static Builder builder(TestProblem problem) {
        return new Builder(problem);
    }

    /** @return the Brownian trees' tolerance */
    public double treeTolerance() {
        return engine.treeTolerance;
    }

    /** @return the reference's level, or −1 when the exact solution is the reference */
    public int referenceLevel() {
        return settings.referenceLevel();
    }

    /**
     * Runs the study. May be called again; gives the same result.
     *
     * @return rows and fits
     */
    public WeakResult run() {
        StudyEngine.Output o = engine.run();
        int nSolvers = settings.solvers.size();
        int levels = settings.last - settings.first + 1;
        int paths = settings.paths;
        double[] x = new double[levels];
        for (int k = 0; k < levels; k++) {
            x[k] = Math.log(settings.stepOrTolerance(settings.first + k));
        }
        List<WeakRow> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        OrderFits.Statistic[] stats = new OrderFits.Statistic[4 * nSolvers];
        for (int s = 0; s < nSolvers; s++) {
            String name = settings.solvers.get(s).properties().name();
            names.add(name);
            for (int k = 0; k < levels; k++) {
                int level = settings.first + k;
                double[] d1 = o.firstMomentDiff[s][k];
                double[] d2 = o.secondMomentDiff[s][k];
                double b1 = OrderFits.weightedMean(d1, null, paths);
                double b2 = OrderFits.weightedMean(d2, null, paths);
                rows.add(new WeakRow(name, settings.mode, level, settings.stepOrTolerance(level),
                        OrderFits.weightedMean(o.steps[s][k], null, paths), (double) o.evaluations[s][k] / paths,
                        b1, Math.abs(b1), standardError(d1, b1), b2, Math.abs(b2), standardError(d2, b2),
                        o.nanos[s][k] * 1e-9));
            }
            stats[4 * s] = OrderFits.meanAbsStatistic(o.firstMomentDiff[s], x, null);
            stats[4 * s + 1] = OrderFits.meanAbsStatistic(o.firstMomentDiff[s], null, o.steps[s]);
            stats[4 * s + 2] = OrderFits.meanAbsStatistic(o.secondMomentDiff[s], x, null);
            stats[4 * s + 3] = OrderFits.meanAbsStatistic(o.secondMomentDiff[s], null, o.steps[s]);
        }
        double[][] boot = OrderFits.bootstrap(stats, paths, settings.bootstrapResamples, settings.seed);
        List<OrderFit> first = new ArrayList<>();
        List<OrderFit> second = new ArrayList<>();
        for (int s = 0; s < nSolvers; s++) {
            first.add(fit(names.get(s), boot[4 * s], boot[4 * s + 1]));
            second.add(fit(names.get(s), boot[4 * s + 2], boot[4 * s + 3]));
        }
        String reference = settings.referenceLevel() < 0 ? "exact solution" : "self at level " + settings.referenceLevel();
        return new WeakResult(settings.problem.name(), settings.mode, rows, first, second, reference, paths,
                settings.seed, o.failureCount, o.failures);
    }

    private OrderFit fit(String name, double[] stepRow, double[] workRow) {
        double[] step = OrderFits.withInterval(stepRow);
        double[] work = OrderFits.withInterval(workRow);
        return new OrderFit(name, settings.mode, step[0], step[1], step[2], work[0], work[1], work[2]);
    }

    /** Sample standard deviation / √n, summed in path order (NaN for one path). */
    static double standardError(double[] d, double mean) {
        int n = d.length;
        if (n < 2) {
            return Double.NaN;
        }
        double ss = 0.0;
        for (double v : d) {
            double e = v - mean;
            ss += e * e;
        }
        return Math.sqrt(ss / (n - 1) / n);
    }

    /** Builds a {@link WeakOrderStudy}; every setter checks its argument. */
    public static final class Builder {
        private final StudySettings settings;

        private Builder(TestProblem problem) {
            this.settings = new StudySettings(problem);
        }

        /**
         * @param solvers the solvers to study, at least one, with distinct names
         * @return this builder
         */
        public Builder solvers(List<Solver> solvers) {
            settings.solvers(solvers);
            return this;
        }

        /**
         * @param solver the one solver to study
         * @return this builder
         */
        public Builder solver(Solver solver) {
            if (solver == null) {
                throw new IllegalArgumentException("solver must not be null");
            }
            settings.solvers(List.of(solver));
            return this;
        }

        /**
         * @param mode CONSTANT or ADAPTIVE
         * @return this builder
         */
        public Builder mode(StepMode mode) {
            settings.mode(mode);
            return this;
        }

        /**
         * @param mode "constant" or "adaptive" (any case)
         * @return this builder
         */
        public Builder mode(String mode) {
            settings.mode(StepMode.parse(mode));
            return this;
        }

        /**
         * @param first the coarsest level, ≥ 0
         * @param last the finest level, ≥ first (inclusive)
         * @return this builder
         */
        public Builder levels(int first, int last) {
            settings.levels(first, last);
            return this;
        }

        /**
         * @param paths Brownian paths, ≥ 1
         * @return this builder
         */
        public Builder paths(int paths) {
            settings.paths(paths);
            return this;
        }

        /**
         * @param seed the master seed (path i: {@code Seeds.derive(seed, i)}; also keys the bootstrap)
         * @return this builder
         */
        public Builder seed(long seed) {
            settings.seed = seed;
            return this;
        }

        /**
         * @param threads worker threads, ≥ 1 (results do not depend on it)
         * @return this builder
         */
        public Builder threads(int threads) {
            settings.threads(threads);
            return this;
        }

        /**
         * @param extra levels between the finest level and the self-reference, ≥ 1 (default 2: 4× finer)
         * @return this builder
         */
        public Builder referenceLevels(int extra) {
            settings.referenceLevels(extra);
            return this;
        }

        /**
         * @param force use the same-solver reference even when the problem has an exact solution
         * @return this builder
         */
        public Builder forceSelfReference(boolean force) {
            settings.forceSelfReference = force;
            return this;
        }

        /**
         * Replaces the default controllers. Called once per level (and for the reference level) when the
         * study is built; the controllers must be immutable (they serve all paths at once).
         *
         * @param controllerForLevel (mode, level) → controller, non-null results; null restores the default
         * @return this builder
         */
        public Builder controllerForLevel(BiFunction<StepMode, Integer, StepSizeController> controllerForLevel) {
            settings.controllerForLevel = controllerForLevel;
            return this;
        }

        /**
         * @param tolerance the Brownian trees' tolerance (largest leaf), positive
         * @return this builder
         */
        public Builder treeTolerance(double tolerance) {
            settings.treeTolerance(tolerance);
            return this;
        }

        /**
         * @param progress told after every solve, from the worker threads (null: none)
         * @return this builder
         */
        public Builder progress(StudyProgress progress) {
            settings.progress = progress;
            return this;
        }

        /**
         * @param resamples bootstrap resamples of the paths for the fits' intervals, ≥ 0 (default 200;
         *     0: intervals NaN)
         * @return this builder
         */
        public Builder bootstrapResamples(int resamples) {
            settings.bootstrapResamples(resamples);
            return this;
        }

        /**
         * @param maxSteps the limit on attempted steps per solve, ≥ 1 (default
         *     max(10^6, 2^(finest level + 6)))
         * @return this builder
         */
        public Builder maxSteps(long maxSteps) {
            settings.maxSteps(maxSteps);
            return this;
        }

        /**
         * Checks the combination (solvers against the problem's noise and calculus, adaptive control
         * against the solvers, levels against the tree's resolution) and sets the study up.
         *
         * @return the study
         * @throws IllegalArgumentException naming the argument at fault
         */
        public WeakOrderStudy build() {
            return new WeakOrderStudy(settings.copy());
        }

        /** @return {@code build().run()} */
        public WeakResult run() {
            return build().run();
        }
    }
}
