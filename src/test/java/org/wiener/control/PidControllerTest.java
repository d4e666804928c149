package org.wiener.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.wiener.sde.Drift;
import org.wiener.sde.SdeProblem;

/**
 * {@link PidController} against {@code step-control.md} §2, called directly through its
 * {@link StepControl} with error estimates chosen by the test: the error norm, accept/reject, the
 * PID factor with the history of the last two accepted steps, the clipping on acceptance and on
 * rejection, dtmax, the dtmin rules, the error-order override, NaN errors, Hairer's initial step
 * (expected values worked out in closed form) and the given initial step. Driver-level behaviour
 * (jumps, the rejected-step buffer) is in {@link PidControllerDriverTest}.
 */
class PidControllerTest {

    private static final Drift ZERO = (t, y, out) -> java.util.Arrays.fill(out, 0.0);
    private static final double[] Y = {1.0};

    /** y' = 0 on [0, 100] (only t1 matters to the controller). */
    private static SdeProblem problem() {
        return ScriptedSolvers.linearOde(0.0, 1.0, 0.0, 100.0, null);
    }

    /** safety·ι^((i+p+d)/q)·ι'^(−(p+2d)/q)·ι''^(d/q), step-control.md §2.4, before clipping. */
    private static double law(double iota, double prev, double prevPrev, double p, double i, double d, double q,
                              double safety) {
        return safety * Math.pow(iota, (i + p + d) / q) * Math.pow(prev, -(p + 2 * d) / q)
                * Math.pow(prevPrev, d / q);
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-13 * Math.max(1.0, Math.abs(expected)), what);
    }

    // ---------------------------------------------------------------- error norm, accept/reject

    @Test
    void errorNormIsTheRmsOfTheComponentwiseScaledError() {
        double rtol = 0.1;
        double atol = 0.01;
        StepControl c = PidController.builder(rtol, atol).initialStep(0.5).build().start(problem(), 1.0);
        c.firstStepEnd(0.0, new double[3], ZERO);
        double[] y0 = {1.0, -2.0, 0.5};
        double[] y1 = {1.5, -1.0, -3.0};
        double[] e = {0.01, -0.02, 0.03};
        c.decide(0.0, 0.5, y0, y1, e);
        // scales atol + rtol·max(|y0|, |y1|): 0.16 (from y1), 0.21 (from y0), 0.31 (from y1)
        double expected = Math.sqrt((sq(0.01 / 0.16) + sq(0.02 / 0.21) + sq(0.03 / 0.31)) / 3.0);
        assertEquals(expected, c.scaledError(), 1e-15);
        // The alternatives the reference rejects are far away, so the check above discriminates:
        double onlyY0 = Math.sqrt((sq(0.01 / 0.11) + sq(0.02 / 0.21) + sq(0.03 / 0.06)) / 3.0);
        double onlyY1 = Math.sqrt((sq(0.01 / 0.16) + sq(0.02 / 0.11) + sq(0.03 / 0.31)) / 3.0);
        double ratioOfNorms = Math.sqrt((sq(0.01) + sq(0.02) + sq(0.03)) / 3.0)
                / (atol + rtol * Math.sqrt((sq(1.5) + sq(2.0) + sq(3.0)) / 3.0));
        double sumNotMean = Math.sqrt(sq(0.01 / 0.16) + sq(0.02 / 0.21) + sq(0.03 / 0.31));
        for (double wrong : new double[] {onlyY0, onlyY1, ratioOfNorms, sumNotMean}) {
            assertTrue(Math.abs(wrong - expected) > 1e-3 * expected, "alternative " + wrong + " too close");
        }
    }

    @Test
    void acceptsExactlyWhenTheScaledErrorIsBelowOne() {
        // rtol = 0, atol = 1: ε = RMS(e)
        StepControl c = PidController.builder(0.0, 1.0).initialStep(0.1).build().start(problem(), 1.0);
        c.firstStepEnd(0.0, Y, ZERO);
        assertFalse(c.decide(0.0, 0.1, Y, Y, new double[] {1.0}), "ε = 1 is rejected");
        assertEquals(1.0, c.scaledError());
        assertTrue(c.decide(0.0, 0.1, Y, Y, new double[] {Math.nextDown(1.0)}), "ε just below 1 is accepted");
        double[] y2 = {1.0, 1.0};
        assertFalse(c.decide(0.1, 0.2, y2, y2, new double[] {1.0, -1.0}), "RMS of (1, −1) is 1");
        assertTrue(c.decide(0.1, 0.2, y2, y2, new double[] {1.2, 0.0}), "RMS of (1.2, 0) is 0.85");
        assertEquals(1.2 / Math.sqrt(2.0), c.scaledError(), 1e-15);
    }

    @Test
    void nanOrNonFiniteErrorsAndCandidatesAreRejected() {
        StepControl c = PidController.builder(0.0, 1.0).initialStep(0.1).build().start(problem(), 1.0);
        c.firstStepEnd(0.0, Y, ZERO);
        assertFalse(c.decide(0.0, 0.1, Y, Y, new double[] {Double.NaN}));
        assertEquals(Double.POSITIVE_INFINITY, c.scaledError());
        assertClose(0.0 + 0.1 * 0.2, c.nextStepEnd(), "a NaN error shrinks by factormin");
        assertFalse(c.decide(0.0, 0.02, Y, new double[] {Double.NaN}, new double[] {1e-9}),
                "NaN candidate with a tiny error");
        assertFalse(c.decide(0.0, 0.02, Y, new double[] {Double.POSITIVE_INFINITY}, new double[] {0.0}),
                "infinite candidate with zero error");
        assertFalse(c.decide(0.0, 0.02, Y, Y, new double[] {Double.POSITIVE_INFINITY}));
        assertNull(c.failure());
    }

    // ---------------------------------------------------------------- the control law

    @Test
    void pidFactorUsesTheLastTwoAcceptedStepsOnly() {
        double p = 0.2;
        double i = 0.4;
        double d = 0.1;
        double q = 2.0;
        StepControl c = PidController.builder(0.0, 1.0).coefficients(p, i, d).initialStep(0.5).build()
                .start(problem(), q);
        assertEquals(0.5, c.firstStepEnd(0.0, Y, ZERO));

        // 1: accept ε = 0.5; history (1, 1)
        assertTrue(c.decide(0.0, 0.5, Y, Y, new double[] {0.5}));
        double f1 = law(2.0, 1.0, 1.0, p, i, d, q, 0.9);
        assertTrue(f1 > 1 && f1 < 10, "unclipped");
        double end1 = c.nextStepEnd();
        assertClose(0.5 + 0.5 * f1, end1, "step 1");

        // 2: accept ε = 0.25; history (2, 1)
        double h2 = end1 - 0.5;
        assertTrue(c.decide(0.5, end1, Y, Y, new double[] {0.25}));
        double f2 = law(4.0, 2.0, 1.0, p, i, d, q, 0.9);
        assertTrue(f2 > 1 && f2 < 10, "unclipped");
        double end2 = c.nextStepEnd();
        assertClose(end1 + h2 * f2, end2, "step 2");

        // 3: reject ε = 3; history (4, 2); the next step restarts from end1
        double h3 = end2 - end1;
        assertFalse(c.decide(end1, end2, Y, Y, new double[] {3.0}));
        double f3 = law(1.0 / 3.0, 4.0, 2.0, p, i, d, q, 0.9);
        assertTrue(f3 > 0.2 && f3 < 0.9, "unclipped");
        double end3 = c.nextStepEnd();
        assertClose(end1 + h3 * f3, end3, "step 3 (rejected)");

        // 4: accept ε = 0.1; the history is still (4, 2): the rejection did not enter it
        double h4 = end3 - end1;
        assertTrue(c.decide(end1, end3, Y, Y, new double[] {0.1}));
        double f4 = law(10.0, 4.0, 2.0, p, i, d, q, 0.9);
        assertTrue(f4 > 1 && f4 < 10, "unclipped");
        assertClose(end3 + h4 * f4, c.nextStepEnd(), "step 4");
        double withRejectedInHistory = law(10.0, 1.0 / 3.0, 4.0, p, i, d, q, 0.9);
        assertTrue(Math.abs(withRejectedInHistory - f4) > 0.05 * f4, "the test discriminates");
        double plainI = law(10.0, 1.0, 1.0, 0, i + p + d, 0, q, 0.9);
        assertTrue(Math.abs(plainI - f4) > 0.05 * f4, "the test discriminates");
    }

    @Test
    void defaultIsPlainIntegralControlWithSafetyTimesEpsToMinusOneOverQ() {
        StepControl c = PidController.builder(0.0, 1.0).initialStep(0.2).build().start(problem(), 1.5);
        c.firstStepEnd(0.0, Y, ZERO);
        assertTrue(c.decide(0.0, 0.2, Y, Y, new double[] {0.3}));
        assertClose(0.2 + 0.2 * 0.9 * Math.pow(0.3, -1.0 / 1.5), c.nextStepEnd(), "0.9·ε^(−1/q)");
    }

    @Test
    void acceptedStepsNeverShrinkAndRejectedStepsShrinkWithinFactorminAndSafety() {
        StepControl c = PidController.builder(0.0, 1.0).initialStep(0.1).build().start(problem(), 1.0);
        c.firstStepEnd(0.0, Y, ZERO);
        // accepted with 0.9/0.99 < 1: clipped up to 1 (Hipparchus would shrink it)
        assertTrue(c.decide(0.0, 0.1, Y, Y, new double[] {0.99}));
        assertEquals(0.1 + 0.1, c.nextStepEnd());
        // accepted with a tiny error: clipped to factormax
        assertTrue(c.decide(0.1, 0.2, Y, Y, new double[] {1e-6}));
        assertClose(0.2 + 0.1 * 10.0, c.nextStepEnd(), "factormax");
        // rejected with a huge error: clipped to factormin
        assertFalse(c.decide(0.2, 1.2, Y, Y, new double[] {1e6}));
        assertClose(0.2 + 1.0 * 0.2, c.nextStepEnd(), "factormin");
        // an accepted zero error (ι = ∞) gives factormax
        assertTrue(c.decide(0.2, 0.4, Y, Y, new double[] {0.0}));
        assertClose(0.4 + 0.2 * 10.0, c.nextStepEnd(), "ε = 0");
    }

    @Test
    void rejectedFactorIsCappedAtSafetyEvenWhenTheHistoryPushesItUp() {
        // p = 0, i = 0.1, d = 0.5: a large ι'' makes the unclipped factor of a barely rejected step > 1
        double p = 0.0;
        double i = 0.1;
        double d = 0.5;
        StepControl c = PidController.builder(0.0, 1.0).coefficients(p, i, d).initialStep(0.1).build()
                .start(problem(), 1.0);
        c.firstStepEnd(0.0, Y, ZERO);
        assertTrue(c.decide(0.0, 0.1, Y, Y, new double[] {1e-4}));
        double t1 = c.nextStepEnd();
        assertTrue(c.decide(0.1, t1, Y, Y, new double[] {0.5}));
        double t2 = c.nextStepEnd();
        assertFalse(c.decide(t1, t2, Y, Y, new double[] {1.01}));
        double unclipped = law(1 / 1.01, 2.0, 1e4, p, i, d, 1.0, 0.9);
        assertTrue(unclipped > 10, "the law alone would grow the step: " + unclipped);
        assertClose(t1 + (t2 - t1) * 0.9, c.nextStepEnd(), "capped at safety");
    }

    @Test
    void customFactorBoundsAndSafety() {
        StepControl c = PidController.builder(0.0, 1.0).factorBounds(0.5, 3.0).safety(0.8).initialStep(0.1)
                .build().start(problem(), 1.0);
        c.firstStepEnd(0.0, Y, ZERO);
        assertTrue(c.decide(0.0, 0.1, Y, Y, new double[] {1e-6}));
        assertClose(0.1 + 0.1 * 3.0, c.nextStepEnd(), "factormax 3");
        assertFalse(c.decide(0.1, 0.4, Y, Y, new double[] {1e6}));
        assertClose(0.1 + 0.3 * 0.5, c.nextStepEnd(), "factormin 0.5");
        assertFalse(c.decide(0.1, 0.25, Y, Y, new double[] {1.0}));
        assertClose(0.1 + 0.15 * 0.8, c.nextStepEnd(), "safety 0.8 at ε = 1");
        assertTrue(c.decide(0.1, 0.22, Y, Y, new double[] {0.5}));
        assertClose(0.22 + 0.12 * 1.6, c.nextStepEnd(), "0.8·2 = 1.6");
    }

    @Test
    void errorOrderOverrideReplacesTheSolversOrder() {
        StepControl over = PidController.builder(0.0, 1.0).errorOrder(3.0).initialStep(0.1).build()
                .start(problem(), 1.0);
        over.firstStepEnd(0.0, Y, ZERO);
        assertTrue(over.decide(0.0, 0.1, Y, Y, new double[] {0.01}));
        assertClose(0.1 + 0.1 * 0.9 * Math.cbrt(100.0), over.nextStepEnd(), "q = 3 from the override");

        StepControl plain = PidController.builder(0.0, 1.0).initialStep(0.1).build().start(problem(), 1.0);
        plain.firstStepEnd(0.0, Y, ZERO);
        assertTrue(plain.decide(0.0, 0.1, Y, Y, new double[] {0.01}));
        assertClose(0.1 + 0.1 * 10.0, plain.nextStepEnd(), "q = 1 from the solver: 90, clipped to 10");
        assertEquals(3.0, PidController.builder(1e-3, 1e-6).errorOrder(3.0).build().errorOrderOverride());
        assertTrue(Double.isNaN(PidController.builder(1e-3, 1e-6).build().errorOrderOverride()));
    }

    // ---------------------------------------------------------------- step bounds

    @Test
    void dtmaxBoundsEveryStepIncludingTheFirst() {
        StepControl c = PidController.builder(0.0, 1.0).stepBounds(0.0, 0.3).initialStep(5.0).build()
                .start(problem(), 1.0);
        assertEquals(0.3, c.firstStepEnd(0.0, Y, ZERO));
        assertTrue(c.decide(0.0, 0.3, Y, Y, new double[] {1e-6}));
        assertEquals(0.3 + 0.3, c.nextStepEnd());
    }

    @Test
    void forcedDtminAcceptsEveryStepTakenAtDtmin() {
        StepControl c = PidController.builder(0.0, 1.0).stepBounds(0.05, 10.0).initialStep(0.1).build()
                .start(problem(), 1.0);
        assertEquals(0.1, c.firstStepEnd(0.0, Y, ZERO));
        // rejected: 0.1·0.2 = 0.02 < dtmin, raised to dtmin and flagged
        assertFalse(c.decide(0.0, 0.1, Y, Y, new double[] {1e6}));
        assertFalse(c.atDtmin());
        assertEquals(0.05, c.nextStepEnd());
        // at dtmin: accepted whatever the error, also NaN; the step stays at dtmin (factor 1)
        assertTrue(c.decide(0.0, 0.05, Y, Y, new double[] {1e6}));
        assertTrue(c.atDtmin());
        assertEquals(0.05 + 0.05, c.nextStepEnd());
        assertTrue(c.decide(0.05, 0.1, Y, Y, new double[] {Double.NaN}));
        assertTrue(c.atDtmin());
        // a good step at dtmin grows (factor 10) and leaves dtmin
        assertTrue(c.decide(0.1, 0.15, Y, Y, new double[] {1e-6}));
        assertTrue(c.atDtmin(), "this step was still taken at dtmin");
        assertClose(0.15 + 0.5, c.nextStepEnd(), "grown");
        assertFalse(c.decide(0.15, 0.65, Y, Y, new double[] {1e6}), "no longer at dtmin");
        assertFalse(c.atDtmin());
        assertNull(c.failure());
    }

    @Test
    void initialStepBelowDtminIsRaisedAndAccepted() {
        StepControl c = PidController.builder(0.0, 1.0).stepBounds(0.05, 10.0).initialStep(0.01).build()
                .start(problem(), 1.0);
        assertEquals(0.05, c.firstStepEnd(0.0, Y, ZERO));
        assertTrue(c.decide(0.0, 0.05, Y, Y, new double[] {50.0}));
        assertTrue(c.atDtmin());
    }

    @Test
    void unforcedDtminFailsWhenTheStepWouldFallBelowIt() {
        StepControl c = PidController.builder(0.0, 1.0).stepBounds(0.05, 10.0).forceDtmin(false)
                .initialStep(0.1).build().start(problem(), 1.0);
        c.firstStepEnd(0.0, Y, ZERO);
        assertTrue(c.decide(0.0, 0.1, Y, Y, new double[] {0.99}));
        assertNull(c.failure(), "0.1 stays above dtmin");
        assertFalse(c.decide(0.1, 0.2, Y, Y, new double[] {1e6}));
        assertEquals(StepControl.Failure.DTMIN_REACHED, c.failure());
    }

    // ---------------------------------------------------------------- initial step

    /** Records the times at which the drift is evaluated. */
    private static final class LoggedDrift implements Drift {
        final Drift inner;
        final List<Double> times = new ArrayList<>();

        LoggedDrift(Drift inner) {
            this.inner = inner;
        }

        @Override
        public void evaluate(double t, double[] y, double[] out) {
            times.add(t);
            inner.evaluate(t, y, out);
        }
    }

    @Test
    void hairerInitialStepOnALinearOdeMatchesTheClosedForm() {
        // y' = 3y, y0 = 2, rtol 1e-3, atol 1e-6, q = 2. With s = atol + 2·rtol:
        // d0 = 2/s, d1 = 6/s, h0 = 0.01·d0/d1 = 0.01/3; f1 − f0 = 9·2·h0, so d2 = 18/s;
        // h1 = (0.01·s/18)^(1/2) ≈ 1.0544e-3 < 100·h0, so dt0 = h1.
        double s = 1e-6 + 2e-3;
        double expected = Math.sqrt(0.01 * s / 18.0);
        LoggedDrift drift = new LoggedDrift((t, y, out) -> out[0] = 3.0 * y[0]);
        StepControl c = PidController.builder(1e-3, 1e-6).build().start(problem(), 2.0);
        double end = c.firstStepEnd(0.0, new double[] {2.0}, drift);
        assertEquals(expected, end, 1e-12 * expected);
        assertEquals(2, drift.times.size(), "f(t0, y0), then f(t0 + h0, y0 + h0·f0)");
        assertEquals(0.0, drift.times.get(0));
        assertEquals(0.01 / 3.0, drift.times.get(1), 1e-17);

        // started at t0 = 5 the step is the same (autonomous equation)
        StepControl c5 = PidController.builder(1e-3, 1e-6).build().start(
                ScriptedSolvers.linearOde(3.0, 2.0, 5.0, 100.0, null), 2.0);
        assertEquals(expected, c5.firstStepEnd(5.0, new double[] {2.0}, drift) - 5.0, 1e-12);
    }

    @Test
    void hairerInitialStepUsesTheRmsNormOverComponents() {
        // y = (2, 0), f = (3·y0, 5·y1): the zero component has scale atol and contributes 0, so every
        // norm carries 1/√2: d0 = (2/s)/√2, d1 = (6/s)/√2, h0 = 0.01/3, d2 = (18/s)/√2,
        // h1 = (0.01·√2·s/18)^(1/2).
        double s = 1e-6 + 2e-3;
        double expected = Math.sqrt(0.01 * Math.sqrt(2.0) * s / 18.0);
        StepControl c = PidController.builder(1e-3, 1e-6).build().start(problem(), 2.0);
        double end = c.firstStepEnd(0.0, new double[] {2.0, 0.0}, (t, y, out) -> {
            out[0] = 3.0 * y[0];
            out[1] = 5.0 * y[1];
        });
        assertEquals(expected, end, 1e-12 * expected);
        assertNotEquals(Math.sqrt(0.01 * s / 18.0), end, 1e-8, "a sum instead of a mean would give this");

        // f = (0.5·y0, 5·y1): now d1 = (1/s)/√2 dominates d2 = (0.5/s)/√2, h0 = 0.02, h1 = (0.01·√2·s)^(1/2)
        double expected2 = Math.sqrt(0.01 * Math.sqrt(2.0) * s);
        double end2 = PidController.builder(1e-3, 1e-6).build().start(problem(), 2.0)
                .firstStepEnd(0.0, new double[] {2.0, 0.0}, (t, y, out) -> {
                    out[0] = 0.5 * y[0];
                    out[1] = 5.0 * y[1];
                });
        assertEquals(expected2, end2, 1e-12 * expected2);
    }

    @Test
    void hairerInitialStepBranches() {
        // y0 = 0: d0 = 0 < 1e-5, so h0 = 1e-6; f ≡ 1: d1 = 1/atol = 1e6, d2 = 0;
        // h1 = (0.01/1e6)^(1/4) = 1e-2 with q = 4; dt0 = min(100·h0, h1) = 1e-4.
        StepControl a = PidController.builder(1e-3, 1e-6).build().start(problem(), 4.0);
        assertEquals(1e-4, a.firstStepEnd(0.0, new double[] {0.0}, (t, y, out) -> out[0] = 1.0), 1e-19);
        // same with q = 1: h1 = 1e-8 < 1e-4
        StepControl b = PidController.builder(1e-3, 1e-6).build().start(problem(), 1.0);
        assertEquals(1e-8, b.firstStepEnd(0.0, new double[] {0.0}, (t, y, out) -> out[0] = 1.0), 1e-22);
        // f ≡ 0: d1 = 0, so h0 = 1e-6; d2 = 0 ≤ 1e-15, so h1 = max(1e-6, 1e-3·h0) = 1e-6; dt0 = 1e-6.
        StepControl z = PidController.builder(1e-3, 1e-6).build().start(problem(), 2.0);
        assertEquals(1e-6, z.firstStepEnd(0.0, new double[] {1.0}, ZERO), 1e-21);
    }

    @Test
    void hairerInitialStepIsClippedToTheStepBounds() {
        // f ≡ 0 gives 1e-6 (above); dtmin 1e-3 raises it and marks the first step as at dtmin
        StepControl lo = PidController.builder(1e-3, 1e-6).stepBounds(1e-3, 1.0).build().start(problem(), 2.0);
        assertEquals(1e-3, lo.firstStepEnd(0.0, new double[] {1.0}, ZERO));
        assertTrue(lo.decide(0.0, 1e-3, Y, Y, new double[] {1e3}), "accepted at dtmin");
        // the closed-form case (1.05e-3) under dtmax 1e-4
        StepControl hi = PidController.builder(1e-3, 1e-6).stepBounds(0.0, 1e-4).build().start(problem(), 2.0);
        assertEquals(1e-4, hi.firstStepEnd(0.0, new double[] {2.0}, (t, y, out) -> out[0] = 3.0 * y[0]));
    }

    @Test
    void givenInitialStepIsUsedWithoutEvaluatingTheDrift() {
        AtomicInteger calls = new AtomicInteger();
        StepControl c = PidController.builder(1e-3, 1e-6).initialStep(0.125).build().start(problem(), 2.0);
        assertEquals(0.25 + 0.125, c.firstStepEnd(0.25, Y, (t, y, out) -> calls.incrementAndGet()));
        assertEquals(0, calls.get());
    }

    @Test
    void firstStepIsClippedToT1() {
        StepControl c = PidController.builder(1e-3, 1e-6).initialStep(5.0).build()
                .start(ScriptedSolvers.linearOde(0.0, 1.0, 0.0, 1.0, null), 2.0);
        assertEquals(1.0, c.firstStepEnd(0.0, Y, ZERO));
    }

    @Test
    void errorOrderMustBePositive() {
        PidController pid = PidController.builder(1e-3, 1e-6).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pid.start(problem(), 0.0));
        assertTrue(e.getMessage().contains("error order"), e.getMessage());
    }

    private static double sq(double x) {
        return x * x;
    }
}
