package org.wiener.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wiener.random.CounterStream;

/** Least squares and the path bootstrap of {@link OrderFits} on synthetic data with a known slope. */
class OrderFitsTest {

    @Test
    void leastSquaresRecoversAnExactLine() {
        double[] x = {-3.0, -2.5, -1.0, 0.0, 0.75};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 1.7 * x[i] - 0.4;
        }
        double[] fit = OrderFits.leastSquares(x, y);
        assertEquals(1.7, fit[0], 1e-14);
        assertEquals(-0.4, fit[1], 1e-14);
        assertEquals(1.7, OrderFits.slope(x, y), 1e-14);
    }

    /** Noise-free per-path errors: every resample gives the same slope, so the interval collapses onto it. */
    @Test
    void noiseFreeErrorsGiveTheExactOrderAndADegenerateInterval() {
        int levels = 5;
        int paths = 20;
        double order = 1.5;
        double[] x = new double[levels];
        double[][] sq = new double[levels][paths];
        for (int k = 0; k < levels; k++) {
            double h = Math.scalb(1.0, -(3 + k));
            x[k] = Math.log(h);
            for (int p = 0; p < paths; p++) {
                double e = 0.3 * Math.pow(h, order);
                sq[k][p] = e * e;
            }
        }
        double[] r = OrderFits.rmsSlopeWithInterval(x, sq, 200, 1L);
        assertEquals(order, r[0], 1e-12);
        assertEquals(order, r[1], 1e-12);
        assertEquals(order, r[2], 1e-12);
    }

    /**
     * Synthetic per-path errors e = C·h^q·(0.6·Z_p + 0.8·Z_{p,k}) (a path effect shared by the levels and
     * a level effect; E e² = C²h^{2q}, so the RMS error has slope q exactly in expectation): the 95%
     * interval of one fixed data set covers q, and over 200 data sets the intervals cover q at a rate
     * close to 95% (at least 85%: the percentile bootstrap under-covers a little with 64 paths).
     */
    @Test
    void bootstrapIntervalCoversTheTrueOrder() {
        double q = 0.5;
        int levels = 4;
        int paths = 64;
        double[] x = new double[levels];
        for (int k = 0; k < levels; k++) {
            x[k] = Math.log(Math.scalb(1.0, -(3 + k)));
        }
        double[] fixed = OrderFits.rmsSlopeWithInterval(x, synthetic(q, x, paths, 12345L), 200, 12345L);
        assertTrue(fixed[1] <= q && q <= fixed[2], () -> "interval [" + fixed[1] + ", " + fixed[2] + "] misses " + q);
        assertTrue(fixed[1] <= fixed[0] && fixed[0] <= fixed[2]);
        int covered = 0;
        int sets = 200;
        for (int d = 0; d < sets; d++) {
            double[] r = OrderFits.rmsSlopeWithInterval(x, synthetic(q, x, paths, 1000L + d), 200, 77L + d);
            if (r[1] <= q && q <= r[2]) {
                covered++;
            }
        }
        System.out.printf("bootstrap coverage of the true order: %d/%d%n", covered, sets);
        assertTrue(covered >= 0.85 * sets, "coverage " + covered + "/" + sets);
        // Same data and seed: same interval.
        assertArrayEquals(fixed, OrderFits.rmsSlopeWithInterval(x, synthetic(q, x, paths, 12345L), 200, 12345L));
    }

    private static double[][] synthetic(double q, double[] logH, int paths, long seed) {
        CounterStream rng = new CounterStream(seed, 3L);
        double[][] sq = new double[logH.length][paths];
        for (int p = 0; p < paths; p++) {
            double shared = rng.nextNormal();
            for (int k = 0; k < logH.length; k++) {
                double e = 0.2 * Math.exp(q * logH[k]) * (0.6 * shared + 0.8 * rng.nextNormal());
                sq[k][p] = e * e;
            }
        }
        return sq;
    }

    @Test
    void quantileIsType7() {
        double[] v = {4.0, 1.0, 3.0, 2.0};
        assertEquals(1.0, OrderFits.quantile(v, 0.0), 0.0);
        assertEquals(4.0, OrderFits.quantile(v, 1.0), 0.0);
        assertEquals(2.5, OrderFits.quantile(v, 0.5), 0.0);
        assertEquals(1.075, OrderFits.quantile(v, 0.025), 1e-15);
        assertTrue(Double.isNaN(OrderFits.quantile(new double[] {1.0, Double.NaN}, 0.5)));
        assertArrayEquals(new double[] {4.0, 1.0, 3.0, 2.0}, v, "input untouched");
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> OrderFits.leastSquares(new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> OrderFits.leastSquares(new double[] {1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> OrderFits.leastSquares(new double[] {2, 2}, new double[] {1, 3}));
        assertThrows(IllegalArgumentException.class, () -> OrderFits.quantile(new double[] {1}, 1.5));
        assertThrows(IllegalArgumentException.class,
                () -> OrderFits.rmsSlopeWithInterval(new double[] {1, 2}, new double[][] {{1}}, 10, 0L));
        assertThrows(IllegalArgumentException.class,
                () -> OrderFits.rmsSlopeWithInterval(new double[] {1, 2}, new double[][] {{1}, {1}}, -1, 0L));
    }
}
