package org.wiener.nde;

/**
 * AdaBelief (Zhuang et al., "AdaBelief optimizer: adapting stepsizes by the belief in observed
 * gradients", NeurIPS 2020, Algorithm 2), the optimiser of the spiral neural SDE ({@code regularization.md} §8):
 * m ← β₁m + (1−β₁)g, s ← β₂s + (1−β₂)(g − m)² + ε, θ ← θ − α·m̂/(√ŝ + ε) with m̂ = m/(1−β₁ᵗ),
 * ŝ = s/(1−β₂ᵗ). Note ε appears twice, inside the second moment (added every step, as in the paper's
 * Algorithm 2 and Optimisers.jl's {@code AdaBelief}) and in the denominator; its default is 1e−16
 * (the paper's and Optimisers.jl's), not Adam's 1e−8. The centred residual uses the updated m.
 *
 * <p>Stateful and not thread-safe: one instance per training run; moments are sized by the first step.
 */
public final class AdaBelief implements Optimizer {

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private double[] m;
    private double[] s;
    private double beta1Power = 1.0;
    private double beta2Power = 1.0;

    /**
     * AdaBelief with β₁ = 0.9, β₂ = 0.999, ε = 1e−16.
     *
     * @param learningRate α &gt; 0
     */
    public AdaBelief(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-16);
    }

    /**
     * @param learningRate α &gt; 0
     * @param beta1 β₁ in [0, 1)
     * @param beta2 β₂ in [0, 1)
     * @param epsilon ε ≥ 0 (added inside the second moment and to its root)
     */
    public AdaBelief(double learningRate, double beta1, double beta2, double epsilon) {
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
            s = new double[theta.length];
        }
        OptimizerChecks.lengths(theta, gradient, m.length);
        beta1Power *= beta1;
        beta2Power *= beta2;
        double c1 = 1.0 - beta1Power;
        double c2 = 1.0 - beta2Power;
        for (int i = 0; i < theta.length; i++) {
            double g = gradient[i];
            m[i] = beta1 * m[i] + (1.0 - beta1) * g;
            double r = g - m[i];
            s[i] = beta2 * s[i] + (1.0 - beta2) * r * r + epsilon;
            theta[i] -= learningRate * (m[i] / c1) / (Math.sqrt(s[i] / c2) + epsilon);
        }
    }
}
