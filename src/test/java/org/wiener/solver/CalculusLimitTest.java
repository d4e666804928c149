package org.wiener.solver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.random.Seeds;
import org.wiener.sde.Calculus;
import org.wiener.sde.SdeProblem;

/**
 * Each solver converges to the solution of its own calculus. The coefficients du = αu dt + βu dW
 * (prob_sde_linear, α = 1.01, β = 0.87, u0 = 1/2 on [0, 1]) are given to each solver in the calculus it
 * declares; the Itô reading has the solution u0·exp((α − β²/2)t + βW), the Stratonovich reading
 * u0·exp(αt + βW), and the two differ by the factor exp(β²t/2): the gap D (RMS over paths of the max over
 * the save times of their difference) is about 1.1.
 *
 * <p>Error E(N) = RMS over 200 paths of the max over the 8 save times of |y − exact| with N constant steps.
 * The bounds follow from the error levels measured in {@link StrongOrderTest} (strong errors at N = 512 of
 * about 0.07 for the order-0.5 methods and below 0.02 for the others on this problem): each solver must have
 * E_own(512) ≤ 0.2·D (declared scalar-noise order 0.5) or ≤ 0.05·D (higher orders); E_own must shrink from
 * N = 128 to N = 512 at least by the factor 1.6·4^(−p) of its declared scalar-noise order p (a solver
 * converging to another limit stalls at a fixed distance); and its distance to the other reading must stay
 * ≥ 0.8·D.
 */
class CalculusLimitTest {

    private static final int PATHS = 200;
    private static final long MASTER = 0xCA1C_0105L;

    private static double[] errors(Solver solver, SdeProblem problem, SolverTestSupport.Exact own,
                                   SolverTestSupport.Exact other, int steps) {
        int saves = 8;
        double[][] sq = new double[PATHS][3];
        IntStream.range(0, PATHS).parallel().forEach(p -> {
            VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(0.0, 1.0)
                    .dimension(problem.noiseDimension()).tolerance(1.0 / 2048).levyArea(LevyArea.SPACE_TIME)
                    .seed(Seeds.derive(MASTER, p)).build();
            double[][] y = SolverTestSupport.solve(solver, problem, tree, steps, steps / saves);
            double[] w = new double[problem.noiseDimension()];
            double[] a = new double[problem.dimension()];
            double[] b = new double[problem.dimension()];
            for (int k = 1; k <= saves; k++) {
                double t = k / (double) saves;
                tree.value(t, w);
                own.evaluate(t, w, a);
                other.evaluate(t, w, b);
                double dOwn = 0.0;
                double dOther = 0.0;
                double gap = 0.0;
                for (int i = 0; i < a.length; i++) {
                    dOwn += (y[k][i] - a[i]) * (y[k][i] - a[i]);
                    dOther += (y[k][i] - b[i]) * (y[k][i] - b[i]);
                    gap += (a[i] - b[i]) * (a[i] - b[i]);
                }
                sq[p][0] = Math.max(sq[p][0], dOwn);
                sq[p][1] = Math.max(sq[p][1], dOther);
                sq[p][2] = Math.max(sq[p][2], gap);
            }
        });
        double[] out = new double[3];
        for (double[] s : sq) {
            for (int j = 0; j < 3; j++) {
                out[j] += s[j];
            }
        }
        for (int j = 0; j < 3; j++) {
            out[j] = Math.sqrt(out[j] / PATHS);
        }
        return out;
    }

    private static void checkCalculus(Solver solver) {
        Calculus calculus = solver.properties().calculus();
        SdeProblem problem = TestProblems.gbmCoefficients(calculus);
        boolean ito = calculus == Calculus.ITO;
        SolverTestSupport.Exact own = ito ? TestProblems.LINEAR_ITO_EXACT : TestProblems.LINEAR_STRATONOVICH_EXACT;
        SolverTestSupport.Exact other = ito ? TestProblems.LINEAR_STRATONOVICH_EXACT : TestProblems.LINEAR_ITO_EXACT;
        double p = solver.properties().strongOrder(org.wiener.sde.NoiseType.SCALAR);
        double[] coarse = errors(solver, problem, own, other, 128);
        double[] fine = errors(solver, problem, own, other, 512);
        double gap = fine[2];
        String name = solver.properties().name();
        String msg = String.format("%s (%s): E_own(128) %.3e, E_own(512) %.3e, E_other(512) %.3e, gap D %.3e", name,
                calculus, coarse[0], fine[0], fine[1], gap);
        System.out.println(msg);
        double share = p <= 0.5 ? 0.2 : 0.05;
        assertTrue(fine[0] <= share * gap, msg);
        assertTrue(fine[0] <= coarse[0] * Math.pow(4.0, -p) * 1.6, msg);
        assertTrue(fine[1] >= 0.8 * gap, msg);
    }

    @Test
    void itoSolversConvergeToTheItoSolution() {
        for (Solver s : new Solver[] {new Euler(), new ItoMilstein(), new StepDoubling(new Euler()),
            new StepDoubling(new ItoMilstein())}) {
            checkCalculus(s);
        }
    }

    @Test
    void stratonovichSolversConvergeToTheStratonovichSolution() {
        for (Solver s : new Solver[] {new Heun(), new Midpoint(), new Ralston(), new EulerHeun(), new ReversibleHeun(),
            new StratonovichMilstein(), new SPaRK(), new GeneralShARK(), new SlowRK(), new StepDoubling(new Heun()),
            new StepDoubling(new SlowRK())}) {
            checkCalculus(s);
        }
    }

    /**
     * Additive noise, where both calculi agree: the additive-only solvers converge to the exact solution
     * (u0 + G·W)/(1 + t) of the additive test problem. Its error terms of order 1.5 collapse onto W (see
     * {@link TestProblems#additiveNonlinear}), so every solver here shows at least order 1: E(512) must be
     * below 4^(−1)·1.6·E(128) and below 1e−3 (SEA, order 1, has E(128) ≈ 3e−3 here).
     */
    @Test
    void additiveSolversConvergeToTheExactSolution() {
        SdeProblem problem = TestProblems.additive();
        for (Solver s : new Solver[] {new ShARK(), new SRA1(), new SEA(), new StepDoubling(new SEA())}) {
            double[] coarse = errors(s, problem, TestProblems.ADDITIVE_EXACT, TestProblems.ADDITIVE_EXACT, 128);
            double[] fine = errors(s, problem, TestProblems.ADDITIVE_EXACT, TestProblems.ADDITIVE_EXACT, 512);
            String msg = String.format("%s: E(128) %.3e, E(512) %.3e", s.properties().name(), coarse[0], fine[0]);
            System.out.println(msg);
            assertTrue(fine[0] <= 1e-3, msg);
            assertTrue(fine[0] <= 0.25 * 1.6 * coarse[0], msg);
        }
    }
}
