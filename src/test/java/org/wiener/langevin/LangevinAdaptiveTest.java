package org.wiener.langevin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.PidController;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.SaveAt;
import org.wiener.integrate.Solution;
import org.wiener.integrate.Status;
import org.wiener.random.Seeds;
import org.wiener.sde.SdeProblem;

/**
 * Adaptive solves ({@code docs/solving.md}): ALIGN with its embedded estimate and every solver wrapped in
 * {@link org.wiener.solver.StepDoubling} under a {@link PidController} (Diffrax's SDE coefficients p = 0.1,
 * i = 0.4 as in paper A), on the harmonic oscillator over [0, 4] against its exact pathwise solution
 * ({@link LangevinTestSupport.LinearReference}, pathwise error ≈ 1e−9). 32 paths; as atol falls by 10³ the RMS
 * error at t1 must fall by more than 10 (it tracks the tolerance) while the number of steps grows.
 */
class LangevinAdaptiveTest {

    private static final double T1 = 4.0;
    private static final int PATHS = 32;
    private static final int REF_STEPS = 1 << 12;
    private static final double[] ATOL = {1e-2, 1e-3, 1e-4, 1e-5};
    private static final List<String> REPORT = new ArrayList<>();

    @ParameterizedTest
    @ValueSource(strings = {"align", "align_doubled", "should_doubled", "quicsort_doubled", "ubu_doubled"})
    void errorFollowsTheTolerance(String name) {
        LangevinProblem lp = LangevinTestSupport.harmonicOscillator(0.0, T1, new double[] {0.5, -0.5},
                new double[] {0.0, 1.0});
        SdeProblem problem = lp.toSdeProblem();
        LangevinTestSupport.LinearReference ref = new LangevinTestSupport.LinearReference(
                LangevinTestSupport.HO_GAMMA, LangevinTestSupport.HO_U, 2.0, 0.0, T1, REF_STEPS);
        double dtmin = T1 / (REF_STEPS / 2.0);
        double[] rms = new double[ATOL.length];
        double[] steps = new double[ATOL.length];
        for (int p = 0; p < PATHS; p++) {
            VirtualBrownianTree tree = LangevinTestSupport.tree(Seeds.derive(0xADA9L, p), 2, 0.0, T1,
                    T1 / REF_STEPS / 2, LevyArea.SPACE_TIME_TIME);
            double[] exact = ref.solve(tree, problem.initialState(), REF_STEPS)[0];
            for (int a = 0; a < ATOL.length; a++) {
                PidController pid = PidController.builder(0.0, ATOL[a]).coefficients(0.1, 0.4, 0.0)
                        .stepBounds(dtmin, 1.0).build();
                Solution s = Integrator.builder().solver(LangevinSolvers.byName(name)).controller(pid)
                        .saveAt(SaveAt.end()).build().solve(problem, tree);
                assertEquals(Status.SUCCESS, s.status(), s.message());
                double[] y = s.finalState();
                double e = 0;
                for (int i = 0; i < y.length; i++) {
                    e += (y[i] - exact[i]) * (y[i] - exact[i]);
                }
                rms[a] += e / PATHS;
                steps[a] += (double) s.stats().attemptedSteps() / PATHS;
            }
        }
        StringBuilder sb = new StringBuilder(name + ":");
        for (int a = 0; a < ATOL.length; a++) {
            rms[a] = Math.sqrt(rms[a]);
            sb.append(String.format(" atol %.0e: RMS %.3e, %.1f attempted steps;", ATOL[a], rms[a], steps[a]));
        }
        REPORT.add(sb.toString());
        for (int a = 1; a < ATOL.length; a++) {
            assertTrue(rms[a] < rms[a - 1] && steps[a] > steps[a - 1], sb::toString);
        }
        assertTrue(rms[ATOL.length - 1] < rms[0] / 10, sb::toString);
    }

    @AfterAll
    static void printReport() {
        REPORT.forEach(System.out::println);
    }
}
