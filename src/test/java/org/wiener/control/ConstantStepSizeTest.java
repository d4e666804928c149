package org.wiener.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.SaveAt;
import org.wiener.integrate.Solution;
import org.wiener.integrate.Status;
import org.wiener.integrate.StepRecord;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.Euler;

/**
 * {@link ConstantStepSize} and {@link StepTo} (step-control.md §3): N = ⌈(t1 − t0)/nextUp(dt)⌉ steps
 * ending at t0 + (t1 − t0)·k/N computed from k (exact doubles), StepTo's exact step ends and its
 * refusals, and exact save times under constant steps.
 */
class ConstantStepSizeTest {

    private static double[] solveTimes(StepSizeController controller, double t0, double t1, SaveAt saveAt) {
        Solution s = Integrator.builder().solver(new Euler()).controller(controller).saveAt(saveAt).build()
                .solve(ScriptedSolvers.linearOde(-1.0, 1.0, t0, t1, null));
        assertEquals(Status.SUCCESS, s.status());
        return s.times();
    }

    /** The grid the reference prescribes, written out. */
    private static double[] expectedGrid(double t0, double t1, int n) {
        double[] g = new double[n + 1];
        for (int k = 0; k < n; k++) {
            g[k] = t0 + (t1 - t0) * k / n;
        }
        g[n] = t1;
        return g;
    }

    @Test
    void stepCountUsesNextUpSoThatRoundingAddsNoTinyStep() {
        // (t1 − t0)/dt is 10, 7.000000000000001, 7.000000000000001 and 3.0000000000000004 in doubles;
        // without nextUp the last three would take 8, 8 and 4 steps.
        double[][] cases = {{0.0, 1.0, 0.1, 10}, {0.0, 2.1, 0.3, 7}, {0.0, 0.07, 0.01, 7},
            {0.0, 0.30000000000000004, 0.1, 3}, {1.5, 3.7, 0.25, 9}, {-1.0, 1.0, 0.1, 20}, {0.0, 1.0, 2.0, 1}};
        for (double[] c : cases) {
            int n = (int) c[3];
            assertEquals(n, (int) Math.ceil((c[1] - c[0]) / Math.nextUp(c[2])), "the formula itself");
            double[] times = solveTimes(new ConstantStepSize(c[2]), c[0], c[1], SaveAt.everyStep());
            assertArrayEquals(expectedGrid(c[0], c[1], n), times, 0.0, "t0=" + c[0] + " t1=" + c[1] + " dt=" + c[2]);
        }
        assertTrue(Math.ceil(2.1 / 0.3) == 8.0, "the plain quotient would add a step");
    }

    @Test
    void stepEndsAreComputedFromTheIndexNotAccumulated() {
        double[] times = solveTimes(new ConstantStepSize(0.1), 0.0, 1.0, SaveAt.everyStep());
        assertEquals(11, times.length);
        assertEquals(0.3, times[3], 0.0);
        assertEquals(0.7, times[7], 0.0);
        assertEquals(1.0, times[10], 0.0);
        double accumulated = 0.0;
        for (int k = 0; k < 3; k++) {
            accumulated += 0.1;
        }
        assertNotEquals(accumulated, times[3], 0.0, "accumulation would give 0.30000000000000004");
    }

    @Test
    void gridControlProposesTheGridAndAcceptsEverything() {
        SdeProblem p = ScriptedSolvers.linearOde(0.0, 1.0, 0.0, 1.0, null);
        StepControl c = new ConstantStepSize(0.25).start(p, 1.0);
        double[] y = {1.0};
        assertEquals(0.25, c.firstStepEnd(0.0, y, (t, yy, out) -> {
            throw new AssertionError("a constant step never evaluates the drift");
        }));
        assertTrue(c.decide(0.0, 0.25, y, y, null));
        assertEquals(0.5, c.nextStepEnd());
        assertTrue(Double.isNaN(c.scaledError()));
        // a step clipped by the driver (to a save time) does not skip grid points
        assertTrue(c.decide(0.25, 0.4, y, y, null));
        assertEquals(0.5, c.nextStepEnd());
        assertTrue(c.decide(0.4, 0.5, y, y, new double[] {1e9}));
        assertEquals(0.75, c.nextStepEnd());
        assertEquals(null, c.failure());
        assertEquals(false, c.atDtmin());
        assertEquals(false, new ConstantStepSize(0.1).isAdaptive());
    }

    @Test
    void saveTimesUnderConstantStepsAreHitExactly() {
        double third = 1.0 / 3.0;
        double[] times = solveTimes(new ConstantStepSize(0.1), 0.0, 1.0, SaveAt.times(0.25, third, 0.5));
        assertArrayEquals(new double[] {0.0, 0.25, third, 0.5, 1.0}, times, 0.0);
        // t0 and t1 among the save times are not duplicated
        assertArrayEquals(new double[] {0.0, 0.25, 1.0},
                solveTimes(new ConstantStepSize(0.1), 0.0, 1.0, SaveAt.times(0.0, 0.25, 1.0)), 0.0);
        // the states are those of the clipped step sequence 0, .1, .2, .25, .3, 1/3, .4, .5, ..., 1
        Solution s = Integrator.builder().solver(new Euler()).controller(new ConstantStepSize(0.1))
                .saveAt(SaveAt.times(0.25, third)).recordSteps(true).build()
                .solve(ScriptedSolvers.linearOde(-1.0, 1.0, 0.0, 1.0, null));
        double[] ends = {0.1, 0.2, 0.25, 0.3, third, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
        assertEquals(ends.length, s.stats().attemptedSteps(), "10 grid steps plus 2 clipped ones");
        double y = 1.0;
        double t = 0.0;
        for (int k = 0; k < ends.length; k++) {
            StepRecord r = s.records().get(k);
            assertEquals(t, r.t(), 0.0);
            assertEquals(ends[k] - t, r.h(), 0.0);
            y = y + (ends[k] - t) * (-y);
            t = ends[k];
            if (k == 2) {
                assertEquals(y, s.state(1)[0], 0.0);
            }
            if (k == 4) {
                assertEquals(y, s.state(2)[0], 0.0);
            }
        }
        assertEquals(y, s.finalState()[0], 0.0);
    }

    @Test
    void stepToHitsTheGivenTimesExactly() {
        double[] grid = {0.0, 0.1, 0.35, 1.0 / 3.0 + 0.1, 0.5, 0.999, 1.0};
        assertArrayEquals(grid, solveTimes(new StepTo(grid), 0.0, 1.0, SaveAt.everyStep()), 0.0);
        double[] shifted = {-2.0, -1.5, 0.25, 3.0};
        assertArrayEquals(shifted, solveTimes(new StepTo(shifted), -2.0, 3.0, SaveAt.everyStep()), 0.0);
        // StepTo with save times between its points: the save times are added, the grid still hit
        Solution s = Integrator.builder().solver(new Euler()).controller(new StepTo(0.0, 0.35, 0.5, 1.0))
                .saveAt(SaveAt.times(0.2, 0.35)).recordSteps(true).build()
                .solve(ScriptedSolvers.linearOde(-1.0, 1.0, 0.0, 1.0, null));
        assertArrayEquals(new double[] {0.0, 0.2, 0.35, 1.0}, s.times(), 0.0);
        assertArrayEquals(new double[] {0.0, 0.2, 0.35, 0.5},
                s.records().stream().mapToDouble(StepRecord::t).toArray(), 0.0);
    }

    @Test
    void stepToRefusesAGridThatDoesNotSpanTheProblem() {
        Integrator notAtT0 = Integrator.builder().solver(new Euler()).controller(new StepTo(0.1, 0.5, 1.0)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> notAtT0.solve(ScriptedSolvers.linearOde(-1.0, 1.0, 0.0, 1.0, null)));
        assertTrue(e.getMessage().contains("start at t0=0.0"), e.getMessage());
        Integrator notAtT1 = Integrator.builder().solver(new Euler()).controller(new StepTo(0.0, 0.5, 0.9)).build();
        e = assertThrows(IllegalArgumentException.class,
                () -> notAtT1.solve(ScriptedSolvers.linearOde(-1.0, 1.0, 0.0, 1.0, null)));
        assertTrue(e.getMessage().contains("end at t1=1.0"), e.getMessage());
    }

    @Test
    void badArgumentsAreRefused() {
        for (double dt : new double[] {0.0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ConstantStepSize(dt));
            assertTrue(e.getMessage().contains("dt"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new StepTo(0.0)).getMessage()
                .contains("at least t0 and t1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new StepTo(0.0, 0.5, 0.5, 1.0)).getMessage()
                .contains("increase strictly"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new StepTo(0.0, 0.7, 0.5, 1.0)).getMessage()
                .contains("increase strictly"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new StepTo(0.0, Double.NaN, 1.0)).getMessage()
                .contains("finite"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new StepTo((double[]) null)).getMessage()
                .contains("null"));
        // too many steps
        Integrator huge = Integrator.builder().solver(new Euler()).controller(new ConstantStepSize(1e-12)).build();
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> huge.solve(ScriptedSolvers.linearOde(-1.0, 1.0, 0.0, 1.0, null))).getMessage().contains("dt="));
    }

    @Test
    void stepToCopiesItsInput() {
        double[] grid = {0.0, 0.5, 1.0};
        StepTo stepTo = new StepTo(grid);
        grid[1] = 0.75;
        assertArrayEquals(new double[] {0.0, 0.5, 1.0}, solveTimes(stepTo, 0.0, 1.0, SaveAt.everyStep()), 0.0);
    }
}
