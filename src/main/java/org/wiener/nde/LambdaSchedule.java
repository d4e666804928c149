package org.wiener.nde;

/**
 * The regularization weight λ as a function of the iteration ({@code regularization.md} §4):
 * constant, or RegNeuralDE.jl's exponential decay λ(i) = λ₀·exp(−k·i) with k = ln(λ₀/λ₁)/iterations,
 * so that λ(0) = λ₀ and λ(iterations) = λ₁ (up to rounding). Immutable.
 */
public final class LambdaSchedule {

    private final double lambda0;
    private final double rate;

    private LambdaSchedule(double lambda0, double rate) {
        this.lambda0 = lambda0;
        this.rate = rate;
    }

    /**
     * @param lambda λ ≥ 0, finite
     * @return λ at every iteration
     */
    public static LambdaSchedule constant(double lambda) {
        if (!(lambda >= 0.0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        }
        return new LambdaSchedule(lambda, 0.0);
    }

    /**
     * @param lambda0 λ at iteration 0, &gt; 0
     * @param lambda1 λ at iteration {@code iterations}, &gt; 0
     * @param iterations the decay horizon, ≥ 1
     * @return λ₀·exp(−k·i), k = ln(λ₀/λ₁)/iterations
     */
    public static LambdaSchedule exponential(double lambda0, double lambda1, int iterations) {
        if (!(lambda0 > 0.0) || !Double.isFinite(lambda0)) {
            throw new IllegalArgumentException("lambda0 must be finite and > 0, got " + lambda0);
        }
        if (!(lambda1 > 0.0) || !Double.isFinite(lambda1)) {
            throw new IllegalArgumentException("lambda1 must be finite and > 0, got " + lambda1);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        }
        return new LambdaSchedule(lambda0, StrictMath.log(lambda0 / lambda1) / iterations);
    }

    /**
     * @param iteration the iteration i ≥ 0
     * @return λ(i)
     */
    public double at(int iteration) {
        if (iteration < 0) {
            throw new IllegalArgumentException("iteration must be >= 0, got " + iteration);
        }
        return rate == 0.0 ? lambda0 : lambda0 * StrictMath.exp(-rate * iteration);
    }
}
