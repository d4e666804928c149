package org.wiener.integrate;

import java.util.List;

/**
 * The result of a solve: the saved times and states, how it ended, the work it did and, on request,
 * a record of every attempted step. Immutable; array getters return copies.
 */
public final class Solution {

    private final double[] times;
    private final double[][] states;
    private final Status status;
    /** The message, or null for a successful solve, whose message is made when asked (rarely). */
    private final String message;
    private final double t1;
    private final SolveStatistics statistics;
    private final List<StepRecord> records;

    Solution(double[] times, double[][] states, Status status, String message, double t1, SolveStatistics statistics,
             List<StepRecord> records) {
        this.times = times;
        this.states = states;
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
        return states[index].clone();
    }

    /** @return a copy of the last saved state (the state at t1 when the solve succeeded) */
    public double[] finalState() {
        return states[states.length - 1].clone();
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
