package org.wiener.langevin.target;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Neal's funnel (Neal 2003, "Slice sampling", §8): x₀ ~ N(0, 3²) and y ∈ ℝᵏ with y | x₀ ~ N(0, e^{x₀} I),
 * so d = 1 + k (k = 9 in paper A's MCMC comparison, {@code reference/langevin.md} §11).
 *
 * <p>log p(x₀, y) = −x₀²/18 − (k/2)·x₀ − ½·e^{−x₀}·Σ yᵢ² (the constant −(1+k)/2·log 2π − log 3 is dropped),
 * with the <b>true</b> gradient
 * <pre>
 *   ∂/∂x₀ = −x₀/9 − k/2 + ½·e^{−x₀}·Σ yᵢ²,     ∂/∂yᵢ = −e^{−x₀}·yᵢ.
 * </pre>
 *
 * <p><b>The paper's quirk, fixed deliberately.</b> Paper A's notebooks (§11) differentiate the potential
 * x₀²/18 + Σ y²/(2e^{x₀}) with e^{x₀} under {@code stop_gradient}, so their drift in x₀ is only −x₀/9:
 * it omits both ½e^{−x₀}Σy² and the normaliser's −k/2. The two omitted terms have zero conditional
 * mean given x₀, but the simulated drift is not the gradient of the funnel, so nothing guarantees that the
 * funnel is the stationary law of the simulated diffusion. We use the true gradient; a reproduction of the
 * paper's numbers would have to reintroduce the stop-gradient on purpose.
 *
 * <p>Exponentials use {@link StrictMath} so that runs are bit-reproducible across JVMs. Immutable and
 * thread-safe; {@link #logDensityAndGradient} does not allocate.
 */
public final class NealsFunnel implements LogDensity, NamedParameters {

    /** Standard deviation of x₀. */
    public static final double X0_SD = 3.0;

    private final int k;
    private final List<String> names;

    /**
     * @param k the number of y coordinates (k ≥ 1); d = 1 + k
     * @throws IllegalArgumentException if k &lt; 1
     */
    public NealsFunnel(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k (number of y coordinates) must be >= 1, got " + k);
        }
        this.k = k;
        List<String> n = new ArrayList<>(k + 1);
        n.add("x0");
        for (int i = 1; i <= k; i++) {
            n.add("y" + i);
        }
        this.names = Collections.unmodifiableList(n);
    }

    /** @return the funnel of paper A's MCMC comparison: k = 9, d = 10 */
    public static NealsFunnel paperA() {
        return new NealsFunnel(9);
    }

    /** @return the number k of y coordinates */
    public int k() {
        return k;
    }

    @Override
    public int dimension() {
        return k + 1;
    }

    @Override
    public double logDensityAndGradient(double[] x, double[] gradient) {
        Targets.checkLength("x", x, k + 1);
        Targets.checkLength("gradient", gradient, k + 1);
        double x0 = x[0];
        double precision = StrictMath.exp(-x0);
        double sumSquares = 0.0;
        for (int i = 1; i <= k; i++) {
            double y = x[i];
            sumSquares += y * y;
            gradient[i] = -precision * y;
        }
        gradient[0] = -x0 / (X0_SD * X0_SD) - 0.5 * k + 0.5 * precision * sumSquares;
        return -0.5 * x0 * x0 / (X0_SD * X0_SD) - 0.5 * k * x0 - 0.5 * precision * sumSquares;
    }

    /** The log density alone (same value as {@link #logDensityAndGradient}, bit for bit), without allocating. */
    @Override
    public double logDensity(double[] x) {
        Targets.checkLength("x", x, k + 1);
        double x0 = x[0];
        double precision = StrictMath.exp(-x0);
        double sumSquares = 0.0;
        for (int i = 1; i <= k; i++) {
            sumSquares += x[i] * x[i];
        }
        return -0.5 * x0 * x0 / (X0_SD * X0_SD) - 0.5 * k * x0 - 0.5 * precision * sumSquares;
    }

    @Override
    public List<String> parameterNames() {
        return names;
    }

    @Override
    public String name() {
        return "NealsFunnel(k=" + k + ")";
    }
}
