package org.wiener.study;

import java.util.ArrayList;
import java.util.List;


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

    /** Builds a {@link WeakOrderStudy}; the shared settings are those of {@link StudyBuilder}. */
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
        public WeakOrderStudy build() {
            return new WeakOrderStudy(settings.copy());
        }

        /** @return {@code build().run()} */
        public WeakResult run() {
            return build().run();
        }
    }
}
