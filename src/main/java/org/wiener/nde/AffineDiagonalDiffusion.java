package org.wiener.nde;

/**
 * The spiral neural SDE's diffusion g<sub>φ</sub>(x) = W₃x + B₃ used as diagonal noise
 * ({@code regularization.md} §8), with W₃ <b>diagonal</b>: g<sub>i</sub> = w<sub>i</sub> x<sub>i</sub> +
 * b<sub>i</sub>. Parameters φ = (w<sub>1</sub>, …, w<sub>n</sub>, b<sub>1</sub>, …, b<sub>n</sub>).
 *
 * <p>Why diagonal W₃: the data-generating SDE has noise γu<sub>i</sub> dW<sub>i</sub>, which this form
 * contains (w = γ, b = 0); and with ∂g<sub>i</sub>/∂x<sub>j</sub> = 0 for i ≠ j the noise is diagonal and
 * therefore commutative, so the Stratonovich solver keeps its commutative-noise order and the Itô
 * correction is exactly ½ g<sub>i</sub> w<sub>i</sub>. The original code used a dense 2×2 layer (DiffEqFlux's
 * {@code NeuralDSDE} with {@code Dense(2, 2)}), whose off-diagonal entries make the noise
 * non-commutative.
 *
 * <p>Immutable and thread-safe; no allocation per call.
 */
public final class AffineDiagonalDiffusion extends TwoParameterDiagonalDiffusion {

    /**
     * @param dimension n ≥ 1
     */
    public AffineDiagonalDiffusion(int dimension) {
        super(dimension);
    }

    /**
     * @param w diagonal of W₃ (length n)
     * @param b B₃ (length n)
     * @return φ = (w, b)
     */
    public double[] parameters(double[] w, double[] b) {
        if (w.length != n || b.length != n) {
            throw new IllegalArgumentException("w and b must have length " + n + ", got " + w.length + " and "
                    + b.length);
        }
        double[] phi = new double[2 * n];
        System.arraycopy(w, 0, phi, 0, n);
        System.arraycopy(b, 0, phi, n, n);
        return phi;
    }

    @Override
    public void evaluate(double t, double[] y, double[] phi, double[] out) {
        for (int i = 0; i < n; i++) {
            out[i] = phi[i] * y[i] + phi[n + i];
        }
    }

    @Override
    public void vectorJacobianProduct(double t, double[] y, double[] phi, double[] a, double[] yBar,
            double[] phiBar) {
        for (int i = 0; i < n; i++) {
            yBar[i] += a[i] * phi[i];
            phiBar[i] += a[i] * y[i];
            phiBar[n + i] += a[i];
        }
    }

    @Override
    public void itoCorrection(double t, double[] y, double[] phi, double[] out) {
        for (int i = 0; i < n; i++) {
            out[i] = 0.5 * (phi[i] * y[i] + phi[n + i]) * phi[i];
        }
    }

    @Override
    public void itoCorrectionVectorJacobianProduct(double t, double[] y, double[] phi, double[] a, double[] yBar,
            double[] phiBar) {
        // c_i = ½ (w_i y_i + b_i) w_i: ∂c/∂y_i = ½ w_i², ∂c/∂w_i = w_i y_i + ½ b_i, ∂c/∂b_i = ½ w_i.
        for (int i = 0; i < n; i++) {
            double w = phi[i];
            yBar[i] += a[i] * 0.5 * w * w;
            phiBar[i] += a[i] * (w * y[i] + 0.5 * phi[n + i]);
            phiBar[n + i] += a[i] * 0.5 * w;
        }
    }
}
