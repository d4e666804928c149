package org.wiener.nde;

/**
 * Adam (Kingma &amp; Ba, "Adam: A method for stochastic optimization", ICLR 2015, Algorithm 1):
 * m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − α·m̂/(√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ).
 * The bias corrections use running products β₁ᵗ, β₂ᵗ (no pow), as Optimisers.jl does.
 *
 * <p>Stateful and not thread-safe: one instance per training run. The moment arrays are sized by the
 * first {@link #step}; later steps must pass the same length.
 */
public final class Adam implements Optimizer {

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private double[] m;
    private double[] v;
    private double beta1Power = 1.0;
    private double beta2Power = 1.0;

    /**
     * Adam with β₁ = 0.9, β₂ = 0.999, ε = 1e−8.
     *
     * @param learningRate α &gt; 0
     */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8);
    }

    /**
     * @param learningRate α &gt; 0
     * @param beta1 β₁ in [0, 1)
     * @param beta2 β₂ in [0, 1)
     * @param epsilon ε ≥ 0
     */
    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        OptimizerChecks.check(learningRate, beta1, beta2, epsilon);
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public void step(double[] theta, double[] gradient) {
        if (m == null) {
            m = new double[theta.length];
            v = new double[theta.length];
        }
        OptimizerChecks.lengths(theta, gradient, m.length);
        beta1Power *= beta1;
        beta2Power *= beta2;
        double c1 = 1.0 - beta1Power;
        double c2 = 1.0 - beta2Power;
        for (int i = 0; i < theta.length; i++) {
            double g = gradient[i];
            m[i] = beta1 * m[i] + (1.0 - beta1) * g;
            v[i] = beta2 * v[i] + (1.0 - beta2) * g * g;
            theta[i] -= learningRate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + epsilon);
        }
    }
}
