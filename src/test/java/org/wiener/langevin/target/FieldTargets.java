package org.wiener.langevin.target;

import org.hipparchus.CalculusFieldElement;

/** The targets written once over field elements, as independent oracles for the hand-written gradients. */
final class FieldTargets {

    private FieldTargets() {
    }

    /** Neal's funnel with k y-coordinates: −x₀²/18 − (k/2)x₀ − ½e^{−x₀}Σy². */
    static FieldLogDensity funnel(int k) {
        return new FieldLogDensity() {
            @Override
            public int dimension() {
                return k + 1;
            }

            @Override
            public <T extends CalculusFieldElement<T>> T value(T[] x) {
                T x0 = x[0];
                T sumSquares = x0.getField().getZero();
                for (int i = 1; i <= k; i++) {
                    sumSquares = sumSquares.add(x[i].square());
                }
                return x0.square().divide(-18.0).subtract(x0.multiply(0.5 * k))
                        .subtract(x0.negate().exp().multiply(sumSquares).multiply(0.5));
            }
        };
    }

    /** Logistic regression on given (already standardised) data, with the priors of LogisticRegression. */
    static FieldLogDensity logistic(double[][] features, int[] labels) {
        int dw = features[0].length;
        return new FieldLogDensity() {
            @Override
            public int dimension() {
                return dw + 1;
            }

            @Override
            public <T extends CalculusFieldElement<T>> T value(T[] p) {
                T b = p[dw];
                T total = b.square().multiply(-0.5)
                        .add(-0.5 * Math.log(2 * Math.PI) * (dw + 1) - dw * Math.log(0.5));
                for (int j = 0; j < dw; j++) {
                    total = total.subtract(p[j].square().multiply(0.5 / 0.25));
                }
                for (int i = 0; i < labels.length; i++) {
                    T z = b;
                    for (int j = 0; j < dw; j++) {
                        z = z.add(p[j].multiply(features[i][j]));
                    }
                    T s = labels[i] == 1 ? z : z.negate();
                    // log σ(s), in the branch that does not overflow
                    T logSigmoid = s.getReal() >= 0 ? s.negate().exp().log1p().negate()
                            : s.subtract(s.exp().log1p());
                    total = total.add(logSigmoid);
                }
                return total;
            }
        };
    }
}
