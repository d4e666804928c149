package org.wiener.sde;

/**
 * The directional derivative of the diffusion in y: out = d/dε g(t, y + ε·v) at ε = 0, an n×m matrix
 * (row-major). Milstein schemes and the Itô–Stratonovich drift correction need it. Supply it by hand,
 * or let {@link SdeProblem.Builder#fieldDiffusion(FieldDiffusion, NoiseType, int)} compute it exactly with
 * Hipparchus forward-mode automatic differentiation.
 */
@FunctionalInterface
public interface DiffusionDerivative {

    /**
     * Evaluates the derivative of g at (t, y) in direction v.
     *
     * @param t time
     * @param y state, length n
     * @param v direction, length n
     * @param out receives the n×m derivative, row-major
     */
    void evaluate(double t, double[] y, double[] v, double[] out);
}
