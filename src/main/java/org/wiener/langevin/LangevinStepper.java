package org.wiener.langevin;

import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.langevin.LangevinCoefficients.Cache;
import org.wiener.langevin.LangevinCoefficients.Term;
import org.wiener.sde.Calculus;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.SolverProperties;
import org.wiener.solver.Stepper;

/**
 * Plumbing shared by the Langevin steppers ({@code langevin.md} §2): the problem's γ, u and ρ = √(2γu) per
 * component, the coefficient cache, and the gradient counter. Every ∇f a stepper computes goes through
 * {@link #gradient} and counts as one drift evaluation, so {@code Solution.stats().driftEvaluations()} is the exact
 * number of gradient evaluations (the diffusion is never evaluated: ρ is known). Not thread-safe; one per solve.
 */
abstract class LangevinStepper implements Stepper {

    /** The name of the solver, for messages. */
    protected final String name;
    /** d, the dimension of x (the state has 2d components). */
    protected final int d;
    /** Friction γ per component. */
    protected final double[] gamma;
    /** Inverse mass u per component. */
    protected final double[] u;
    /** ρ = √(2γu) per component. */
    protected final double[] rho;
    /** Position scratch (length d), for the steppers' stage positions. */
    protected final double[] xs;
    /** FSAL: ∇f at the start of the next step, valid if {@link #startValid}. */
    protected double[] f0;
    /** FSAL: ∇f at the end of the last attempted step, committed by {@link #accept()}. */
    protected double[] fEnd;
    private boolean startValid;
    private boolean endPending;
    private final LangevinDrift drift;
    private final LevyArea levyArea;
    private final Cache cache;
    private long gradients;

    /**
     * @param name the solver's name
     * @param drift the problem's drift
     * @param levyArea the Lévy area the steps read
     * @param terms the coefficients the solver needs, in the order of its indices
     * @param taylorThreshold below this γh a component uses the Taylor polynomials
     */
    LangevinStepper(String name, LangevinDrift drift, LevyArea levyArea, Term[] terms, double taylorThreshold) {
        LangevinProblem p = drift.problem();
        this.name = name;
        this.d = p.dimension();
        this.gamma = p.friction();
        this.u = p.inverseMass();
        this.rho = new double[d];
        for (int i = 0; i < d; i++) {
            rho[i] = Math.sqrt(2.0 * gamma[i] * u[i]);
        }
        this.drift = drift;
        this.levyArea = levyArea;
        this.cache = new Cache(terms, gamma, taylorThreshold);
        this.xs = new double[d];
        this.f0 = new double[d];
        this.fEnd = new double[d];
    }

    /**
     * Refuses anything but the SDE of a {@link LangevinProblem}: the Langevin solvers need ∇f, γ and u, which a
     * generic drift does not expose.
     *
     * @param name the solver's name
     * @param problem the problem
     * @return its Langevin drift
     */
    static LangevinDrift requireLangevin(String name, SdeProblem problem) {
        if (problem == null) {
            throw new IllegalArgumentException("problem must not be null");
        }
        if (!(problem.drift() instanceof LangevinDrift)) {
            throw new IllegalArgumentException(name + " solves only the underdamped Langevin SDE: build the problem with "
                    + "LangevinProblem.builder()...build().toSdeProblem() (whose drift is a LangevinDrift), got a drift of "
                    + problem.drift().getClass().getName() + "; for other additive-noise SDEs use sra1 or shark");
        }
        LangevinDrift drift = (LangevinDrift) problem.drift();
        int d = drift.problem().dimension();
        if (problem.dimension() != 2 * d || problem.noiseDimension() != d || problem.isOde()
                || problem.noiseType() != NoiseType.ADDITIVE || problem.calculus() != Calculus.STRATONOVICH) {
            throw new IllegalArgumentException(name + " needs the SDE of LangevinProblem.toSdeProblem() (dimension 2d = "
                    + 2 * d + ", additive Stratonovich noise of dimension d = " + d + "), got dimension "
                    + problem.dimension() + ", noise dimension " + problem.noiseDimension() + ", noise type "
                    + problem.noiseType() + ", calculus " + problem.calculus()
                    + ": do not change the diffusion of the Langevin SDE (the solver uses √(2γu) from the problem)");
        }
        return drift;
    }

    /**
     * The declaration of a Langevin solver: Stratonovich, additive noise only (with the given strong order; no weak
     * order is declared, the references state none), no ODE order (the Langevin SDE always has noise), the Lévy
     * area, the embedded error estimate, and the gradient evaluations per step (counted as drift evaluations; no
     * diffusion evaluations).
     *
     * @param name the lower-case name
     * @param strongOrder the strong order
     * @param levyArea the Lévy area
     * @param embeddedError whether steps return an error estimate
     * @param gradients gradient evaluations per step (without the FSAL start)
     * @return the properties
     */
    static SolverProperties properties(String name, double strongOrder, LevyArea levyArea, boolean embeddedError,
                                       int gradients) {
        return SolverProperties.builder(name).calculus(Calculus.STRATONOVICH)
                .orders(NoiseType.ADDITIVE, strongOrder, Double.NaN)
                .levyArea(levyArea).embeddedError(embeddedError).evaluations(gradients, 0)
                .declaredStrongOrder(strongOrder).build();
    }

    /**
     * @param name the solver's name
     * @param taylorThreshold the constructor argument
     * @return the threshold, if finite and &ge; 0
     */
    static double requireThreshold(String name, double taylorThreshold) {
        if (!(taylorThreshold >= 0.0) || !Double.isFinite(taylorThreshold)) {
            throw new IllegalArgumentException(name + ": taylorThreshold must be finite and >= 0 (0 = closed forms only), got "
                    + taylorThreshold);
        }
        return taylorThreshold;
    }

    /**
     * Computes and counts ∇f(x).
     *
     * @param x the position (length d)
     * @param out receives ∇f(x)
     */
    protected final void gradient(double[] x, double[] out) {
        gradients++;
        drift.potentialGradient(x, out);
    }

    /**
     * Checks the step's arguments and returns the coefficient table for h.
     *
     * @param t0 start
     * @param t1 end
     * @param noise the increment
     * @return values[term][component]
     */
    protected final double[][] begin(double t0, double t1, MutableBrownianIncrement noise) {
        if (noise == null) {
            throw new IllegalArgumentException(name + " needs the Brownian increment of each step, got null");
        }
        if (!noise.levyArea().covers(levyArea)) {
            throw new IllegalArgumentException(name + " needs Brownian increments with Lévy area " + levyArea + ", got "
                    + noise.levyArea() + ": build the path with levyArea(LevyArea." + levyArea + ")");
        }
        double h = t1 - t0;
        if (!(h > 0.0)) {
            throw new IllegalArgumentException(name + " steps forward in time only: t1 - t0 must be > 0, got t0=" + t0
                    + ", t1=" + t1);
        }
        return cache.get(h);
    }

    /** @return how many times the coefficients were computed (for tests) */
    final long coefficientComputations() {
        return cache.computations();
    }

    /**
     * First-same-as-last support: makes {@link #f0} hold ∇f(x0) for the step from y0, computing it (one counted
     * gradient) only at the first step and after a {@link #reset} (a jump, or step doubling restarting a step).
     * A rejected step keeps the cached value, since the next attempt starts from the same state.
     *
     * @param y0 the state at the step's start
     */
    protected final void startGradient(double[] y0) {
        if (!startValid) {
            System.arraycopy(y0, 0, xs, 0, d);
            gradient(xs, f0);
            startValid = true;
        }
    }

    /** Marks {@link #fEnd} as holding ∇f at the end of the attempted step (committed by {@link #accept()}). */
    protected final void endGradientComputed() {
        endPending = true;
    }

    @Override
    public void reset(double t, double[] y) {
        startValid = false;
        endPending = false;
    }

    @Override
    public void accept() {
        if (endPending) {
            double[] swap = f0;
            f0 = fEnd;
            fEnd = swap;
            startValid = true;
            endPending = false;
        }
    }

    @Override
    public double stiffness() {
        return Double.NaN;
    }

    @Override
    public final long driftEvaluations() {
        return gradients;
    }

    @Override
    public final long diffusionEvaluations() {
        return 0;
    }

    @Override
    public final long derivativeEvaluations() {
        return 0;
    }
}
