package org.wiener.nde;

/**
 * B independent copies of one {@link ParametricDiagonalDiffusion} sharing its parameters, block by block
 * (the diffusion counterpart of {@link ReplicatedField}). Immutable; per-thread scratch.
 */
public final class ReplicatedDiagonalDiffusion implements ParametricDiagonalDiffusion {

    private final ParametricDiagonalDiffusion base;
    private final int copies;
    private final int n;
    private final ThreadLocal<double[][]> scratch;

    /**
     * @param base the diffusion of one copy
     * @param copies B ≥ 1
     */
    public ReplicatedDiagonalDiffusion(ParametricDiagonalDiffusion base, int copies) {
        if (base == null) {
            throw new IllegalArgumentException("base must not be null");
        }
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be >= 1, got " + copies);
        }
        this.base = base;
        this.copies = copies;
        this.n = base.dimension();
        this.scratch = ThreadLocal.withInitial(() -> new double[][] {new double[n], new double[n], new double[n],
            new double[n]});
    }

    @Override
    public int dimension() {
        return n * copies;
    }

    @Override
    public int parameterCount() {
        return base.parameterCount();
    }

    @Override
    public boolean additive() {
        return base.additive();
    }

    @Override
    public void evaluate(double t, double[] y, double[] phi, double[] out) {
        double[][] s = scratch.get();
        for (int b = 0; b < copies; b++) {
            System.arraycopy(y, b * n, s[0], 0, n);
            base.evaluate(t, s[0], phi, s[1]);
            System.arraycopy(s[1], 0, out, b * n, n);
        }
    }

    @Override
    public void vectorJacobianProduct(double t, double[] y, double[] phi, double[] a, double[] yBar,
            double[] phiBar) {
        double[][] s = scratch.get();
        for (int b = 0; b < copies; b++) {
            System.arraycopy(y, b * n, s[0], 0, n);
            System.arraycopy(a, b * n, s[2], 0, n);
            System.arraycopy(yBar, b * n, s[3], 0, n);
            base.vectorJacobianProduct(t, s[0], phi, s[2], s[3], phiBar);
            System.arraycopy(s[3], 0, yBar, b * n, n);
        }
    }

    @Override
    public void itoCorrection(double t, double[] y, double[] phi, double[] out) {
        double[][] s = scratch.get();
        for (int b = 0; b < copies; b++) {
            System.arraycopy(y, b * n, s[0], 0, n);
            base.itoCorrection(t, s[0], phi, s[1]);
            System.arraycopy(s[1], 0, out, b * n, n);
        }
    }

    @Override
    public void itoCorrectionVectorJacobianProduct(double t, double[] y, double[] phi, double[] a, double[] yBar,
            double[] phiBar) {
        double[][] s = scratch.get();
        for (int b = 0; b < copies; b++) {
            System.arraycopy(y, b * n, s[0], 0, n);
            System.arraycopy(a, b * n, s[2], 0, n);
            System.arraycopy(yBar, b * n, s[3], 0, n);
            base.itoCorrectionVectorJacobianProduct(t, s[0], phi, s[2], s[3], phiBar);
            System.arraycopy(s[3], 0, yBar, b * n, n);
        }
    }
}
