package org.wiener.langevin.target;

import java.util.Arrays;

/**
 * A target density known up to a constant, with its gradient: what a Langevin sampler needs.
 *
 * <p>Implementations evaluate into caller-provided arrays and do not allocate, since a sampler calls
 * them once or twice per solver step. They must be safe to call from several threads at once (each
 * chain runs on its own thread), which holds for any implementation without mutable fields.
 */
public interface LogDensity {

    /** @return the dimension d of the parameter vector */
    int dimension();

    /**
     * Evaluates log p(x) (up to an additive constant) and writes its gradient.
     *
     * @param x the point (length d, read only)
     * @param gradient receives ∇ log p(x) (length d)
     * @return log p(x), up to a constant that does not depend on x
     */
    double logDensityAndGradient(double[] x, double[] gradient);

    /**
     * Writes ∇ log p(x) alone: all a Langevin solver needs at each step. A target whose log density costs
     * extra work beyond the gradient (the logarithms of {@link LogisticRegression}) overrides this to skip it.
     *
     * <p><b>Contract.</b> Where log p(x) is not finite, at least one component written must be non-finite, so
     * that a sampler that only sees gradients still stops at a non-finite density instead of sampling from a
     * meaningless drift. The default honours it: it delegates to {@link #logDensityAndGradient} and fills
     * {@code gradient} with NaN when the returned log density is not finite. Does not allocate.
     *
     * @param x the point (length d, read only)
     * @param gradient receives ∇ log p(x) (length d), or NaNs where log p(x) is not finite
     */
    default void gradient(double[] x, double[] gradient) {
        if (!Double.isFinite(logDensityAndGradient(x, gradient))) {
            Arrays.fill(gradient, Double.NaN);
        }
    }

    /**
     * @param x the point (length d, read only)
     * @return log p(x), up to a constant; the default evaluates the gradient too and allocates
     */
    default double logDensity(double[] x) {
        return logDensityAndGradient(x, new double[dimension()]);
    }

    /**
     * @return a short human-readable name, used in messages and tables
     */
    default String name() {
        return getClass().getSimpleName();
    }
}
