package org.wiener.integrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.ConstantStepSize;
import org.wiener.control.PidController;
import org.wiener.control.ScriptedSolvers;
import org.wiener.control.ScriptedSolvers.Counters;
import org.wiener.control.ScriptedSolvers.HeunWithError;
import org.wiener.control.ScriptedSolvers.LoggingPath;
import org.wiener.control.ScriptedSolvers.ScriptedSolver;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.Euler;

/**
 * The driver loop: statistics counted where the work happens, the save plans, step records and the
 * observer, the early-stop statuses (each keeping the last accepted state), and Euler under constant
 * steps against the closed-form recursion.
 */
class IntegratorTest {

    private static VirtualBrownianTree tree(long seed) {
        return VirtualBrownianTree.builder().interval(0.0, 1.0).tolerance(1e-8).levyArea(LevyArea.NONE).seed(seed)
                .build();
    }

    private static SdeProblem decay(double t1) {
        return ScriptedSolvers.linearOde(-1.0, 1.0, 0.0, t1, null);
    }

    // ---------------------------------------------------------------- statistics

    @Test
    void statisticsOfAnAdaptiveSdeSolveCountEverythingWhereItHappens() {
        Counters counters = new Counters();
        SdeProblem problem = ScriptedSolvers.gbm(0.5, 0.8, 1.0, counters);
        LoggingPath path = new LoggingPath(tree(11));
        Solution s = Integrator.builder().solver(new HeunWithError())
                .controller(PidController.builder(1e-4, 1e-6).coefficients(0.1, 0.3, 0.0).build())
                .build().solve(problem, path);
        assertEquals(Status.SUCCESS, s.status());
        SolveStatistics st = s.stats();
        assertTrue(st.rejectedSteps() > 0, "the tolerance is tight enough to reject: " + st);
        assertEquals(st.attemptedSteps(), st.acceptedSteps() + st.rejectedSteps());
        assertEquals(counters.drift.get(), st.driftEvaluations(), "drift counted at the problem");
        assertEquals(counters.diffusion.get(), st.diffusionEvaluations());
        assertEquals(2 * st.attemptedSteps() + 2, st.driftEvaluations(), "2 per attempt + 2 for Hairer's dt0");
        assertEquals(2 * st.attemptedSteps(), st.diffusionEvaluations());
        assertEquals(st.attemptedSteps(), st.brownianQueries());
        assertEquals(st.attemptedSteps(), path.queries.size());
        assertEquals(0, st.derivativeEvaluations());
        assertEquals(0, st.stepsAtDtmin());
    }

    @Test
    void statisticsOfAnOdeSolveHaveNoBrownianQueries() {
        Counters counters = new Counters();
        Solution s = Integrator.builder().solver(new HeunWithError())
                .controller(PidController.builder(1e-6, 1e-9).initialStep(0.1).build())
                .build().solve(ScriptedSolvers.linearOde(-3.0, 1.0, 0.0, 2.0, counters));
        SolveStatistics st = s.stats();
        assertTrue(st.rejectedSteps() > 0, st.toString());
        assertEquals(st.attemptedSteps(), st.acceptedSteps() + st.rejectedSteps());
        assertEquals(2 * st.attemptedSteps(), st.driftEvaluations(), "a given dt0 costs no evaluations");
        assertEquals(counters.drift.get(), st.driftEvaluations());
        assertEquals(0, st.diffusionEvaluations());
        assertEquals(0, st.brownianQueries());
    }

    @Test
    void constantStepSdeStatistics() {
        Counters counters = new Counters();
        Solution s = Integrator.builder().solver(new ScriptedSolver((a, t0, t1, y0, y1, e) -> { }))
                .controller(new ConstantStepSize(0.01)).build()
                .solve(ScriptedSolvers.gbm(0.5, 0.8, 1.0, counters), tree(2));
        SolveStatistics st = s.stats();
        assertEquals(100, st.attemptedSteps());
        assertEquals(100, st.acceptedSteps());
        assertEquals(0, st.rejectedSteps());
        assertEquals(100, st.brownianQueries());
        assertEquals(counters.drift.get(), st.driftEvaluations());
        assertEquals(100, st.driftEvaluations(), "no initial-step evaluations with constant steps");
        assertEquals(100, st.diffusionEvaluations());
    }

    // ---------------------------------------------------------------- save plans

    @Test
    void saveAtEndKeepsT0AndT1Only() {
        Solution s = Integrator.builder().solver(new Euler()).controller(new ConstantStepSize(0.1)).build()
                .solve(decay(1.0));
        assertArrayEquals(new double[] {0.0, 1.0}, s.times(), 0.0);
        assertEquals(1.0, s.state(0)[0]);
        assertEquals(s.finalState()[0], s.state(1)[0]);
    }

    @Test
    void saveAtEveryStepKeepsEveryAcceptedStepEnd() {
        ScriptedSolver solver = new ScriptedSolver(
                (a, t0, t1, y0, y1, e) -> Arrays.fill(e, a % 3 == 1 ? 5.0 : 0.3));
        Solution s = Integrator.builder().solver(solver)
                .controller(PidController.builder(0.0, 1.0).initialStep(0.05).stepBounds(0.0, 0.2).build())
                .saveAt(SaveAt.everyStep()).build().solve(decay(1.0));
        List<Double> acceptedEnds = new ArrayList<>();
        acceptedEnds.add(0.0);
        for (int k = 0; k < solver.steps.size(); k++) {
            if (k % 3 != 1) {
                acceptedEnds.add(solver.steps.get(k)[1]);
            }
        }
        assertEquals(acceptedEnds.size(), s.size());
        for (int k = 0; k < s.size(); k++) {
            assertEquals(acceptedEnds.get(k), s.time(k), 0.0);
        }
        assertEquals(1.0, s.time(s.size() - 1));
    }

    @Test
    void saveAtTimesUnderAdaptiveStepsHitsEachTimeExactly() {
        double[] save = {0.0, 0.1, 1.0 / 3.0, 0.5, Math.PI / 4, 1.0};
        Solution s = Integrator.builder().solver(new HeunWithError())
                .controller(PidController.builder(1e-6, 1e-9).build())
                .saveAt(SaveAt.times(save)).build().solve(decay(1.0));
        assertArrayEquals(save, s.times(), 0.0);
        for (int k = 0; k < save.length; k++) {
            assertEquals(Math.exp(-save[k]), s.state(k)[0], 1e-5, "t = " + save[k]);
        }
    }

    @Test
    void saveTimesBetweenStepsOnAnSdeAreHitExactly() {
        double[] save = {0.123, 0.5, 0.987654321};
        Solution s = Integrator.builder().solver(new HeunWithError())
                .controller(PidController.builder(1e-3, 1e-6).build())
                .saveAt(SaveAt.times(save)).build().solve(ScriptedSolvers.gbm(0.5, 0.8, 1.0, null), tree(4));
        assertArrayEquals(new double[] {0.0, 0.123, 0.5, 0.987654321, 1.0}, s.times(), 0.0);
    }

    @Test
    void aSaveTimeWithinAHundredUlpOfT1IsStillSaved() {
        double late = Math.nextDown(1.0);
        Solution s = Integrator.builder().solver(new Euler()).controller(new ConstantStepSize(0.25))
                .saveAt(SaveAt.times(0.5, late)).build().solve(decay(1.0));
        assertArrayEquals(new double[] {0.0, 0.5, late, 1.0}, s.times(), 0.0);
    }

    @Test
    void saveTimesOutsideTheIntervalAreRefused() {
        Integrator integrator = Integrator.builder().solver(new Euler()).controller(new ConstantStepSize(0.1))
                .saveAt(SaveAt.times(0.5, 1.5)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> integrator.solve(decay(1.0)));
        assertTrue(e.getMessage().contains("1.5") && e.getMessage().contains("[t0, t1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SaveAt.times(0.5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> SaveAt.times(Double.NaN));
        double[] times = {0.1, 0.2};
        SaveAt saveAt = SaveAt.times(times);
        times[0] = 0.15;
        assertArrayEquals(new double[] {0.1, 0.2}, saveAt.times(), 0.0, "SaveAt copies its input");
    }

    // ---------------------------------------------------------------- records and observer

    @Test
    void recordsAndObserverSeeEveryAttemptedStep() {
        // ε = |e| with atol = 1, rtol = 0; every third attempt is rejected; the error differs per attempt,
        // so a record that kept the driver's live buffer would show the last error everywhere.
        Map<Integer, Double> rejected = Map.of(1, 3.0, 4, 2.0, 7, 1.5);
        ScriptedSolver solver = new ScriptedSolver(
                (a, t0, t1, y0, y1, e) -> Arrays.fill(e, rejected.getOrDefault(a, 0.01 * (a + 1))));
        List<double[]> observed = new ArrayList<>();
        StepObserver observer = (t, h, accepted, eps, error, stiffness) ->
                observed.add(new double[] {t, h, accepted ? 1 : 0, eps, error[0], stiffness});
        Solution s = Integrator.builder().solver(solver)
                .controller(PidController.builder(0.0, 1.0).initialStep(0.01).stepBounds(0.0, 0.1).build())
                .recordSteps(true).observer(observer).build().solve(decay(1.0));
        List<StepRecord> records = s.records();
        long attempted = s.stats().attemptedSteps();
        assertEquals(attempted, records.size());
        assertEquals(attempted, observed.size(), "the observer is called once per attempted step");
        assertEquals(attempted, solver.steps.size());
        assertEquals(s.stats().acceptedSteps(), solver.accepts.get(), "stepper.accept() once per accepted step");
        for (int k = 0; k < attempted; k++) {
            StepRecord r = records.get(k);
            double[] step = solver.steps.get(k);
            double e = rejected.getOrDefault(k, 0.01 * (k + 1));
            assertEquals(step[0], r.t(), 0.0);
            assertEquals(step[1] - step[0], r.h(), 0.0);
            assertEquals(!rejected.containsKey(k), r.accepted(), "step " + k);
            assertEquals(e, r.scaledError(), 1e-15 * e);
            assertArrayEquals(new double[] {e}, r.error(), 0.0);
            assertEquals(1000.0 + step[0], r.stiffness(), 0.0);
            double[] o = observed.get(k);
            assertArrayEquals(new double[] {r.t(), r.h(), r.accepted() ? 1 : 0, r.scaledError(), e, r.stiffness()}, o,
                    0.0);
        }
        StepRecord first = records.get(0);
        double[] copy = first.error();
        copy[0] = 99.0;
        assertEquals(0.01, first.error()[0], 0.0, "error() returns a copy");
        assertNotSame(first.error(), first.error());
        assertThrows(UnsupportedOperationException.class, () -> s.records().clear());
    }

    @Test
    void recordsOfConstantStepsWithoutErrorEstimate() {
        Solution s = Integrator.builder().solver(new Euler()).controller(new ConstantStepSize(0.25)).recordSteps(true)
                .build().solve(decay(1.0));
        assertEquals(4, s.records().size());
        for (StepRecord r : s.records()) {
            assertTrue(r.accepted());
            assertTrue(Double.isNaN(r.scaledError()));
            assertTrue(Double.isNaN(r.stiffness()));
            assertArrayEquals(new double[] {0.0}, r.error(), 0.0);
        }
        Solution none = Integrator.builder().solver(new Euler()).controller(new ConstantStepSize(0.25)).build()
                .solve(decay(1.0));
        assertTrue(none.records().isEmpty(), "nothing recorded unless asked");
    }

    // ---------------------------------------------------------------- statuses

    @Test
    void stepLimitKeepsTheLastAcceptedStateAsTheFinalEntry() {
        Solution s = Integrator.builder().solver(new Euler()).controller(new ConstantStepSize(0.1)).maxSteps(3)
                .build().solve(decay(1.0));
        assertEquals(Status.STEP_LIMIT_REACHED, s.status());
        assertArrayEquals(new double[] {0.0, 0.3}, s.times(), 0.0);
        double y = 1.0;
        double[] ends = {0.1, 0.2, 0.3};
        double t = 0.0;
        for (double end : ends) {
            y = y + (end - t) * (-y);
            t = end;
        }
        assertEquals(y, s.finalState()[0], 0.0);
        assertEquals(3, s.stats().attemptedSteps());
        assertTrue(s.message().contains("maxSteps = 3"), s.message());

        // with everyStep the last accepted state is already the last entry: not duplicated
        Solution every = Integrator.builder().solver(new Euler()).controller(new ConstantStepSize(0.1)).maxSteps(3)
                .saveAt(SaveAt.everyStep()).build().solve(decay(1.0));
        assertArrayEquals(new double[] {0.0, 0.1, 0.2, 0.3}, every.times(), 0.0);

        // a limit reached while rejecting at t0: the solution is the initial state alone
        ScriptedSolver rejecting = new ScriptedSolver((a, t0, t1, y0, y1, e) -> Arrays.fill(e, 10.0));
        Solution stuck = Integrator.builder().solver(rejecting)
                .controller(PidController.builder(0.0, 1.0).initialStep(0.1).build()).maxSteps(5).build()
                .solve(decay(1.0));
        assertEquals(Status.STEP_LIMIT_REACHED, stuck.status());
        assertEquals(1, stuck.size());
        assertEquals(5, stuck.stats().rejectedSteps());

        // exactly enough steps is a success
        assertEquals(Status.SUCCESS, Integrator.builder().solver(new Euler()).controller(new ConstantStepSize(0.1))
                .maxSteps(10).build().solve(decay(1.0)).status());
    }

    @Test
    void nonFiniteStateEndsTheSolveKeepingTheStatesBefore() {
        SdeProblem problem = SdeProblem.builder()
                .drift((t, y, out) -> out[0] = t > 0.5 ? Double.NaN : -y[0])
                .initialState(1.0).interval(0.0, 1.0).build();
        Solution every = Integrator.builder().solver(new Euler()).controller(new ConstantStepSize(0.1))
                .saveAt(SaveAt.everyStep()).build().solve(problem);
        assertEquals(Status.NON_FINITE_STATE, every.status());
        // f(0.6) is the first NaN: the step [0.6, 0.7] fails; states up to 0.6 are kept
        assertArrayEquals(new double[] {0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, every.times(), 0.0);
        for (int k = 0; k < every.size(); k++) {
            assertTrue(Double.isFinite(every.state(k)[0]));
        }
        assertEquals(Math.pow(0.9, 6), every.finalState()[0], 1e-15);
        assertTrue(every.message().contains("0.6"), every.message());

        Solution end = Integrator.builder().solver(new Euler()).controller(new ConstantStepSize(0.1)).build()
                .solve(problem);
        assertEquals(Status.NON_FINITE_STATE, end.status());
        assertArrayEquals(new double[] {0.0, 0.6}, end.times(), 0.0);
        assertEquals(every.finalState()[0], end.finalState()[0], 0.0);
        assertEquals(7, end.stats().attemptedSteps());
    }

    @Test
    void dtminReachedWithUnforcedDtmin() {
        ScriptedSolver solver = new ScriptedSolver((a, t0, t1, y0, y1, e) -> Arrays.fill(e, a < 2 ? 0.5 : 50.0));
        Solution s = Integrator.builder().solver(solver)
                .controller(PidController.builder(0.0, 1.0).initialStep(0.1).stepBounds(0.05, 1.0).forceDtmin(false)
                        .build())
                .build().solve(decay(1.0));
        assertEquals(Status.DTMIN_REACHED, s.status());
        assertEquals(2, s.size());
        assertEquals(solver.steps.get(1)[1], s.time(1), 0.0, "the end of the last accepted step");
    }

    @Test
    void stepSizeUnderflowWithoutDtminEndsWithDtminReached() {
        // every step is rejected (NaN error): the step shrinks by 0.2 until t + h == t
        ScriptedSolver solver = new ScriptedSolver((a, t0, t1, y0, y1, e) -> Arrays.fill(e, Double.NaN));
        Solution s = Integrator.builder().solver(solver)
                .controller(PidController.builder(1e-3, 1e-6).initialStep(0.1).build()).build()
                .solve(ScriptedSolvers.linearOde(-1.0, 1.0, 1.0, 2.0, null));
        assertEquals(Status.DTMIN_REACHED, s.status());
        assertTrue(s.stats().attemptedSteps() < 40, s.stats().toString());
        assertEquals(0, s.stats().acceptedSteps());
        assertArrayEquals(new double[] {1.0}, s.times(), 0.0);
    }

    // ---------------------------------------------------------------- Euler against its recursion

    @Test
    void eulerOnDecayMatchesTheClosedFormRecursion() {
        Solution s = Integrator.builder().solver(new Euler()).controller(new ConstantStepSize(0.1))
                .saveAt(SaveAt.everyStep()).build().solve(decay(1.0));
        assertEquals(11, s.size());
        for (int k = 0; k <= 10; k++) {
            assertEquals(Math.pow(0.9, k), s.state(k)[0], 1e-15, "k = " + k);
        }
        // 100 steps: each step rounds at most twice (relative 2^-53 each), so |error| ≤ 200·2^-53·y ≈ 1e-14·y
        Solution fine = Integrator.builder().solver(new Euler()).controller(new ConstantStepSize(0.01)).build()
                .solve(decay(1.0));
        assertEquals(Math.pow(0.99, 100), fine.finalState()[0], 1e-14 * Math.pow(0.99, 100));
    }

    // ---------------------------------------------------------------- builder

    @Test
    void builderRequiresSolverAndController() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Integrator.builder().controller(new ConstantStepSize(0.1)).build()).getMessage()
                .contains("solver"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Integrator.builder().solver(new Euler()).build()).getMessage().contains("controller"));
        assertThrows(IllegalArgumentException.class, () -> Integrator.builder().maxSteps(0));
        assertThrows(IllegalArgumentException.class, () -> Integrator.builder().saveAt(null));
        assertThrows(IllegalArgumentException.class, () -> Integrator.builder().solver(null));
        Integrator integrator = Integrator.builder().solver(new Euler()).controller(new ConstantStepSize(0.1)).build();
        assertThrows(IllegalArgumentException.class, () -> integrator.solve(null));
    }

    @Test
    void oneIntegratorServesManySolvesWithoutSharedState() {
        Integrator integrator = Integrator.builder().solver(new HeunWithError())
                .controller(PidController.builder(1e-4, 1e-6).build()).saveAt(SaveAt.everyStep()).build();
        Solution a = integrator.solve(ScriptedSolvers.gbm(0.5, 0.8, 1.0, null), tree(5));
        Solution b = integrator.solve(ScriptedSolvers.gbm(0.5, 0.8, 1.0, null), tree(6));
        Solution a2 = integrator.solve(ScriptedSolvers.gbm(0.5, 0.8, 1.0, null), tree(5));
        assertArrayEquals(a.times(), a2.times(), 0.0);
        assertArrayEquals(a.finalState(), a2.finalState(), 0.0);
        assertEquals(a.stats(), a2.stats());
        assertTrue(a.finalState()[0] != b.finalState()[0]);
    }
}
