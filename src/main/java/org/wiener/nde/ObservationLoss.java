package org.wiener.nde;

/**
 * A task loss on the states at the save times of a solve, with its gradient: what
 * {@link DiscreteAdjoint} differentiates through the solver.
 */
@FunctionalInterface
public interface ObservationLoss {

    /**
     * @param states states[k] is the state at save time k (read only)
     * @param statesBar receives ∂L/∂states[k] (zeroed by the caller)
     * @return the loss L
     */
    double evaluate(double[][] states, double[][] statesBar);
}
