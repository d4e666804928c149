package org.wiener.langevin;

import java.util.List;

/**
 * What a {@link LangevinSampler} run produced: the draws of every chain, the warm-up draws, the exact
 * gradient-evaluation counts, the adapted preconditioner, the wall time and whether the run completed.
 *
 * <p>When a chain hit a non-finite log density or state, {@link #completed()} is false,
 * {@link #message()} names the chain and the time, and the draws made so far are kept: the failing
 * chain's array of draws is then shorter than the others (the other chains finished the phase in which
 * the failure happened, so that the kept draws do not depend on the thread count).
 *
 * <p>Immutable: the accessors return copies; thread-safe.
 */
public final class SamplerResult {

    private final List<String> parameterNames;
    private final double[][][] draws;
    private final double[][][] warmupDraws;
    private final long[] gradientEvaluations;
    private final long[] warmupGradientEvaluations;
    private final long[][] gradientEvaluationsAtDraw;
    private final long[] acceptedSteps;
    private final long[] rejectedSteps;
    private final double[] inverseMass;
    private final double chainSeparation;
    private final double wallSeconds;
    private final boolean completed;
    private final String message;

    SamplerResult(List<String> parameterNames, double[][][] draws, double[][][] warmupDraws,
                  long[] gradientEvaluations, long[] warmupGradientEvaluations, long[][] gradientEvaluationsAtDraw,
                  long[] acceptedSteps,
                  long[] rejectedSteps, double[] inverseMass, double chainSeparation, double wallSeconds,
                  boolean completed, String message) {
        this.parameterNames = List.copyOf(parameterNames);
        this.draws = draws;
        this.warmupDraws = warmupDraws;
        this.gradientEvaluations = gradientEvaluations;
        this.warmupGradientEvaluations = warmupGradientEvaluations;
        this.gradientEvaluationsAtDraw = gradientEvaluationsAtDraw;
        this.acceptedSteps = acceptedSteps;
        this.rejectedSteps = rejectedSteps;
        this.inverseMass = inverseMass;
        this.chainSeparation = chainSeparation;
        this.wallSeconds = wallSeconds;
        this.completed = completed;
        this.message = message;
    }

    /** @return the parameter names, in parameter order */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /** @return the number of chains */
    public int chains() {
        return draws.length;
    }

    /** @return the post-warm-up draws, [chain][draw][parameter] (a deep copy; ragged after a failure) */
    public double[][][] draws() {
        return deepCopy(draws);
    }

    /** @return the warm-up draws, [chain][draw][parameter] (a deep copy; ragged after a failure) */
    public double[][][] warmupDraws() {
        return deepCopy(warmupDraws);
    }

    /**
     * @param chain a chain index
     * @return the number of post-warm-up draws this chain made
     */
    public int drawCount(int chain) {
        return draws[chain].length;
    }

    /**
     * @return gradient evaluations per chain, warm-up, rejected steps and step doubling included (from the
     *     solver's drift-evaluation counts, which count each call of the target's gradient)
     */
    public long[] gradientEvaluations() {
        return gradientEvaluations.clone();
    }

    /** @return the part of {@link #gradientEvaluations()} spent in warm-up, per chain */
    public long[] warmupGradientEvaluations() {
        return warmupGradientEvaluations.clone();
    }

    /**
     * The cost of each draw: for chain c and draw k (warm-up draws first, then the kept draws), the chain's
     * gradient evaluations from the start up to and including the step that reached the draw (the
     * warm-up's starting-curvature evaluations included). Plotting a metric against it is the paper's
     * "metric against gradient evaluations" view.
     *
     * @param chain a chain index
     * @return the running counts, one per draw made (warm-up and kept)
     */
    public long[] gradientEvaluationsAtDraw(int chain) {
        return gradientEvaluationsAtDraw[chain].clone();
    }

    /** @return the total gradient evaluations over all chains, warm-up included */
    public long totalGradientEvaluations() {
        long sum = 0;
        for (long g : gradientEvaluations) {
            sum += g;
        }
        return sum;
    }

    /** @return accepted solver steps per chain, warm-up included */
    public long[] acceptedSteps() {
        return acceptedSteps.clone();
    }

    /** @return rejected solver steps per chain, warm-up included (0 for constant steps) */
    public long[] rejectedSteps() {
        return rejectedSteps.clone();
    }

    /** @return the diagonal inverse mass u used after warm-up (the adapted posterior variance estimate) */
    public double[] inverseMass() {
        return inverseMass.clone();
    }

    /** @return the time between two draws of a chain */
    public double chainSeparation() {
        return chainSeparation;
    }

    /** @return the wall time of the run in seconds (warm-up included) */
    public double wallSeconds() {
        return wallSeconds;
    }

    /** @return whether every chain made all its draws */
    public boolean completed() {
        return completed;
    }

    /** @return "completed" or the failure, naming the chain and the time */
    public String message() {
        return message;
    }

    private static double[][][] deepCopy(double[][][] a) {
        double[][][] copy = new double[a.length][][];
        for (int c = 0; c < a.length; c++) {
            copy[c] = new double[a[c].length][];
            for (int k = 0; k < a[c].length; k++) {
                copy[c][k] = a[c][k].clone();
            }
        }
        return copy;
    }
}
