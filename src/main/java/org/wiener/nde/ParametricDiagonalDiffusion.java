package org.wiener.nde;

/**
 * A diagonal diffusion g(t, y; φ) = diag(g<sub>1</sub>, …, g<sub>n</sub>) with its parameters φ as one flat
 * array: component i of the state is driven by its own Brownian motion W<sub>i</sub> alone
 * ({@code dy_i = … + g_i(t, y; φ) dW_i}). Besides g, it gives what reverse-mode gradients through a
 * Stratonovich solve of an Itô model need: the Itô-to-Stratonovich drift correction
 * c<sub>i</sub> = ½ g<sub>i</sub> ∂g<sub>i</sub>/∂y<sub>i</sub> ({@code regularization.md} §8, design note:
 * f<sub>S</sub> = f<sub>I</sub> − c for diagonal noise) and vector–Jacobian products of g and of c.
 *
 * <p>Implementations do not allocate per call and keep no mutable state a caller could observe, so one
 * instance serves several threads.
 */
public interface ParametricDiagonalDiffusion {

    /** @return the state (and noise) dimension n */
    int dimension();

    /** @return the number of parameters P */
    int parameterCount();

    /**
     * Whether g does not depend on y (additive noise). Then {@link NeuralDiagonalSde#problem} declares
     * the problem's noise {@code ADDITIVE}, which the additive-noise solvers (ShARK, SRA1) require; their
     * Itô correction is 0. Only declare it when ∂g/∂y = 0 for every parameter value.
     *
     * @return true if g depends on t and φ only; false by default
     */
    default boolean additive() {
        return false;
    }

    /**
     * Evaluates the diagonal of g.
     *
     * @param t time
     * @param y state (length n, read only)
     * @param phi parameters (length P, read only)
     * @param out receives g<sub>i</sub> (length n)
     */
    void evaluate(double t, double[] y, double[] phi, double[] out);

    /**
     * Accumulates aᵀ ∂g/∂y into yBar and aᵀ ∂g/∂φ into phiBar (added to, not overwritten), g taken as the
     * vector of its diagonal.
     *
     * @param t time
     * @param y state (length n, read only)
     * @param phi parameters (length P, read only)
     * @param a cotangent (length n, read only)
     * @param yBar accumulates (length n)
     * @param phiBar accumulates (length P)
     */
    void vectorJacobianProduct(double t, double[] y, double[] phi, double[] a, double[] yBar, double[] phiBar);

    /**
     * Evaluates the Itô-to-Stratonovich drift correction c<sub>i</sub> = ½ g<sub>i</sub> ∂g<sub>i</sub>/∂y<sub>i</sub>.
     *
     * @param t time
     * @param y state (length n, read only)
     * @param phi parameters (length P, read only)
     * @param out receives c (length n)
     */
    void itoCorrection(double t, double[] y, double[] phi, double[] out);

    /**
     * Accumulates aᵀ ∂c/∂y into yBar and aᵀ ∂c/∂φ into phiBar, for the correction c of
     * {@link #itoCorrection}.
     *
     * @param t time
     * @param y state (length n, read only)
     * @param phi parameters (length P, read only)
     * @param a cotangent (length n, read only)
     * @param yBar accumulates (length n)
     * @param phiBar accumulates (length P)
     */
    void itoCorrectionVectorJacobianProduct(double t, double[] y, double[] phi, double[] a, double[] yBar,
            double[] phiBar);
}
