package org.wiener.integrate;

import java.util.List;

/**
 * The result of a solve: the saved times and states, how it ended, the work it did and, on request,
 * a record of every attempted step. Immutable; array getters return copies.
 *
 * <p>The states are kept in one flat array, saved state after saved state, and the times array may be
 * shared by solutions with equal times (it is never handed out): an ensemble keeps thousands of
 * solutions, so a small one (the default {@link SaveAt#end()}) is two small arrays and two objects.
 */
public final class Solution {

    /** The saved times; possibly shared with other solutions, so never modified nor returned. */
    private final double[] times;
    /** The saved states, {@code dimension} values each, in the order of {@link #times}. */
    private final double[] states;
    private final int dimension;
    private final Status status;
    /** The message, or null for a successful solve, whose message is made when asked (rarely). */
    private final String message;
    private final double t1;
    private final SolveStatistics statistics;
    private final List<StepRecord> records;

    Solution(double[] times, double[] states, int dimension, Status status, String message, double t1,
             SolveStatistics statistics, List<StepRecord> records) {
        this.times = times;
        this.states = states;
        this.dimension = dimension;
        this.status = status;
        this.message = message;
        this.t1 = t1;
        this.statistics = statistics;
        this.records = List.copyOf(records);
    }

    /** @return the saved times, increasing */
    public double[] times() {
        return times.clone();
    }

    /** @return the number of saved states */
    public int size() {
        return times.length;
    }

    /**
     * @param index a saved index
     * @return the saved time
     */
    public double time(int index) {
        return times[index];
    }

    /**
     * @param index a saved index
     * @return a copy of the saved state
     */
    public double[] state(int index) {
        java.util.Objects.checkIndex(index, times.length);
        return java.util.Arrays.copyOfRange(states, index * dimension, (index + 1) * dimension);
    }

    /** @return a copy of the last saved state (the state at t1 when the solve succeeded) */
    public double[] finalState() {
        return java.util.Arrays.copyOfRange(states, states.length - dimension, states.length);
    }

    /** @return how the solve ended */
    public Status status() {
        return status;
    }

    /** @return a human-readable explanation of the status */
    public String message() {
        return message != null ? message : "reached t1 = " + t1;
    }

    /** @return the work done */
    public SolveStatistics stats() {
        return statistics;
    }

    /** @return every attempted step, if recorded (else empty) */
    public List<StepRecord> records() {
        return records;
    }
}
