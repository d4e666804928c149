package org.wiener.langevin.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wiener.random.CounterStream;

/** The energy-distance V-statistic: hand values, identity, symmetry, a two-sample law and bad input. */
class EnergyDistanceTest {

    @Test
    void shiftedOneDimensionalSamplesByHand() {
        // a = {0, 1}, b = {s, s + 1} with s ≥ 1: cross distances s, s + 1, s − 1, s (mean s); within each
        // sample the four ordered pairs give 0, 1, 1, 0 (mean ½). D² = 2s − ½ − ½ = 2s − 1.
        for (double s : new double[] {1.0, 2.0, 7.5}) {
            assertEquals(2 * s - 1, EnergyDistance.of(col(0, 1), col(s, s + 1)), 1e-14);
        }
        // two single points: D² = 2‖x − y‖; (0,0) to (3,4) is 5
        assertEquals(10.0, EnergyDistance.of(new double[][] {{0, 0}}, new double[][] {{3, 4}}), 1e-15);
        // unequal sizes: a = {0}, b = {0, 2}: cross mean 1, within a 0, within b (0+2+2+0)/4 = 1 → 2 − 0 − 1 = 1
        assertEquals(1.0, EnergyDistance.of(col(0), col(0, 2)), 1e-15);
    }

    @Test
    void zeroForIdenticalSamplesAndSymmetric() {
        double[][] a = sample(81, 300, 3, 0.0);
        double[][] b = sample(82, 200, 3, 0.5);
        assertEquals(0.0, EnergyDistance.of(a, a.clone()), 1e-13);
        assertEquals(EnergyDistance.of(a, b), EnergyDistance.of(b, a), 1e-13);
        assertTrue(EnergyDistance.of(a, b) > 0);
    }

    @Test
    void meanShiftOfNormalsMatchesTheClosedForm() {
        // X ~ N(0, 1), Y ~ N(δ, 1): X − Y ~ N(−δ, 2), so E|X − Y| = √2·(2φ(u) + u(2Φ(u) − 1)) with u = δ/√2,
        // and E|X − X'| = 2/√π. The V-statistic's within-sample means include the n zero diagonal terms, so
        // E[V] = D² + E|X − X'|·(1/n + 1/m). Threshold: 4 standard deviations of V at n = m = 4000, δ = ½,
        // measured as 0.0153 over 30 replicate pairs of seeds (2000..2059; their mean 0.1405 agrees with
        // the expectation 0.1402 within its standard error 0.003).
        double delta = 0.5;
        double u = delta / Math.sqrt(2);
        double phi = Math.exp(-0.5 * u * u) / Math.sqrt(2 * Math.PI);
        double cdf = 0.5 * (1 + org.hipparchus.special.Erf.erf(u / Math.sqrt(2)));
        double cross = Math.sqrt(2) * (2 * phi + u * (2 * cdf - 1));
        double within = 2 / Math.sqrt(Math.PI);
        double population = 2 * cross - 2 * within;
        int n = 4000;
        double biasOfV = 2 * within / n;
        double v = EnergyDistance.of(sample(83, n, 1, 0.0), sample(84, n, 1, delta));
        assertEquals(population + biasOfV, v, 4 * 0.0153);
    }

    @Test
    void badInput() {
        rejects(() -> EnergyDistance.of(null, col(1)), "a", "at least one point");
        rejects(() -> EnergyDistance.of(col(1), new double[0][]), "b", "at least one point");
        rejects(() -> EnergyDistance.of(new double[][] {{1, 2}, {1}}, col(1)), "a[1]", "2", "1");
        rejects(() -> EnergyDistance.of(new double[][] {{1, 2}}, col(1)), "b[0]", "2", "1");
        rejects(() -> EnergyDistance.of(col(1, Double.NaN), col(1)), "a[1][0]", "NaN");
        rejects(() -> EnergyDistance.of(col(1), new double[][] {{Double.POSITIVE_INFINITY}}), "b[0][0]", "Infinity");
        rejects(() -> EnergyDistance.of(new double[][] {{}}, col(1)), "a[0]", "at least one coordinate");
        rejects(() -> EnergyDistance.of(new double[][] {null}, col(1)), "a[0]", "null");
    }

    private static void rejects(org.junit.jupiter.api.function.Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
        }
    }

    private static double[][] col(double... values) {
        double[][] out = new double[values.length][1];
        for (int i = 0; i < values.length; i++) {
            out[i][0] = values[i];
        }
        return out;
    }

    private static double[][] sample(long seed, int n, int d, double shift) {
        CounterStream rng = new CounterStream(seed, 0);
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                out[i][k] = rng.nextNormal() + shift;
            }
        }
        return out;
    }
}
