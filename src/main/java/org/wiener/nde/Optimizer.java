package org.wiener.nde;

/**
 * A first-order optimiser over a flat parameter array. Stateful (moment estimates): one per training run.
 */
public interface Optimizer {

    /**
     * Updates the parameters in place from one gradient.
     *
     * @param theta parameters (updated)
     * @param gradient gradient of the objective at theta (read only, same length)
     */
    void step(double[] theta, double[] gradient);
}
