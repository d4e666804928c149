package org.wiener.nde;

/**
 * B independent copies of one {@link ParametricDiagonalDiffusion} sharing its parameters, block by block
 * (the diffusion counterpart of {@link ReplicatedField}). Immutable; per-thread scratch.
 */
public final class ReplicatedDiagonalDiffusion implements ParametricDiagonalDiffusion {

    private final ParametricDiagonalDiffusion base;
    private final int copies;
    private final int n;
    private final Blockwise blocks;
    private final Blockwise.Map evaluate;
    private final Blockwise.Vjp vjp;
    private final Blockwise.Map itoCorrection;
    private final Blockwise.Vjp itoCorrectionVjp;

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
        this.blocks = new Blockwise(n, copies);
        // Method references made once: the per-step calls below allocate nothing.
        this.evaluate = base::evaluate;
        this.vjp = base::vectorJacobianProduct;
        this.itoCorrection = base::itoCorrection;
        this.itoCorrectionVjp = base::itoCorrectionVectorJacobianProduct;
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
        blocks.map(evaluate, t, y, phi, out);
    }

    @Override
    public void vectorJacobianProduct(double t, double[] y, double[] phi, double[] a, double[] yBar,
            double[] phiBar) {
        blocks.vjp(vjp, t, y, phi, a, yBar, phiBar);
    }

    @Override
    public void itoCorrection(double t, double[] y, double[] phi, double[] out) {
        blocks.map(itoCorrection, t, y, phi, out);
    }

    @Override
    public void itoCorrectionVectorJacobianProduct(double t, double[] y, double[] phi, double[] a, double[] yBar,
            double[] phiBar) {
        blocks.vjp(itoCorrectionVjp, t, y, phi, a, yBar, phiBar);
    }
}
