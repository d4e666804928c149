package org.wiener.nde;

/**
 * What the diagonal diffusions with two parameters per component ({@link AffineDiagonalDiffusion},
 * {@link TimeAffineDiagonalDiffusion}) share: the dimension n ≥ 1 and P = 2n, φ = (first n, second n).
 */
abstract class TwoParameterDiagonalDiffusion implements ParametricDiagonalDiffusion {

    /** The state and noise dimension. */
    protected final int n;

    /**
     * @param dimension n ≥ 1
     */
    TwoParameterDiagonalDiffusion(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        this.n = dimension;
    }

    @Override
    public final int dimension() {
        return n;
    }

    @Override
    public final int parameterCount() {
        return 2 * n;
    }
}
