package org.wiener.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.ConstantStepSize;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.Solution;
import org.wiener.integrate.Status;
import org.wiener.sde.Calculus;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.Stepper;

/**
 * One step of HOStS and DIE against the formulas of {@code solvers.md} §8, written out again here, and
 * against values computed independently with 40-digit arithmetic (mpmath); the DIE's carried √X; the
 * problems; and the set-up refusals.
 */
class CirSchemeStepTest {

    private static final double SQRT3 = Math.sqrt(3.0);

    private static MutableBrownianIncrement increment(double dt, double w, double h) {
        MutableBrownianIncrement inc = new MutableBrownianIncrement(1, LevyArea.SPACE_TIME);
        inc.setDt(dt);
        inc.w()[0] = w;
        inc.h()[0] = h;
        return inc;
    }

    /** solvers.md §8.1, step by step. */
    private static double hostsFormula(double a, double b, double sigma, double x0, double h, double w, double hh) {
        double bt = b - sigma * sigma / (4 * a);
        double c1 = Math.exp(a * h * (SQRT3 - 3.0) / 6.0);
        double c2 = Math.exp(-a * h / SQRT3);
        double z1 = c1 * x0 + (1 - c1) * bt;
        double z2 = Math.pow(Math.sqrt(Math.max(z1, 0)) + sigma / 2 * (w / 2 + SQRT3 * hh), 2);
        double z3 = c2 * z2 + (1 - c2) * bt;
        double z4 = Math.pow(Math.sqrt(Math.max(z3, 0)) + sigma / 2 * (w / 2 - SQRT3 * hh), 2);
        return c1 * z4 + (1 - c1) * bt;
    }

    /** solvers.md §8.2: returns Y1 (X1 = Y1²). */
    private static double dieFormula(double a, double b, double sigma, double y0, double h, double w) {
        double bt = b - sigma * sigma / (4 * a);
        double p = y0 + sigma * w / 2;
        return (p + Math.sqrt(Math.max(0, p * p + (2 + a * h) * a * bt * h))) / (2 + a * h);
    }

    private static double hostsStep(double sigma, double x0, double h, double w, double hh) {
        Stepper s = new Hosts(1, 1, sigma).newStepper(CirProblems.cir(1, 1, sigma, 1, 4));
        double[] y1 = new double[1];
        s.step(0.5, 0.5 + h, new double[] {x0}, increment(h, w, hh), y1, null);
        return y1[0];
    }

    @Test
    void hostsStepMatchesFormula() {
        // medium volatility, b̃ = 0.4375 > 0
        double x = hostsStep(1.5, 0.8, 0.25, 0.3, -0.1);
        assertEquals(hostsFormula(1, 1, 1.5, 0.8, 0.25, 0.3, -0.1), x, 1e-15);
        assertEquals(1.13768414297641654226714679735677181299, x, 1e-14);
        // high volatility, b̃ = -0.21 < 0, z1 > 0
        x = hostsStep(2.2, 0.01, 0.1, -0.5, 0.05);
        assertEquals(hostsFormula(1, 1, 2.2, 0.01, 0.1, -0.5, 0.05), x, 1e-15);
        assertEquals(0.1298365263109248035465440103476598760916, x, 1e-15);
    }

    @Test
    void hostsLowerBoundIsReachedFromZeroWithoutNoise() {
        // X0 = 0, W = H = 0, b̃ < 0: z1 < 0, z2 = 0, z3 < 0, z4 = 0, X1 = (1 − c1)·b̃ < 0.
        double x = hostsStep(2.2, 0.0, 0.1, 0.0, 0.0);
        double c1 = Math.exp(0.1 * (SQRT3 - 3.0) / 6.0);
        assertEquals((1 - c1) * (1 - 2.2 * 2.2 / 4), x, 1e-17);
        assertEquals(-0.004391259635697019818934777937182018667211, x, 1e-16);
        // b̃ > 0: the same step stays positive.
        assertTrue(hostsStep(1.5, 0.0, 0.1, 0.0, 0.0) > 0.0);
    }

    @Test
    void dieStepMatchesFormula() {
        Stepper s = new DriftImplicitEuler(1, 1, 1.5).newStepper(CirProblems.cir(1, 1, 1.5, 1, 4));
        double[] y1 = new double[1];
        s.reset(0.0, new double[] {0.8});
        s.step(0.0, 0.25, new double[] {0.8}, increment(0.25, 0.3, 0.0), y1, null);
        double root = dieFormula(1, 1, 1.5, Math.sqrt(0.8), 0.25, 0.3);
        assertEquals(root * root, y1[0], 1e-15);
        assertEquals(1.085161952327707582675364136832284385913723, y1[0], 1e-14);
        // it also solves the implicit Euler equation (2 + ah)Y1² − 2pY1 − a b̃ h = 0 for Y = √X
        double p = Math.sqrt(0.8) + 0.75 * 0.3;
        double y = Math.sqrt(y1[0]);
        assertEquals(0.0, 2.25 * y * y - 2 * p * y - 0.4375 * 0.25, 1e-14);
    }

    @Test
    void dieCarriesTheSignOfTheSquareRootAcrossAcceptedSteps() {
        // High volatility, b̃ < 0, p < 0: Y1 < 0 (paper A's code carries it in the solver state).
        SdeProblem problem = CirProblems.cir(1, 1, 2.2, 0.01, 4);
        Stepper s = new DriftImplicitEuler(1, 1, 2.2).newStepper(problem);
        double[] x0 = {0.01};
        double[] x1 = new double[1];
        s.reset(0.0, x0);
        s.step(0.0, 0.1, x0, increment(0.1, -1.0, 0.0), x1, null);
        double y1 = dieFormula(1, 1, 2.2, 0.1, 0.1, -1.0);
        assertTrue(y1 < 0.0);
        assertEquals(-0.010618387664421536423781626526209495296, y1, 1e-16);
        assertEquals(y1 * y1, x1[0], 0.0);
        s.accept();

        // A rejected attempt first: it must not change what is carried.
        double[] scratch = new double[1];
        s.step(0.1, 0.15, x1, increment(0.05, 3.0, 0.0), scratch, null);

        double[] x2 = new double[1];
        s.step(0.1, 0.2, x1, increment(0.1, 0.02, 0.0), x2, null);
        double carried = dieFormula(1, 1, 2.2, y1, 0.1, 0.02);
        assertEquals(carried * carried, x2[0], 1e-18);
        assertEquals(0.00002937439894725438743179254523239749774762591, x2[0], 1e-18);
        // ... which differs from restarting at √X1:
        double fresh = dieFormula(1, 1, 2.2, Math.sqrt(x1[0]), 0.1, 0.02);
        assertTrue(Math.abs(fresh * fresh - x2[0]) > 1e-4);

        // After a reset (or for a y0 that is not the carried square) it starts from √max(y0, 0).
        s.reset(0.1, x1);
        s.step(0.1, 0.2, x1, increment(0.1, 0.02, 0.0), x2, null);
        assertEquals(fresh * fresh, x2[0], 1e-18);
        assertEquals(0.0002412605927044188330764145711522241612505496, x2[0], 1e-17);
    }

    @Test
    void schemesDeclareWhatTheyAre() {
        Hosts hosts = new Hosts(1, 1, 1.5);
        assertEquals("hosts", hosts.properties().name());
        assertEquals(Calculus.ITO, hosts.properties().calculus());
        assertEquals(LevyArea.SPACE_TIME, hosts.properties().levyArea());
        assertEquals(1.4, hosts.properties().strongOrder(NoiseType.SCALAR));
        assertEquals(1.4, hosts.properties().declaredStrongOrder());
        assertFalse(hosts.properties().supports(NoiseType.GENERAL));
        assertFalse(hosts.properties().hasEmbeddedError());
        assertEquals(0.4375, hosts.bTilde(), 1e-15);

        DriftImplicitEuler die = new DriftImplicitEuler(1, 1, 2.2);
        assertEquals("die", die.properties().name());
        assertEquals(Calculus.ITO, die.properties().calculus());
        assertEquals(LevyArea.NONE, die.properties().levyArea());
        assertEquals(1.0, die.properties().strongOrder(NoiseType.SCALAR));
        assertFalse(die.properties().hasEmbeddedError());
        assertEquals(-0.21, die.bTilde(), 1e-15);
    }

    @Test
    void problemsAreTheItoCirEquations() {
        TestProblem medium = ProblemLibrary.byName("cir-medium");
        TestProblem high = ProblemLibrary.byName("cir-high");
        assertFalse(medium.hasExactSolution());
        assertFalse(high.hasExactSolution());
        for (TestProblem tp : new TestProblem[] {medium, high}) {
            SdeProblem p = tp.problem();
            assertEquals(Calculus.ITO, p.calculus());
            assertEquals(NoiseType.SCALAR, p.noiseType());
            assertEquals(1, p.dimension());
            assertEquals(0.0, p.t0());
            assertEquals(4.0, p.t1());
            assertEquals(1.0, p.initialState()[0]);
        }
        double sigma = 1.5;
        SdeProblem p = medium.problem();
        double[] out = new double[1];
        p.drift().evaluate(0, new double[] {0.3}, out);
        assertEquals(0.7, out[0], 1e-15);
        p.diffusion().evaluate(0, new double[] {0.25}, out);
        assertEquals(0.75, out[0], 1e-15);
        p.diffusion().evaluate(0, new double[] {-0.25}, out);
        assertEquals(0.0, out[0]);
        // derivative σ/(2√x) for x > 0, 0 at and below 0
        p.diffusionDerivative().evaluate(0, new double[] {0.25}, new double[] {2.0}, out);
        assertEquals(sigma / (2 * 0.5) * 2.0, out[0], 1e-15);
        p.diffusionDerivative().evaluate(0, new double[] {0.0}, new double[] {1.0}, out);
        assertEquals(0.0, out[0]);
        p.diffusionDerivative().evaluate(0, new double[] {-1.0}, new double[] {1.0}, out);
        assertEquals(0.0, out[0]);
        // the Stratonovich form has drift a(b̃ − x) for x > 0 (solvers.md §1) ...
        SdeProblem strat = p.inCalculus(Calculus.STRATONOVICH);
        strat.drift().evaluate(0, new double[] {0.3}, out);
        assertEquals(0.4375 - 0.3, out[0], 1e-15);
        // ... and, with the derivative 0 at x ≤ 0, the Itô drift there
        strat.drift().evaluate(0, new double[] {0.0}, out);
        assertEquals(1.0, out[0], 1e-15);
        assertEquals(2.2, sigmaOf(high.problem()), 1e-15);
    }

    private static double sigmaOf(SdeProblem p) {
        double[] out = new double[1];
        p.diffusion().evaluate(0, new double[] {1.0}, out);
        return out[0];
    }

    @Test
    void setUpRefusesWhatTheSchemesCannotSolve() {
        SdeProblem medium = CirProblems.cir(1, 1, 1.5, 1, 4);
        VirtualBrownianTree plain = VirtualBrownianTree.builder().interval(0, 4).dimension(1).tolerance(0x1p-8)
                .levyArea(LevyArea.NONE).seed(1).build();
        VirtualBrownianTree spaceTime = VirtualBrownianTree.builder().interval(0, 4).dimension(1).tolerance(0x1p-8)
                .levyArea(LevyArea.SPACE_TIME).seed(1).build();
        Integrator hosts = Integrator.builder().solver(new Hosts(1, 1, 1.5)).controller(new ConstantStepSize(0.25)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> hosts.solve(medium, plain));
        assertTrue(e.getMessage().contains("SPACE_TIME"), e.getMessage());
        // the Stratonovich form is refused: the schemes converge to the Itô solution
        e = assertThrows(IllegalArgumentException.class,
                () -> hosts.solve(medium.inCalculus(Calculus.STRATONOVICH), spaceTime));
        assertTrue(e.getMessage().contains("ITO"), e.getMessage());
        // parameters that do not match the problem's
        e = assertThrows(IllegalArgumentException.class,
                () -> Integrator.builder().solver(new Hosts(1, 1, 2.2)).controller(new ConstantStepSize(0.25)).build()
                        .solve(medium, spaceTime));
        assertTrue(e.getMessage().contains("diffusion"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new DriftImplicitEuler(2, 1, 1.5).newStepper(medium));
        assertTrue(e.getMessage().contains("drift"), e.getMessage());
        // not the scalar CIR equation
        SdeProblem twoD = SdeProblem.builder().drift((t, y, out) -> {
            out[0] = 1 - y[0];
            out[1] = 1 - y[1];
        }).diagonalDiffusion((t, y, out) -> {
            out[0] = 1.5 * Math.sqrt(Math.max(y[0], 0));
            out[1] = 1.5 * Math.sqrt(Math.max(y[1], 0));
        }, 2).calculus(Calculus.ITO).initialState(1, 1).interval(0, 4).build();
        assertThrows(IllegalArgumentException.class, () -> new Hosts(1, 1, 1.5).newStepper(twoD));
        // bad parameters
        assertThrows(IllegalArgumentException.class, () -> new Hosts(0, 1, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new DriftImplicitEuler(1, Double.NaN, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new Hosts(1, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> CirProblems.cir(1, 1, 1.5, -0.1, 4));
        // HOStS refuses an increment without H when stepped directly
        Stepper s = new Hosts(1, 1, 1.5).newStepper(medium);
        assertThrows(IllegalArgumentException.class, () -> s.step(0, 0.1, new double[] {1},
                new MutableBrownianIncrement(1, LevyArea.NONE), new double[1], null));
    }

    @Test
    void integratorRunsBothSchemesWithoutEvaluatingTheVectorFields() {
        SdeProblem high = CirProblems.cir(1, 1, 2.2, 1, 4);
        VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(0, 4).dimension(1).tolerance(0x1p-9)
                .levyArea(LevyArea.SPACE_TIME).seed(3).build();
        for (org.wiener.solver.Solver solver : new org.wiener.solver.Solver[] {new Hosts(1, 1, 2.2),
                new DriftImplicitEuler(1, 1, 2.2)}) {
            Solution sol = Integrator.builder().solver(solver).controller(new ConstantStepSize(1.0 / 64)).build()
                    .solve(high, tree);
            assertEquals(Status.SUCCESS, sol.status());
            assertEquals(256, sol.stats().acceptedSteps());
            assertEquals(0, sol.stats().driftEvaluations());
            assertEquals(0, sol.stats().diffusionEvaluations());
        }
    }
}
