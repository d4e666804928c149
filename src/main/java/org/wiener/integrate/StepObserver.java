package org.wiener.integrate;

/**
 * Called by the driver on every attempted step, accepted or rejected, without allocating: the
 * regularizers, samplers and studies built on Wiener read the solver's heuristics here.
 *
 * <p>The error array is live (the driver's buffer): read it during the call, copy it if needed.
 */
@FunctionalInterface
public interface StepObserver {

    /**
     * One attempted step.
     *
     * @param t start of the step
     * @param h its length
     * @param accepted whether the controller accepted it
     * @param scaledError the controller's scaled error norm (NaN without an error estimate or controller)
     * @param error the solver's local error estimate (length n; zeros if the solver has none), read only
     * @param stiffness the solver's stiffness estimate for the step, or NaN
     */
    void onStep(double t, double h, boolean accepted, double scaledError, double[] error, double stiffness);
}
