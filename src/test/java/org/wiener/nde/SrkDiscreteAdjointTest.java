package org.wiener.nde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.wiener.brownian.BrownianIncrement;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.PidController;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.SaveAt;
import org.wiener.integrate.Solution;
import org.wiener.integrate.StepRecord;
import org.wiener.random.CounterStream;
import org.wiener.solver.EulerHeun;
import org.wiener.solver.GeneralShARK;
import org.wiener.solver.Heun;
import org.wiener.solver.Midpoint;
import org.wiener.solver.Ralston;
import org.wiener.solver.ReversibleHeun;
import org.wiener.solver.SPaRK;
import org.wiener.solver.SRA1;
import org.wiener.solver.SdeRungeKuttaTableau;
import org.wiener.solver.ShARK;
import org.wiener.solver.Solver;
import org.wiener.solver.StochasticTableau;
import org.wiener.solver.Tsit5;

class SrkDiscreteAdjointTest {

    private static final double TOL = 0.002;
    private static final double[] OBS = {0.0, 0.25, 0.5, 0.75, 1.0};
    private static final double[] Y0 = {1.2, -0.4};
    private static final double WEIGHT = 0.7;

    private static final Mlp MLP = Mlp.builder().layers(2, 3, 2).activation(Activation.TANH).cubedInput(true).build();
    private static final AffineDiagonalDiffusion AFFINE = new AffineDiagonalDiffusion(2);
    private static final NeuralDiagonalSde MODEL = new NeuralDiagonalSde(MLP, AFFINE);
    private static final NeuralDiagonalSde ADDITIVE_MODEL = new NeuralDiagonalSde(MLP, new TimeAffineDiagonalDiffusion(2));

    /**
     * Each supported solver with a model it accepts: SPaRK and the combined-stage methods on state-dependent
     * noise, the additive ones on g(t).
     */
    enum Case {
        SPARK(SPaRK::new, SPaRK::tableau, MODEL),
        SHARK(ShARK::new, ShARK::tableau, ADDITIVE_MODEL),
        SRA1_(SRA1::new, SRA1::tableau, ADDITIVE_MODEL),
        HEUN(Heun::new, Heun::tableau, MODEL),
        MIDPOINT(Midpoint::new, Midpoint::tableau, MODEL),
        RALSTON(Ralston::new, Ralston::tableau, MODEL);

        final Supplier<Solver> solver;
        final Supplier<?> tableau;
        final NeuralDiagonalSde model;

        Case(Supplier<Solver> solver, Supplier<?> tableau, NeuralDiagonalSde model) {
            this.solver = solver;
            this.tableau = tableau;
            this.model = model;
        }

        boolean additive() {
            return model == ADDITIVE_MODEL;
        }

        boolean combined() {
            return tableau.get() instanceof SdeRungeKuttaTableau;
        }

        String solverName() {
            return tableau.get() instanceof StochasticTableau t ? t.name() : ((SdeRungeKuttaTableau) tableau.get()).name();
        }

        double[] theta() {
            double[] t = new double[model.parameterCount()];
            System.arraycopy(MLP.initialParameters(3), 0, t, 0, MLP.parameterCount());
            CounterStream s = new CounterStream(11, 1);
            for (int p = 0; p < MLP.parameterCount(); p++) {
                t[p] += 0.2 * (2 * s.nextUniform() - 1); // non-zero biases too
            }
            // Affine: (w, b); time-affine: g_i(t) = s_i + r_i t, time-dependent so that g1 ≠ g0.
            double[] phi = additive() ? new double[] {0.3, -0.2, 0.25, 0.15} : AFFINE.parameters(new double[] {0.3, -0.2},
                    new double[] {0.1, 0.05});
            System.arraycopy(phi, 0, t, MLP.parameterCount(), phi.length);
            return t;
        }

        SrkDiscreteAdjoint adjoint(boolean stepToObservations) {
            return new SrkDiscreteAdjoint(solver.get(), model, 0.0, 1.0, OBS, TOL, TOL,
                    PidController.builder(TOL, TOL).build(), stepToObservations);
        }
    }

    static Stream<Arguments> casesModesWeights() {
        List<Arguments> list = new ArrayList<>();
        for (Case c : Case.values()) {
            for (boolean step : new boolean[] {true, false}) {
                for (double weight : new double[] {WEIGHT, 0.0}) {
                    list.add(Arguments.of(c, step, weight));
                }
            }
        }
        return list.stream();
    }

    /** One forward solve and reverse sweep of a case on the tree of a seed, with the cotangents below. */
    private static final class Run {
        final SrkDiscreteAdjoint adj;
        final double[] theta;
        final VirtualBrownianTree tree;
        final SrkDiscreteAdjoint.Tape tape;
        final double[][] c = cotangents();
        final double[] grad;
        final double[] y0Bar = new double[2];

        Run(Case cs, boolean stepToObservations, double weight, long seed) {
            adj = cs.adjoint(stepToObservations);
            theta = cs.theta();
            tree = tree(seed);
            tape = adj.forward(theta, Y0, tree);
            grad = new double[theta.length];
            tape.backward(c, weight, grad, y0Bar);
        }
    }

    private static double[][] cotangents() {
        CounterStream s = new CounterStream(5, 2);
        double[][] c = new double[OBS.length][2];
        for (double[] row : c) {
            row[0] = 2 * s.nextUniform() - 1;
            row[1] = 2 * s.nextUniform() - 1;
        }
        return c;
    }

    private static VirtualBrownianTree tree(long seed) {
        return VirtualBrownianTree.builder().interval(0.0, 1.0).dimension(2).tolerance(1e-6)
                .levyArea(LevyArea.SPACE_TIME).seed(seed).build();
    }

    /** L = Σ_o ⟨c_o, y(τ_o)⟩ + w·R_E on a tape. */
    private static double loss(SrkDiscreteAdjoint.Tape tape, double[][] c, double weight) {
        double l = weight * tape.errorRegularization();
        for (int o = 0; o < OBS.length; o++) {
            double[] y = tape.observed(o);
            l += c[o][0] * y[0] + c[o][1] * y[1];
        }
        return l;
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void replayReproducesTheIntegratorsStatesAndErrors(Case cs) {
        SrkDiscreteAdjoint adj = cs.adjoint(true);
        double[] theta = cs.theta();
        VirtualBrownianTree tree = tree(42);
        SrkDiscreteAdjoint.Tape tape = adj.forward(theta, Y0, tree);
        Solution sol = adj.integrator().solve(cs.model.problem(theta, Y0, 0.0, 1.0), tree);
        assertEquals(OBS.length, sol.size());
        for (int o = 0; o < OBS.length; o++) {
            assertEquals(OBS[o], sol.time(o));
            // Same arithmetic in the same order: bit-for-bit equal states.
            assertArrayEquals(sol.state(o), tape.observed(o), 0.0);
        }
        List<StepRecord> accepted = new ArrayList<>();
        for (StepRecord r : sol.records()) {
            if (r.accepted()) {
                accepted.add(r);
            }
        }
        assertEquals(accepted.size(), tape.steps());
        assertTrue(tape.steps() > 8, "the test needs several adaptive steps, got " + tape.steps());
        assertTrue(sol.stats().rejectedSteps() > 0, "the test should include rejected steps");
        for (int j = 0; j < tape.steps(); j++) {
            assertEquals(accepted.get(j).t(), tape.stepStart(j));
            assertEquals(accepted.get(j).scaledError(), tape.scaledError(j), 0.0);
        }
        assertEquals(cs.solverName(), adj.solverName());
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void interpolatedObservationsUseTheIntegratorsOwnSteps(Case cs) {
        SrkDiscreteAdjoint adj = cs.adjoint(false);
        double[] theta = cs.theta();
        VirtualBrownianTree tree = tree(42);
        SrkDiscreteAdjoint.Tape tape = adj.forward(theta, Y0, tree);
        Solution sol = Integrator.builder().solver(cs.solver.get()).controller(PidController.builder(TOL, TOL).build())
                .saveAt(SaveAt.everyStep()).build().solve(cs.model.problem(theta, Y0, 0.0, 1.0), tree);
        assertEquals(sol.size() - 1, tape.steps());
        int inside = 0;
        for (int o = 0; o < OBS.length; o++) {
            int j = 0;
            while (sol.time(j + 1) < OBS[o]) {
                j++;
            }
            double ta = sol.time(j);
            double tb = sol.time(j + 1);
            double wgt = (OBS[o] - ta) / (tb - ta);
            if (wgt > 0 && wgt < 1) {
                inside++;
            }
            for (int i = 0; i < 2; i++) {
                double ya = sol.state(j)[i];
                double yb = sol.state(j + 1)[i];
                assertArrayEquals(sol.state(j + 1), tape.stateAtEnd(j), 0.0);
                double expected = OBS[o] == tb ? yb : ya + wgt * (yb - ya);
                assertEquals(expected, tape.observed(o)[i], 1e-15 * Math.abs(expected), "observation " + o);
            }
        }
        assertTrue(inside >= 2, "observations strictly inside steps: " + inside);
    }

    @ParameterizedTest
    @MethodSource("casesModesWeights")
    void reverseModeMatchesForwardModeGradient(Case cs, boolean stepToObservations, double weight) {
        Run run = new Run(cs, stepToObservations, weight, 42);
        double[] theta = run.theta;
        VirtualBrownianTree tree = run.tree;
        SrkDiscreteAdjoint.Tape tape = run.tape;
        double[][] c = run.c;
        double[] grad = run.grad;
        double[] y0Bar = run.y0Bar;

        Gradient fwd = forwardModeLoss(cs, tape, theta, tree, c, weight);
        assertEquals(loss(tape, c, weight), fwd.getValue(), 1e-12 * Math.abs(fwd.getValue()));
        double scale = 0;
        for (int p = 0; p < theta.length + 2; p++) {
            scale = Math.max(scale, Math.abs(fwd.getPartialDerivative(p)));
        }
        // Both are exact derivatives of the same floating-point map: they differ by rounding only.
        for (int p = 0; p < theta.length; p++) {
            assertEquals(fwd.getPartialDerivative(p), grad[p], 1e-10 * scale, "parameter " + p);
        }
        for (int i = 0; i < 2; i++) {
            assertEquals(fwd.getPartialDerivative(theta.length + i), y0Bar[i], 1e-10 * scale, "y0[" + i + "]");
        }
        // Every diffusion parameter influences the loss (the time-dependent ones through g1 − g0).
        for (int p = MLP.parameterCount(); p < theta.length; p++) {
            assertTrue(Math.abs(grad[p]) > 1e-6 * scale, "diffusion parameter " + p + ": " + grad[p]);
        }
        if (weight != 0.0) {
            // The regularizer's part is not negligible here, so the comparison covers its gradient.
            double[] gradNoReg = new double[theta.length];
            tape.backward(c, 0.0, gradNoReg, null);
            double diff = 0;
            for (int p = 0; p < theta.length; p++) {
                diff = Math.max(diff, Math.abs(gradNoReg[p] - grad[p]));
            }
            assertTrue(diff > 1e-3 * scale, "regularizer gradient too small to be tested: " + diff);
        }
    }

    @ParameterizedTest
    @MethodSource("casesModesWeights")
    void reverseModeMatchesCentralDifferencesWithStepsHeldFixed(Case cs, boolean stepToObservations, double weight) {
        Run run = new Run(cs, stepToObservations, weight, 43);
        SrkDiscreteAdjoint adj = run.adj;
        double[] theta = run.theta;
        VirtualBrownianTree tree = run.tree;
        SrkDiscreteAdjoint.Tape tape = run.tape;
        double[][] c = run.c;
        double[] grad = run.grad;
        double[] y0Bar = run.y0Bar;
        double scale = 0;
        for (double g : grad) {
            scale = Math.max(scale, Math.abs(g));
        }
        for (double g : y0Bar) {
            scale = Math.max(scale, Math.abs(g));
        }
        // Truncation O(eps²) ~ 1e-12 and rounding ~ 1e-16/eps ~ 1e-10 relative: 1e-6 leaves a wide margin
        // yet fails for any wrong term of the sweep.
        for (int p = 0; p < theta.length; p++) {
            double eps = 1e-6 * Math.max(1.0, Math.abs(theta[p]));
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[p] += eps;
            minus[p] -= eps;
            double fd = (loss(adj.replay(plus, Y0, tree, tape), c, weight)
                    - loss(adj.replay(minus, Y0, tree, tape), c, weight)) / (2 * eps);
            assertEquals(fd, grad[p], 1e-6 * scale, "parameter " + p);
        }
        for (int i = 0; i < 2; i++) {
            double eps = 1e-6;
            double[] plus = Y0.clone();
            double[] minus = Y0.clone();
            plus[i] += eps;
            minus[i] -= eps;
            double fd = (loss(adj.replay(theta, plus, tree, tape), c, weight)
                    - loss(adj.replay(theta, minus, tree, tape), c, weight)) / (2 * eps);
            assertEquals(fd, y0Bar[i], 1e-6 * scale, "y0[" + i + "]");
        }
    }

    static Stream<Arguments> casesKinds() {
        List<Arguments> list = new ArrayList<>();
        for (Case c : Case.values()) {
            list.add(Arguments.of(c, Regularizer.LOCAL_UNBIASED));
            list.add(Arguments.of(c, Regularizer.LOCAL_BIASED));
        }
        return list.stream();
    }

    @ParameterizedTest
    @MethodSource("casesKinds")
    void localStepIsTheControllersFirstStepFromTRegOnTheSameTree(Case cs, Regularizer kind) {
        SrkDiscreteAdjoint adj = cs.adjoint(true);
        double[] theta = cs.theta();
        VirtualBrownianTree tree = tree(42);
        SrkDiscreteAdjoint.Tape tape = adj.forward(theta, Y0, tree);
        double u = 0.37;
        SrkDiscreteAdjoint.LocalStep local = tape.localStep(kind, u, tree);
        if (kind == Regularizer.LOCAL_BIASED) {
            int j = (int) Math.floor(u * tape.steps());
            assertEquals(tape.stepStart(j), local.time());
            assertArrayEquals(j == 0 ? Y0 : tape.stateAtEnd(j - 1), local.state(), 0.0);
        } else {
            assertEquals(u, local.time());
            // Inside an accepted step [ta, tb]: the linear interpolant of its end states.
            int j = 0;
            while (tape.stepEnd(j) <= u) {
                j++;
            }
            double wgt = (u - tape.stepStart(j)) / (tape.stepEnd(j) - tape.stepStart(j));
            double[] ya = j == 0 ? Y0 : tape.stateAtEnd(j - 1);
            double[] yb = tape.stateAtEnd(j);
            for (int i = 0; i < 2; i++) {
                assertEquals(ya[i] + wgt * (yb[i] - ya[i]), local.state()[i], 1e-15);
            }
        }
        // A fresh solve from (t_reg, y(t_reg)) with the same solver and controller on the same tree: its first
        // attempted step is the local step, with the same size and bitwise the same scaled error.
        Solution sol = Integrator.builder().solver(cs.solver.get()).controller(PidController.builder(TOL, TOL).build())
                .saveAt(SaveAt.end()).recordSteps(true).build()
                .solve(cs.model.problem(theta, local.state(), local.time(), 1.0), tree);
        StepRecord first = sol.records().get(0);
        assertEquals(local.time(), first.t());
        assertEquals(first.h(), local.stepSize(), 1e-15 * first.h());
        assertEquals(first.scaledError(), local.scaledError(), 0.0);
        assertEquals(local.scaledError() * local.stepSize(), local.value(), 0.0);
        assertTrue(local.value() > 0, "a non-trivial regularizer: " + local.value());
    }

    @ParameterizedTest
    @MethodSource("casesKinds")
    void localStepGradientMatchesCentralDifferencesThroughThetaOnly(Case cs, Regularizer kind) {
        SrkDiscreteAdjoint adj = cs.adjoint(false);
        double[] theta = cs.theta();
        VirtualBrownianTree tree = tree(43);
        SrkDiscreteAdjoint.LocalStep local = adj.forward(theta, Y0, tree).localStep(kind, 0.61, tree);
        double[] grad = new double[theta.length];
        local.backward(WEIGHT, grad);
        assertEquals(local.value(), local.valueAt(theta), 0.0);
        double scale = 0;
        for (double g : grad) {
            scale = Math.max(scale, Math.abs(g));
        }
        assertTrue(scale > 0, "the local regularizer must depend on θ");
        for (int p = 0; p < theta.length; p++) {
            double eps = 1e-6 * Math.max(1.0, Math.abs(theta[p]));
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[p] += eps;
            minus[p] -= eps;
            double fd = WEIGHT * (local.valueAt(plus) - local.valueAt(minus)) / (2 * eps);
            // As for the full solve: truncation and rounding are far below 1e-6 of the largest partial.
            assertEquals(fd, grad[p], 1e-6 * scale, "parameter " + p);
        }
        // The diffusion parameters enter the step through the stages (and g0, g1 for the additive form).
        double diffusion = 0;
        for (int p = MLP.parameterCount(); p < theta.length; p++) {
            diffusion = Math.max(diffusion, Math.abs(grad[p]));
        }
        assertTrue(diffusion > 1e-6 * scale, "diffusion parameters: " + diffusion);
    }

    @Test
    void localStepRefusesBadInput() {
        SrkDiscreteAdjoint.Tape tape = Case.SPARK.adjoint(true).forward(Case.SPARK.theta(), Y0, tree(1));
        for (double u : new double[] {0.0, 1.0, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> tape.localStep(Regularizer.LOCAL_BIASED, u, tree(1)));
            assertTrue(e.getMessage().contains("u must be in (0, 1)"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tape.localStep(Regularizer.ERROR, 0.5, tree(1)));
        assertTrue(e.getMessage().contains("error"), e.getMessage());
    }

    /** dy = λ y dt, one component, parameter λ (the ODE adjoint test's field). */
    private static final ParametricVectorField LINEAR = new DiscreteAdjointTest.Linear();

    private static final double LINEAR_TOL = 1e-3;

    /** A solve of dy = −3 y dt from y = 2 with zero diffusion (the diffusion's parameters 0). */
    private static SrkDiscreteAdjoint.Tape linearTape(Solver solver, ParametricDiagonalDiffusion g) {
        NeuralDiagonalSde model = new NeuralDiagonalSde(LINEAR, g);
        SrkDiscreteAdjoint adj = new SrkDiscreteAdjoint(solver, model, 0.0, 1.0, new double[] {1.0}, LINEAR_TOL,
                LINEAR_TOL, PidController.builder(LINEAR_TOL, LINEAR_TOL).build());
        VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(0.0, 1.0).dimension(1).tolerance(1e-6)
                .levyArea(LevyArea.SPACE_TIME).seed(1).build();
        return adj.forward(new double[] {-3.0, 0.0, 0.0}, new double[] {2.0}, tree);
    }

    /** The step with the largest scaled error (the first, Hairer's tiny initial step, has E at rounding level). */
    private static int largestErrorStep(SrkDiscreteAdjoint.Tape tape) {
        int j = 0;
        for (int k = 1; k < tape.steps(); k++) {
            if (tape.scaledError(k) > tape.scaledError(j)) {
                j = k;
            }
        }
        assertTrue(j > 0 && tape.scaledError(j) > 0.1, "a step with a sizeable error estimate: " + tape.scaledError(j));
        return j;
    }

    @Test
    void sparkErrorEstimateOfOneStepMatchesTheHandComputedValue() {
        // dy = λ y dt with zero diffusion (w = b = 0): with z = hλ, SPaRK's stages give
        // y' = y (1 + z + z²/2 + x1 z³/2) and e = (x1 − 1/2) z³ y / 2 = −√3 z³ y / 12
        // (the terms of order z and z² cancel since 2 x1 + x2 = 1 and x1 + x2/2 = 1/2).
        SrkDiscreteAdjoint.Tape tape = linearTape(new SPaRK(), new AffineDiagonalDiffusion(1));
        double lambda = -3.0;
        double tol = LINEAR_TOL;
        int j = largestErrorStep(tape);
        double y0 = tape.stateAtEnd(j - 1)[0];
        double h = tape.stepEnd(j) - tape.stepStart(j);
        double z = h * lambda;
        double x1 = (3 - Math.sqrt(3)) / 6;
        double y1 = y0 * (1 + z + z * z / 2 + x1 * z * z * z / 2);
        double e = -Math.sqrt(3) * z * z * z * y0 / 12;
        double expected = Math.abs(e) / (tol + tol * Math.max(Math.abs(y0), Math.abs(y1)));
        assertEquals(y1, tape.stateAtEnd(j)[0], 1e-14);
        // e is a difference of O(1) stage terms: rounding of order 1e-16 on a value of order tol·E.
        assertEquals(expected, tape.scaledError(j), 1e-9 * expected);
        // R_E sums E_j·h_j over the accepted steps.
        double sum = 0;
        for (int k = 0; k < tape.steps(); k++) {
            sum += tape.scaledError(k) * (tape.stepEnd(k) - tape.stepStart(k));
        }
        assertEquals(sum, tape.errorRegularization(), 1e-15);
    }

    @Test
    void sharkErrorEstimateOfOneStepMatchesTheHandComputedValue() {
        // dy = λ y dt with g = 0: z1 = y, z2 = y + (5/6) h λ y, so with z = hλ
        // y' = y (1 + z + z²/2) and e = 0.6 h (f2 − f1) = 0.6·(5/6) z² y = z² y / 2.
        SrkDiscreteAdjoint.Tape tape = linearTape(new ShARK(), new TimeAffineDiagonalDiffusion(1));
        double lambda = -3.0;
        double tol = LINEAR_TOL;
        int j = largestErrorStep(tape);
        double y0 = tape.stateAtEnd(j - 1)[0];
        double z = (tape.stepEnd(j) - tape.stepStart(j)) * lambda;
        double y1 = y0 * (1 + z + z * z / 2);
        double expected = Math.abs(z * z * y0 / 2) / (tol + tol * Math.max(Math.abs(y0), Math.abs(y1)));
        assertEquals(y1, tape.stateAtEnd(j)[0], 1e-14);
        assertEquals(expected, tape.scaledError(j), 1e-9 * expected);
    }

    @Test
    void gradientsAreDeterministicForATree() {
        SrkDiscreteAdjoint adj = Case.SPARK.adjoint(true);
        double[] theta = Case.SPARK.theta();
        double[][] c = cotangents();
        double[] g1 = new double[theta.length];
        double[] g2 = new double[theta.length];
        adj.forward(theta, Y0, tree(9)).backward(c, WEIGHT, g1, null);
        adj.forward(theta, Y0, tree(9)).backward(c, WEIGHT, g2, null);
        assertArrayEquals(g1, g2, 0.0);
        double[] g3 = new double[theta.length];
        adj.forward(theta, Y0, tree(10)).backward(c, WEIGHT, g3, null);
        assertTrue(!java.util.Arrays.equals(g1, g3), "another path must give another gradient");
    }

    @Test
    void badInputIsRefused() {
        SrkDiscreteAdjoint adj = Case.SPARK.adjoint(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> adj.forward(new double[3], Y0, tree(1)));
        assertTrue(e.getMessage().contains("theta.length"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SrkDiscreteAdjoint(new SPaRK(), MODEL, 0.0, 1.0,
                new double[] {0.5, 0.25}, TOL, TOL, PidController.builder(TOL, TOL).build()));
        SrkDiscreteAdjoint.Tape tape = adj.forward(Case.SPARK.theta(), Y0, tree(1));
        assertThrows(IllegalArgumentException.class,
                () -> tape.backward(new double[2][], 0, new double[MODEL.parameterCount()], null));
        // Solvers without an SRK tableau and embedded estimate: the message names them and the supported ones.
        for (Solver unsupported : new Solver[] {new GeneralShARK(), new ReversibleHeun(), new EulerHeun(), new Tsit5()}) {
            IllegalArgumentException u = assertThrows(IllegalArgumentException.class, () -> new SrkDiscreteAdjoint(
                    unsupported, MODEL, 0.0, 1.0, OBS, TOL, TOL, PidController.builder(TOL, TOL).build()));
            String name = unsupported.properties().name();
            assertTrue(u.getMessage().contains(name) && u.getMessage().contains("[spark, shark, sra1, heun, midpoint, ralston]"),
                    u.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new SrkDiscreteAdjoint(null, MODEL, 0.0, 1.0, OBS, TOL,
                TOL, PidController.builder(TOL, TOL).build()));
        // The additive solvers need a diffusion declared additive.
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> new SrkDiscreteAdjoint(
                new ShARK(), MODEL, 0.0, 1.0, OBS, TOL, TOL, PidController.builder(TOL, TOL).build()));
        assertTrue(a.getMessage().contains("shark") && a.getMessage().contains("additive"), a.getMessage());
    }

    /**
     * The same discrete map over Gradient (parameters then y0 as variables), written from the solver's
     * published tableau with plain field arithmetic (no zero skipping, no shared code with the adjoint).
     */
    private static Gradient forwardModeLoss(Case cs, SrkDiscreteAdjoint.Tape tape, double[] theta,
            VirtualBrownianTree tree, double[][] c, double weight) {
        if (cs.combined()) {
            return combinedForwardModeLoss((SdeRungeKuttaTableau) cs.tableau.get(), tape, theta, tree, c, weight);
        }
        StochasticTableau tab = (StochasticTableau) cs.tableau.get();
        int s = tab.stages();
        double[] cc = tab.c();
        double[][] a = tab.a();
        double[] b = tab.b();
        double[] be = tab.bErr();
        Gradient[] v = variables(theta);
        int p = theta.length;
        int pf = MLP.parameterCount();
        Gradient[] thF = java.util.Arrays.copyOf(v, pf);
        Gradient[] phi = java.util.Arrays.copyOfRange(v, pf, p);
        Gradient[] y = {v[p], v[p + 1]};
        Gradient zero = y[0].getField().getZero();
        Gradient loss = y[0].multiply(c[0][0]).add(y[1].multiply(c[0][1]));
        int o = 1;
        for (int j = 0; j < tape.steps(); j++) {
            double t0 = tape.stepStart(j);
            double t1 = tape.stepEnd(j);
            double h = t1 - t0;
            BrownianIncrement inc = tree.increment(t0, t1);
            Gradient[][] f = new Gradient[s][2];
            Gradient[][] g = new Gradient[s][2];
            Gradient[] y1 = new Gradient[2];
            Gradient[] e = new Gradient[2];
            for (int k = 0; k < s; k++) {
                double tk = cc[k] == 1.0 ? t1 : t0 + cc[k] * h;
                Gradient[] z = new Gradient[2];
                for (int i = 0; i < 2; i++) {
                    Gradient zi = y[i];
                    for (int l = 0; l < k; l++) {
                        zi = zi.add(f[l][i].multiply(h * a[k][l]));
                        if (!cs.additive()) {
                            zi = zi.add(g[l][i].multiply(tab.aW()[k][l] * inc.w(i) + tab.aH()[k][l] * inc.h(i)));
                        }
                    }
                    if (cs.additive()) {
                        zi = zi.add(g(cs, phi, t0, y[i], i).multiply(tab.stageW()[k] * inc.w(i)
                                + tab.stageH()[k] * inc.h(i)));
                    }
                    z[i] = zi;
                }
                Gradient[] drift = MlpTest.forwardGradient(MLP, tk, z, thF);
                for (int i = 0; i < 2; i++) {
                    g[k][i] = g(cs, phi, tk, z[i], i);
                    // Itô → Stratonovich: ½ g ∂g/∂y = ½ g w for the affine diffusion, 0 for the additive one.
                    f[k][i] = cs.additive() ? drift[i] : drift[i].subtract(g[k][i].multiply(phi[i]).multiply(0.5));
                }
            }
            Gradient sum = zero;
            for (int i = 0; i < 2; i++) {
                Gradient fy = zero;
                Gradient fe = zero;
                for (int k = 0; k < s; k++) {
                    fy = fy.add(f[k][i].multiply(b[k]));
                    fe = fe.add(f[k][i].multiply(be[k]));
                }
                y1[i] = y[i].add(fy.multiply(h));
                e[i] = fe.multiply(h);
                if (cs.additive()) {
                    Gradient g0 = g(cs, phi, t0, y[i], i);
                    Gradient g1 = g(cs, phi, t1, y[i], i);
                    y1[i] = y1[i].add(g0.multiply(tab.weightW() * inc.w(i) + tab.weightH() * inc.h(i)))
                            .add(g1.subtract(g0).multiply(0.5 * (inc.w(i) - 2 * inc.h(i))));
                } else {
                    for (int k = 0; k < s; k++) {
                        y1[i] = y1[i].add(g[k][i].multiply(tab.bW()[k] * inc.w(i) + tab.bH()[k] * inc.h(i)));
                        e[i] = e[i].add(g[k][i].multiply(tab.bWErr()[k] * inc.w(i) + tab.bHErr()[k] * inc.h(i)));
                    }
                }
                sum = sum.add(squaredScaledError(y[i], y1[i], e[i]));
            }
            loss = addStep(loss, sum, y, y1, t0, t1, weight, c);
            while (o < OBS.length && OBS[o] <= t1) {
                o++;
            }
            y = y1;
        }
        assertEquals(OBS.length, o);
        return loss;
    }

    /** @return θ and then y0 as the independent variables of forward mode */
    private static Gradient[] variables(double[] theta) {
        int free = theta.length + 2;
        Gradient[] v = new Gradient[free];
        for (int i = 0; i < free; i++) {
            v[i] = Gradient.variable(free, i, i < theta.length ? theta[i] : Y0[i - theta.length]);
        }
        return v;
    }

    /** Adds w·E·h of one step and the observations in (t0, t1] (end state, or linear interpolant inside). */
    private static Gradient addStep(Gradient loss, Gradient sumSquares, Gradient[] y, Gradient[] y1, double t0,
            double t1, double weight, double[][] c) {
        double h = t1 - t0;
        Gradient result = loss.add(sumSquares.divide(2).sqrt().multiply(h * weight));
        for (int o = 1; o < OBS.length; o++) {
            if (OBS[o] > t0 && OBS[o] <= t1) {
                double wgt = (OBS[o] - t0) / h;
                for (int i = 0; i < 2; i++) {
                    Gradient obs = OBS[o] == t1 ? y1[i] : y[i].add(y1[i].subtract(y[i]).multiply(wgt));
                    result = result.add(obs.multiply(c[o][i]));
                }
            }
        }
        return result;
    }

    /** Scaled error contribution (e / (TOL + TOL·max(|y|, |y'|)))², the max by its active branch. */
    private static Gradient squaredScaledError(Gradient y, Gradient y1, Gradient e) {
        Gradient big = Math.abs(y.getValue()) >= Math.abs(y1.getValue()) ? y.abs() : y1.abs();
        Gradient q = e.divide(big.multiply(TOL).add(TOL));
        return q.multiply(q);
    }

    /**
     * The combined-stage map over Gradient, from the published tableau: k_j = f_j h + g_j W,
     * z_j = y + Σ a_jl k_l, y' = y + Σ b_j k_j, e = Σ bErr_j k_j (affine diffusion: the Case models).
     */
    private static Gradient combinedForwardModeLoss(SdeRungeKuttaTableau tab, SrkDiscreteAdjoint.Tape tape,
            double[] theta, VirtualBrownianTree tree, double[][] c, double weight) {
        int s = tab.stages();
        Gradient[] v = variables(theta);
        int p = theta.length;
        int pf = MLP.parameterCount();
        Gradient[] thF = java.util.Arrays.copyOf(v, pf);
        Gradient[] phi = java.util.Arrays.copyOfRange(v, pf, p);
        Gradient[] y = {v[p], v[p + 1]};
        Gradient zero = y[0].getField().getZero();
        Gradient loss = y[0].multiply(c[0][0]).add(y[1].multiply(c[0][1]));
        for (int j = 0; j < tape.steps(); j++) {
            double t0 = tape.stepStart(j);
            double t1 = tape.stepEnd(j);
            double h = t1 - t0;
            BrownianIncrement inc = tree.increment(t0, t1);
            Gradient[][] k = new Gradient[s][2];
            for (int st = 0; st < s; st++) {
                double tk = tab.c()[st] == 1.0 ? t1 : t0 + tab.c()[st] * h;
                Gradient[] z = y.clone();
                for (int i = 0; i < 2; i++) {
                    for (int l = 0; l < st; l++) {
                        z[i] = z[i].add(k[l][i].multiply(tab.a()[st][l]));
                    }
                }
                Gradient[] drift = MlpTest.forwardGradient(MLP, tk, z, thF);
                for (int i = 0; i < 2; i++) {
                    Gradient gi = phi[i].multiply(z[i]).add(phi[2 + i]);
                    Gradient fi = drift[i].subtract(gi.multiply(phi[i]).multiply(0.5));
                    k[st][i] = fi.multiply(h).add(gi.multiply(inc.w(i)));
                }
            }
            Gradient[] y1 = new Gradient[2];
            Gradient sum = zero;
            for (int i = 0; i < 2; i++) {
                Gradient e = zero;
                y1[i] = y[i];
                for (int st = 0; st < s; st++) {
                    y1[i] = y1[i].add(k[st][i].multiply(tab.b()[st]));
                    e = e.add(k[st][i].multiply(tab.bErr()[st]));
                }
                sum = sum.add(squaredScaledError(y[i], y1[i], e));
            }
            loss = addStep(loss, sum, y, y1, t0, t1, weight, c);
            y = y1;
        }
        return loss;
    }

    /** The model's diffusion component i over Gradient: w_i z + b_i (affine) or s_i + r_i t (time-affine). */
    private static Gradient g(Case cs, Gradient[] phi, double t, Gradient z, int i) {
        return cs.additive() ? phi[i].add(phi[2 + i].multiply(t)) : phi[i].multiply(z).add(phi[2 + i]);
    }
}
