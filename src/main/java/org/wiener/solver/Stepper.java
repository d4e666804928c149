package org.wiener.solver;

import org.wiener.brownian.MutableBrownianIncrement;

/**
 * The working memory of one solve: attempts steps, keeps what a first-same-as-last or reversible
 * scheme carries from one accepted step to the next, and counts every evaluation where it happens
 * (inside rejected steps too). Not thread-safe; one per solve.
 */
public interface Stepper {

    /**
     * Starts (or restarts, after a jump) from state y at time t: forget anything carried over.
     *
     * @param t time
     * @param y state (read only)
     */
    void reset(double t, double[] y);

    /**
     * Attempts one step over [t0, t1] from y0. Commits nothing: {@link #accept()} does that.
     *
     * @param t0 start of the step
     * @param t1 end of the step
     * @param y0 state at t0 (read only)
     * @param noise the Brownian increment over [t0, t1], or null for an ODE
     * @param y1 receives the candidate state at t1
     * @param error receives the local error estimate, if the solver has one (else left untouched)
     */
    void step(double t0, double t1, double[] y0, MutableBrownianIncrement noise, double[] y1, double[] error);

    /** The last attempted step was accepted: carry its end values into the next step. */
    void accept();

    /**
     * @return the stiffness estimate of the last attempted step (|h|·ρ, scaled as in
     *     {@code docs/solving.md}), or NaN if the solver has none
     */
    double stiffness();

    /** @return drift evaluations so far */
    long driftEvaluations();

    /** @return diffusion evaluations so far */
    long diffusionEvaluations();

    /** @return diffusion-derivative evaluations so far (Milstein schemes, corrections) */
    long derivativeEvaluations();
}
