package org.wiener.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.ScriptedSolvers.ScriptedSolver;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.SaveAt;
import org.wiener.integrate.Solution;
import org.wiener.integrate.Status;
import org.wiener.sde.Drift;
import org.wiener.sde.SdeProblem;

/**
 * The two step-placement options of {@link PidController} that are not in Diffrax: {@code dyadicStepEnds}
 * (step ends moved back to the coarsest dyadic point within a fraction of the step; expected ends worked out
 * by hand) and {@code resumeProposedStep} (after an accepted step shortened by a save time, the next step
 * grows from the proposed size; the whole step sequence is checked).
 */
class PidControllerDyadicTest {

    private static final Drift ZERO = (t, y, out) -> Arrays.fill(out, 0.0);
    private static final double[] Y = {1.0};

    private static SdeProblem flat(double t1) {
        return ScriptedSolvers.linearOde(0.0, 1.0, 0.0, t1, null);
    }

    /** I-control (q = 1 below), rtol = 0, atol = 1: ε is the scripted error itself. */
    private static PidController.Builder pid(double dt0) {
        return PidController.builder(0.0, 1.0).initialStep(dt0);
    }

    // ---------------------------------------------------------------- dyadic step ends

    @Test
    void theFirstEndMovesBackToTheCoarsestDyadicPointWithinAQuarterOfTheStep() {
        // dt0 = 0.3: window [0.225, 0.3] holds 1/4 (level 2) and nothing coarser.
        assertEquals(0.25, firstEnd(pid(0.3).dyadicStepEnds(0.0, 1.0, 0.25)), 0.0);
        // dt0 = 0.2: window [0.15, 0.2]: no multiple of 1/8 (0.125 < 0.15), 3/16 = 0.1875 is the coarsest.
        assertEquals(0.1875, firstEnd(pid(0.2).dyadicStepEnds(0.0, 1.0, 0.25)), 0.0);
        // dt0 = 0.05: window [0.0375, 0.05]: 1/32 is too early, 3/64 = 0.046875.
        assertEquals(0.046875, firstEnd(pid(0.05).dyadicStepEnds(0.0, 1.0, 0.25)), 0.0);
        // The span scales the grid: on [0, 4] the points are multiples of 4·2^-j, so 0.3 → 0.25 (4·2^-4).
        assertEquals(0.25, firstEnd(pid(0.3).dyadicStepEnds(0.0, 4.0, 0.25)), 0.0);
        // A smaller shrink narrows the window: [0.27, 0.3] skips 1/4 and takes 9/32 = 0.28125.
        assertEquals(0.28125, firstEnd(pid(0.3).dyadicStepEnds(0.0, 1.0, 0.1)), 0.0);
        // Without the option the end is the proposal itself.
        assertEquals(0.3, firstEnd(pid(0.3)), 0.0);
    }

    @Test
    void laterEndsAreMovedBackFromTheControlLawsProposal() {
        StepControl c = pid(0.3).dyadicStepEnds(0.0, 1.0, 0.25).build().start(flat(100.0), 1.0);
        assertEquals(0.25, c.firstStepEnd(0.0, Y, ZERO), 0.0);
        // ε = 0.5, q = 1, I-control: factor 0.9/0.5 = 1.8, proposal 0.25 + 0.45 = 0.7; window [0.5875, 0.7]
        // holds no multiple of 1/2 or 1/4 and 5/8 = 0.625 is the coarsest.
        assertTrue(c.decide(0.0, 0.25, Y, Y, new double[] {0.5}));
        assertEquals(0.625, c.nextStepEnd(), 0.0);
        // A rejection (ε = 2: factor max(0.9/2, 0.2) = 0.45, proposal 0.25 + 0.16875 = 0.41875, window
        // [0.3765625, 0.41875]) moves back to 3/8 = 0.375? No: 0.375 is below the window; 13/32 = 0.40625.
        assertTrue(!c.decide(0.25, 0.625, Y, Y, new double[] {2.0}));
        assertEquals(0.40625, c.nextStepEnd(), 0.0);
    }

    @Test
    void aMovedStepIsNeverShorterThanDtminAndEndsOutsideTheRangeAreLeftAlone() {
        // dt0 = 0.21 would move to 3/16 = 0.1875 < dtmin = 0.2: the proposal is kept.
        assertEquals(0.21, firstEnd(pid(0.21).stepBounds(0.2, 1.0).dyadicStepEnds(0.0, 1.0, 0.25)), 0.0);
        // A range [0, 1] says nothing about an end at 1.1.
        StepControl c = pid(0.2).dyadicStepEnds(0.0, 1.0, 0.25).build().start(flat(100.0), 1.0);
        assertEquals(1.1, c.firstStepEnd(0.9, Y, ZERO), 1e-15);
    }

    @Test
    void everyAttemptedEndOfARandomSolveIsACoarseDyadicPoint() {
        // Random errors, growing with the step as an order-1 estimate does (ε = h/0.02 times a random factor),
        // drive accepts and rejects; each attempted end (other than t1) must be a dyadic point whose spacing
        // 2^-j exceeds shrink·h/2 (a window of length shrink·h always holds a point of any grid finer than
        // that, so the coarsest point found has a spacing above it).
        SplittableRandom random = new SplittableRandom(7);
        double[] errors = new double[4000];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = Math.exp(random.nextDouble() - 0.5) / 0.02;
        }
        double shrink = 0.25;
        ScriptedSolver solver = new ScriptedSolver((attempt, t0, t1, y0, y1, error) -> Arrays.fill(error, (t1 - t0) * errors[attempt % errors.length]));
        PidController controller = PidController.builder(0.0, 1.0).coefficients(0.1, 0.3, 0.0).stepBounds(1e-4, 1.0)
                .initialStep(0.01).dyadicStepEnds(0.0, 1.0, shrink).build();
        VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(0.0, 1.0).tolerance(5e-5)
                .levyArea(LevyArea.NONE).seed(3).build();
        Solution s = Integrator.builder().solver(solver).controller(controller).saveAt(SaveAt.everyStep())
                .maxSteps(100_000).build().solve(flat(1.0), tree);
        assertEquals(Status.SUCCESS, s.status());
        List<double[]> steps = solver.steps;
        assertTrue(steps.size() > 50, "a solve long enough to mean something: " + steps.size());
        int checked = 0;
        for (double[] st : steps) {
            if (st[1] == 1.0 || st[1] - st[0] < 1e-4 / (1.0 - shrink)) {
                continue; // the end of the solve, or a step so short that moving it back would go below dtmin
            }
            double spacing = spacing(st[1]);
            assertTrue(spacing > shrink * (st[1] - st[0]) / 2.0,
                    "end " + st[1] + " of [" + st[0] + ", " + st[1] + "] has spacing " + spacing);
            checked++;
        }
        assertTrue(checked > 50, "checked " + checked + " of " + steps.size() + " steps, e.g. " + Arrays.toString(steps.get(steps.size() / 2)));
        // The same solve without the option ends its steps at arbitrary points.
        ScriptedSolver plain = new ScriptedSolver((attempt, t0, t1, y0, y1, error) -> Arrays.fill(error, (t1 - t0) * errors[attempt % errors.length]));
        Integrator.builder().solver(plain).controller(PidController.builder(0.0, 1.0).coefficients(0.1, 0.3, 0.0)
                .stepBounds(1e-4, 1.0).initialStep(0.01).build()).maxSteps(100_000).build().solve(flat(1.0), tree);
        long fine = plain.steps.stream().filter(st -> st[1] < 1.0 && spacing(st[1]) < 1e-9).count();
        assertTrue(fine > plain.steps.size() / 2, "without the option most ends are not coarse: " + fine);
    }

    @Test
    void badDyadicArgumentsAreRefusedNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pid(0.1).dyadicStepEnds(Double.NaN, 1.0, 0.25));
        assertTrue(e.getMessage().contains("origin") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> pid(0.1).dyadicStepEnds(0.0, 0.0, 0.25));
        assertTrue(e.getMessage().contains("span") && e.getMessage().contains("0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> pid(0.1).dyadicStepEnds(0.0, Double.POSITIVE_INFINITY, 0.25));
        assertTrue(e.getMessage().contains("span"), e.getMessage());
        for (double shrink : new double[] {0.0, 1.0, -0.1, Double.NaN}) {
            e = assertThrows(IllegalArgumentException.class, () -> pid(0.1).dyadicStepEnds(0.0, 1.0, shrink));
            assertTrue(e.getMessage().contains("shrink") && e.getMessage().contains("(0, 1)"), e.getMessage());
        }
    }

    // ---------------------------------------------------------------- resuming the proposed step

    @Test
    void afterAStepShortenedToASaveTimeTheProposedStepResumes() {
        // ε = 0.95 on every step: accepted, and the law's factor 0.9/0.95 is clipped to 1, so the step size only
        // changes through clipping. Save times every 0.25, dt0 = 0.1.
        double[] withResume = stepSizes(true);
        double[] expected = {0.1, 0.1, 0.05, 0.1, 0.1, 0.05, 0.1, 0.1, 0.05, 0.1, 0.1, 0.05};
        assertEquals(expected.length, withResume.length, Arrays.toString(withResume));
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], withResume[k], 1e-12, "step " + k + " of " + Arrays.toString(withResume));
        }
        // Without it (Diffrax's behaviour) the first clipped step sets the size for the rest of the solve.
        double[] without = stepSizes(false);
        for (int k = 2; k < without.length; k++) {
            assertTrue(without[k] <= 0.05 + 1e-12, "step " + k + " of " + Arrays.toString(without));
        }
        assertTrue(without.length >= 2 + 16, Arrays.toString(without));
        assertNotEquals(withResume.length, without.length);
    }

    private static double[] stepSizes(boolean resume) {
        ScriptedSolver solver = new ScriptedSolver((attempt, t0, t1, y0, y1, error) -> Arrays.fill(error, 0.95));
        PidController controller = pid(0.1).resumeProposedStep(resume).build();
        Integrator.builder().solver(solver).controller(controller).saveAt(SaveAt.times(0.25, 0.5, 0.75, 1.0))
                .build().solve(flat(1.0));
        return solver.steps.stream().mapToDouble(st -> st[1] - st[0]).toArray();
    }

    private static double firstEnd(PidController.Builder builder) {
        return builder.build().start(flat(100.0), 1.0).firstStepEnd(0.0, Y, ZERO);
    }

    /** 2^-j for the smallest j with t·2^j an integer (t a double in (0, 1]). */
    private static double spacing(double t) {
        for (int j = 0; j < 1100; j++) {
            double scaled = Math.scalb(t, j);
            if (scaled == Math.rint(scaled)) {
                return Math.scalb(1.0, -j);
            }
        }
        throw new AssertionError("not a finite dyadic: " + t);
    }
}
