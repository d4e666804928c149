package org.wiener.nde;

import java.util.List;

/**
 * The outcome of one training run.
 *
 * @param experiment the experiment name ({@code spiral-ode} or {@code spiral-sde})
 * @param regularizer the regularizer used
 * @param seed the seed of the run
 * @param iterations every iteration, in order
 * @param finalLoss the task loss of the trained model, without regularization, on the experiment's
 *     evaluation protocol
 * @param predictionNfe vector-field evaluations of one prediction solve of the trained model
 * @param trainSeconds wall time of training
 * @param predictionSeconds wall time of one prediction solve
 */
public record TrainingResult(String experiment, Regularizer regularizer, long seed, List<TrainingIteration> iterations,
        double finalLoss, long predictionNfe, double trainSeconds, double predictionSeconds) {

    /** Defensive copy: a result is an immutable value. */
    public TrainingResult {
        iterations = List.copyOf(iterations);
    }
}
