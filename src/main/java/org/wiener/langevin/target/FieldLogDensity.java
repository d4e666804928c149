package org.wiener.langevin.target;

import org.hipparchus.CalculusFieldElement;

/**
 * A log density written once over Hipparchus field elements, so that the same code evaluates it in
 * plain arithmetic ({@code Binary64}) or differentiates it ({@code Gradient}, {@code DerivativeStructure}).
 * {@link GradientLogDensity} turns one into a {@link LogDensity} by forward-mode differentiation.
 *
 * <p>The method is generic, so Java lambdas cannot implement this interface; use an anonymous or a
 * named class. Implementations should be stateless (then they are thread-safe).
 */
public interface FieldLogDensity {

    /** @return the dimension d of the parameter vector */
    int dimension();

    /**
     * Evaluates log p(x), up to an additive constant that does not depend on x.
     *
     * @param x the point (length d, read only)
     * @param <T> the field element type
     * @return log p(x)
     */
    <T extends CalculusFieldElement<T>> T value(T[] x);
}
