package org.wiener.nde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OptimizerTest {

    @Test
    void adamFirstTwoStepsByHand() {
        Adam adam = new Adam(0.1);
        double[] theta = {1.0, -2.0};
        adam.step(theta, new double[] {2.0, -0.5});
        // t = 1: m̂ = g, v̂ = g², so the step is α·g/(|g| + ε) ≈ α·sign(g).
        assertEquals(1.0 - 0.1 * 2.0 / (2.0 + 1e-8), theta[0], 1e-15);
        assertEquals(-2.0 + 0.1 * 0.5 / (0.5 + 1e-8), theta[1], 1e-15);
        adam.step(theta, new double[] {-1.0, 0.0});
        // t = 2, component 0: m = 0.9·0.2 + 0.1·(−1) = 0.08, v = 0.999·0.004 + 0.001·1 = 0.004996;
        // m̂ = 0.08/0.19, v̂ = 0.004996/0.001999.
        double m0 = 0.08 / 0.19;
        double v0 = 0.004996 / 0.001999;
        assertEquals(1.0 - 0.1 * 2.0 / (2.0 + 1e-8) - 0.1 * m0 / (Math.sqrt(v0) + 1e-8), theta[0], 1e-13);
        // component 1: m = 0.9·(−0.05) = −0.045, v = 0.999·0.00025; m̂ = −0.045/0.19, v̂ = 0.00024975/0.001999
        double m1 = -0.045 / 0.19;
        double v1 = 0.00024975 / 0.001999;
        assertEquals(-2.0 + 0.1 * 0.5 / (0.5 + 1e-8) - 0.1 * m1 / (Math.sqrt(v1) + 1e-8), theta[1], 1e-13);
    }

    @Test
    void adaBeliefFirstStepByHand() {
        AdaBelief opt = new AdaBelief(0.1);
        double[] theta = {1.0};
        opt.step(theta, new double[] {2.0});
        // m = 0.2, s = 0.001·(2 − 0.2)² + 1e−16 = 0.00324 + 1e−16; m̂ = 2, ŝ = s/0.001 = 3.24 + 1e−13:
        // step = 0.1·2/(1.8 + ...) = 1/9: AdaBelief's first step is α/0.9, Adam's α.
        assertEquals(1.0 - 0.1 * 2.0 / (Math.sqrt(3.24 + 1e-13) + 1e-16), theta[0], 1e-15);
        assertEquals(1.0 - 1.0 / 9.0, theta[0], 1e-12);
        opt.step(theta, new double[] {2.0});
        // m = 0.18 + 0.2 = 0.38, s = 0.999·(0.00324 + 1e-16) + 0.001·(1.62)² + 1e−16; m̂ = 0.38/0.19 = 2
        double s = 0.999 * (0.00324 + 1e-16) + 0.001 * 1.62 * 1.62 + 1e-16;
        double shat = s / (1 - 0.999 * 0.999);
        assertEquals(1.0 - 1.0 / 9.0 - 0.1 * 2.0 / (Math.sqrt(shat) + 1e-16), theta[0], 1e-13);
    }

    @Test
    void adamMinimisesAQuadratic() {
        Adam adam = new Adam(0.05);
        double[] theta = {3.0, -4.0};
        for (int i = 0; i < 2000; i++) {
            adam.step(theta, new double[] {2 * (theta[0] - 1), 20 * (theta[1] + 0.5)});
        }
        assertArrayEquals(new double[] {1.0, -0.5}, theta, 1e-3);
    }

    @Test
    void schedules() {
        LambdaSchedule c = LambdaSchedule.constant(0.3);
        assertEquals(0.3, c.at(0));
        assertEquals(0.3, c.at(1000));
        LambdaSchedule e = LambdaSchedule.exponential(100, 10, 75);
        assertEquals(100.0, e.at(0), 0.0);
        assertEquals(10.0, e.at(75), 1e-12);
        assertEquals(100.0 * Math.pow(0.1, 30.0 / 75.0), e.at(30), 1e-11);
        assertThrows(IllegalArgumentException.class, () -> LambdaSchedule.exponential(0, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> LambdaSchedule.constant(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> e.at(-1));
    }

    @Test
    void badOptimizerInput() {
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.0));
        assertThrows(IllegalArgumentException.class, () -> new AdaBelief(0.1, 1.0, 0.9, 1e-8));
        Adam adam = new Adam(0.1);
        adam.step(new double[2], new double[2]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> adam.step(new double[2], new double[3]));
        assertEquals(true, e.getMessage().contains("gradient.length"));
    }

    @Test
    void miniBatchesAreSeededPermutations() {
        MiniBatches a = new MiniBatches(10, 4, 9);
        MiniBatches b = new MiniBatches(10, 4, 9);
        assertEquals(3, a.batchesPerEpoch());
        int[] out = new int[4];
        int[] seen = new int[10];
        int total = 0;
        for (int k = 0; k < 3; k++) {
            int count = a.batch(k, out);
            total += count;
            for (int i = 0; i < count; i++) {
                seen[out[i]]++;
            }
        }
        assertEquals(10, total);
        for (int s : seen) {
            assertEquals(1, s); // an epoch visits every item once
        }
        // Random access gives the same batch as sequential access (batch 4 = epoch 1, batch 1).
        int[] x = new int[4];
        int[] y = new int[4];
        a.batch(4, x);
        b.batch(4, y);
        assertArrayEquals(x, y);
        MiniBatches c = new MiniBatches(10, 4, 10);
        int[] z = new int[4];
        int[] w = new int[4];
        c.batch(0, z);
        b.batch(0, w);
        assertEquals(false, java.util.Arrays.equals(z, w));
    }
}
