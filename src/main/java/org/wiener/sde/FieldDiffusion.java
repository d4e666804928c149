package org.wiener.sde;

import org.hipparchus.CalculusFieldElement;

/**
 * A diffusion written once over any {@link CalculusFieldElement}, so that Wiener can evaluate it in
 * doubles and differentiate it exactly with Hipparchus's forward-mode {@code Gradient}.
 *
 * <pre>{@code
 * FieldDiffusion cir = new FieldDiffusion() {
 *     public <T extends CalculusFieldElement<T>> void evaluate(T t, T[] y, T[] out) {
 *         out[0] = y[0].sqrt().multiply(sigma);
 *     }
 * };
 * }</pre>
 */
public interface FieldDiffusion {

    /**
     * Evaluates g(t, y), row-major n×m.
     *
     * @param <T> the field
     * @param t time
     * @param y state, length n
     * @param out receives g(t, y), length n·m
     */
    <T extends CalculusFieldElement<T>> void evaluate(T t, T[] y, T[] out);
}
