package org.wiener.sde;

/**
 * The diffusion g(t, y) ∈ R<sup>n×m</sup> of an SDE, written row-major into the caller's array:
 * {@code out[i*m + j] = g_ij(t, y)}. For {@link NoiseType#DIAGONAL} and {@link NoiseType#SCALAR}
 * problems the builder also accepts the n diagonal entries or the single column (see
 * {@link SdeProblem.Builder#diagonalDiffusion}). Same rules as {@link Drift}: no allocation, no side
 * effects, thread-safe.
 */
@FunctionalInterface
public interface Diffusion {

    /**
     * Evaluates g(t, y).
     *
     * @param t time
     * @param y state, length n (read only)
     * @param out receives g(t, y), length n·m, row-major
     */
    void evaluate(double t, double[] y, double[] out);
}
