package org.wiener.langevin.target;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wiener.random.CounterStream;

/** Neal's funnel: closed-form values, the paper's stop-gradient quirk (fixed), Stein identities. */
class NealsFunnelTest {

    @Test
    void valueAndGradientAtAPoint() {
        NealsFunnel f = new NealsFunnel(2);
        double[] x = {0.6, 1.5, -0.5};
        double[] g = new double[3];
        double v = f.logDensityAndGradient(x, g);
        double e = Math.exp(-0.6);
        double s = 1.5 * 1.5 + 0.25;
        assertEquals(-0.36 / 18 - 0.6 - 0.5 * e * s, v, 1e-15);
        assertArrayEquals(new double[] {-0.6 / 9 - 1.0 + 0.5 * e * s, -e * 1.5, e * 0.5}, g, 1e-15);
    }

    @Test
    void theTrueGradientDiffersFromThePapersStopGradientDrift() {
        // Paper A's drift in x0 is −x0/9; ours adds ½e^{−x0}Σy² − k/2 (reference/langevin.md §11).
        NealsFunnel f = NealsFunnel.paperA();
        assertEquals(10, f.dimension());
        assertEquals(9, f.k());
        double[] x = {1.0, 2, -1, 0.5, 0, 0, 3, -2, 1, 1};
        double sumSquares = 0;
        for (int i = 1; i < 10; i++) {
            sumSquares += x[i] * x[i];
        }
        double[] g = new double[10];
        f.logDensityAndGradient(x, g);
        double stopGradientDrift = -x[0] / 9;
        assertEquals(0.5 * Math.exp(-x[0]) * sumSquares - 4.5, g[0] - stopGradientDrift, 1e-13);
    }

    @Test
    void steinIdentitiesHoldUnderExactDraws() {
        // For exact draws x ~ p: E[∂₀ log p] = 0 and E[yᵢ ∂_{yᵢ} log p] = −1. With x0 = 3u and
        // yᵢ = e^{x0/2}zᵢ (u, zᵢ standard normal): ∂₀ log p = −x0/9 + ½(Σzᵢ² − k), variance 1/9 + k/2, and
        // yᵢ ∂ᵢ log p = −zᵢ², variance 2. Thresholds: 4 standard errors of the mean.
        int k = 9;
        NealsFunnel f = new NealsFunnel(k);
        int n = 200_000;
        CounterStream rng = new CounterStream(31, 0);
        double[] x = new double[k + 1];
        double[] g = new double[k + 1];
        double sumD0 = 0;
        double sumYD = 0;
        for (int s = 0; s < n; s++) {
            x[0] = 3.0 * rng.nextNormal();
            for (int i = 1; i <= k; i++) {
                x[i] = Math.exp(0.5 * x[0]) * rng.nextNormal();
            }
            f.logDensityAndGradient(x, g);
            sumD0 += g[0];
            sumYD += x[1] * g[1];
        }
        assertEquals(0.0, sumD0 / n, 4 * Math.sqrt((1.0 / 9 + k / 2.0) / n));
        assertEquals(-1.0, sumYD / n, 4 * Math.sqrt(2.0 / n));
    }

    @Test
    void namesAndBadInput() {
        assertEquals(List.of("x0", "y1", "y2"), new NealsFunnel(2).parameterNames());
        assertEquals(List.of("x0", "y1", "y2"), Targets.parameterNames(new NealsFunnel(2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NealsFunnel(0));
        assertTrue(e.getMessage().contains("k") && e.getMessage().contains("0"), e.getMessage());
        NealsFunnel f = new NealsFunnel(2);
        assertThrows(IllegalArgumentException.class, () -> f.logDensityAndGradient(new double[2], new double[3]));
        assertThrows(IllegalArgumentException.class, () -> f.logDensityAndGradient(new double[3], null));
    }
}
