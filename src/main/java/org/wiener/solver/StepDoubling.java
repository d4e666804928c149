package org.wiener.solver;

import org.wiener.brownian.BrownianPath;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;

/**
 * Step doubling: wraps any solver to give it an error estimate, as Diffrax's {@code HalfSolver}
 * ({@code diffrax/_solver/base.py}; {@code solvers.md} §6). Per attempted step over [t0, t1] it takes one
 * full step and two half steps (over [t0, t½] and [t½, t1], t½ = t0 + (t1 − t0)/2) of the inner solver,
 * returns the two-half-step result, and the error estimate |y<sub>two halves</sub> − y<sub>full</sub>|
 * (componentwise). Each attempted step costs three inner steps; the stepper's evaluation counts are exactly
 * those of its inner stepper.
 *
 * <p>The half steps need the Brownian increments over the halves, which the stepper queries from the path
 * itself: on SDEs create the stepper through {@link #newStepper(SdeProblem, BrownianPath)}
 * ({@link PathAwareSolver}); {@link #newStepper(SdeProblem)} serves ODEs only. The full step uses the
 * increment the driver passes to {@link Stepper#step}.
 *
 * <p>Inner solvers that carry state between steps (first-same-as-last, {@link ReversibleHeun}) see the
 * Diffrax sequence: the full step and the first half step start from the state at t0, the second half
 * from the state after the first half, and {@link Stepper#accept} commits the second half. If an attempted
 * step is not accepted, the next attempt first resets the inner stepper at its (t0, y0) (as after a jump),
 * since its first half was already committed.
 *
 * <p>Properties: name {@code inner + "_doubled"}, the inner solver's calculus, orders, Lévy area and ODE
 * order, an embedded error estimate, and three times its evaluations. As Diffrax's {@code HalfSolver}, its
 * error order is the declared strong order + 0.5 on SDEs and the ODE order + 1 on ODEs.
 */
public final class StepDoubling implements PathAwareSolver {

    private final Solver inner;
    private final SolverProperties properties;

    /**
     * @param inner the solver to wrap
     */
    public StepDoubling(Solver inner) {
        if (inner == null) {
            throw new IllegalArgumentException("inner solver must not be null");
        }
        this.inner = inner;
        SolverProperties p = inner.properties();
        SolverProperties.Builder b = SolverProperties.builder(p.name() + "_doubled")
                .calculus(p.calculus()).odeOrder(p.odeOrder()).levyArea(p.levyArea())
                .embeddedError(true).evaluations(3 * p.driftEvaluations(), 3 * p.diffusionEvaluations())
                .declaredStrongOrder(p.declaredStrongOrder()).odeErrorOrder(p.odeOrder() + 1);
        for (NoiseType noise : NoiseType.values()) {
            if (p.supports(noise)) {
                b.orders(noise, p.strongOrder(noise), p.weakOrder(noise));
            }
        }
        if (!p.supportsSde()) {
            b.odeOnly();
        }
        this.properties = b.build();
    }

    /** @return the wrapped solver */
    public Solver inner() {
        return inner;
    }

    @Override
    public SolverProperties properties() {
        return properties;
    }

    /**
     * For ODEs only: an SDE step needs the path (see {@link #newStepper(SdeProblem, BrownianPath)}).
     *
     * @throws IllegalStateException for an SDE
     */
    @Override
    public Stepper newStepper(SdeProblem problem) {
        SolverChecks.requireProblem(problem);
        if (!problem.isOde()) {
            throw new IllegalStateException(properties.name() + " needs the Brownian path to split each step's "
                    + "increment into two halves: create its stepper with newStepper(problem, path) "
                    + "(StepDoubling is a PathAwareSolver)");
        }
        return new DoublingStepper(newInner(problem, null), null, problem.dimension(), 0, LevyArea.NONE);
    }

    @Override
    public Stepper newStepper(SdeProblem problem, BrownianPath path) {
        SolverChecks.requireProblem(problem);
        if (problem.isOde()) {
            return new DoublingStepper(newInner(problem, path), null, problem.dimension(), 0, LevyArea.NONE);
        }
        if (path == null) {
            throw new IllegalArgumentException(properties.name() + " needs the Brownian path of the solve, got null");
        }
        if (path.dimension() != problem.noiseDimension()) {
            throw new IllegalArgumentException(properties.name() + ": the path has dimension " + path.dimension()
                    + " but the problem has " + problem.noiseDimension() + " Brownian components");
        }
        LevyArea needed = inner.properties().levyArea();
        if (!path.levyArea().covers(needed)) {
            throw new IllegalArgumentException(properties.name() + " needs a Brownian path with Lévy area " + needed
                    + ", got " + path.levyArea());
        }
        return new DoublingStepper(newInner(problem, path), path, problem.dimension(), problem.noiseDimension(), needed);
    }

    private Stepper newInner(SdeProblem problem, BrownianPath path) {
        if (inner instanceof PathAwareSolver) {
            return ((PathAwareSolver) inner).newStepper(problem, path);
        }
        return inner.newStepper(problem);
    }

    private static final class DoublingStepper implements Stepper {
        private final Stepper stepper;
        private final BrownianPath path;
        private final MutableBrownianIncrement first;
        private final MutableBrownianIncrement second;
        private final double[] yFull;
        private final double[] yHalf;
        private final double[] scratchError;
        /** The inner stepper holds the committed first half of a step that has not been accepted. */
        private boolean dirty;

        DoublingStepper(Stepper stepper, BrownianPath path, int n, int m, LevyArea level) {
            this.stepper = stepper;
            this.yFull = new double[n];
            this.yHalf = new double[n];
            this.scratchError = new double[n];
            this.path = path;
            this.first = path == null ? null : new MutableBrownianIncrement(m, level);
            this.second = path == null ? null : new MutableBrownianIncrement(m, level);
        }

        @Override
        public void reset(double t, double[] y) {
            stepper.reset(t, y);
            dirty = false;
        }

        @Override
        public void step(double t0, double t1, double[] y0, MutableBrownianIncrement noise, double[] y1,
                         double[] error) {
            int n = yFull.length;
            if (dirty) {
                stepper.reset(t0, y0);
                dirty = false;
            }
            double tHalf = t0 + 0.5 * (t1 - t0);
            MutableBrownianIncrement a = null;
            MutableBrownianIncrement b = null;
            if (noise != null) {
                if (path == null) {
                    throw new IllegalStateException("step doubling got a Brownian increment but has no path: "
                            + "create its stepper with newStepper(problem, path)");
                }
                path.increment(t0, tHalf, first);
                path.increment(tHalf, t1, second);
                a = first;
                b = second;
            }
            // The full step and the first half both start from the inner state at t0 (step() commits nothing).
            stepper.step(t0, t1, y0, noise, yFull, scratchError);
            stepper.step(t0, tHalf, y0, a, yHalf, scratchError);
            stepper.accept();
            dirty = true;
            stepper.step(tHalf, t1, yHalf, b, y1, scratchError);
            if (error != null) {
                if (n == 1) {
                    error[0] = Math.abs(y1[0] - yFull[0]);
                    return;
                }
                for (int i = 0; i < n; i++) {
                    error[i] = Math.abs(y1[i] - yFull[i]);
                }
            }
        }

        @Override
        public void accept() {
            stepper.accept();
            dirty = false;
        }

        @Override
        public double stiffness() {
            return Double.NaN;
        }

        @Override
        public long driftEvaluations() {
            return stepper.driftEvaluations();
        }

        @Override
        public long diffusionEvaluations() {
            return stepper.diffusionEvaluations();
        }

        @Override
        public long derivativeEvaluations() {
            return stepper.derivativeEvaluations();
        }
    }
}
