package org.wiener.nde;

/**
 * One optimisation iteration of a training run: one row of {@code train.csv}.
 *
 * @param iteration iteration number, from 1
 * @param loss the optimised objective: task loss + λ·regularization
 * @param taskLoss the task loss alone
 * @param regularization the regularizer's value (0 without one)
 * @param lambda the regularization weight used at this iteration
 * @param nfe vector-field evaluations of this iteration's forward solve(s)
 * @param seconds wall time since the start of training
 */
public record TrainingIteration(int iteration, double loss, double taskLoss, double regularization, double lambda,
        long nfe, double seconds) {
}
