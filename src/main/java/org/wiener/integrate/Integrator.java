package org.wiener.integrate;

import java.util.ArrayList;
import java.util.List;

import org.wiener.brownian.BrownianPath;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.control.StepControl;
import org.wiener.control.StepSizeController;
import org.wiener.sde.Drift;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.PathAwareSolver;
import org.wiener.solver.Solver;
import org.wiener.solver.SolverProperties;
import org.wiener.solver.Stepper;

/**
 * The one driver loop for ODEs and SDEs: a configured solver, step-size controller, save plan, step
 * limit, step recording and observer, applied to a problem (and, for an SDE, a Brownian path).
 *
 * <pre>{@code
 * Integrator integrator = Integrator.builder()
 *     .solver(Solvers.byName("spark"))
 *     .controller(PidController.builder(1e-3, 1e-6).stepBounds(1e-6, 0.1).build())
 *     .saveAt(SaveAt.times(0.25, 0.5, 0.75))
 *     .build();
 * Solution solution = integrator.solve(problem, tree);
 * }</pre>
 *
 * <p>Set-up refuses, with a message that says what to change: a path without the Lévy area the solver
 * needs, or of the wrong dimension or interval; a solver declared for other noise (e.g. an
 * additive-noise solver on state-dependent noise) or for the other calculus; under an adaptive
 * controller, a solver without an error estimate, Euler, or a path that is not seed-deterministic or
 * cannot be queried at any time. Non-finite states, step limits, dtmin and too many rejections end a
 * solve with a {@link Status}, keeping what was computed. Immutable and thread-safe: one integrator
 * serves many solves at once.
 */
public final class Integrator {

    private final Solver solver;
    private final StepSizeController controller;
    private final SaveAt saveAt;
    private final long maxSteps;
    private final boolean recordSteps;
    private final StepObserver observer;

    private Integrator(Builder b) {
        this.solver = b.solver;
        this.controller = b.controller;
        this.saveAt = b.saveAt;
        this.maxSteps = b.maxSteps;
        this.recordSteps = b.recordSteps;
        this.observer = b.observer;
    }

    /** @return a builder; solver and controller are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the solver */
    public Solver solver() {
        return solver;
    }

    /** @return the controller */
    public StepSizeController controller() {
        return controller;
    }

    /**
     * Solves an ODE (a problem without diffusion).
     *
     * @param problem the problem
     * @return the solution
     */
    public Solution solve(SdeProblem problem) {
        return solve(problem, null);
    }

    /**
     * Solves the problem on the given Brownian path (ignored, and may be null, for an ODE).
     *
     * @param problem the problem
     * @param path the Brownian path, required for an SDE
     * @return the solution
     */
    public Solution solve(SdeProblem problem, BrownianPath path) {
        if (problem == null) {
            throw new IllegalArgumentException("problem must not be null");
        }
        boolean sde = !problem.isOde();
        validate(problem, sde ? path : null);
        SolverProperties properties = solver.properties();
        Stepper stepper = sde && solver instanceof PathAwareSolver
                ? ((PathAwareSolver) solver).newStepper(problem, path) : solver.newStepper(problem);
        double order = properties.errorOrder(sde ? problem.noiseType() : null);
        StepControl control = controller.start(problem, order);
        return run(problem, sde ? path : null, stepper, control, properties.hasEmbeddedError());
    }

    private void validate(SdeProblem problem, BrownianPath path) {
        SolverProperties p = solver.properties();
        String name = p.name();
        saveAt.check(problem.t0(), problem.t1());
        if (path == null) {
            if (!problem.isOde()) {
                throw new IllegalArgumentException("an SDE needs a Brownian path: solve(problem, path)");
            }
            if (!(p.odeOrder() > 0)) {
                throw new IllegalArgumentException("solver " + name + " does not solve ODEs");
            }
        } else {
            if (!p.supportsSde()) {
                throw new IllegalArgumentException("solver " + name + " solves ODEs only; for SDEs use e.g. "
                        + "heun, spark or shark");
            }
            if (path.dimension() != problem.noiseDimension()) {
                throw new IllegalArgumentException("path.dimension() must equal the problem's noise dimension "
                        + problem.noiseDimension() + ", got " + path.dimension());
            }
            if (path.t0() > problem.t0() || path.t1() < problem.t1()) {
                throw new IllegalArgumentException("the path's interval [" + path.t0() + ", " + path.t1()
                        + "] must cover the problem's [" + problem.t0() + ", " + problem.t1() + "]");
            }
            if (!path.levyArea().covers(p.levyArea())) {
                throw new IllegalArgumentException("solver " + name + " needs LevyArea." + p.levyArea()
                        + " but the path provides " + path.levyArea() + ": build the tree with .levyArea(LevyArea."
                        + p.levyArea() + ")");
            }
            if (p.calculus() != problem.calculus()) {
                throw new IllegalArgumentException("solver " + name + " converges to the " + p.calculus()
                        + " solution but the problem is written in " + problem.calculus()
                        + ": convert it with problem.inCalculus(Calculus." + p.calculus() + ") or choose a "
                        + problem.calculus() + " solver");
            }
            if (!p.supports(problem.noiseType())) {
                throw new IllegalArgumentException("solver " + name + " does not apply to " + problem.noiseType()
                        + " noise (declared: " + p + ")"
                        + (problem.noiseType() != org.wiener.sde.NoiseType.ADDITIVE
                        ? "; additive-noise solvers need a diffusion independent of y: use spark or general_shark"
                        : ""));
            }
        }
        if (controller.isAdaptive()) {
            // Euler first: for plain Euler the missing error estimate is not the problem, and the advice to
            // wrap it in StepDoubling would only lead to this refusal.
            if (path != null && (name.equals("euler") || name.startsWith("euler_doubled"))) {
                throw new IllegalArgumentException("Euler does not converge under adaptive step control on SDEs: use "
                        + "constant steps, or an adaptive solver such as heun or spark");
            }
            if (!p.hasEmbeddedError()) {
                throw new IllegalArgumentException("adaptive step control needs an error estimate, which solver "
                        + name + " does not have: wrap it in new StepDoubling(solver)");
            }
            if (path != null) {
                if (!path.isSeedDeterministic() || !path.supportsArbitraryTimes()) {
                    throw new IllegalArgumentException("adaptive SDE solving needs a seed-deterministic path that "
                            + "answers any time (a VirtualBrownianTree), got " + path.getClass().getSimpleName());
                }
            }
        }
    }

    /**
     * This thread's scratch for its solves (see {@link Workspace}): a solve of ~10 steps spends a noticeable
     * share of its time allocating and collecting per-solve buffers, so each thread keeps one set.
     */
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private Solution run(SdeProblem problem, BrownianPath path, Stepper stepper, StepControl control,
                         boolean hasError) {
        Workspace ws = WORKSPACE.get();
        if (ws.busy) {
            // A solve nested in a callback of another solve on this thread: it gets its own buffers.
            ws = new Workspace();
        }
        ws.busy = true;
        try {
            return run(problem, path, stepper, control, hasError, ws);
        } finally {
            ws.release();
        }
    }

    private Solution run(SdeProblem problem, BrownianPath path, Stepper stepper, StepControl control,
                         boolean hasError, Workspace ws) {
        int n = problem.dimension();
        double t0 = problem.t0();
        double tEnd = problem.t1();
        double[] y = problem.initialState();
        double[] candidate = ws.candidate(n);
        double[] error = ws.error(n);
        MutableBrownianIncrement noise = path == null ? null
                : ws.noise(problem.noiseDimension(), solver.properties().levyArea());
        double[] saveTimes = saveAt.timesWithin(t0, tEnd);
        boolean everyStep = saveAt.isEveryStep();
        List<StepRecord> records = recordSteps ? new ArrayList<>() : List.of();
        // Saved times and states go into the workspace's buffers, sized for the usual count (t0, the save
        // times, t1) and grown only for every-step saving or a failure's last state.
        ws.startSaving(n, everyStep ? 16 : 2 + saveTimes.length);
        ws.save(t0, y);

        CountingDrift countingDrift = ws.countingDrift;
        countingDrift.start(problem.drift());
        stepper.reset(t0, y);
        double next = control.firstStepEnd(t0, y, countingDrift);
        long initialDrifts = countingDrift.finish();
        long attempted = 0;
        long accepted = 0;
        long atDtmin = 0;
        long queries = 0;
        int saveIndex = 0;
        double t = t0;
        boolean lastRejected = false;
        Status status = Status.SUCCESS;
        String message = null; // success: Solution.message() says "reached t1 = ..." when asked
        double snapFrom = tEnd - 100 * Math.ulp(tEnd); // the same value every step: computed once
        while (t < tEnd) {
            if (attempted >= maxSteps) {
                status = Status.STEP_LIMIT_REACHED;
                message = "stopped at t = " + t + " after " + attempted + " attempted steps (maxSteps = " + maxSteps + ")";
                break;
            }
            double end = next;
            // Diffrax's approach to t1: a proposed end within 100 ulp of t1 snaps to t1 after an accepted step;
            // after a rejected one it goes halfway, so that a rejected step ending at t1 is not retried at
            // the same size. Only the controller's proposal snaps: a save time there is still stepped to.
            if (end > snapFrom) {
                end = lastRejected ? t + 0.5 * (tEnd - t) : tEnd;
            }
            // A save time before the proposed end clips the step; one within 100 ulp after it extends the step,
            // which would otherwise stop a rounding error short and leave a sliver of a step to the save time.
            if (saveIndex < saveTimes.length && saveTimes[saveIndex] < end + 100 * Math.ulp(saveTimes[saveIndex])) {
                end = saveTimes[saveIndex];
            }
            if (!(end > t)) {
                status = Status.DTMIN_REACHED;
                message = "step size underflow at t = " + t + " (next step end " + end + ")";
                break;
            }
            if (noise != null) {
                path.increment(t, end, noise);
                queries++;
            }
            if (hasError) {
                if (n == 1) {
                    error[0] = 0.0;
                } else {
                    java.util.Arrays.fill(error, 0.0);
                }
            }
            stepper.step(t, end, y, noise, candidate, error);
            attempted++;
            boolean keep = control.decide(t, end, y, candidate, hasError ? error : null);
            lastRejected = !keep;
            double stiffness = stepper.stiffness();
            double scaled = control.scaledError();
            if (observer != null) {
                observer.onStep(t, end - t, keep, scaled, error, stiffness);
            }
            if (recordSteps) {
                records.add(new StepRecord(t, end - t, keep, scaled, error.clone(), stiffness));
            }
            if (keep) {
                if (!allFinite(candidate)) {
                    status = Status.NON_FINITE_STATE;
                    message = "the state became non-finite in the step [" + t + ", " + end + "]";
                    accepted++;
                    break;
                }
                accepted++;
                if (control.atDtmin()) {
                    atDtmin++;
                }
                stepper.accept();
                double[] swap = y;
                y = candidate;
                candidate = swap;
                t = end;
                if (control.madeJump()) {
                    stepper.reset(t, y);
                }
                boolean isSaveTime = saveIndex < saveTimes.length && t == saveTimes[saveIndex];
                if (isSaveTime) {
                    saveIndex++;
                }
                if (everyStep || isSaveTime || t == tEnd) {
                    ws.save(t, y);
                }
            }
            if (control.failure() != null) {
                status = control.failure() == StepControl.Failure.DTMIN_REACHED
                        ? Status.DTMIN_REACHED : Status.TOO_MANY_REJECTIONS;
                message = "controller stopped at t = " + t + ": " + control.failure();
                break;
            }
            next = control.nextStepEnd();
        }
        if (status != Status.SUCCESS && ws.lastSavedTime() != t) {
            ws.save(t, y); // keep the last accepted state, so users see how far the solve got
        }
        ws.keep(candidate);
        SolveStatistics stats = new SolveStatistics(attempted, accepted, attempted - accepted, atDtmin,
                stepper.driftEvaluations() + initialDrifts, stepper.diffusionEvaluations(),
                stepper.derivativeEvaluations(), queries);
        return new Solution(ws.savedTimes(), ws.savedStates(), n, status, message, tEnd, stats, records);
    }

    private static boolean allFinite(double[] v) {
        if (v.length == 1) {
            return Double.isFinite(v[0]);
        }
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    /** Counts the drift evaluations of the controller's initial-step heuristic. */
    private static final class CountingDrift implements Drift {
        private Drift inner;
        private long count;

        void start(Drift drift) {
            inner = drift;
            count = 0;
        }

        /** @return the count; forgets the drift, so a thread's workspace does not keep a problem alive */
        long finish() {
            inner = null;
            return count;
        }

        @Override
        public void evaluate(double t, double[] y, double[] out) {
            count++;
            inner.evaluate(t, y, out);
        }
    }

    /**
     * One thread's buffers for its solves: the state pair and error estimate, the Brownian increment, the
     * counting drift, and the saved times and states, which a solution receives as trimmed copies. Nothing
     * in it carries over from one solve to the next except the last saved-times array, which solutions
     * share when their times are equal bit for bit (they never hand out that array, only copies): the
     * solutions of an ensemble with the default {@link SaveAt#end()} then share one {t0, t1}. Not
     * thread-safe: one per thread ({@link #WORKSPACE}), and a fresh one for a nested solve.
     */
    private static final class Workspace {
        /** Buffers larger than this (in doubles) are dropped after the solve rather than kept for the thread. */
        private static final int KEEP_LIMIT = 1 << 12;

        boolean busy;
        final CountingDrift countingDrift = new CountingDrift();
        private double[] candidate = new double[0];
        private double[] error = new double[0];
        private MutableBrownianIncrement noise;
        private double[] times = new double[16];
        private double[] states = new double[16];
        private int count;
        private int dimension;
        /** The times array of the last solution made here, shared with the next one if equal. */
        private double[] lastTimes;

        /** @return a zeroed buffer of length n for the candidate state, as a fresh array would be */
        double[] candidate(int n) {
            if (candidate.length != n) {
                candidate = new double[n];
            } else {
                java.util.Arrays.fill(candidate, 0.0);
            }
            return candidate;
        }

        /** @return a zeroed buffer of length n for the error estimate */
        double[] error(int n) {
            if (error.length != n) {
                error = new double[n];
            } else {
                java.util.Arrays.fill(error, 0.0);
            }
            return error;
        }

        MutableBrownianIncrement noise(int dimension, org.wiener.brownian.LevyArea levyArea) {
            if (noise == null || noise.dimension() != dimension || noise.levyArea() != levyArea) {
                noise = new MutableBrownianIncrement(dimension, levyArea);
            }
            return noise;
        }

        void startSaving(int n, int expected) {
            dimension = n;
            count = 0;
            if (times.length < expected) {
                times = new double[expected];
            }
            if (states.length < expected * n) {
                states = new double[expected * n];
            }
        }

        void save(double t, double[] y) {
            int n = dimension;
            if (count == times.length) {
                times = java.util.Arrays.copyOf(times, 2 * count);
            }
            if ((count + 1) * n > states.length) {
                states = java.util.Arrays.copyOf(states, 2 * Math.max(states.length, n));
            }
            times[count] = t;
            if (n == 1) {
                states[count] = y[0];
            } else {
                System.arraycopy(y, 0, states, count * n, n);
            }
            count++;
        }

        double lastSavedTime() {
            return times[count - 1];
        }

        /**
         * Takes back the candidate buffer the solve ended with: the state pair is swapped on every accepted
         * step, so it may be the problem's fresh initial copy rather than the one handed out.
         */
        void keep(double[] candidate) {
            this.candidate = candidate;
        }

        double[] savedTimes() {
            double[] last = lastTimes;
            if (last != null && last.length == count) {
                boolean same = true;
                for (int i = 0; i < count && same; i++) {
                    same = Double.doubleToRawLongBits(last[i]) == Double.doubleToRawLongBits(times[i]);
                }
                if (same) {
                    return last;
                }
            }
            lastTimes = java.util.Arrays.copyOf(times, count);
            return lastTimes;
        }

        double[] savedStates() {
            return java.util.Arrays.copyOf(states, count * dimension);
        }

        /** Ends a solve: drops oversized buffers (every-step saving of a long solve) and frees the workspace. */
        void release() {
            if (times.length > KEEP_LIMIT) {
                times = new double[16];
                lastTimes = null;
            }
            if (states.length > KEEP_LIMIT) {
                states = new double[16];
            }
            countingDrift.inner = null;
            busy = false;
        }
    }

    /** Builds an {@link Integrator}. */
    public static final class Builder {
        private Solver solver;
        private StepSizeController controller;
        private SaveAt saveAt = SaveAt.end();
        private long maxSteps = 1_000_000L;
        private boolean recordSteps;
        private StepObserver observer;

        private Builder() {
        }

        /**
         * @param solver the solver
         * @return this builder
         */
        public Builder solver(Solver solver) {
            if (solver == null) {
                throw new IllegalArgumentException("solver must not be null");
            }
            this.solver = solver;
            return this;
        }

        /**
         * @param controller the step-size controller
         * @return this builder
         */
        public Builder controller(StepSizeController controller) {
            if (controller == null) {
                throw new IllegalArgumentException("controller must not be null");
            }
            this.controller = controller;
            return this;
        }

        /**
         * @param saveAt which states to keep (default: t0 and t1)
         * @return this builder
         */
        public Builder saveAt(SaveAt saveAt) {
            if (saveAt == null) {
                throw new IllegalArgumentException("saveAt must not be null");
            }
            this.saveAt = saveAt;
            return this;
        }

        /**
         * @param maxSteps the limit on attempted steps, ≥ 1 (default 1,000,000)
         * @return this builder
         */
        public Builder maxSteps(long maxSteps) {
            if (maxSteps < 1) {
                throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
            }
            this.maxSteps = maxSteps;
            return this;
        }

        /**
         * @param recordSteps whether the solution keeps a {@link StepRecord} per attempted step
         * @return this builder
         */
        public Builder recordSteps(boolean recordSteps) {
            this.recordSteps = recordSteps;
            return this;
        }

        /**
         * @param observer called on every attempted step (null: none)
         * @return this builder
         */
        public Builder observer(StepObserver observer) {
            this.observer = observer;
            return this;
        }

        /** @return the integrator */
        public Integrator build() {
            if (solver == null) {
                throw new IllegalArgumentException("solver must be set: call solver(...)");
            }
            if (controller == null) {
                throw new IllegalArgumentException("controller must be set: call controller(...)");
            }
            return new Integrator(this);
        }
    }
}
