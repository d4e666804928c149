package org.wiener.solver;

import org.wiener.sde.Drift;
import org.wiener.sde.SdeProblem;

/**
 * Common plumbing of steppers: evaluation through counters, so that the statistics report exactly
 * what was evaluated, and the matrix–vector products g·X of the diffusion with an increment.
 */
public abstract class AbstractStepper implements Stepper {

    /** The problem being solved. */
    protected final SdeProblem problem;
    /** State dimension n. */
    protected final int n;
    /** Noise dimension m (0 for an ODE). */
    protected final int m;
    /** The problem's drift for this stepper's thread (see {@link SdeProblem#driftForOneThread()}). */
    private final Drift driftFunction;
    private long drifts;
    private long diffusions;
    private long derivatives;

    /**
     * @param problem the problem this stepper solves
     */
    protected AbstractStepper(SdeProblem problem) {
        this.problem = problem;
        this.n = problem.dimension();
        this.m = problem.noiseDimension();
        this.driftFunction = problem.driftForOneThread();
    }

    /**
     * Evaluates and counts the drift.
     *
     * @param t time
     * @param y state
     * @param out receives f(t, y)
     */
    protected final void drift(double t, double[] y, double[] out) {
        drifts++;
        driftFunction.evaluate(t, y, out);
    }

    /**
     * Evaluates and counts the diffusion.
     *
     * @param t time
     * @param y state
     * @param out receives g(t, y), n×m row-major
     */
    protected final void diffusion(double t, double[] y, double[] out) {
        diffusions++;
        problem.diffusion().evaluate(t, y, out);
    }

    /**
     * Evaluates and counts the diffusion's directional derivative.
     *
     * @param t time
     * @param y state
     * @param v direction
     * @param out receives the n×m derivative
     */
    protected final void diffusionDerivative(double t, double[] y, double[] v, double[] out) {
        derivatives++;
        problem.diffusionDerivative().evaluate(t, y, v, out);
    }

    /**
     * out = g·x for an n×m row-major g.
     *
     * @param g the matrix
     * @param x a vector of length m
     * @param out receives a vector of length n
     */
    protected final void multiply(double[] g, double[] x, double[] out) {
        // Small loops cost more than their arithmetic here (C2's loop set-up), so one component and one noise
        // column have their own branches; each performs the general loop's operations in its order.
        if (m == 1) {
            // One noise column (scalar noise): the general loop's single term, 0.0 + g_i x_0 (the 0.0 keeps
            // the sign of zero the loop gives).
            double x0 = x[0];
            if (n == 1) {
                out[0] = 0.0 + g[0] * x0;
                return;
            }
            for (int i = 0; i < n; i++) {
                out[i] = 0.0 + g[i] * x0;
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            double s = 0.0;
            int row = i * m;
            for (int j = 0; j < m; j++) {
                s += g[row + j] * x[j];
            }
            out[i] = s;
        }
    }

    @Override
    public void reset(double t, double[] y) {
    }

    @Override
    public void accept() {
    }

    @Override
    public double stiffness() {
        return Double.NaN;
    }

    @Override
    public final long driftEvaluations() {
        return drifts;
    }

    @Override
    public final long diffusionEvaluations() {
        return diffusions;
    }

    @Override
    public final long derivativeEvaluations() {
        return derivatives;
    }
}
