package org.wiener.control;

import org.wiener.sde.Drift;

/**
 * The per-solve state of a {@link StepSizeController}: proposes step ends and decides on attempted
 * steps. Not thread-safe.
 */
public interface StepControl {

    /** Why a controller ends a solve early. */
    enum Failure {
        /** The step size fell below dtmin with {@code forceDtmin} off. */
        DTMIN_REACHED,
        /**
         * More rejected step ends awaiting their revisit than the rejected-step buffer holds (in
         * particular, more consecutive rejections than its size).
         */
        TOO_MANY_REJECTIONS
    }

    /**
     * The end of the first step. May evaluate the drift (Hairer's initial step for ODEs), never the
     * Brownian path.
     *
     * @param t0 start time
     * @param y0 initial state
     * @param drift the drift, counted by the caller
     * @return the end of the first step to attempt
     */
    double firstStepEnd(double t0, double[] y0, Drift drift);

    /**
     * Decides on an attempted step and prepares the next one.
     *
     * @param t0 start of the attempted step
     * @param t1 its end
     * @param y0 state at t0
     * @param y1 candidate state at t1 (may contain non-finite values, which must be rejected)
     * @param error the solver's error estimate, or null if it has none
     * @return true to accept the step
     */
    boolean decide(double t0, double t1, double[] y0, double[] y1, double[] error);

    /** @return the end of the next step to attempt, after {@link #decide} */
    double nextStepEnd();

    /** @return the scaled error norm ε of the last decision (NaN for controllers that do not use one) */
    double scaledError();

    /** @return whether the last accepted step was taken at dtmin */
    boolean atDtmin();

    /** @return null while the solve may continue, else why it must stop */
    Failure failure();

    /**
     * @return whether the step just accepted ended at a jump of the vector field, so that a solver must
     *     discard what it carries (first-same-as-last values) before the next step
     */
    default boolean madeJump() {
        return false;
    }
}
