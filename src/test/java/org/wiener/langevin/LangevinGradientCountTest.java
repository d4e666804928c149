package org.wiener.langevin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.ConstantStepSize;
import org.wiener.control.PidController;
import org.wiener.control.StepSizeController;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.SaveAt;
import org.wiener.integrate.SolveStatistics;
import org.wiener.integrate.Solution;
import org.wiener.integrate.Status;
import org.wiener.solver.Solver;
import org.wiener.solver.StepDoubling;

/**
 * Gradient counts ({@code langevin.md} §12, design note): every ∇f a solve makes — FSAL start, step-doubling
 * sub-steps, rejected steps, restarts, the controller's initial-step heuristic — is one drift evaluation in the
 * statistics, and the statistics equal the number of calls a counting target sees.
 */
class LangevinGradientCountTest {

    private static final double T0 = 0.0;

    private static LangevinTestSupport.Counting counting() {
        return new LangevinTestSupport.Counting(LangevinTestSupport.doubleWell(2));
    }

    private static LangevinProblem problem(LangevinTestSupport.Counting target, double t1) {
        return LangevinProblem.builder().target(target).friction(new double[] {0.8, 2.0})
                .inverseMass(new double[] {0.2, 1.0}).initialPosition(new double[] {0.1, -0.9})
                .initialVelocity(new double[] {0.3, 0.0}).interval(T0, t1).build();
    }

    private static VirtualBrownianTree tree(double t1, double tol, long seed) {
        return LangevinTestSupport.tree(seed, 2, T0, t1, tol, LevyArea.SPACE_TIME_TIME);
    }

    private static Solution solve(Solver solver, StepSizeController controller, LangevinProblem problem,
                                  VirtualBrownianTree tree) {
        return Integrator.builder().solver(solver).controller(controller).saveAt(SaveAt.end()).build()
                .solve(problem.toSdeProblem(), tree);
    }

    @Test
    void oneAcceptedStepDoubledQuicsortStepCostsSixGradients() {
        LangevinTestSupport.Counting target = counting();
        double t1 = 0.25;
        // initialStep = the whole interval (no heuristic evaluations), a loose tolerance: one accepted attempt.
        PidController pid = PidController.builder(0.0, 10.0).coefficients(0.1, 0.4, 0.0).initialStep(t1).build();
        Solution s = solve(new StepDoubling(new Quicsort()), pid, problem(target, t1), tree(t1, 1e-3, 7));
        SolveStatistics st = s.stats();
        assertEquals(Status.SUCCESS, s.status());
        assertEquals(1, st.attemptedSteps());
        assertEquals(0, st.rejectedSteps());
        assertEquals(6, st.driftEvaluations());
        assertEquals(6, target.calls());
        assertEquals(0, st.diffusionEvaluations());
    }

    /** N constant steps: ALIGN N + 1, ShOULD 2N + 1 (FSAL), QUICSORT 2N, UBU N, and 3× per doubled step. */
    @ParameterizedTest(name = "{0}: {1}·N + {2}")
    @CsvSource({"align, 1, 1", "should, 2, 1", "quicsort, 2, 0", "ubu, 1, 0",
        "align_doubled, 3, 1", "should_doubled, 6, 1", "quicsort_doubled, 6, 0", "ubu_doubled, 3, 0"})
    void constantStepsCostTheDocumentedCount(String name, int perStep, int start) {
        LangevinTestSupport.Counting target = counting();
        int n = 37;
        double t1 = 3.7;
        Solution s = solve(LangevinSolvers.byName(name), new ConstantStepSize(t1 / n), problem(target, t1),
                tree(t1, 0.05, 11));
        assertEquals(n, s.stats().acceptedSteps());
        assertEquals((long) perStep * n + start, s.stats().driftEvaluations());
        assertEquals(target.calls(), s.stats().driftEvaluations());
        assertEquals(perStep, LangevinSolvers.byName(name).properties().driftEvaluations());
    }

    /**
     * Under a PID controller with rejections (and the Hairer initial-step heuristic, which evaluates the drift,
     * i.e. ∇f, twice), the statistics equal the true calls; and without the heuristic they follow the formulas:
     * ALIGN 1 + A (a rejected step keeps the cached f0), doubled ALIGN 1 + 3A + R (a rejection restarts the inner
     * stepper, which recomputes f0), doubled QUICSORT 6A, with A attempted and R rejected steps.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"align, 1, 1, 0", "align_doubled, 3, 1, 1", "should_doubled, 6, 1, 1", "quicsort_doubled, 6, 0, 0",
        "ubu_doubled, 3, 0, 0"})
    void adaptiveSolvesCountRejectedStepsAndRestarts(String name, int perAttempt, int start, int perRejection) {
        double t1 = 8.0;
        for (boolean heuristic : new boolean[] {true, false}) {
            LangevinTestSupport.Counting target = counting();
            PidController.Builder b = PidController.builder(0.0, 2e-3).coefficients(0.1, 0.4, 0.0)
                    .stepBounds(1e-4, 1.0);
            if (!heuristic) {
                b.initialStep(0.5);
            }
            Solution s = solve(LangevinSolvers.byName(name), b.build(), problem(target, t1), tree(t1, 5e-5, 3));
            SolveStatistics st = s.stats();
            assertEquals(Status.SUCCESS, s.status(), s.message());
            assertTrue(st.rejectedSteps() > 0, () -> name + ": the test needs rejected steps, got " + st);
            assertEquals(target.calls(), st.driftEvaluations(), () -> name + " heuristic=" + heuristic + ": " + st);
            if (!heuristic) {
                assertEquals(start + perAttempt * st.attemptedSteps() + perRejection * st.rejectedSteps(),
                        st.driftEvaluations(), () -> name + ": " + st);
            }
        }
    }

    @Test
    void jumpsRestartTheFsalGradient() {
        LangevinTestSupport.Counting target = counting();
        double t1 = 4.0;
        PidController pid = PidController.builder(0.0, 1e-2).coefficients(0.1, 0.4, 0.0).stepBounds(1e-4, 1.0)
                .initialStep(0.25).jumpTimes(1.0, 2.0, 3.0).build();
        Solution s = solve(new Align(), pid, problem(target, t1), tree(t1, 5e-5, 5));
        SolveStatistics st = s.stats();
        assertEquals(Status.SUCCESS, s.status());
        // 1 (start) + one per attempt + one after each of the 3 jumps
        assertEquals(1 + st.attemptedSteps() + 3, st.driftEvaluations(), st::toString);
        assertEquals(target.calls(), st.driftEvaluations());
    }

    /** The generic solvers count through the drift: one LangevinDrift evaluation is one gradient. */
    @Test
    void genericSolversCountGradientsThroughTheDrift() {
        for (Supplier<Solver> f : java.util.List.<Supplier<Solver>>of(org.wiener.solver.SRA1::new,
                org.wiener.solver.ShARK::new, org.wiener.solver.Euler::new)) {
            LangevinTestSupport.Counting target = counting();
            Solver solver = f.get();
            // Euler is an Itô solver: additive noise makes the conversion a relabelling.
            Solution s = Integrator.builder().solver(solver).controller(new ConstantStepSize(0.1)).build()
                    .solve(problem(target, 2.0).toSdeProblem().inCalculus(solver.properties().calculus()),
                            tree(2.0, 0.01, 1));
            assertEquals(target.calls(), s.stats().driftEvaluations(), f.get().properties().name());
            assertEquals(20L * f.get().properties().driftEvaluations(), target.calls());
        }
    }
}
