package org.wiener.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.wiener.brownian.BrownianPath;
import org.wiener.brownian.FixedGridBrownianPath;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.ConstantStepSize;
import org.wiener.control.PidController;
import org.wiener.control.ScriptedSolvers;
import org.wiener.control.ScriptedSolvers.LoggingPath;
import org.wiener.control.ScriptedSolvers.ScriptedSolver;
import org.wiener.control.StepSizeController;
import org.wiener.sde.Calculus;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.Euler;
import org.wiener.solver.Solver;
import org.wiener.solver.SolverProperties;

/**
 * Everything the driver, the problem builder and the PID builder refuse at set-up, each with an
 * {@link IllegalArgumentException} whose message names what to change. Each refusal is paired with a
 * nearby accepted configuration, so a check that refused everything would fail too.
 */
class SetupRefusalTest {

    private static final ScriptedSolvers.ErrorScript SMALL = (a, t0, t1, y0, y1, e) -> java.util.Arrays.fill(e, 1e-9);

    private static VirtualBrownianTree tree(double t0, double t1, int dim, LevyArea level) {
        return VirtualBrownianTree.builder().interval(t0, t1).dimension(dim).tolerance(1e-6).levyArea(level).seed(1)
                .build();
    }

    private static VirtualBrownianTree tree() {
        return tree(0.0, 1.0, 1, LevyArea.NONE);
    }

    private static SdeProblem gbm(Calculus calculus) {
        return ScriptedSolvers.gbm(0.5, 0.8, 1.0, null).toBuilder().calculus(calculus).build();
    }

    private static Integrator integrator(Solver solver, StepSizeController controller) {
        return Integrator.builder().solver(solver).controller(controller).build();
    }

    private static PidController pid() {
        return PidController.builder(1e-3, 1e-6).build();
    }

    private static void refused(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message \"" + e.getMessage() + "\" should mention " + f);
        }
    }

    // ---------------------------------------------------------------- the path

    @Test
    void aPathWithPoorerLevyAreaThanTheSolverNeeds() {
        ScriptedSolver needsH = new ScriptedSolver(
                ScriptedSolvers.properties("needs_h").levyArea(LevyArea.SPACE_TIME).build(), SMALL);
        Integrator integrator = integrator(needsH, new ConstantStepSize(0.1));
        refused(() -> integrator.solve(gbm(Calculus.STRATONOVICH), tree()), "needs LevyArea.SPACE_TIME",
                ".levyArea(LevyArea.SPACE_TIME)");
        assertEquals(Status.SUCCESS,
                integrator.solve(gbm(Calculus.STRATONOVICH), tree(0, 1, 1, LevyArea.SPACE_TIME)).status());
        assertEquals(Status.SUCCESS, integrator.solve(gbm(Calculus.STRATONOVICH),
                tree(0, 1, 1, LevyArea.SPACE_TIME_TIME)).status(), "a richer path serves");
    }

    @Test
    void aPathOfTheWrongDimension() {
        Integrator integrator = integrator(new ScriptedSolver(SMALL), new ConstantStepSize(0.1));
        refused(() -> integrator.solve(gbm(Calculus.STRATONOVICH), tree(0, 1, 2, LevyArea.NONE)),
                "path.dimension()", "noise dimension 1", "got 2");
    }

    @Test
    void aPathThatDoesNotCoverTheProblem() {
        Integrator integrator = integrator(new ScriptedSolver(SMALL), new ConstantStepSize(0.1));
        refused(() -> integrator.solve(gbm(Calculus.STRATONOVICH), tree(0, 0.5, 1, LevyArea.NONE)),
                "[0.0, 0.5]", "must cover", "[0.0, 1.0]");
        refused(() -> integrator.solve(gbm(Calculus.STRATONOVICH), tree(0.1, 1, 1, LevyArea.NONE)), "must cover");
        assertEquals(Status.SUCCESS,
                integrator.solve(gbm(Calculus.STRATONOVICH), tree(-1, 2, 1, LevyArea.NONE)).status());
    }

    @Test
    void anSdeWithoutAPath() {
        Integrator integrator = integrator(new ScriptedSolver(SMALL), new ConstantStepSize(0.1));
        refused(() -> integrator.solve(gbm(Calculus.STRATONOVICH)), "needs a Brownian path", "solve(problem, path)");
        refused(() -> integrator.solve(gbm(Calculus.STRATONOVICH), null), "needs a Brownian path");
    }

    // ---------------------------------------------------------------- calculus and noise class

    @Test
    void anItoSolverOnAStratonovichProblemAndViceVersa() {
        Integrator euler = integrator(new Euler(), new ConstantStepSize(0.1));
        refused(() -> euler.solve(gbm(Calculus.STRATONOVICH), tree()), "ITO", "STRATONOVICH",
                "inCalculus(Calculus.ITO)");
        assertEquals(Status.SUCCESS, euler.solve(gbm(Calculus.ITO), tree()).status());
        Integrator strat = integrator(new ScriptedSolver(SMALL), new ConstantStepSize(0.1));
        refused(() -> strat.solve(gbm(Calculus.ITO), tree()), "inCalculus(Calculus.STRATONOVICH)");
        // on ODEs the calculus does not matter
        assertEquals(Status.SUCCESS, euler.solve(ScriptedSolvers.linearOde(-1, 1, 0, 1, null)).status());
    }

    @Test
    void aSolverForAnotherNoiseClassOrForOdesOnly() {
        ScriptedSolver additiveOnly = new ScriptedSolver(SolverProperties.builder("additive_only")
                .orders(NoiseType.ADDITIVE, 1.5, 1.0).odeOrder(2).embeddedError(true).build(), SMALL);
        refused(() -> integrator(additiveOnly, new ConstantStepSize(0.1)).solve(gbm(Calculus.STRATONOVICH), tree()),
                "does not apply to SCALAR");
        ScriptedSolver odeOnly = new ScriptedSolver(
                ScriptedSolvers.properties("ode_only").odeOnly().build(), SMALL);
        refused(() -> integrator(odeOnly, new ConstantStepSize(0.1)).solve(gbm(Calculus.STRATONOVICH), tree()),
                "solves ODEs only");
        ScriptedSolver sdeOnly = new ScriptedSolver(
                ScriptedSolvers.properties("sde_only").odeOrder(0).build(), SMALL);
        refused(() -> integrator(sdeOnly, new ConstantStepSize(0.1)).solve(ScriptedSolvers.linearOde(-1, 1, 0, 1, null)),
                "does not solve ODEs");
    }

    // ---------------------------------------------------------------- adaptive control

    @Test
    void aSolverWithoutErrorEstimateUnderPid() {
        ScriptedSolver noError = new ScriptedSolver(
                ScriptedSolvers.properties("no_error").embeddedError(false).build(), SMALL);
        Integrator integrator = integrator(noError, pid());
        refused(() -> integrator.solve(ScriptedSolvers.linearOde(-1, 1, 0, 1, null)), "error estimate",
                "StepDoubling");
        refused(() -> integrator.solve(gbm(Calculus.STRATONOVICH), tree()), "StepDoubling");
        assertEquals(Status.SUCCESS,
                integrator(noError, new ConstantStepSize(0.1)).solve(gbm(Calculus.STRATONOVICH), tree()).status());
        // Euler on an ODE under PID: only the missing estimate is the problem
        refused(() -> integrator(new Euler(), pid()).solve(ScriptedSolvers.linearOde(-1, 1, 0, 1, null)),
                "StepDoubling");
    }

    @Test
    void eulerUnderPidOnAnSde() {
        // Plain Euler: the message must not send the user to StepDoubling, which is refused as well.
        refused(() -> integrator(new Euler(), pid()).solve(gbm(Calculus.ITO), tree()), "Euler", "constant steps");
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class,
                () -> integrator(new Euler(), pid()).solve(gbm(Calculus.ITO), tree()));
        assertFalse(plain.getMessage().contains("StepDoubling"), plain.getMessage());
        // Step-doubled Euler has an error estimate, and is still refused on SDEs.
        ScriptedSolver doubled = new ScriptedSolver(SolverProperties.builder("euler_doubled")
                .calculus(Calculus.ITO).orders(0.5, 0.5, 1.0, 1.0).odeOrder(1).embeddedError(true).build(), SMALL);
        refused(() -> integrator(doubled, pid()).solve(gbm(Calculus.ITO), tree()), "Euler", "constant steps");
        assertEquals(Status.SUCCESS,
                integrator(doubled, pid()).solve(ScriptedSolvers.linearOde(-1, 1, 0, 1, null)).status(),
                "on ODEs it is fine");
    }

    @Test
    void aFixedGridPathUnderPid() {
        FixedGridBrownianPath grid = FixedGridBrownianPath.builder().interval(0, 1).steps(100).seed(3).build();
        Integrator adaptive = integrator(new ScriptedSolver(SMALL), pid());
        refused(() -> adaptive.solve(gbm(Calculus.STRATONOVICH), grid), "answers any time", "VirtualBrownianTree",
                "FixedGridBrownianPath");
        // the same path serves constant steps on its grid
        assertEquals(Status.SUCCESS, integrator(new ScriptedSolver(SMALL), new ConstantStepSize(0.01))
                .solve(gbm(Calculus.STRATONOVICH), grid).status());
        // a path that is not seed-deterministic is refused the same way
        BrownianPath unsafe = new LoggingPath(tree()) {
            @Override
            public boolean isSeedDeterministic() {
                return false;
            }
        };
        refused(() -> adaptive.solve(gbm(Calculus.STRATONOVICH), unsafe), "seed-deterministic");
        assertEquals(Status.SUCCESS, adaptive.solve(gbm(Calculus.STRATONOVICH), tree()).status());
    }

    // ---------------------------------------------------------------- the problem builder

    @Test
    void problemBuilderRefusesBadInput() {
        refused(() -> SdeProblem.builder().interval(1.0, 1.0), "t1 must be > t0");
        refused(() -> SdeProblem.builder().interval(1.0, 0.5), "t1 must be > t0");
        refused(() -> SdeProblem.builder().interval(Double.NaN, 1.0), "finite");
        refused(() -> SdeProblem.builder().interval(0.0, Double.POSITIVE_INFINITY), "finite");
        refused(() -> SdeProblem.builder().initialState(1.0, Double.NaN), "initialState[1] must be finite");
        refused(() -> SdeProblem.builder().initialState(Double.NEGATIVE_INFINITY), "initialState[0] must be finite");
        refused(() -> SdeProblem.builder().initialState(), "at least one component");
        refused(() -> SdeProblem.builder().initialState(1.0).interval(0, 1).build(), "drift must be set");
        refused(() -> SdeProblem.builder().drift((t, y, o) -> { }).interval(0, 1).build(), "initialState must be set");
        refused(() -> SdeProblem.builder().drift((t, y, o) -> { }).initialState(1.0).build(), "interval must be set");
        refused(() -> SdeProblem.builder().drift((t, y, o) -> { }).initialState(1.0, 2.0).interval(0, 1)
                .diffusion((t, y, o) -> { }, NoiseType.DIAGONAL, 3).build(), "DIAGONAL", "noiseDimension == dimension 2",
                "got 3");
        refused(() -> SdeProblem.builder().drift((t, y, o) -> { }).initialState(1.0, 2.0).interval(0, 1)
                .diffusion((t, y, o) -> { }, NoiseType.SCALAR, 2).build(), "SCALAR noise needs noiseDimension 1");
        refused(() -> SdeProblem.builder().diffusion((t, y, o) -> { }, NoiseType.GENERAL, 0), "noiseDimension");
        refused(() -> SdeProblem.builder().diffusion((t, y, o) -> { }, null, 1), "noiseType");
        refused(() -> SdeProblem.builder().diffusion(null, NoiseType.GENERAL, 1), "diffusion must not be null");
        refused(() -> SdeProblem.builder().calculus(null), "calculus");
        // the nearby valid problems build
        SdeProblem ok = SdeProblem.builder().drift((t, y, o) -> { }).initialState(1.0, 2.0).interval(0, 1)
                .diffusion((t, y, o) -> { }, NoiseType.DIAGONAL, 2).build();
        assertEquals(2, ok.noiseDimension());
        SdeProblem scalar = SdeProblem.builder().drift((t, y, o) -> { }).initialState(1.0, 2.0).interval(0, 1)
                .diffusion((t, y, o) -> { }, NoiseType.SCALAR, 1).build();
        assertEquals(1, scalar.noiseDimension());
    }

    // ---------------------------------------------------------------- PID settings

    @Test
    void pidBuilderRefusesBadSettings() {
        refused(() -> PidController.builder(-1e-3, 1e-6), "rtol");
        refused(() -> PidController.builder(1e-3, -1e-6), "atol");
        refused(() -> PidController.builder(Double.NaN, 1e-6), "rtol");
        refused(() -> PidController.builder(0.0, 0.0), "rtol and atol must not both be 0");
        refused(() -> PidController.builder(1e-3, 1e-6).stepBounds(0.1, 0.1), "dtmax must be > dtmin");
        refused(() -> PidController.builder(1e-3, 1e-6).stepBounds(0.1, 0.05), "dtmax must be > dtmin");
        refused(() -> PidController.builder(1e-3, 1e-6).stepBounds(-0.1, 1.0), "dtmin");
        refused(() -> PidController.builder(1e-3, 1e-6).stepBounds(0.0, Double.NaN), "dtmax");
        refused(() -> PidController.builder(1e-3, 1e-6).safety(0.0), "safety must be in (0, 1]");
        refused(() -> PidController.builder(1e-3, 1e-6).safety(1.5), "safety must be in (0, 1]");
        refused(() -> PidController.builder(1e-3, 1e-6).safety(Double.NaN), "safety");
        refused(() -> PidController.builder(1e-3, 1e-6).factorBounds(0.0, 10), "factormin");
        refused(() -> PidController.builder(1e-3, 1e-6).factorBounds(0.2, 0.5), "factormax");
        refused(() -> PidController.builder(1e-3, 1e-6).errorOrder(0.0), "errorOrder");
        refused(() -> PidController.builder(1e-3, 1e-6).initialStep(-1.0), "initialStep");
        refused(() -> PidController.builder(1e-3, 1e-6).jumpTimes(0.5, Double.NaN), "jumpTimes[1]");
        refused(() -> PidController.builder(1e-3, 1e-6).rejectedStepBuffer(-1), "rejectedStepBuffer");
        refused(() -> PidController.builder(1e-3, 1e-6).coefficients(0.1, Double.NaN, 0), "coefficients");
        // limits that are allowed
        PidController.builder(0.0, 1e-6).safety(1.0).stepBounds(0.0, 1.0).factorBounds(1.0, 1.0).build();
        PidController.builder(1e-3, 0.0).build();
    }

    @Test
    void ensembleRefusesBadArguments() {
        Integrator integrator = integrator(new ScriptedSolver(SMALL), new ConstantStepSize(0.1));
        SdeProblem p = gbm(Calculus.STRATONOVICH);
        refused(() -> Ensemble.solve(integrator, p, 0, 1L, seed -> tree(), 1), "paths");
        refused(() -> Ensemble.solve(integrator, p, 5, 1L, seed -> tree(), 0), "threads");
        refused(() -> Ensemble.solve(null, p, 5, 1L, seed -> tree(), 1), "integrator");
        // a refusal inside a worker reaches the caller as itself
        refused(() -> Ensemble.solve(integrator, p, 3, 1L, seed -> tree(0, 1, 2, LevyArea.NONE), 2), "dimension");
    }
}
