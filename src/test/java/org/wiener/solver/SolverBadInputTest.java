package org.wiener.solver;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.sde.Calculus;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;

/** Refusals with messages that name the solver and the fix. */
class SolverBadInputTest {

    private static SdeProblem withoutDerivative(NoiseType type) {
        return SdeProblem.builder()
                .drift((t, y, out) -> out[0] = -y[0])
                .diffusion((t, y, out) -> out[0] = 0.5 * y[0], type, 1)
                .initialState(1.0).interval(0.0, 1.0).build();
    }

    private static SdeProblem ode() {
        return SdeProblem.builder().drift((t, y, out) -> out[0] = -y[0]).initialState(1.0).interval(0.0, 1.0).build();
    }

    private static VirtualBrownianTree tree(int dimension, LevyArea level) {
        return VirtualBrownianTree.builder().interval(0.0, 1.0).dimension(dimension).tolerance(1e-3)
                .levyArea(level).seed(5).build();
    }

    @Test
    void additiveSolversRefuseNonAdditiveNoise() {
        SdeProblem scalar = TestProblems.gbm(Calculus.STRATONOVICH);
        SdeProblem general = TestProblems.general(Calculus.STRATONOVICH);
        for (Solver s : new Solver[] {new ShARK(), new SRA1(), new SEA()}) {
            for (SdeProblem p : new SdeProblem[] {scalar, general}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.newStepper(p));
                String m = e.getMessage();
                assertTrue(m.startsWith(s.properties().name() + " needs additive noise (diffusion independent of y)"), m);
                assertTrue(m.contains("problem declares " + p.noiseType()), m);
                assertTrue(m.contains("use spark or general_shark"), m);
            }
            assertDoesNotThrow(() -> s.newStepper(TestProblems.additive()));
            assertDoesNotThrow(() -> s.newStepper(ode()), "an ODE has (zero) additive noise");
        }
    }

    @Test
    void milsteinNeedsTheDiffusionDerivative() {
        for (Solver s : new Solver[] {new ItoMilstein(), new StratonovichMilstein()}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> s.newStepper(withoutDerivative(NoiseType.SCALAR)));
            String m = e.getMessage();
            assertTrue(m.startsWith(s.properties().name()), m);
            assertTrue(m.contains("diffusionDerivative(...)") && m.contains("fieldDiffusion(...)"), m);
            assertDoesNotThrow(() -> s.newStepper(ode()), "an ODE needs no derivative");
        }
    }

    @Test
    void stepDoublingNeedsThePathOnSdes() {
        StepDoubling solver = new StepDoubling(new Heun());
        SdeProblem sde = TestProblems.gbm(Calculus.STRATONOVICH);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> solver.newStepper(sde));
        assertTrue(e.getMessage().contains("newStepper(problem, path)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> solver.newStepper(sde, null));
        IllegalArgumentException dim = assertThrows(IllegalArgumentException.class,
                () -> solver.newStepper(sde, tree(2, LevyArea.NONE)));
        assertTrue(dim.getMessage().contains("dimension"), dim.getMessage());
        IllegalArgumentException level = assertThrows(IllegalArgumentException.class,
                () -> new StepDoubling(new SPaRK()).newStepper(sde, tree(1, LevyArea.NONE)));
        assertTrue(level.getMessage().contains("SPACE_TIME"), level.getMessage());
        assertDoesNotThrow(() -> solver.newStepper(ode()));
        assertDoesNotThrow(() -> solver.newStepper(sde, tree(1, LevyArea.NONE)));
        assertThrows(IllegalArgumentException.class, () -> new StepDoubling(null));
    }

    @Test
    void srkSolversNeedTheSpaceTimeArea() {
        MutableBrownianIncrement plain = new MutableBrownianIncrement(1, LevyArea.NONE);
        plain.setDt(0.1);
        plain.w()[0] = 0.2;
        for (Solver s : new Solver[] {new SPaRK(), new GeneralShARK(), new SlowRK()}) {
            Stepper st = s.newStepper(TestProblems.gbm(Calculus.STRATONOVICH));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> st.step(0.0, 0.1, new double[] {1.0}, plain, new double[1], new double[1]));
            assertTrue(e.getMessage().startsWith(s.properties().name() + " needs Brownian increments with Lévy area SPACE_TIME"),
                    e.getMessage());
        }
    }

    @Test
    void nullProblemsAreRefused() {
        for (Solver s : new Solver[] {new Heun(), new Midpoint(), new Ralston(), new EulerHeun(), new ItoMilstein(),
            new StratonovichMilstein(), new ReversibleHeun(), new ShARK(), new SRA1(), new SEA(), new SPaRK(),
            new GeneralShARK(), new SlowRK(), new StepDoubling(new Heun())}) {
            assertThrows(IllegalArgumentException.class, () -> s.newStepper(null), s.properties().name());
        }
    }

    @Test
    void invalidTableauxAreRefused() {
        // A stage that skips the drift must not feed it forward.
        assertThrows(IllegalStateException.class, () -> SrkTableau.general(2).c(0.0, 1.0)
                .a(new double[] {1.0}).b(0.5, 0.5)
                .w(new double[][] {{1.0}}, new double[] {0.5, 0.5}, null)
                .ignoreF(true, false).build());
        // Drift weights must sum to 1.
        assertThrows(IllegalStateException.class, () -> SrkTableau.additive(1).c(0.0).a().b(0.9)
                .w(new double[] {0.0}, 1.0).build());
    }
}
