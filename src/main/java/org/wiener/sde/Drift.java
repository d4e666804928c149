package org.wiener.sde;

/**
 * The drift f(t, y) ∈ R<sup>n</sup> of an SDE, or the right-hand side of an ODE. Implementations write
 * into the caller's array and must not allocate, keep references to {@code y} or {@code out}, or have
 * side effects: solvers call them from many threads at once.
 */
@FunctionalInterface
public interface Drift {

    /**
     * Evaluates f(t, y).
     *
     * @param t time
     * @param y state, length n (read only)
     * @param out receives f(t, y), length n
     */
    void evaluate(double t, double[] y, double[] out);
}
