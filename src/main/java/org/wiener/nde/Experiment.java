package org.wiener.nde;

import java.util.function.Consumer;

/** A training experiment of {@code docs/regularization.md}, run by the {@code train} command. */
public interface Experiment {

    /** @return the CLI name, {@code spiral-ode} or {@code spiral-sde} */
    String name();

    /** @return the default number of optimisation iterations */
    int defaultIterations();

    /**
     * Trains one model.
     *
     * @param regularizer the regularizer
     * @param seed seed of initialisation, mini-batching, t_reg draws and simulated noise
     * @param iterations optimisation iterations (at least 1)
     * @param listener called after every iteration (for progress and {@code train.csv})
     * @return the result, deterministic for a seed
     */
    TrainingResult train(Regularizer regularizer, long seed, int iterations, Consumer<TrainingIteration> listener);
}
