package org.wiener.langevin.target;

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
