package org.wiener.solver;

import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.sde.SdeProblem;

/**
 * The stepper of an explicit Runge–Kutta method applied to an SDE as Diffrax's {@code runge_kutta.py} does
 * ({@code solvers.md} §3): each stage treats drift and diffusion together,
 * <pre>
 * k_j = f(t_n + c_j h, z_j)·h + g(t_n + c_j h, z_j)·ΔW,   z_j = y_n + Σ_{i&lt;j} a_ji k_i,
 * y'  = y_n + Σ_j b_j k_j,   error = Σ_j bErr_j k_j  (applied directly; bErr sums to 0).
 * </pre>
 * Converges to the Stratonovich solution. Does not allocate in {@link #step}.
 */
final class SdeRungeKuttaStepper extends AbstractStepper {

    private final double[][] a;
    private final double[] b;
    private final double[] bErr;
    private final double[] c;
    private final int s;
    private final double[][] ks;
    private final double[] z;
    private final double[] f;
    private final double[] g;
    private final double[] gw;

    /**
     * @param problem the problem
     * @param a strictly lower rows: a[j] has length j (a[0] empty)
     * @param b weights
     * @param bErr error weights, or null
     * @param c stage times with c[0] = 0
     */
    SdeRungeKuttaStepper(SdeProblem problem, double[][] a, double[] b, double[] bErr, double[] c) {
        super(problem);
        this.a = a;
        this.b = b;
        this.bErr = bErr;
        this.c = c;
        this.s = b.length;
        this.ks = new double[s][n];
        this.z = new double[n];
        this.f = new double[n];
        this.g = new double[n * Math.max(m, 1)];
        this.gw = new double[n];
    }

    @Override
    public void step(double t0, double t1, double[] y0, MutableBrownianIncrement noise, double[] y1, double[] error) {
        double h = t1 - t0;
        for (int j = 0; j < s; j++) {
            double[] aj = a[j];
            for (int k = 0; k < n; k++) {
                double sum = 0.0;
                for (int i = 0; i < j; i++) {
                    sum += aj[i] * ks[i][k];
                }
                z[k] = y0[k] + sum;
            }
            double tj = c[j] == 1.0 ? t1 : t0 + c[j] * h;
            drift(tj, z, f);
            double[] kj = ks[j];
            if (noise == null) {
                for (int k = 0; k < n; k++) {
                    kj[k] = f[k] * h;
                }
            } else {
                diffusion(tj, z, g);
                multiply(g, noise.w(), gw);
                for (int k = 0; k < n; k++) {
                    kj[k] = f[k] * h + gw[k];
                }
            }
        }
        for (int k = 0; k < n; k++) {
            double sum = 0.0;
            for (int j = 0; j < s; j++) {
                sum += b[j] * ks[j][k];
            }
            y1[k] = y0[k] + sum;
        }
        if (bErr != null && error != null) {
            for (int k = 0; k < n; k++) {
                double sum = 0.0;
                for (int j = 0; j < s; j++) {
                    sum += bErr[j] * ks[j][k];
                }
                error[k] = sum;
            }
        }
    }
}
