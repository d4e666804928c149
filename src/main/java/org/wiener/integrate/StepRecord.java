package org.wiener.integrate;

/**
 * One attempted step, as kept by a solve with {@code recordSteps(true)}.
 *
 * @param t start of the step
 * @param h its length
 * @param accepted whether it was accepted
 * @param scaledError the controller's scaled error norm (NaN without one)
 * @param error the local error estimate (a copy; zeros if the solver has none)
 * @param stiffness the stiffness estimate, or NaN
 */
public record StepRecord(double t, double h, boolean accepted, double scaledError, double[] error, double stiffness) {

    /** @return a copy of the error estimate */
    @Override
    public double[] error() {
        return error.clone();
    }
}
