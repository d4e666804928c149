package org.wiener.sde;

/** The stochastic calculus in which an SDE is written and to which a solver converges. */
public enum Calculus {
    /** dy = f dt + g dW, the Itô integral (left-point rule). */
    ITO,
    /** dy = f dt + g ∘ dW, the Stratonovich integral (midpoint rule); ODE solvers converge to it. */
    STRATONOVICH
}
