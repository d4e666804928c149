package org.wiener.nde;

/**
 * Additive diagonal noise that may vary in time: g<sub>i</sub>(t) = s<sub>i</sub> + r<sub>i</sub> t, independent of
 * the state, with parameters φ = (s<sub>1</sub>, …, s<sub>n</sub>, r<sub>1</sub>, …, r<sub>n</sub>). It declares
 * {@link #additive()}, so a {@link NeuralDiagonalSde} built with it can be solved (and differentiated by
 * {@link SrkDiscreteAdjoint}) with the additive-noise solvers ShARK and SRA1, whose step reads g at both
 * ends of the step ({@code solvers.md} §4.2). The Itô correction ½ g<sub>i</sub> ∂g<sub>i</sub>/∂y<sub>i</sub> is 0.
 *
 * <p>Immutable and thread-safe; no allocation per call.
 */
public final class TimeAffineDiagonalDiffusion extends TwoParameterDiagonalDiffusion {

    /**
     * @param dimension n ≥ 1
     */
    public TimeAffineDiagonalDiffusion(int dimension) {
        super(dimension);
    }

    @Override
    public boolean additive() {
        return true;
    }

    @Override
    public void evaluate(double t, double[] y, double[] phi, double[] out) {
        for (int i = 0; i < n; i++) {
            out[i] = phi[i] + phi[n + i] * t;
        }
    }

    @Override
    public void vectorJacobianProduct(double t, double[] y, double[] phi, double[] a, double[] yBar,
            double[] phiBar) {
        for (int i = 0; i < n; i++) {
            phiBar[i] += a[i];
            phiBar[n + i] += a[i] * t;
        }
    }

    @Override
    public void itoCorrection(double t, double[] y, double[] phi, double[] out) {
        java.util.Arrays.fill(out, 0, n, 0.0);
    }

    @Override
    public void itoCorrectionVectorJacobianProduct(double t, double[] y, double[] phi, double[] a, double[] yBar,
            double[] phiBar) {
        // c = 0 for every y and φ: nothing to accumulate.
    }
}
