package org.wiener.langevin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.ConstantStepSize;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.SaveAt;
import org.wiener.integrate.Solution;
import org.wiener.random.Seeds;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.Solver;

/**
 * Strong orders of the Langevin solvers ({@code langevin.md} §8): ALIGN 2, ShOULD 3, QUICSORT 3, UBU 2, with the
 * Taylor threshold 0.01 of paper A's order tests, at constant steps.
 */
class LangevinStrongOrderTest {

    private static final long MASTER = 0x1A_4E_F1_11L;
    private static final List<String> REPORT = new ArrayList<>();

    static Stream<Arguments> solvers() {
        return Stream.of(
                Arguments.of("align", (Supplier<Solver>) () -> new Align(0.01), 2.0),
                Arguments.of("should", (Supplier<Solver>) () -> new Should(0.01), 3.0),
                Arguments.of("quicsort", (Supplier<Solver>) () -> new Quicsort(0.01), 3.0),
                Arguments.of("ubu", (Supplier<Solver>) () -> new Ubu(0.01), 2.0));
    }

    @ParameterizedTest(name = "harmonic oscillator {0}")
    @MethodSource("solvers")
    void harmonicOscillator(String name, Supplier<Solver> factory, double theory) {
        double t0 = 0.0;
        double t1 = 4.0;
        LangevinProblem lp = LangevinTestSupport.harmonicOscillator(t0, t1, new double[] {0.0, 0.0},
                new double[] {0.0, 0.0});
        SdeProblem problem = lp.toSdeProblem();
        int refSteps = 1 << 12;
        LangevinTestSupport.LinearReference ref = new LangevinTestSupport.LinearReference(
                LangevinTestSupport.HO_GAMMA, LangevinTestSupport.HO_U, 2.0, t0, t1, refSteps);
        int[] levels = {2, 3, 4, 5, 6, 7};
        int paths = 96;
        double[] saves = {1.0, 2.0, 3.0, 4.0};
        double[][] sq = new double[levels.length][paths];
        for (int p = 0; p < paths; p++) {
            VirtualBrownianTree tree = LangevinTestSupport.tree(Seeds.derive(MASTER, p), 2, t0, t1,
                    (t1 - t0) / refSteps / 2, LevyArea.SPACE_TIME_TIME);
            double[][] exact = ref.solve(tree, problem.initialState(), refSteps / 4);
            for (int l = 0; l < levels.length; l++) {
                Solution s = Integrator.builder().solver(factory.get())
                        .controller(new ConstantStepSize((t1 - t0) / (1 << levels[l])))
                        .saveAt(SaveAt.times(saves)).build().solve(problem, tree);
                double worst = 0.0;
                for (int j = 0; j < saves.length; j++) {
                    double[] y = s.state(j + 1);
                    double e = 0.0;
                    for (int i = 0; i < y.length; i++) {
                        e += (y[i] - exact[j][i]) * (y[i] - exact[j][i]);
                    }
                    worst = Math.max(worst, e);
                }
                sq[l][p] = worst;
            }
        }
        double[] logH = new double[levels.length];
        double[] logE = new double[levels.length];
        StringBuilder sb = new StringBuilder(name + " HO:");
        for (int l = 0; l < levels.length; l++) {
            double mean = 0;
            for (double v : sq[l]) {
                mean += v;
            }
            mean /= paths;
            logH[l] = Math.log((t1 - t0) / (1 << levels[l]));
            logE[l] = 0.5 * Math.log(mean);
            sb.append(String.format(" l=%d e=%.3e", levels[l], Math.sqrt(mean)));
        }
        double slope = LangevinTestSupport.slope(logH, logE);
        sb.append(String.format(" slope=%.3f", slope));
        for (int l = 1; l < levels.length; l++) {
            sb.append(String.format(" %.2f", (logE[l] - logE[l - 1]) / (logH[l] - logH[l - 1])));
        }
        synchronized (REPORT) {
            REPORT.add(sb.toString());
        }
        assertTrue(Math.abs(slope - theory) < 0.3, sb::toString);
    }

    @AfterAll
    static void printReport() {
        REPORT.forEach(System.out::println);
    }
}
