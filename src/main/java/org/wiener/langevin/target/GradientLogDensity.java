package org.wiener.langevin.target;

import org.hipparchus.analysis.differentiation.Gradient;

/**
 * A {@link LogDensity} whose gradient comes from forward-mode automatic differentiation of a
 * {@link FieldLogDensity} with Hipparchus {@link Gradient}.
 *
 * <p><b>Convenience, not speed.</b> Each evaluation allocates d {@code Gradient} variables and every
 * intermediate {@code Gradient} of the expression, and every arithmetic operation costs O(d) (it carries
 * the full gradient), so one evaluation costs O(d) times the cost of the log density itself. This breaks
 * the "no allocation per step" rule of the hot path on purpose: use it to prototype a target or to
 * check a hand-written gradient, and write the gradient by hand (as {@link NealsFunnel},
 * {@link LogisticRegression} and {@link CorrelatedGaussian} do) for long runs.
 *
 * <p>Thread-safe if the wrapped density is (this class has no mutable state).
 */
public final class GradientLogDensity implements LogDensity {

    private final FieldLogDensity density;
    private final int dimension;

    /**
     * @param density the log density to differentiate
     * @throws IllegalArgumentException if its dimension is not positive
     */
    public GradientLogDensity(FieldLogDensity density) {
        if (density == null) {
            throw new IllegalArgumentException("density must not be null");
        }
        this.density = density;
        this.dimension = density.dimension();
        if (dimension < 1) {
            throw new IllegalArgumentException("density dimension must be >= 1, got " + dimension);
        }
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public double logDensityAndGradient(double[] x, double[] gradient) {
        Targets.checkLength("x", x, dimension);
        Targets.checkLength("gradient", gradient, dimension);
        Gradient[] variables = new Gradient[dimension];
        for (int i = 0; i < dimension; i++) {
            variables[i] = Gradient.variable(dimension, i, x[i]);
        }
        Gradient value = density.value(variables);
        for (int i = 0; i < dimension; i++) {
            gradient[i] = value.getPartialDerivative(i);
        }
        return value.getValue();
    }

    @Override
    public String name() {
        return "GradientLogDensity(" + density.getClass().getSimpleName() + ")";
    }
}
