package org.wiener.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.ConstantStepSize;
import org.wiener.control.StepSizeController;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.SaveAt;
import org.wiener.integrate.Solution;
import org.wiener.integrate.Status;
import org.wiener.random.Seeds;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.Solver;

/**
 * A quick convergence sanity check in the setting of paper A ({@code problems.md} §6.4): reference = the
 * same solver with the same controller type at level ℓ<sub>fine</sub> + 2 (4× finer), on the same tree
 * path; error = RMS over paths of the max over save times of |X − X<sub>ref</sub>|; order = slope of
 * log error against −log(average attempted steps).
 *
 * <ul>
 *   <li>Constant steps, both volatilities: 2<sup>ℓ</sup> steps on [0, 4], ℓ = 3…6, reference ℓ = 8,
 *   saved on the 2<sup>3</sup> + 1 point grid, tree tolerance T·2<sup>−(6+3)</sup> = 2<sup>−7</sup>,
 *   200 paths.</li>
 *   <li>CIR controller, medium volatility: ctol = 2<sup>−ℓ</sup>, ℓ = 0…3, reference ℓ = 5, error at
 *   t<sub>1</sub>, tree tolerance 2<sup>−16</sup> (dtmin/2), 160 paths.</li>
 * </ul>
 * Asserted: the error decreases strictly from each level to the next, and the fitted order exceeds a
 * loose floor (0.25 constant, 0.5 adaptive) that only a scheme not converging at all would miss. The
 * fitted orders are printed next to paper A's (figures / notebook summary, {@code problems.md} §6.5);
 * with this few paths and levels they are indications, not a reproduction.
 */
class CirConvergenceTest {

    private static final double T = 4.0;

    private record Curve(double[] errors, double[] steps) {
        double order() {
            int n = errors.length;
            double mx = 0;
            double my = 0;
            for (int i = 0; i < n; i++) {
                mx += -Math.log(steps[i]) / n;
                my += Math.log(errors[i]) / n;
            }
            double sxy = 0;
            double sxx = 0;
            for (int i = 0; i < n; i++) {
                double dx = -Math.log(steps[i]) - mx;
                sxy += dx * (Math.log(errors[i]) - my);
                sxx += dx * dx;
            }
            return sxy / sxx;
        }

        String describe() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < errors.length; i++) {
                sb.append(String.format(" %.1f->%.4g", steps[i], errors[i]));
            }
            return sb.toString();
        }
    }

    private static Curve curve(Solver solver, double sigma, IntFunction<StepSizeController> level, int[] levels,
                               int refLevel, double[] saveTimes, double tol, int paths, long master) {
        SdeProblem problem = CirProblems.cir(1, 1, sigma, 1, T);
        SaveAt saveAt = SaveAt.times(saveTimes);
        Integrator reference = Integrator.builder().solver(solver).controller(level.apply(refLevel)).saveAt(saveAt).build();
        Integrator[] coarse = new Integrator[levels.length];
        for (int j = 0; j < levels.length; j++) {
            coarse[j] = Integrator.builder().solver(solver).controller(level.apply(levels[j])).saveAt(saveAt).build();
        }
        double[] sq = new double[levels.length];
        double[] steps = new double[levels.length];
        for (int i = 0; i < paths; i++) {
            VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(0, T).dimension(1).tolerance(tol)
                    .levyArea(LevyArea.SPACE_TIME).seed(Seeds.derive(master, i)).build();
            Solution ref = reference.solve(problem, tree);
            assertEquals(Status.SUCCESS, ref.status());
            for (int j = 0; j < levels.length; j++) {
                Solution sol = coarse[j].solve(problem, tree);
                assertEquals(Status.SUCCESS, sol.status());
                assertEquals(ref.size(), sol.size());
                double max = 0;
                for (int k = 0; k < sol.size(); k++) {
                    assertEquals(ref.time(k), sol.time(k));
                    max = Math.max(max, Math.abs(sol.state(k)[0] - ref.state(k)[0]));
                }
                sq[j] += max * max;
                steps[j] += sol.stats().attemptedSteps();
            }
        }
        double[] errors = new double[levels.length];
        for (int j = 0; j < levels.length; j++) {
            errors[j] = Math.sqrt(sq[j] / paths);
            steps[j] /= paths;
        }
        return new Curve(errors, steps);
    }

    private static void assertConverges(String label, Curve c, double floor, String published) {
        double order = c.order();
        System.out.printf("CirConvergenceTest: %-34s order %.2f (paper A: %s); steps->error%s%n", label, order,
                published, c.describe());
        for (int j = 1; j < c.errors().length; j++) {
            assertTrue(c.errors()[j] < c.errors()[j - 1], label + ": error did not decrease:" + c.describe());
        }
        assertTrue(order > floor, label + ": fitted order " + order + " <= " + floor);
    }

    @Test
    void constantSteps() {
        int[] levels = {3, 4, 5, 6};
        double[] grid = new double[7];
        for (int k = 1; k <= 7; k++) {
            grid[k - 1] = k * T / 8;
        }
        double tol = T * Math.scalb(1.0, -(6 + 3));
        IntFunction<StepSizeController> constant = l -> new ConstantStepSize(T / (1 << l));
        String[][] published = {{"0.78", "0.83 / 0.86"}, {"0.39", "0.46"}};
        double[] sigmas = {1.5, 2.2};
        for (int v = 0; v < 2; v++) {
            double sigma = sigmas[v];
            Curve hosts = curve(new Hosts(1, 1, sigma), sigma, constant, levels, 8, grid, tol, 200, 31 + v);
            assertConverges("hosts constant sigma=" + sigma, hosts, 0.25, published[v][0]);
            Curve die = curve(new DriftImplicitEuler(1, 1, sigma), sigma, constant, levels, 8, grid, tol, 200, 33 + v);
            assertConverges("die constant sigma=" + sigma, die, 0.25, published[v][1]);
        }
    }

    @Test
    void cirControlledStepsMediumVolatility() {
        int[] levels = {0, 1, 2, 3};
        IntFunction<StepSizeController> adaptive = l -> new CirController(Math.scalb(1.0, -l));
        double sigma = 1.5;
        Curve hosts = curve(new Hosts(1, 1, sigma), sigma, adaptive, levels, 5, new double[0], 0x1p-16, 160, 41);
        assertConverges("hosts cir-controlled sigma=1.5", hosts, 0.5, "1.72 / 1.82");
        for (int j = 1; j < levels.length; j++) {
            assertTrue(hosts.steps()[j] > hosts.steps()[j - 1]);
        }
        Curve die = curve(new DriftImplicitEuler(1, 1, sigma), sigma, adaptive, levels, 5, new double[0], 0x1p-16, 160, 42);
        assertConverges("die cir-controlled sigma=1.5", die, 0.5, "0.97 / 1.03");
        for (int j = 1; j < levels.length; j++) {
            assertTrue(die.steps()[j] > die.steps()[j - 1]);
        }
    }
}
