package org.wiener.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.ScriptedSolvers.Counters;
import org.wiener.control.ScriptedSolvers.ErrorScript;
import org.wiener.control.ScriptedSolvers.LoggingPath;
import org.wiener.control.ScriptedSolvers.ScriptedSolver;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.SaveAt;
import org.wiener.integrate.Solution;
import org.wiener.integrate.Status;
import org.wiener.integrate.StepRecord;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;

/**
 * {@link PidController} inside the driver, with a scripted solver whose error estimate (and hence ε,
 * with rtol = 0 and atol = 1) is chosen per attempt: jump times and the solver's reset, the
 * rejected-step buffer (revisiting rejected ends exactly, overflow), the dtmin statuses, the solver's
 * error order, Hairer's initial step and its drift evaluations, and the approach to t1.
 */
class PidControllerDriverTest {

    /** ε = |e| of attempt k from the map, else {@code otherwise}. */
    private static ErrorScript byAttempt(Map<Integer, Double> errors, double otherwise) {
        return (attempt, t0, t1, y0, y1, error) -> Arrays.fill(error, errors.getOrDefault(attempt, otherwise));
    }

    private static ErrorScript constant(double e) {
        return (attempt, t0, t1, y0, y1, error) -> Arrays.fill(error, e);
    }

    private static SdeProblem flat(double t1) {
        return ScriptedSolvers.linearOde(0.0, 1.0, 0.0, t1, null);
    }

    private static Integrator integrator(ScriptedSolver solver, PidController pid) {
        return Integrator.builder().solver(solver).controller(pid).saveAt(SaveAt.everyStep()).recordSteps(true)
                .maxSteps(100_000).build();
    }

    private static VirtualBrownianTree tree(long seed) {
        return VirtualBrownianTree.builder().interval(0.0, 1.0).tolerance(1e-9).levyArea(LevyArea.NONE).seed(seed)
                .build();
    }

    // ---------------------------------------------------------------- jumps

    @Test
    void stepsEndExactlyAtEachJumpAndTheSolverIsResetThere() {
        // Attempt 1 ([0.05, 0.3]) is rejected: a rejected step that ends at a jump must not reset.
        ScriptedSolver solver = new ScriptedSolver(byAttempt(Map.of(1, 5.0), 1e-3));
        PidController pid = PidController.builder(0.0, 1.0).initialStep(0.05).jumpTimes(0.7, 0.3).build();
        Solution s = integrator(solver, pid).solve(flat(1.0));
        assertEquals(Status.SUCCESS, s.status());
        double[] times = s.times();
        assertTrue(contains(times, 0.3) && contains(times, 0.7), Arrays.toString(times));
        for (double[] step : solver.steps) {
            for (double jump : new double[] {0.3, 0.7}) {
                assertFalse(step[0] < jump && jump < step[1], "step " + Arrays.toString(step) + " straddles " + jump);
            }
        }
        assertEquals(List.of(0.0, 0.3, 0.7), solver.resets);
        // The reset at a jump comes after the step that ends there was accepted, before the next step.
        List<String> ev = solver.events;
        int r03 = ev.indexOf("reset@0.3");
        assertTrue(ev.get(r03 - 1).equals("accept") && ev.get(r03 - 2).endsWith(":0.3"), ev.toString());
        assertTrue(ev.get(r03 + 1).startsWith("step@0.3:"), ev.toString());
        int r07 = ev.indexOf("reset@0.7");
        assertTrue(ev.get(r07 - 1).equals("accept") && ev.get(r07 - 2).endsWith(":0.7"), ev.toString());
        assertTrue(ev.get(r07 + 1).startsWith("step@0.7:"), ev.toString());
        assertEquals(1, s.stats().rejectedSteps());
    }

    @Test
    void withoutJumpTimesTheSolverIsResetOnlyAtT0() {
        ScriptedSolver solver = new ScriptedSolver(constant(1e-3));
        integrator(solver, PidController.builder(0.0, 1.0).initialStep(0.05).build()).solve(flat(1.0));
        assertEquals(List.of(0.0), solver.resets);
    }

    // ---------------------------------------------------------------- rejected-step buffer

    @Test
    void aRejectedEndIsLaterSteppedToExactly() {
        // [0, 0.1] rejected (ε = 5 → factor 0.2): next [0, 0.02], accepted with factor 10, so the proposal
        // 0.22 is clipped to the stored 0.1.
        ScriptedSolver with = new ScriptedSolver(byAttempt(Map.of(0, 5.0), 1e-3));
        PidController pid = PidController.builder(0.0, 1.0).errorOrder(1.0).initialStep(0.1).rejectedStepBuffer(1)
                .build();
        Solution s = integrator(with, pid).solve(flat(1.0));
        assertEquals(Status.SUCCESS, s.status());
        assertEquals(0.1, with.steps.get(0)[1]);
        assertEquals(0.0, with.steps.get(1)[0]);
        assertEquals(0.1, with.steps.get(2)[1], "the accepted step lands on the rejected end");
        assertEquals(0.1, s.time(2));

        // Without the buffer the same script steps past it: the test can fail.
        ScriptedSolver without = new ScriptedSolver(byAttempt(Map.of(0, 5.0), 1e-3));
        integrator(without, PidController.builder(0.0, 1.0).errorOrder(1.0).initialStep(0.1).build())
                .solve(flat(1.0));
        assertTrue(without.steps.get(2)[1] > 0.2, Arrays.toString(without.steps.get(2)));
    }

    @Test
    void nestedRejectionsAreRevisitedInOrder() {
        // [0, 0.1] and [0, 0.02] rejected; then [0, 0.004] accepted, and the next steps land on 0.02, then 0.1.
        ScriptedSolver solver = new ScriptedSolver(byAttempt(Map.of(0, 5.0, 1, 5.0), 1e-3));
        PidController pid = PidController.builder(0.0, 1.0).errorOrder(1.0).initialStep(0.1).rejectedStepBuffer(2)
                .build();
        Solution s = integrator(solver, pid).solve(flat(1.0));
        assertEquals(Status.SUCCESS, s.status());
        double rejected2 = solver.steps.get(1)[1];
        assertEquals(rejected2, solver.steps.get(3)[1]);
        assertEquals(0.1, solver.steps.get(4)[1]);
        assertEquals(2, s.stats().rejectedSteps());
    }

    @Test
    void moreConsecutiveRejectionsThanTheBufferEndTheSolve() {
        ScriptedSolver solver = new ScriptedSolver(byAttempt(Map.of(0, 5.0, 1, 5.0), 1e-3));
        PidController pid = PidController.builder(0.0, 1.0).errorOrder(1.0).initialStep(0.1).rejectedStepBuffer(1)
                .build();
        Solution s = integrator(solver, pid).solve(flat(1.0));
        assertEquals(Status.TOO_MANY_REJECTIONS, s.status());
        assertEquals(2, s.stats().attemptedSteps());
        assertEquals(2, s.stats().rejectedSteps());
        assertEquals(1, s.size(), "only the initial state was reached");
        assertEquals(0.0, s.time(0));
    }

    @Test
    void outstandingRejectedEndsBeyondTheBufferEndTheSolveInsteadOfCrashing() {
        // Buffer 1: [0, 0.1] rejected (0.1 stored); [0, 0.02] accepted with factor 1; [0.02, 0.04] rejected,
        // while 0.1 is still outstanding: its end cannot be stored (Diffrax: max_steps_rejected).
        Map<Integer, Double> script = Map.of(0, 5.0, 1, 0.95, 2, 5.0);
        ScriptedSolver one = new ScriptedSolver(byAttempt(script, 1e-3));
        PidController pid1 = PidController.builder(0.0, 1.0).errorOrder(1.0).initialStep(0.1).rejectedStepBuffer(1)
                .build();
        Solution s1 = integrator(one, pid1).solve(flat(1.0));
        assertEquals(Status.TOO_MANY_REJECTIONS, s1.status());
        assertEquals(one.steps.get(1)[1], s1.time(s1.size() - 1), "the last accepted state is kept");

        // Buffer 2: both ends are revisited exactly, the nearer one first.
        ScriptedSolver two = new ScriptedSolver(byAttempt(script, 1e-3));
        PidController pid2 = PidController.builder(0.0, 1.0).errorOrder(1.0).initialStep(0.1).rejectedStepBuffer(2)
                .build();
        Solution s2 = integrator(two, pid2).solve(flat(1.0));
        assertEquals(Status.SUCCESS, s2.status());
        double stored = two.steps.get(2)[1];
        double[] times = s2.times();
        int iStored = indexOf(times, stored);
        int iFirst = indexOf(times, 0.1);
        assertTrue(iStored > 0 && iFirst > iStored, Arrays.toString(times));
    }

    @Test
    void everyRejectedEndIsRevisitedUnderRandomErrors() {
        // ε = 0.5·exp(Z), Z standard normal from a fixed seed: about a quarter of the steps are rejected.
        ErrorScript random = new ErrorScript() {
            private final SplittableRandom rnd = new SplittableRandom(7);
            private final List<Double> drawn = new ArrayList<>();

            @Override
            public void error(int attempt, double t0, double t1, double[] y0, double[] y1, double[] error) {
                while (drawn.size() <= attempt) {
                    double u1 = rnd.nextDouble();
                    double u2 = rnd.nextDouble();
                    drawn.add(0.5 * Math.exp(Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2)));
                }
                Arrays.fill(error, drawn.get(attempt));
            }
        };
        ScriptedSolver solver = new ScriptedSolver(random);
        PidController pid = PidController.builder(0.0, 1.0).errorOrder(1.0).initialStep(0.01).stepBounds(0.0, 0.05)
                .rejectedStepBuffer(64).build();
        Solution s = integrator(solver, pid).solve(flat(10.0));
        assertEquals(Status.SUCCESS, s.status());
        assertTrue(s.stats().rejectedSteps() > 50, "rejections: " + s.stats().rejectedSteps());
        assertEquals(0, violations(solver.steps, s.records()), "every rejected end is the end of an accepted step");

        // The same script without the buffer violates it (so the check discriminates).
        ScriptedSolver plain = new ScriptedSolver(random);
        Solution p = integrator(plain, PidController.builder(0.0, 1.0).errorOrder(1.0).initialStep(0.01)
                .stepBounds(0.0, 0.05).build()).solve(flat(10.0));
        assertTrue(violations(plain.steps, p.records()) > 0);
    }

    /** Rejected ends that no accepted step ends at exactly, plus accepted steps straddling one. */
    private static int violations(List<double[]> steps, List<StepRecord> records) {
        assertEquals(steps.size(), records.size());
        Set<Double> acceptedEnds = new HashSet<>();
        List<double[]> accepted = new ArrayList<>();
        List<Double> rejectedEnds = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            StepRecord r = records.get(i);
            assertEquals(steps.get(i)[0], r.t());
            double end = steps.get(i)[1];
            if (r.accepted()) {
                acceptedEnds.add(end);
                accepted.add(new double[] {r.t(), end});
            } else {
                rejectedEnds.add(end);
            }
        }
        int bad = 0;
        for (double end : rejectedEnds) {
            if (!acceptedEnds.contains(end)) {
                bad++;
            }
            for (double[] a : accepted) {
                if (a[0] < end && end < a[1]) {
                    bad++;
                }
            }
        }
        return bad;
    }

    // ---------------------------------------------------------------- dtmin through the driver

    @Test
    void forcedDtminKeepsGoingAndCountsTheStepsAtDtmin() {
        ScriptedSolver solver = new ScriptedSolver(constant(1e6));
        PidController pid = PidController.builder(0.0, 1.0).stepBounds(0.05, 1.0).initialStep(0.1).build();
        Solution s = integrator(solver, pid).solve(flat(1.0));
        assertEquals(Status.SUCCESS, s.status());
        assertEquals(1, s.stats().rejectedSteps(), "only the first step, above dtmin");
        assertEquals(s.stats().acceptedSteps(), s.stats().stepsAtDtmin());
        assertTrue(s.stats().acceptedSteps() >= 20);
        assertEquals(1.0, s.time(s.size() - 1));
    }

    @Test
    void unforcedDtminEndsTheSolveKeepingTheLastAcceptedState() {
        // three accepted steps of 0.1 (ε = 0.99: factor 1), then a rejection that would go below dtmin
        ScriptedSolver solver = new ScriptedSolver(byAttempt(Map.of(3, 1e6), 0.99));
        PidController pid = PidController.builder(0.0, 1.0).stepBounds(0.05, 1.0).forceDtmin(false)
                .initialStep(0.1).build();
        Solution s = Integrator.builder().solver(solver).controller(pid).build()
                .solve(ScriptedSolvers.linearOde(-1.0, 1.0, 0.0, 1.0, null));
        assertEquals(Status.DTMIN_REACHED, s.status());
        assertEquals(2, s.size());
        assertEquals(solver.steps.get(2)[1], s.time(1), 0.0);
        double expected = 1.0;
        for (int k = 0; k < 3; k++) {
            double[] st = solver.steps.get(k);
            expected = expected + (st[1] - st[0]) * (-expected);
        }
        assertEquals(expected, s.finalState()[0], 0.0);
        assertEquals(4, s.stats().attemptedSteps());
        assertTrue(s.message().contains("DTMIN"), s.message());
    }

    // ---------------------------------------------------------------- the solver's error order

    /** A scripted solver with strong order 1 on every noise class and ODE order 2. */
    private static ScriptedSolver uniformOrders(ErrorScript script) {
        return new ScriptedSolver(ScriptedSolvers.properties("uniform").orders(1.0, 1.0, 1.0, 1.0).build(), script);
    }

    @Test
    void errorOrderIsTheOdeOrderOnOdesAndStrongOrderPlusHalfOnSdes() {
        // ε = 0.1 on every step from dt0 = 0.01: the second step is 0.01·0.9·10^(1/q). The solver has strong
        // order 1 on every noise class (so q = 1.5 on any SDE) and ODE order 2.
        double ode = secondStep(flat(1.0), null, null);
        assertEquals(0.01 * 0.9 * Math.pow(10.0, 1.0 / 2.0), ode, 1e-15, "ODE: q = odeOrder = 2");
        double scalar = secondStep(ScriptedSolvers.gbm(0.5, 0.8, 1.0, null), tree(1), null);
        assertEquals(0.01 * 0.9 * Math.pow(10.0, 1.0 / 1.5), scalar, 1e-15, "SDE: q = 1 + 0.5");
        assertEquals(0.01 * 0.9 * Math.pow(10.0, 1.0 / 3.0), secondStep(flat(1.0), null, 3.0), 1e-15,
                "override q = 3 on an ODE");
        assertEquals(0.01 * 0.9 * Math.pow(10.0, 1.0 / 3.0),
                secondStep(ScriptedSolvers.gbm(0.5, 0.8, 1.0, null), tree(1), 3.0), 1e-15, "override q = 3 on an SDE");
        // whatever the solver declares, the driver hands the controller properties().errorOrder(noise class)
        ScriptedSolver mixed = new ScriptedSolver(constant(0.1));
        SdeProblem general = ScriptedSolvers.gbm(0.5, 0.8, 1.0, null).toBuilder()
                .diffusion((t, y, out) -> out[0] = 0.8 * y[0], NoiseType.GENERAL, 1).build();
        integrator(mixed, PidController.builder(0.0, 1.0).initialStep(0.01).build()).solve(general, tree(1));
        double q = mixed.properties().errorOrder(NoiseType.GENERAL);
        assertEquals(0.01 * 0.9 * Math.pow(10.0, 1.0 / q), mixed.steps.get(1)[1] - mixed.steps.get(1)[0], 1e-15);
    }

    private static double secondStep(SdeProblem problem, VirtualBrownianTree path, Double order) {
        ScriptedSolver solver = uniformOrders(constant(0.1));
        PidController.Builder b = PidController.builder(0.0, 1.0).initialStep(0.01);
        if (order != null) {
            b.errorOrder(order);
        }
        integrator(solver, b.build()).solve(problem, path);
        double[] second = solver.steps.get(1);
        return second[1] - second[0];
    }

    // ---------------------------------------------------------------- initial step through the driver

    @Test
    void hairerInitialStepOnAnOdeAndItsDriftEvaluationsAreCounted() {
        Counters counters = new Counters();
        SdeProblem problem = ScriptedSolvers.linearOde(3.0, 2.0, 0.0, 1.0, counters);
        ScriptedSolver solver = new ScriptedSolver(constant(1e-5));
        Solution s = integrator(solver, PidController.builder(1e-3, 1e-6).build()).solve(problem);
        double scale = 1e-6 + 2e-3; // see PidControllerTest: dt0 = (0.01·s/18)^(1/2) with q = 2
        assertEquals(Math.sqrt(0.01 * scale / 18.0), s.records().get(0).h(), 1e-12 * 1.1e-3);
        long attempted = s.stats().attemptedSteps();
        assertEquals(attempted + 2, s.stats().driftEvaluations(), "one per step plus two for the first step");
        assertEquals(counters.drift.get(), s.stats().driftEvaluations());
        assertEquals(0, s.stats().brownianQueries());
    }

    @Test
    void hairerInitialStepOnAnSdeUsesTheDriftOnlyAndNeverThePath() {
        // dy = 0.5 y dt + 0.8 y∘dW, y0 = 1, rtol 1e-3, atol 1e-6, q = 1.5 (strong order 1):
        // s = 1e-6 + 1e-3, d0 = 1/s, d1 = 0.5/s, h0 = 0.02, d2 = 0.25/s, h1 = (0.01·s/0.5)^(1/1.5).
        Counters counters = new Counters();
        SdeProblem problem = ScriptedSolvers.gbm(0.5, 0.8, 1.0, counters);
        LoggingPath path = new LoggingPath(tree(3));
        ScriptedSolver solver = uniformOrders(constant(1e-5));
        Solution s = integrator(solver, PidController.builder(1e-3, 1e-6).build()).solve(problem, path);
        double scale = 1e-6 + 1e-3;
        double h = Math.pow(0.01 * scale / 0.5, 1.0 / 1.5);
        assertEquals(h, path.queries.get(0)[1] - path.queries.get(0)[0], 1e-12 * h);
        assertEquals(0.0, path.queries.get(0)[0]);
        long attempted = s.stats().attemptedSteps();
        assertEquals(attempted, path.queries.size(), "the initial step asked the path nothing");
        assertEquals(attempted, s.stats().brownianQueries());
        assertEquals(attempted + 2, s.stats().driftEvaluations());
        assertEquals(counters.drift.get(), s.stats().driftEvaluations());
        assertEquals(counters.diffusion.get(), s.stats().diffusionEvaluations());
    }

    // ---------------------------------------------------------------- approaching t1

    @Test
    void aRejectedStepNearT1IsHalvedRatherThanRetriedAtTheSameSize() {
        // A save time 20 ulp below t1 = 1 makes the driver stand within 100 ulp of t1. The solver rejects any
        // step from there longer than 12 ulp. Diffrax (step-control.md §1) then halves towards t1; retrying the same
        // step [s, t1] would be rejected forever.
        double ulp = Math.ulp(1.0);
        double save = 1.0 - 20 * ulp;
        ErrorScript script = (attempt, t0, t1, y0, y1, error) ->
                Arrays.fill(error, t0 >= save && t1 - t0 > 12 * ulp ? 5.0 : 1e-3);
        ScriptedSolver solver = new ScriptedSolver(script);
        PidController pid = PidController.builder(0.0, 1.0).initialStep(0.25).build();
        Solution s = Integrator.builder().solver(solver).controller(pid).saveAt(SaveAt.times(save)).maxSteps(500)
                .build().solve(flat(1.0));
        assertEquals(Status.SUCCESS, s.status(), s.message());
        assertEquals(3, s.size());
        assertEquals(save, s.time(1));
        assertEquals(1.0, s.time(2));
    }

    private static boolean contains(double[] a, double v) {
        return indexOf(a, v) >= 0;
    }

    private static int indexOf(double[] a, double v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
