package org.wiener.langevin.diagnostics;

import org.wiener.langevin.target.LogisticRegression;

/**
 * The test accuracy of a logistic-regression posterior sample, as in paper A's evaluation
 * ({@code reference/langevin.md} §10.6): for each draw (w, b), the accuracy of the classifier
 * 1[σ(w·x + b) &gt; ½] on the test set, averaged over the draws.
 *
 * <p>Stateless and thread-safe.
 */
public final class TestAccuracy {

    private TestAccuracy() {
    }

    /**
     * @param draws [draw][parameter] with parameters (w₁ … w_D, b); at least one draw
     * @param test the test data, standardised with the training statistics (see
     *     {@link LogisticRegression#split(long, double)})
     * @return the mean over draws of the per-draw accuracy, in [0, 1]
     * @throws IllegalArgumentException on an empty sample or a draw of the wrong length
     */
    public static double of(double[][] draws, LogisticRegression test) {
        if (draws == null || draws.length == 0) {
            throw new IllegalArgumentException("draws must hold at least one draw, got "
                    + (draws == null ? "null" : "0 draws"));
        }
        double sum = 0.0;
        for (int i = 0; i < draws.length; i++) {
            if (draws[i] == null || draws[i].length != test.dimension()) {
                throw new IllegalArgumentException("draws[" + i + "] must have " + test.dimension()
                        + " values (w1..wD, b), got " + (draws[i] == null ? "null" : draws[i].length));
            }
            sum += test.accuracy(draws[i]);
        }
        return sum / draws.length;
    }
}
