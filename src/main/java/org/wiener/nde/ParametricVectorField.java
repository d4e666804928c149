package org.wiener.nde;

/**
 * A vector field f(t, y; θ) with its parameters θ held as one flat array, and its vector–Jacobian
 * products: what reverse-mode ("discretise then optimise") gradients through a solve need.
 *
 * <p>Implementations do not allocate per call and keep no mutable state between calls that a caller
 * could observe, so one field can serve several threads (scratch space, if any, is per thread or per
 * call site).
 */
public interface ParametricVectorField {

    /** @return the state dimension n */
    int dimension();

    /** @return the number of parameters P */
    int parameterCount();

    /**
     * Evaluates f(t, y; θ).
     *
     * @param t time
     * @param y state (length n, read only)
     * @param theta parameters (length P, read only)
     * @param out receives f (length n)
     */
    void evaluate(double t, double[] y, double[] theta, double[] out);

    /**
     * Accumulates the vector–Jacobian products aᵀ ∂f/∂y into yBar and aᵀ ∂f/∂θ into thetaBar
     * (both are added to, not overwritten).
     *
     * @param t time
     * @param y state (length n, read only)
     * @param theta parameters (length P, read only)
     * @param a the cotangent (length n, read only)
     * @param yBar accumulates aᵀ ∂f/∂y (length n)
     * @param thetaBar accumulates aᵀ ∂f/∂θ (length P)
     */
    void vectorJacobianProduct(double t, double[] y, double[] theta, double[] a, double[] yBar, double[] thetaBar);
}
