package org.wiener.langevin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.control.ConstantStepSize;
import org.wiener.integrate.Integrator;
import org.wiener.langevin.target.LogDensity;
import org.wiener.sde.Calculus;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.Solver;
import org.wiener.solver.StepDoubling;
import org.wiener.solver.Stepper;

/** The Langevin problem, its SDE form, bad input and the solvers' refusals. */
class LangevinProblemTest {

    private static LangevinProblem.Builder valid() {
        return LangevinProblem.builder().target(LangevinTestSupport.doubleWell(2)).friction(new double[] {0.8, 2.0})
                .inverseMass(new double[] {0.2, 1.5}).initialPosition(new double[] {0.3, -1.2})
                .initialVelocity(new double[] {0.5, 0.1}).interval(0.5, 3.0);
    }

    private static void refuses(Executable e, String... fragments) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        for (String f : fragments) {
            assertTrue(ex.getMessage().contains(f), () -> "message '" + ex.getMessage() + "' lacks '" + f + "'");
        }
    }

    @Test
    void gettersDefaultsAndCopies() {
        LangevinProblem p = valid().build();
        assertEquals(2, p.dimension());
        assertArrayEquals(new double[] {0.8, 2.0}, p.friction());
        assertArrayEquals(new double[] {0.2, 1.5}, p.inverseMass());
        assertArrayEquals(new double[] {0.3, -1.2}, p.initialPosition());
        assertArrayEquals(new double[] {0.5, 0.1}, p.initialVelocity());
        assertEquals(0.5, p.t0());
        assertEquals(3.0, p.t1());
        p.friction()[0] = 99;
        p.initialPosition()[0] = 99;
        assertEquals(0.8, p.friction()[0]);
        assertEquals(0.3, p.initialPosition()[0]);
        LangevinProblem scalar = LangevinProblem.builder().target(LangevinTestSupport.quadratic(3))
                .initialPosition(new double[3]).interval(0, 1).build();
        assertArrayEquals(new double[] {1, 1, 1}, scalar.friction()); // paper A's γ = u = 1
        assertArrayEquals(new double[] {1, 1, 1}, scalar.inverseMass());
        assertArrayEquals(new double[3], scalar.initialVelocity());
        LangevinProblem broadcast = scalar.toBuilder().friction(0.7).inverseMass(3.0).build();
        assertArrayEquals(new double[] {0.7, 0.7, 0.7}, broadcast.friction());
        assertArrayEquals(new double[] {3, 3, 3}, broadcast.inverseMass());
        LangevinProblem copy = p.toBuilder().build();
        assertArrayEquals(p.toSdeProblem().initialState(), copy.toSdeProblem().initialState());
        assertArrayEquals(p.friction(), copy.friction());
        assertSame(p.target(), copy.target());
    }

    @Test
    void theSdeFormIsTheLangevinEquation() {
        LangevinProblem p = valid().build();
        SdeProblem sde = p.toSdeProblem();
        assertSame(sde, p.toSdeProblem());
        assertEquals(4, sde.dimension());
        assertEquals(2, sde.noiseDimension());
        assertEquals(NoiseType.ADDITIVE, sde.noiseType());
        assertEquals(Calculus.STRATONOVICH, sde.calculus());
        assertArrayEquals(new double[] {0.3, -1.2, 0.5, 0.1}, sde.initialState());
        assertEquals(0.5, sde.t0());
        assertEquals(3.0, sde.t1());
        double[] y = {0.7, -0.4, 1.1, -2.0};
        double[] out = new double[4];
        sde.drift().evaluate(0.0, y, out);
        for (int i = 0; i < 2; i++) {
            double x = y[i];
            double gradF = 4 * x * (x * x - 1);
            assertEquals(y[2 + i], out[i], 0.0);
            assertEquals(-p.friction()[i] * y[2 + i] - p.inverseMass()[i] * gradF, out[2 + i], 1e-14);
        }
        double[] g = new double[8];
        java.util.Arrays.fill(g, 42.0); // the diffusion must overwrite every entry
        sde.diffusion().evaluate(0.0, y, g);
        double r0 = Math.sqrt(2 * 0.8 * 0.2);
        double r1 = Math.sqrt(2 * 2.0 * 1.5);
        assertArrayEquals(new double[] {0, 0, 0, 0, r0, 0, 0, r1}, g, 1e-15);
        LangevinDrift drift = (LangevinDrift) sde.drift();
        assertSame(p, drift.problem());
        double[] grad = new double[2];
        drift.potentialGradient(new double[] {0.7, -0.4}, grad);
        assertArrayEquals(new double[] {4 * 0.7 * (0.49 - 1), 4 * -0.4 * (0.16 - 1)}, grad, 1e-15);
    }

    @Test
    void badInputIsRefusedWithNameValueAndRange() {
        refuses(() -> LangevinProblem.builder().target(null), "target", "null");
        LogDensity empty = new LogDensity() {
            @Override
            public int dimension() {
                return 0;
            }

            @Override
            public double logDensityAndGradient(double[] x, double[] gradient) {
                return 0;
            }
        };
        refuses(() -> LangevinProblem.builder().target(empty), "target.dimension()", ">= 1", "0");
        refuses(() -> valid().friction(0.0), "friction", "> 0", "0.0");
        refuses(() -> valid().friction(-1.0), "friction", "> 0", "-1.0");
        refuses(() -> valid().friction(Double.NaN), "friction", "NaN");
        refuses(() -> valid().friction(Double.POSITIVE_INFINITY), "friction", "finite", "Infinity");
        refuses(() -> valid().friction(new double[] {1.0, -2.0}), "friction[1]", "> 0", "-2.0");
        refuses(() -> valid().friction(new double[0]), "friction", "length 0");
        refuses(() -> valid().friction(new double[] {1, 2, 3}).build(), "friction", "length d = 2", "3");
        refuses(() -> valid().inverseMass(0.0), "inverseMass", "> 0", "0.0");
        refuses(() -> valid().inverseMass(new double[] {Double.NaN, 1}), "inverseMass[0]", "NaN");
        refuses(() -> valid().inverseMass(new double[] {1.0}).build(), "inverseMass", "length d = 2", "1");
        refuses(() -> valid().initialPosition(new double[] {0.0, Double.NaN}), "initialPosition[1]", "finite", "NaN");
        refuses(() -> valid().initialPosition(null), "initialPosition", "null");
        refuses(() -> valid().initialPosition(new double[] {1, 2, 3}).build(), "initialPosition", "length d = 2", "3");
        refuses(() -> valid().initialVelocity(new double[] {Double.NEGATIVE_INFINITY, 0}), "initialVelocity[0]",
                "-Infinity");
        refuses(() -> valid().initialVelocity(new double[] {1}).build(), "initialVelocity", "length d = 2", "1");
        // Reverse-time solves: SdeProblem (and hence the Integrator) supports t1 > t0 only.
        refuses(() -> valid().interval(3.0, 1.0), "t1 must be > t0", "t0=3.0", "t1=1.0");
        refuses(() -> valid().interval(0.0, Double.NaN), "finite", "NaN");
        refuses(() -> LangevinProblem.builder().initialPosition(new double[1]).interval(0, 1).build(), "target");
        refuses(() -> LangevinProblem.builder().target(LangevinTestSupport.quadratic(1)).interval(0, 1).build(),
                "initialPosition");
        refuses(() -> LangevinProblem.builder().target(LangevinTestSupport.quadratic(1))
                .initialPosition(new double[1]).build(), "interval");
        LangevinDrift drift = (LangevinDrift) valid().build().toSdeProblem().drift();
        refuses(() -> drift.potentialGradient(new double[3], new double[2]), "length d = 2", "3");
        for (Supplier<Solver> f : List.<Supplier<Solver>>of(() -> new Align(-0.1), () -> new Should(Double.NaN),
                () -> new Quicsort(Double.POSITIVE_INFINITY), () -> new Ubu(-1))) {
            refuses(f::get, "taylorThreshold", ">= 0");
        }
    }

    @Test
    void solversRefuseProblemsThatAreNotLangevin() {
        SdeProblem ou = SdeProblem.builder().drift((t, y, out) -> {
            out[0] = y[1];
            out[1] = -y[0] - y[1];
        }).diffusion((t, y, out) -> {
            out[0] = 0;
            out[1] = 1;
        }, NoiseType.ADDITIVE, 1).initialState(0, 0).interval(0, 1).build();
        for (String name : LangevinSolvers.names()) {
            Solver solver = LangevinSolvers.byName(name);
            Executable make = solver instanceof StepDoubling
                    ? () -> ((StepDoubling) solver).newStepper(ou,
                    LangevinTestSupport.tree(1, 1, 0, 1, 0.01, LevyArea.SPACE_TIME_TIME))
                    : () -> solver.newStepper(ou);
            refuses(make, "LangevinProblem", "LangevinDrift");
        }
        refuses(() -> Integrator.builder().solver(new Align()).controller(new ConstantStepSize(0.1)).build()
                .solve(ou, LangevinTestSupport.tree(1, 1, 0, 1, 0.01, LevyArea.SPACE_TIME)), "LangevinProblem");
        // The Langevin drift with a changed diffusion is refused too: the solvers use √(2γu) of the problem.
        SdeProblem changed = valid().build().toSdeProblem().toBuilder()
                .diffusion((t, y, out) -> java.util.Arrays.fill(out, 1.0), NoiseType.GENERAL, 3).build();
        refuses(() -> new Quicsort().newStepper(changed), "do not change the diffusion", "noise dimension 3");
        refuses(() -> new Ubu().newStepper(null), "problem", "null");
    }

    @Test
    void stepsNeedTheirLevyArea() {
        SdeProblem sde = valid().build().toSdeProblem();
        Stepper stepper = new Quicsort().newStepper(sde);
        MutableBrownianIncrement poor = new MutableBrownianIncrement(2, LevyArea.SPACE_TIME);
        double[] y0 = sde.initialState();
        stepper.reset(0.5, y0);
        refuses(() -> stepper.step(0.5, 1.0, y0, poor, new double[4], null), "SPACE_TIME_TIME", "levyArea");
        refuses(() -> stepper.step(0.5, 1.0, y0, null, new double[4], null), "Brownian increment", "null");
        refuses(() -> Integrator.builder().solver(new Should()).controller(new ConstantStepSize(0.1)).build()
                .solve(sde, LangevinTestSupport.tree(1, 2, 0, 3, 0.01, LevyArea.SPACE_TIME)), "SPACE_TIME_TIME");
        // ALIGN and UBU need only the space-time area.
        new Align().newStepper(sde).step(0.5, 1.0, y0, poor, new double[4], new double[4]);
        new Ubu().newStepper(sde).step(0.5, 1.0, y0, poor, new double[4], null);
    }

    @Test
    void solversByName() {
        assertEquals(List.of("align", "should", "quicsort", "ubu", "align_doubled", "should_doubled",
                "quicsort_doubled", "ubu_doubled"), LangevinSolvers.names());
        for (String name : LangevinSolvers.names()) {
            assertEquals(name, LangevinSolvers.byName(name).properties().name());
        }
        assertEquals("quicsort", LangevinSolvers.byName(" QUICSORT ").properties().name());
        refuses(() -> LangevinSolvers.byName("sort"), "align", "should", "quicsort", "ubu", "_doubled", "'sort'");
        refuses(() -> LangevinSolvers.byName(null), "null", "quicsort");
        Solver doubled = LangevinSolvers.byName("quicsort_doubled");
        assertTrue(doubled instanceof StepDoubling);
        assertTrue(((StepDoubling) doubled).inner() instanceof Quicsort);
        assertEquals(0.1, ((Quicsort) ((StepDoubling) doubled).inner()).taylorThreshold());
        assertEquals(0.01, ((Ubu) LangevinSolvers.byName("ubu", 0.01)).taylorThreshold());
        assertEquals(0.0, ((Align) ((StepDoubling) LangevinSolvers.byName("align_doubled", 0.0)).inner())
                .taylorThreshold());
        refuses(() -> LangevinSolvers.byName("should", -1), "taylorThreshold", "-1");
    }

    @Test
    void declaredProperties() {
        Object[][] expected = {
            {new Align(), 2.0, LevyArea.SPACE_TIME, true, 1},
            {new Should(), 3.0, LevyArea.SPACE_TIME_TIME, false, 2},
            {new Quicsort(), 3.0, LevyArea.SPACE_TIME_TIME, false, 2},
            {new Ubu(), 2.0, LevyArea.SPACE_TIME, false, 1},
        };
        for (Object[] e : expected) {
            var p = ((Solver) e[0]).properties();
            assertEquals(Calculus.STRATONOVICH, p.calculus());
            assertEquals((double) e[1], p.strongOrder(NoiseType.ADDITIVE));
            assertEquals((double) e[1], p.declaredStrongOrder());
            assertTrue(!p.supports(NoiseType.GENERAL) && !p.supports(NoiseType.DIAGONAL));
            assertEquals(e[2], p.levyArea());
            assertEquals(e[3], p.hasEmbeddedError());
            assertEquals((int) e[4], p.driftEvaluations());
            assertEquals(0, p.diffusionEvaluations());
        }
    }
}
