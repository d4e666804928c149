package org.wiener.study;

import java.util.List;
import java.util.function.BiFunction;

import org.wiener.control.StepSizeController;
import org.wiener.solver.Solver;

/**
 * The settings shared by {@link StrongOrderStudy} and {@link WeakOrderStudy}: problem, solvers, step mode,
 * levels, paths, seed, threads, reference, controllers, tree tolerance, progress. Every setter checks
 * its argument.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class StudyBuilder<B extends StudyBuilder<B>> {

    /** The settings being built. */
    final StudySettings settings;

    StudyBuilder(TestProblem problem) {
    this.settings = new StudySettings(problem);
    }

    @SuppressWarnings("unchecked")
    private B self() {
    return (B) this;
    }

    /**
     * @param solvers the solvers to study, at least one, with distinct names
     * @return this builder
     */
    public B solvers(List<Solver> solvers) {
        settings.solvers(solvers);
        return self();
    }

    /**
     * @param solver the one solver to study
     * @return this builder
     */
    public B solver(Solver solver) {
        if (solver == null) {
            throw new IllegalArgumentException("solver must not be null");
        }
        settings.solvers(List.of(solver));
        return self();
    }

    /**
     * @param mode CONSTANT or ADAPTIVE
     * @return this builder
     */
    public B mode(StepMode mode) {
        settings.mode(mode);
        return self();
    }

    /**
     * @param mode "constant" or "adaptive" (any case)
     * @return this builder
     */
    public B mode(String mode) {
        settings.mode(StepMode.parse(mode));
        return self();
    }

    /**
     * @param first the coarsest level, ≥ 0
     * @param last the finest level, ≥ first (inclusive)
     * @return this builder
     */
    public B levels(int first, int last) {
        settings.levels(first, last);
        return self();
    }

    /**
     * @param paths Brownian paths, ≥ 1
     * @return this builder
     */
    public B paths(int paths) {
        settings.paths(paths);
        return self();
    }

    /**
     * @param seed the master seed (path i: {@code Seeds.derive(seed, i)}; also keys the bootstrap)
     * @return this builder
     */
    public B seed(long seed) {
        settings.seed = seed;
        return self();
    }

    /**
     * @param threads worker threads, ≥ 1 (results do not depend on it)
     * @return this builder
     */
    public B threads(int threads) {
        settings.threads(threads);
        return self();
    }

    /**
     * @param extra levels between the finest level and the self-reference, ≥ 1 (default 2: 4× finer)
     * @return this builder
     */
    public B referenceLevels(int extra) {
        settings.referenceLevels(extra);
        return self();
    }

    /**
     * @param force use the same-solver reference even when the problem has an exact solution
     * @return this builder
     */
    public B forceSelfReference(boolean force) {
        settings.forceSelfReference = force;
        return self();
    }

    /**
     * Replaces the default controllers. Called once per level (and for the reference level) when the
     * study is built; the controllers must be immutable (they serve all paths at once).
     *
     * @param controllerForLevel (mode, level) → controller, non-null results; null restores the default
     * @return this builder
     */
    public B controllerForLevel(BiFunction<StepMode, Integer, StepSizeController> controllerForLevel) {
        settings.controllerForLevel = controllerForLevel;
        return self();
    }

    /**
     * @param tolerance the Brownian trees' tolerance (largest leaf), positive
     * @return this builder
     */
    public B treeTolerance(double tolerance) {
        settings.treeTolerance(tolerance);
        return self();
    }

    /**
     * @param progress told after every solve, from the worker threads (null: none)
     * @return this builder
     */
    public B progress(StudyProgress progress) {
        settings.progress = progress;
        return self();
    }

    /**
     * @param resamples bootstrap resamples of the paths for the fits' intervals, ≥ 0 (default 200;
     *     0: intervals NaN)
     * @return this builder
     */
    public B bootstrapResamples(int resamples) {
        settings.bootstrapResamples(resamples);
        return self();
    }

    /**
     * @param maxSteps the limit on attempted steps per solve, ≥ 1 (default
     *     max(10^6, 2^(finest level + 6)))
     * @return this builder
     */
    public B maxSteps(long maxSteps) {
        settings.maxSteps(maxSteps);
        return self();
    }

}
