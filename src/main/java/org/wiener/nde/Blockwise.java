package org.wiener.nde;

/**
 * The block-by-block arithmetic of B independent copies of one n-dimensional map that share their
 * parameters: what {@link ReplicatedField} and {@link ReplicatedDiagonalDiffusion} do for every method.
 * Per-thread scratch (allocated on a thread's first call), so one instance serves several threads.
 */
final class Blockwise {

    /** A per-copy map y ↦ out with parameters p (an evaluation or an Itô correction). */
    @FunctionalInterface
    interface Map {
        void apply(double t, double[] y, double[] p, double[] out);
    }

    /** A per-copy vector–Jacobian product, accumulating into yBar and pBar. */
    @FunctionalInterface
    interface Vjp {
        void apply(double t, double[] y, double[] p, double[] a, double[] yBar, double[] pBar);
    }

    private final int n;
    private final int copies;
    private final ThreadLocal<double[][]> scratch;

    /**
     * @param n the dimension of one copy
     * @param copies B ≥ 1 (checked by the caller)
     */
    Blockwise(int n, int copies) {
        this.n = n;
        this.copies = copies;
        this.scratch = ThreadLocal.withInitial(() -> new double[][] {new double[n], new double[n], new double[n],
            new double[n]});
    }

    /** Applies {@code f} to every block of y, writing the blocks of out. */
    void map(Map f, double t, double[] y, double[] p, double[] out) {
        double[][] s = scratch.get();
        for (int b = 0; b < copies; b++) {
            System.arraycopy(y, b * n, s[0], 0, n);
            f.apply(t, s[0], p, s[1]);
            System.arraycopy(s[1], 0, out, b * n, n);
        }
    }

    /** Accumulates every block's VJP: yBar block by block, pBar summed over the blocks (shared parameters). */
    void vjp(Vjp f, double t, double[] y, double[] p, double[] a, double[] yBar, double[] pBar) {
        double[][] s = scratch.get();
        for (int b = 0; b < copies; b++) {
            System.arraycopy(y, b * n, s[0], 0, n);
            System.arraycopy(a, b * n, s[2], 0, n);
            System.arraycopy(yBar, b * n, s[3], 0, n);
            f.apply(t, s[0], p, s[2], s[3], pBar);
            System.arraycopy(s[3], 0, yBar, b * n, n);
        }
    }
}
