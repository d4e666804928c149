package org.wiener.integrate;

/** How a solve ended. Every status but SUCCESS keeps what was computed up to the stop. */
public enum Status {
    /** Reached t1. */
    SUCCESS,
    /** The limit on attempted steps was reached before t1. */
    STEP_LIMIT_REACHED,
    /** The controller could not keep the step above dtmin (with {@code forceDtmin(false)}). */
    DTMIN_REACHED,
    /**
     * More rejected step ends awaiting their revisit than the rejected-step buffer holds (in particular,
     * more consecutive rejections than its size).
     */
    TOO_MANY_REJECTIONS,
    /** The state became NaN or infinite. */
    NON_FINITE_STATE
}
