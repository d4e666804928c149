package org.wiener.langevin;

import org.wiener.langevin.target.LogDensity;
import org.wiener.sde.Drift;

/**
 * The drift of the underdamped Langevin SDE ({@code langevin.md} §1) on the state y = (x, v) ∈ R<sup>2d</sup>:
 * (v, −γv − u∇f(x)) with f = −log p. It is the drift of {@link LangevinProblem#toSdeProblem()}; the Langevin
 * solvers recognise it and call {@link #potentialGradient} directly (one ∇f per call, as is
 * {@link #evaluate}: every drift evaluation the statistics count is exactly one gradient of the target).
 * Both call {@link LogDensity#gradient}, never the log density: the dynamics need only ∇ log p, and for
 * logistic regression the log density's per-row logarithm would cost as much again.
 *
 * <p>Thread-safe if the target is: {@link #evaluate} uses per-thread scratch arrays (allocated once per
 * thread) to split y into x; {@link #potentialGradient} uses none.
 */
public final class LangevinDrift implements Drift {

    private final LangevinProblem problem;
    private final LogDensity target;
    private final int d;
    private final double[] gamma;
    private final double[] u;
    private final ThreadLocal<double[][]> scratch;

    LangevinDrift(LangevinProblem problem) {
        this.problem = problem;
        this.target = problem.target();
        this.d = problem.dimension();
        this.gamma = problem.friction();
        this.u = problem.inverseMass();
        int dim = d;
        this.scratch = ThreadLocal.withInitial(() -> new double[][] {new double[dim], new double[dim]});
    }

    /** @return the Langevin problem this drift belongs to (friction, inverse mass, target) */
    public LangevinProblem problem() {
        return problem;
    }

    /**
     * Writes ∇f(x) = −∇log p(x). Does not allocate.
     *
     * @param x the position (length d, read only)
     * @param out receives ∇f(x) (length d)
     */
    public void potentialGradient(double[] x, double[] out) {
        if (x.length != d || out.length != d) {
            throw new IllegalArgumentException("x and out must have length d = " + d + ", got " + x.length
                    + " and " + out.length);
        }
        target.gradient(x, out);
        for (int i = 0; i < d; i++) {
            out[i] = -out[i];
        }
    }

    /**
     * Writes (v, −γv − u∇f(x)) for y = (x, v); one evaluation of the target's gradient.
     *
     * @param t time (unused: the equation is autonomous)
     * @param y the state (x, v), length 2d (read only)
     * @param out receives the drift, length 2d
     */
    @Override
    public void evaluate(double t, double[] y, double[] out) {
        double[][] s = scratch.get();
        double[] x = s[0];
        double[] gradLogP = s[1];
        System.arraycopy(y, 0, x, 0, d);
        target.gradient(x, gradLogP);
        for (int i = 0; i < d; i++) {
            double v = y[d + i];
            out[i] = v;
            // −u∇f = +u∇log p
            out[d + i] = -gamma[i] * v + u[i] * gradLogP[i];
        }
    }

    @Override
    public String toString() {
        return "LangevinDrift[" + problem + "]";
    }
}
