package org.wiener.nde;

/**
 * B independent copies of one {@link ParametricVectorField} sharing its parameters: the state is B blocks of
 * n, and block b evolves by f(t, y<sub>b</sub>; θ). A batch of trajectories solved as one system, as the
 * spiral neural SDE of Pal et al. does (its code repeats u0 into a 2×100 state and solves one SDE with
 * diagonal noise, so the 100 trajectories share adaptive steps and one error estimate).
 *
 * <p>Immutable; per-thread scratch (allocated on a thread's first call), so one instance serves several
 * threads when the base field does.
 */
public final class ReplicatedField implements ParametricVectorField {

    private final ParametricVectorField base;
    private final int copies;
    private final int n;
    private final Blockwise blocks;
    private final Blockwise.Map evaluate;
    private final Blockwise.Vjp vjp;

    /**
     * @param base the field of one copy
     * @param copies B ≥ 1
     */
    public ReplicatedField(ParametricVectorField base, int copies) {
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
    }

    /** @return the field of one copy */
    public ParametricVectorField base() {
        return base;
    }

    /** @return B */
    public int copies() {
        return copies;
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
    public void evaluate(double t, double[] y, double[] theta, double[] out) {
        blocks.map(evaluate, t, y, theta, out);
    }

    @Override
    public void vectorJacobianProduct(double t, double[] y, double[] theta, double[] a, double[] yBar,
            double[] thetaBar) {
        blocks.vjp(vjp, t, y, theta, a, yBar, thetaBar);
    }
}
