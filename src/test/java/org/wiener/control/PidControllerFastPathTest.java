package org.wiener.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.wiener.sde.Drift;
import org.wiener.sde.SdeProblem;

/**
 * {@link PidController}'s shortcuts on the solve's critical path must not change a bit: the one-component error
 * norm (which skips the loop's 0.0 + and its division by n = 1) against the general loop on two equal
 * components (the same RMS exactly: (s + s)/2 = s), and the dyadic step ends of a power-of-two span (which
 * multiply by 1/span instead of dividing by span) against the definition of {@code dyadicStepEnds} evaluated
 * here with divisions, over random inputs.
 */
class PidControllerFastPathTest {

    private static final Drift ZERO = (t, y, out) -> Arrays.fill(out, 0.0);

    private static SdeProblem ode(int n, double t0, double t1) {
        return SdeProblem.builder().drift(ZERO).initialState(new double[n]).interval(t0, t1).build();
    }

    @Test
    void oneComponentErrorNormEqualsTheLoopOnTwoEqualComponents() {
        SplittableRandom random = new SplittableRandom(7L);
        PidController pid = PidController.builder(1e-3, 1e-6).coefficients(0.1, 0.3, 0.0).build();
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE, 1e-300};
        for (int trial = 0; trial < 5000; trial++) {
            double y0 = random.nextDouble(-10.0, 10.0);
            double y1 = trial < 36 ? special[trial % 6] : random.nextDouble(-10.0, 10.0);
            // errors of every size, so that the scaled error is tried on both sides of 2^±500 and the square
            // overflows or underflows in some trials
            double e = trial < 36 ? special[trial / 6] : trial % 2 == 0
                    ? Math.scalb(random.nextDouble(), -random.nextInt(40))
                    : Math.scalb(random.nextDouble(0.5, 1.0), random.nextInt(-1080, 1020));
            double scaled = e / (1e-6 + 1e-3 * Math.max(Math.abs(y0), Math.abs(y1)));
            if (scaled * scaled > Double.MAX_VALUE / 2 && scaled * scaled <= Double.MAX_VALUE) {
                continue; // the two-component reference overflows (s + s) where one component does not
            }
            StepControl one = pid.start(ode(1, 0.0, 1.0), 1.5);
            StepControl two = pid.start(ode(2, 0.0, 1.0), 1.5);
            one.firstStepEnd(0.0, new double[] {y0}, ZERO);
            two.firstStepEnd(0.0, new double[] {y0, y0}, ZERO);
            boolean keepOne = one.decide(0.0, 0.01, new double[] {y0}, new double[] {y1}, new double[] {e});
            boolean keepTwo = two.decide(0.0, 0.01, new double[] {y0, y0}, new double[] {y1, y1}, new double[] {e, e});
            String where = "trial " + trial + ": y0 " + y0 + ", y1 " + y1 + ", error " + e;
            assertEquals(Double.doubleToRawLongBits(two.scaledError()), Double.doubleToRawLongBits(one.scaledError()),
                    where);
            assertEquals(keepTwo, keepOne, where);
            assertEquals(Double.doubleToRawLongBits(two.nextStepEnd()), Double.doubleToRawLongBits(one.nextStepEnd()),
                    where);
        }
    }

    @Test
    void squareRootOfTheSquareIsTheMagnitudeInTheRangeTheNormUsesIt() {
        // The theorem the one-component norm relies on (Boldo 2015), tried on random doubles of every exponent
        // in [-500, 500] and on those with the most trailing ones (where a rounding error would show first).
        SplittableRandom random = new SplittableRandom(13L);
        for (int trial = 0; trial < 200_000; trial++) {
            double x = trial % 4 == 0
                    ? Math.scalb(Math.nextDown(2.0) - Math.ulp(1.0) * random.nextInt(64), random.nextInt(-501, 500))
                    : Math.scalb(random.nextDouble(1.0, 2.0), random.nextInt(-500, 500));
            x = trial % 2 == 0 ? x : -x;
            if (Math.abs(x) >= 0x1p-500 && Math.abs(x) <= 0x1p500) {
                assertEquals(Double.doubleToRawLongBits(Math.abs(x)), Double.doubleToRawLongBits(Math.sqrt(x * x)),
                        "x = " + x);
            }
        }
    }

    @Test
    void powerOfTwoSpansSnapAsTheDefinitionWithDivisions() {
        SplittableRandom random = new SplittableRandom(11L);
        double[][] ranges = {{0.0, 1.0}, {0.0, 64.0}, {-0.5, 0.125}, {3.0, 1024.0}, {0.0, 3.0}, {-1.0, 0.7}};
        for (double[] range : ranges) {
            double origin = range[0];
            double span = range[1];
            for (int trial = 0; trial < 3000; trial++) {
                double shrink = random.nextDouble(0.01, 0.99);
                double h = span * Math.scalb(random.nextDouble(0.5, 1.0), -random.nextInt(20));
                double t0 = origin + span * random.nextDouble(-0.1, 1.0);
                if (trial % 2 == 0) {
                    // End (or, every fourth trial, the window's start) within a few ulp of a grid point, where a
                    // last-bit difference in the scaled end would move the snapped point.
                    int level = random.nextInt(1, 12);
                    double grid = origin + span * Math.scalb((double) random.nextInt(1, 1 << level), -level);
                    for (int u = random.nextInt(4); u > 0; u--) {
                        grid = random.nextBoolean() ? Math.nextDown(grid) : Math.nextUp(grid);
                    }
                    t0 = trial % 4 == 0 ? grid - (1.0 - shrink) * h : grid - h;
                }
                double dtmin = trial % 3 == 0 ? 0.0 : h * random.nextDouble(0.0, 0.9);
                PidController pid = PidController.builder(1e-3, 1e-6).initialStep(h)
                        .stepBounds(dtmin, Double.POSITIVE_INFINITY).dyadicStepEnds(origin, span, shrink).build();
                double end = pid.start(ode(1, t0, t0 + 4 * span), 1.0).firstStepEnd(t0, new double[1], ZERO);
                double h1 = Math.max(h, dtmin);
                double expected = Math.min(dyadicEnd(t0, t0 + h1, origin, span, shrink, dtmin), t0 + 4 * span);
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(end),
                        "origin " + origin + ", span " + span + ", shrink " + shrink + ", t0 " + t0 + ", h " + h
                                + ": " + expected + " vs " + end);
            }
        }
    }

    @Test
    void powerOfTwoTest() {
        assertTrue(PidController.isPowerOfTwo(1.0));
        assertTrue(PidController.isPowerOfTwo(0.125));
        assertTrue(PidController.isPowerOfTwo(Math.scalb(1.0, 1023)));
        assertTrue(PidController.isPowerOfTwo(Math.scalb(1.0, -1022)));
        assertFalse(PidController.isPowerOfTwo(3.0));
        assertFalse(PidController.isPowerOfTwo(Math.nextUp(1.0)));
        assertFalse(PidController.isPowerOfTwo(-2.0));
        assertFalse(PidController.isPowerOfTwo(0.0));
        assertFalse(PidController.isPowerOfTwo(Double.POSITIVE_INFINITY));
        assertFalse(PidController.isPowerOfTwo(Double.NaN));
        assertFalse(PidController.isPowerOfTwo(Double.MIN_VALUE)); // subnormal: left to the division
    }

    /** The Javadoc of {@code dyadicStepEnds}, computed with divisions by the span. */
    private static double dyadicEnd(double start, double end, double origin, double span, double shrink,
                                    double dtmin) {
        double h = end - start;
        double lo = (end - shrink * h - origin) / span;
        double hi = (end - origin) / span;
        double after = (start - origin) / span;
        if (!(hi > 0.0 && hi <= 1.0)) {
            return end;
        }
        for (int j = 0; j <= 62; j++) {
            double point = Math.floor(Math.scalb(hi, j)) * Math.scalb(1.0, -j);
            if (point >= lo && point > after) {
                double snapped = origin + span * point;
                return snapped - start >= dtmin && snapped > start ? snapped : end;
            }
        }
        return end;
    }
}
