package org.wiener.control;

import org.wiener.sde.SdeProblem;

/**
 * Chooses the steps of a solve. A controller is an immutable description; {@link #start} creates the
 * per-solve {@link StepControl} that holds its history.
 */
public interface StepSizeController {

    /**
     * @return whether the controller accepts or rejects steps by the solver's error estimate (such a
     *     controller needs a solver with an error estimate and a seed-deterministic Brownian path)
     */
    boolean isAdaptive();

    /**
     * Starts a solve.
     *
     * @param problem the problem
     * @param errorOrder the order q in the control law (the solver's, or an override)
     * @return the per-solve state
     */
    StepControl start(SdeProblem problem, double errorOrder);
}
