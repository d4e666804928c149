package org.wiener.nde;

/**
 * Elementwise activation functions of an {@link Mlp}, with their derivatives. Transcendentals go
 * through {@link StrictMath} so that a trained model is bit-for-bit the same on every JVM (HotSpot
 * may intrinsify {@link Math#tanh} differently across versions and platforms).
 */
public enum Activation {
    /** tanh x; derivative 1 − tanh² x. */
    TANH {
        @Override
        public double value(double x) {
            return StrictMath.tanh(x);
        }

        @Override
        public double derivative(double x) {
            double t = StrictMath.tanh(x);
            return 1.0 - t * t;
        }
    },
    /** max(0, x); derivative 1 for x &gt; 0, else 0 (the subgradient 0 at 0, as Flux/PyTorch). */
    RELU {
        @Override
        public double value(double x) {
            return x > 0.0 ? x : 0.0;
        }

        @Override
        public double derivative(double x) {
            return x > 0.0 ? 1.0 : 0.0;
        }
    },
    /** log(1 + eˣ), evaluated without overflow; derivative the logistic sigmoid 1/(1 + e⁻ˣ). */
    SOFTPLUS {
        @Override
        public double value(double x) {
            // max(x, 0) + log1p(exp(-|x|)): never overflows, exact to rounding for large |x|.
            return Math.max(x, 0.0) + StrictMath.log1p(StrictMath.exp(-Math.abs(x)));
        }

        @Override
        public double derivative(double x) {
            if (x >= 0) {
                return 1.0 / (1.0 + StrictMath.exp(-x));
            }
            double e = StrictMath.exp(x);
            return e / (1.0 + e);
        }
    },
    /** x; derivative 1. */
    IDENTITY {
        @Override
        public double value(double x) {
            return x;
        }

        @Override
        public double derivative(double x) {
            return 1.0;
        }
    };

    /**
     * @param x the pre-activation
     * @return σ(x)
     */
    public abstract double value(double x);

    /**
     * @param x the pre-activation (not σ(x))
     * @return σ'(x)
     */
    public abstract double derivative(double x);
}
