package org.wiener.study;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.ConstantStepSize;
import org.wiener.control.PidController;
import org.wiener.control.StepSizeController;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.SaveAt;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.Solver;
import org.wiener.solver.SolverProperties;

/**
 * The settings shared by {@link StrongOrderStudy} and {@link WeakOrderStudy}, with their checks; the
 * public builders delegate here.
 */
final class StudySettings {

    /** Highest level (with the reference levels added) accepted for constant steps: 2^30 steps per solve. */
    static final int MAX_CONSTANT_LEVEL = 30;

    final TestProblem problem;
    final List<Solver> solvers = new ArrayList<>();
    StepMode mode = StepMode.CONSTANT;
    int first = 3;
    int last = 7;
    int paths = 100;
    long seed = 5678L;
    int threads = Runtime.getRuntime().availableProcessors();
    int referenceLevels = 2;
    boolean forceSelfReference;
    BiFunction<StepMode, Integer, StepSizeController> controllerForLevel;
    double treeTolerance = Double.NaN;
    StudyProgress progress;
    int bootstrapResamples = 200;
    long maxSteps = -1;

    StudySettings(TestProblem problem) {
        if (problem == null) {
            throw new IllegalArgumentException("problem must not be null");
        }
        if (problem.problem().isOde()) {
            throw new IllegalArgumentException("problem must be an SDE (it has no diffusion): " + problem.name());
        }
        this.problem = problem;
    }

    /** @return an independent copy, so that a builder used again does not change a built study */
    StudySettings copy() {
        StudySettings c = new StudySettings(problem);
        c.solvers.addAll(solvers);
        c.mode = mode;
        c.first = first;
        c.last = last;
        c.paths = paths;
        c.seed = seed;
        c.threads = threads;
        c.referenceLevels = referenceLevels;
        c.forceSelfReference = forceSelfReference;
        c.controllerForLevel = controllerForLevel;
        c.treeTolerance = treeTolerance;
        c.progress = progress;
        c.bootstrapResamples = bootstrapResamples;
        c.maxSteps = maxSteps;
        return c;
    }

    void solvers(List<Solver> list) {
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException("solvers must hold at least one solver");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Solver s = list.get(i);
            if (s == null) {
                throw new IllegalArgumentException("solvers[" + i + "] must not be null");
            }
            if (!names.add(s.properties().name())) {
                throw new IllegalArgumentException("solvers must have distinct names, got '" + s.properties().name()
                        + "' twice");
            }
        }
        solvers.clear();
        solvers.addAll(list);
    }

    void mode(StepMode m) {
        if (m == null) {
            throw new IllegalArgumentException("mode must be one of [CONSTANT, ADAPTIVE], got null");
        }
        this.mode = m;
    }

    void levels(int lo, int hi) {
        if (lo < 0) {
            throw new IllegalArgumentException("levels: first must be >= 0, got first=" + lo);
        }
        if (lo > hi) {
            throw new IllegalArgumentException("levels: first must be <= last, got first=" + lo + ", last=" + hi);
        }
        if (hi > 45) {
            throw new IllegalArgumentException("levels: last must be <= 45, got last=" + hi);
        }
        this.first = lo;
        this.last = hi;
    }

    void paths(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("paths must be >= 1, got " + n);
        }
        this.paths = n;
    }

    void threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        this.threads = n;
    }

    void referenceLevels(int extra) {
        if (extra < 1) {
            throw new IllegalArgumentException("referenceLevels must be >= 1, got " + extra);
        }
        this.referenceLevels = extra;
    }

    void treeTolerance(double tol) {
        if (!(tol > 0.0) || !Double.isFinite(tol)) {
            throw new IllegalArgumentException("treeTolerance must be positive and finite, got " + tol);
        }
        this.treeTolerance = tol;
    }

    void bootstrapResamples(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("bootstrapResamples must be >= 0, got " + n);
        }
        this.bootstrapResamples = n;
    }

    void maxSteps(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxSteps must be >= 1, got " + n);
        }
        this.maxSteps = n;
    }

    // ------------------------------------------------------------------------------------------------

    boolean exactReference() {
        return problem.hasExactSolution() && !forceSelfReference;
    }

    /** @return the reference level, or −1 when the exact solution is the reference */
    int referenceLevel() {
        return exactReference() ? -1 : last + referenceLevels;
    }

    double span() {
        return problem.problem().t1() - problem.problem().t0();
    }

    /** dtmin of the default adaptive controllers: (t1 − t0)·2^−(last + referenceLevels + 4). */
    double defaultDtmin() {
        return span() * Math.scalb(1.0, -(last + referenceLevels + 4));
    }

    /** The nominal step (t1 − t0)·2^−l or tolerance 2^−l of a level. */
    double stepOrTolerance(int level) {
        return mode == StepMode.CONSTANT ? span() * Math.scalb(1.0, -level) : Math.scalb(1.0, -level);
    }

    double effectiveTreeTolerance() {
        if (!Double.isNaN(treeTolerance)) {
            return treeTolerance;
        }
        if (mode == StepMode.CONSTANT) {
            int finest = exactReference() ? last : last + referenceLevels;
            return span() * Math.scalb(1.0, -finest) / 4.0;
        }
        return defaultDtmin() / 2.0;
    }

    StepSizeController defaultController(int level) {
        if (mode == StepMode.CONSTANT) {
            return new ConstantStepSize(span() * Math.scalb(1.0, -level));
        }
        double tol = Math.scalb(1.0, -level);
        PidController.Builder b = PidController.builder(tol, tol).coefficients(0.1, 0.3, 0.0)
                .stepBounds(defaultDtmin(), Double.POSITIVE_INFINITY);
        if (problem.noiseType() == NoiseType.GENERAL) {
            b.rejectedStepBuffer(10);
        }
        return b.build();
    }

    StepSizeController controller(int level) {
        if (controllerForLevel == null) {
            return defaultController(level);
        }
        StepSizeController c = controllerForLevel.apply(mode, level);
        if (c == null) {
            throw new IllegalArgumentException("controllerForLevel returned null for mode " + mode + ", level " + level);
        }
        return c;
    }

    /**
     * Checks everything that can be checked before solving and assembles the engine.
     *
     * @param saveGrid whether errors are measured on the coarsest level's grid (strong CONSTANT studies)
     */
    StudyEngine engine(boolean saveGrid) {
        if (solvers.isEmpty()) {
            throw new IllegalArgumentException("solvers must be set: call solver(...) or solvers(...)");
        }
        SdeProblem base = problem.problem();
        int refLevel = referenceLevel();
        int finest = Math.max(last, refLevel);
        if (mode == StepMode.CONSTANT && controllerForLevel == null && finest > MAX_CONSTANT_LEVEL) {
            throw new IllegalArgumentException("levels: last + referenceLevels must be <= " + MAX_CONSTANT_LEVEL
                    + " for constant steps (2^" + finest + " steps per solve), got " + finest);
        }
        if (saveGrid && first > 20) {
            throw new IllegalArgumentException("levels: first must be <= 20 when errors are measured on the coarsest"
                    + " level's grid (2^first + 1 save times), got first=" + first);
        }
        double tol = effectiveTreeTolerance();
        double minTol = span() * Math.scalb(1.0, -VirtualBrownianTree.MAX_LEVELS);
        if (tol < minTol) {
            throw new IllegalArgumentException("treeTolerance " + tol + " is below the tree's resolution (t1 - t0)*2^-"
                    + VirtualBrownianTree.MAX_LEVELS + " = " + minTol + ": lower levels' last or referenceLevels");
        }
        if (tol > span()) {
            throw new IllegalArgumentException("treeTolerance must be <= t1 - t0 = " + span() + ", got " + tol);
        }
        LevyArea levy = LevyArea.NONE;
        int nLevels = last - first + 1;
        SdeProblem[] converted = new SdeProblem[solvers.size()];
        Integrator[][] integrators = new Integrator[solvers.size()][nLevels];
        Integrator[] references = refLevel < 0 ? null : new Integrator[solvers.size()];
        double[] saveTimes = saveTimes(saveGrid);
        SaveAt saveAt = SaveAt.times(java.util.Arrays.copyOfRange(saveTimes, 1, saveTimes.length - 1));
        long limit = maxSteps > 0 ? maxSteps : Math.max(1_000_000L, 1L << Math.min(finest + 6, 62));
        StepSizeController[] controllers = new StepSizeController[nLevels];
        for (int k = 0; k < nLevels; k++) {
            controllers[k] = controller(first + k);
        }
        StepSizeController refController = refLevel < 0 ? null : controller(refLevel);
        for (int s = 0; s < solvers.size(); s++) {
            Solver solver = solvers.get(s);
            SolverProperties p = solver.properties();
            String name = p.name();
            if (!p.supportsSde()) {
                throw new IllegalArgumentException("solvers: " + name + " solves ODEs only");
            }
            if (!p.supports(base.noiseType())) {
                throw new IllegalArgumentException("solvers: " + name + " does not apply to " + base.noiseType()
                        + " noise (problem " + problem.name() + ")");
            }
            for (int k = 0; k <= nLevels; k++) {
                StepSizeController c = k < nLevels ? controllers[k] : refController;
                if (c != null && c.isAdaptive()) {
                    if (name.equals("euler") || name.startsWith("euler_doubled")) {
                        throw new IllegalArgumentException("solvers: Euler does not converge under adaptive step "
                                + "control on SDEs; use mode CONSTANT or an adaptive solver such as heun or spark");
                    }
                    if (!p.hasEmbeddedError()) {
                        throw new IllegalArgumentException("solvers: " + name + " has no error estimate for adaptive "
                                + "steps; wrap it in StepDoubling (name " + name + "_doubled) or use mode CONSTANT");
                    }
                }
            }
            try {
                converted[s] = base.inCalculus(p.calculus());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("solvers: " + name + " needs the problem in " + p.calculus()
                        + " form: " + e.getMessage(), e);
            }
            if (!levy.covers(p.levyArea())) {
                levy = p.levyArea();
            }
            for (int k = 0; k < nLevels; k++) {
                integrators[s][k] = Integrator.builder().solver(solver).controller(controllers[k]).saveAt(saveAt)
                        .maxSteps(limit).build();
            }
            if (references != null) {
                references[s] = Integrator.builder().solver(solver).controller(refController).saveAt(saveAt)
                        .maxSteps(limit).build();
            }
        }
        return new StudyEngine(this, converted, integrators, references, saveTimes, levy, tol);
    }

    /** Save times including t0 and t1: the coarsest level's grid, or just the ends. */
    double[] saveTimes(boolean grid) {
        double t0 = problem.problem().t0();
        double t1 = problem.problem().t1();
        if (!grid) {
            return new double[] {t0, t1};
        }
        int steps = 1 << first;
        double[] times = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            // The formula of ConstantStepSize, so that every level's grid contains these points exactly.
            times[k] = k == steps ? t1 : t0 + (t1 - t0) * k / steps;
        }
        return times;
    }
}
