package org.wiener.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.sde.Calculus;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;

/**
 * {@link SlowRkScalarStepper} writes out SlowRK's step for n = m = 1; it must give, bit for bit, what the general
 * tableau stepper {@link SrkStepper} gives on {@link SlowRK#TABLEAU} (itself checked against the full sums in
 * {@link SrkPlanTest}), with the same evaluation counts: on the GBM of the benchmarks in Stratonovich form (drift
 * with the Itô correction) and on a scalar SDE whose drift and diffusion depend on time (so that every stage time
 * must match), over random states (exact and negative zeros included), step sizes and increments, with and
 * without an increment.
 */
class SlowRkScalarStepperTest {

    private static SdeProblem gbm() {
        return SdeProblem.builder()
                .drift((t, y, out) -> out[0] = 0.5 * y[0])
                .diffusion((t, y, out) -> out[0] = 0.8 * y[0], NoiseType.SCALAR, 1)
                .diffusionDerivative((t, y, v, out) -> out[0] = 0.8 * v[0])
                .calculus(Calculus.ITO).initialState(1.0).interval(0.0, 1.0).build()
                .inCalculus(Calculus.STRATONOVICH);
    }

    private static SdeProblem timeDependent() {
        return SdeProblem.builder()
                .drift((t, y, out) -> out[0] = Math.sin(3.0 * t) - 0.3 * y[0] * y[0] + 1e-3 / (1.0 + t))
                .diffusion((t, y, out) -> out[0] = Math.cos(y[0]) + 0.7 * t, NoiseType.GENERAL, 1)
                .initialState(0.5).interval(0.0, 2.0).build();
    }

    @Test
    void slowRkUsesTheScalarStepperOnScalarSdesOnly() {
        assertTrue(new SlowRK().newStepper(gbm()) instanceof SlowRkScalarStepper);
        SdeProblem twoComponents = SdeProblem.builder()
                .drift((t, y, out) -> {
                    out[0] = y[1];
                    out[1] = -y[0];
                })
                .diffusion((t, y, out) -> {
                    out[0] = 0.1;
                    out[1] = 0.2;
                }, NoiseType.GENERAL, 1)
                .initialState(1.0, 0.0).interval(0.0, 1.0).build();
        assertTrue(new SlowRK().newStepper(twoComponents) instanceof SrkStepper);
        assertThrows(IllegalArgumentException.class, () -> new SlowRkScalarStepper(twoComponents, "slow_rk"));
    }

    @Test
    void scalarStepGivesTheGeneralSteppersBits() {
        SplittableRandom random = new SplittableRandom(20240517L);
        for (SdeProblem problem : new SdeProblem[] {gbm(), timeDependent()}) {
            Stepper fast = new SlowRkScalarStepper(problem, "slow_rk");
            Stepper general = new SrkStepper(problem, SlowRK.TABLEAU, "slow_rk");
            MutableBrownianIncrement noise = new MutableBrownianIncrement(1, LevyArea.SPACE_TIME);
            for (int trial = 0; trial < 2000; trial++) {
                double y = trial % 10 == 0 ? 0.0 : trial % 10 == 1 ? -0.0 : random.nextDouble(-3.0, 3.0);
                double t0 = trial % 13 == 0 ? -0.0 : random.nextDouble(0.0, 1.0);
                double t1 = t0 + Math.scalb(random.nextDouble(0.5, 1.0), -random.nextInt(12));
                double sqrtH = Math.sqrt(t1 - t0);
                noise.w()[0] = trial % 7 == 0 ? 0.0 : sqrtH * random.nextDouble(-3.0, 3.0);
                noise.h()[0] = trial % 11 == 0 ? -0.0 : sqrtH * random.nextDouble(-0.5, 0.5);
                MutableBrownianIncrement increment = trial % 17 == 0 ? null : noise;
                double[] expected = {Double.NaN};
                double[] actual = {Double.NaN};
                general.step(t0, t1, new double[] {y}, increment, expected, new double[1]);
                fast.step(t0, t1, new double[] {y}, increment, actual, new double[1]);
                assertEquals(Double.doubleToRawLongBits(expected[0]), Double.doubleToRawLongBits(actual[0]),
                        "trial " + trial + ": y0 " + y + " over [" + t0 + ", " + t1 + "]: " + expected[0] + " vs "
                                + actual[0]);
            }
            assertEquals(general.driftEvaluations(), fast.driftEvaluations(), "drift evaluations");
            assertEquals(general.diffusionEvaluations(), fast.diffusionEvaluations(), "diffusion evaluations");
            assertEquals(0, fast.derivativeEvaluations());
        }
    }

    @Test
    void stepsDoNotAllocate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);
        Stepper fast = new SlowRkScalarStepper(gbm(), "slow_rk");
        MutableBrownianIncrement noise = new MutableBrownianIncrement(1, LevyArea.SPACE_TIME);
        noise.w()[0] = 0.01;
        noise.h()[0] = 0.002;
        double[] y = {1.0};
        double[] y1 = new double[1];
        double[] error = new double[1];
        for (int i = 0; i < 4096; i++) {
            fast.step(0.0, 1e-3, y, noise, y1, error);
        }
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < 4096; i++) {
            fast.step(0.0, 1e-3, y, noise, y1, error);
        }
        long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes in 4096 steps");
    }

    @Test
    void refusesIncrementsWithoutTheSpaceTimeLevyArea() {
        Stepper fast = new SlowRkScalarStepper(gbm(), "slow_rk");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fast.step(0.0, 0.1,
                new double[] {1.0}, new MutableBrownianIncrement(1, LevyArea.NONE), new double[1], new double[1]));
        assertTrue(e.getMessage().contains("slow_rk"), e.getMessage());
    }
}
