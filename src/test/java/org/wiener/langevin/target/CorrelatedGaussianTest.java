package org.wiener.langevin.target;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hipparchus.distribution.multivariate.MultivariateNormalDistribution;
import org.junit.jupiter.api.Test;
import org.wiener.random.CounterStream;

/** N(μ, Σ) against Hipparchus' multivariate normal density (an independent code path), and bad input. */
class CorrelatedGaussianTest {

    private static final double[] MEAN = {1.0, -2.0, 0.5};
    private static final double[][] COV = {{2.0, 0.9, -0.3}, {0.9, 1.0, 0.2}, {-0.3, 0.2, 0.5}};

    @Test
    void matchesHipparchusDensityAndGradientSolvesTheSystem() {
        CorrelatedGaussian g = new CorrelatedGaussian(MEAN, COV);
        MultivariateNormalDistribution reference = new MultivariateNormalDistribution(MEAN, COV);
        CounterStream rng = new CounterStream(41, 0);
        double[] grad = new double[3];
        for (int trial = 0; trial < 20; trial++) {
            double[] x = {rng.nextNormal(), rng.nextNormal(), rng.nextNormal()};
            double v = g.logDensityAndGradient(x, grad);
            assertEquals(Math.log(reference.density(x)), v, 1e-12 * Math.max(1, Math.abs(v)));
            // Σ·∇ = −(x − μ), checked without the inverse
            for (int i = 0; i < 3; i++) {
                double row = 0;
                for (int j = 0; j < 3; j++) {
                    row += COV[i][j] * grad[j];
                }
                assertEquals(-(x[i] - MEAN[i]), row, 1e-12);
            }
        }
    }

    @Test
    void gettersReturnCopies() {
        CorrelatedGaussian g = new CorrelatedGaussian(MEAN, COV);
        assertArrayEquals(MEAN, g.mean(), 0.0);
        assertArrayEquals(COV, g.covariance());
        g.mean()[0] = 99;
        g.covariance()[0][0] = 99;
        assertEquals(1.0, g.mean()[0]);
        assertEquals(2.0, g.covariance()[0][0]);
        assertEquals(List.of("x1", "x2", "x3"), g.parameterNames());
        assertEquals(3, g.dimension());
    }

    @Test
    void badInput() {
        rejects(new double[0], new double[0][], "mean");
        rejects(new double[] {0, Double.NaN}, new double[][] {{1, 0}, {0, 1}}, "mean[1]");
        rejects(new double[] {0, 0}, new double[][] {{1, 0}}, "rows");
        rejects(new double[] {0, 0}, new double[][] {{1, 0}, {0}}, "row 1");
        rejects(new double[] {0, 0}, new double[][] {{1, 0}, {0, Double.POSITIVE_INFINITY}}, "covariance[1][1]");
        rejects(new double[] {0, 0}, new double[][] {{1, 0.5}, {0.4, 1}}, "symmetric positive definite");
        rejects(new double[] {0, 0}, new double[][] {{1, 2}, {2, 1}}, "symmetric positive definite");
        CorrelatedGaussian g = new CorrelatedGaussian(new double[] {0, 0}, new double[][] {{1, 0}, {0, 1}});
        assertThrows(IllegalArgumentException.class, () -> g.logDensityAndGradient(new double[3], new double[2]));
    }

    private static void rejects(double[] mean, double[][] cov, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CorrelatedGaussian(mean, cov));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
