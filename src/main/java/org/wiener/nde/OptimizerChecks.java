package org.wiener.nde;

/** Argument checks shared by the optimisers. */
final class OptimizerChecks {

    private OptimizerChecks() {
    }

    static void check(double learningRate, double beta1, double beta2, double epsilon) {
        if (!(learningRate > 0.0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be finite and > 0, got " + learningRate);
        }
        if (!(beta1 >= 0.0 && beta1 < 1.0)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0.0 && beta2 < 1.0)) {
            throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
        }
        if (!(epsilon >= 0.0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be finite and >= 0, got " + epsilon);
        }
    }

    static void lengths(double[] theta, double[] gradient, int expected) {
        if (theta.length != expected) {
            throw new IllegalArgumentException("theta.length must stay " + expected + " (the first step's), got "
                    + theta.length);
        }
        if (gradient.length != expected) {
            throw new IllegalArgumentException("gradient.length must equal theta.length = " + expected + ", got "
                    + gradient.length);
        }
    }
}
