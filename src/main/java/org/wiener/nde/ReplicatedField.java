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
    private final ThreadLocal<double[][]> scratch;

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
        this.scratch = ThreadLocal.withInitial(() -> new double[][] {new double[n], new double[n], new double[n],
            new double[n]});
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
        double[][] s = scratch.get();
        for (int b = 0; b < copies; b++) {
            System.arraycopy(y, b * n, s[0], 0, n);
            base.evaluate(t, s[0], theta, s[1]);
            System.arraycopy(s[1], 0, out, b * n, n);
        }
    }

    @Override
    public void vectorJacobianProduct(double t, double[] y, double[] theta, double[] a, double[] yBar,
            double[] thetaBar) {
        double[][] s = scratch.get();
        for (int b = 0; b < copies; b++) {
            System.arraycopy(y, b * n, s[0], 0, n);
            System.arraycopy(a, b * n, s[2], 0, n);
            System.arraycopy(yBar, b * n, s[3], 0, n);
            base.vectorJacobianProduct(t, s[0], theta, s[2], s[3], thetaBar);
            System.arraycopy(s[3], 0, yBar, b * n, n);
        }
    }
}
