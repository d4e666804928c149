package org.wiener.nde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wiener.brownian.BrownianIncrement;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.PidController;
import org.wiener.integrate.Solution;
import org.wiener.integrate.StepRecord;
import org.wiener.random.CounterStream;

class SparkDiscreteAdjointTest {

    private static final double TOL = 0.002;
    private static final double[] OBS = {0.0, 0.25, 0.5, 0.75, 1.0};
    private static final double[] Y0 = {1.2, -0.4};
    private static final double WEIGHT = 0.7;

    private static final Mlp MLP = Mlp.builder().layers(2, 3, 2).activation(Activation.TANH).cubedInput(true).build();
    private static final AffineDiagonalDiffusion G = new AffineDiagonalDiffusion(2);
    private static final NeuralDiagonalSde MODEL = new NeuralDiagonalSde(MLP, G);

    private static double[] theta() {
        double[] t = new double[MODEL.parameterCount()];
        System.arraycopy(MLP.initialParameters(3), 0, t, 0, MLP.parameterCount());
        CounterStream s = new CounterStream(11, 1);
        for (int p = 0; p < MLP.parameterCount(); p++) {
            t[p] += 0.2 * (2 * s.nextUniform() - 1); // non-zero biases too
        }
        double[] phi = G.parameters(new double[] {0.3, -0.2}, new double[] {0.1, 0.05});
        System.arraycopy(phi, 0, t, MLP.parameterCount(), phi.length);
        return t;
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

    private static SparkDiscreteAdjoint adjoint() {
        return new SparkDiscreteAdjoint(MODEL, 0.0, 1.0, OBS, TOL, TOL, PidController.builder(TOL, TOL).build());
    }

    private static SparkDiscreteAdjoint adjoint(boolean stepToObservations) {
        return new SparkDiscreteAdjoint(MODEL, 0.0, 1.0, OBS, TOL, TOL, PidController.builder(TOL, TOL).build(),
                stepToObservations);
    }

    /** L = Σ_o ⟨c_o, y(τ_o)⟩ + w·R_E on a tape. */
    private static double loss(SparkDiscreteAdjoint.Tape tape, double[][] c) {
        double l = WEIGHT * tape.errorRegularization();
        for (int o = 0; o < OBS.length; o++) {
            double[] y = tape.observed(o);
            l += c[o][0] * y[0] + c[o][1] * y[1];
        }
        return l;
    }

    @Test
    void replayReproducesTheIntegratorsStatesAndErrors() {
        SparkDiscreteAdjoint adj = adjoint();
        double[] theta = theta();
        VirtualBrownianTree tree = tree(42);
        SparkDiscreteAdjoint.Tape tape = adj.forward(theta, Y0, tree);
        Solution sol = adj.integrator().solve(MODEL.problem(theta, Y0, 0.0, 1.0), tree);
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
    }

    @Test
    void interpolatedObservationsUseTheIntegratorsOwnSteps() {
        SparkDiscreteAdjoint adj = adjoint(false);
        double[] theta = theta();
        VirtualBrownianTree tree = tree(42);
        SparkDiscreteAdjoint.Tape tape = adj.forward(theta, Y0, tree);
        Solution sol = org.wiener.integrate.Integrator.builder().solver(new org.wiener.solver.SPaRK())
                .controller(PidController.builder(TOL, TOL).build())
                .saveAt(org.wiener.integrate.SaveAt.everyStep()).build()
                .solve(MODEL.problem(theta, Y0, 0.0, 1.0), tree);
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
                double expected = OBS[o] == tb ? yb : ya + wgt * (yb - ya);
                assertEquals(expected, tape.observed(o)[i], 1e-15 * Math.abs(expected), "observation " + o);
            }
        }
        assertTrue(inside >= 2, "observations strictly inside steps: " + inside);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void reverseModeMatchesForwardModeGradient(boolean stepToObservations) {
        SparkDiscreteAdjoint adj = adjoint(stepToObservations);
        double[] theta = theta();
        VirtualBrownianTree tree = tree(42);
        SparkDiscreteAdjoint.Tape tape = adj.forward(theta, Y0, tree);
        double[][] c = cotangents();
        double[] grad = new double[theta.length];
        double[] y0Bar = new double[2];
        tape.backward(c, WEIGHT, grad, y0Bar);

        Gradient fwd = forwardModeLoss(tape, theta, tree, c);
        assertEquals(loss(tape, c), fwd.getValue(), 1e-12 * Math.abs(fwd.getValue()));
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
        // The regularizer's part is not negligible here, so the comparison covers its gradient.
        double[] gradNoReg = new double[theta.length];
        tape.backward(c, 0.0, gradNoReg, null);
        double diff = 0;
        for (int p = 0; p < theta.length; p++) {
            diff = Math.max(diff, Math.abs(gradNoReg[p] - grad[p]));
        }
        assertTrue(diff > 1e-3 * scale, "regularizer gradient too small to be tested: " + diff);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void reverseModeMatchesCentralDifferencesWithStepsHeldFixed(boolean stepToObservations) {
        SparkDiscreteAdjoint adj = adjoint(stepToObservations);
        double[] theta = theta();
        VirtualBrownianTree tree = tree(43);
        SparkDiscreteAdjoint.Tape tape = adj.forward(theta, Y0, tree);
        double[][] c = cotangents();
        double[] grad = new double[theta.length];
        tape.backward(c, WEIGHT, grad, null);
        double scale = 0;
        for (double g : grad) {
            scale = Math.max(scale, Math.abs(g));
        }
        for (int p = 0; p < theta.length; p++) {
            double eps = 1e-6 * Math.max(1.0, Math.abs(theta[p]));
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[p] += eps;
            minus[p] -= eps;
            double fd = (loss(adj.replay(plus, Y0, tree, tape), c) - loss(adj.replay(minus, Y0, tree, tape), c))
                    / (2 * eps);
            // Truncation O(eps²) ~ 1e-12 and rounding ~ 1e-16/eps ~ 1e-10 relative: 1e-6 leaves a wide margin
            // yet fails for any wrong term of the sweep.
            assertEquals(fd, grad[p], 1e-6 * scale, "parameter " + p);
        }
    }

    @Test
    void errorEstimateOfOneStepMatchesTheHandComputedValue() {
        // dy = λ y dt with zero diffusion (w = b = 0): with z = hλ, SPaRK's stages give
        // y' = y (1 + z + z²/2 + x1 z³/2) and e = (x1 − 1/2) z³ y / 2 = −√3 z³ y / 12
        // (the terms of order z and z² cancel since 2 x1 + x2 = 1 and x1 + x2/2 = 1/2).
        ParametricVectorField linear = new ParametricVectorField() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public int parameterCount() {
                return 1;
            }

            @Override
            public void evaluate(double t, double[] y, double[] th, double[] out) {
                out[0] = th[0] * y[0];
            }

            @Override
            public void vectorJacobianProduct(double t, double[] y, double[] th, double[] a, double[] yBar,
                    double[] thetaBar) {
                yBar[0] += a[0] * th[0];
                thetaBar[0] += a[0] * y[0];
            }
        };
        NeuralDiagonalSde model = new NeuralDiagonalSde(linear, new AffineDiagonalDiffusion(1));
        double lambda = -3.0;
        double tol = 1e-3;
        SparkDiscreteAdjoint adj = new SparkDiscreteAdjoint(model, 0.0, 1.0, new double[] {1.0}, tol, tol,
                PidController.builder(tol, tol).build());
        VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(0.0, 1.0).dimension(1).tolerance(1e-6)
                .levyArea(LevyArea.SPACE_TIME).seed(1).build();
        SparkDiscreteAdjoint.Tape tape = adj.forward(new double[] {lambda, 0.0, 0.0}, new double[] {2.0}, tree);
        // The first step is tiny (Hairer's initial step), so E is at rounding level there: check the largest.
        int j = 0;
        for (int k = 1; k < tape.steps(); k++) {
            if (tape.scaledError(k) > tape.scaledError(j)) {
                j = k;
            }
        }
        assertTrue(j > 0 && tape.scaledError(j) > 0.1, "a step with a sizeable error estimate: " + tape.scaledError(j));
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
    void gradientsAreDeterministicForATree() {
        SparkDiscreteAdjoint adj = adjoint();
        double[] theta = theta();
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
        SparkDiscreteAdjoint adj = adjoint();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> adj.forward(new double[3], Y0, tree(1)));
        assertTrue(e.getMessage().contains("theta.length"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SparkDiscreteAdjoint(MODEL, 0.0, 1.0,
                new double[] {0.5, 0.25}, TOL, TOL, PidController.builder(TOL, TOL).build()));
        SparkDiscreteAdjoint.Tape tape = adj.forward(theta(), Y0, tree(1));
        assertThrows(IllegalArgumentException.class, () -> tape.backward(new double[2][], 0, new double[MODEL.parameterCount()], null));
    }

    /** The same discrete map over Gradient (parameters then y0 as variables), written from the SPaRK formulas. */
    private static Gradient forwardModeLoss(SparkDiscreteAdjoint.Tape tape, double[] theta, VirtualBrownianTree tree,
            double[][] c) {
        int p = theta.length;
        int free = p + 2;
        Gradient[] th = new Gradient[p];
        for (int i = 0; i < p; i++) {
            th[i] = Gradient.variable(free, i, theta[i]);
        }
        int pf = MLP.parameterCount();
        Gradient[] thF = java.util.Arrays.copyOf(th, pf);
        Gradient[] w = {th[pf], th[pf + 1]};
        Gradient[] b = {th[pf + 2], th[pf + 3]};
        Gradient[] y = {Gradient.variable(free, p, Y0[0]), Gradient.variable(free, p + 1, Y0[1])};
        double x1 = (3 - Math.sqrt(3)) / 6;
        double x2 = Math.sqrt(3) / 3;
        double s3 = Math.sqrt(3);
        Gradient loss = y[0].multiply(c[0][0]).add(y[1].multiply(c[0][1]));
        int o = 1;
        for (int j = 0; j < tape.steps(); j++) {
            double t0 = tape.stepStart(j);
            double t1 = tape.stepEnd(j);
            double h = t1 - t0;
            BrownianIncrement inc = tree.increment(t0, t1);
            Gradient[][] f = new Gradient[3][];
            Gradient[][] g = new Gradient[3][];
            Gradient[] z = y;
            for (int k = 0; k < 3; k++) {
                if (k == 1) {
                    z = new Gradient[2];
                    for (int i = 0; i < 2; i++) {
                        z[i] = y[i].add(f[0][i].multiply(h / 2)).add(g[0][i].multiply(inc.w(i) / 2 + s3 * inc.h(i)));
                    }
                } else if (k == 2) {
                    z = new Gradient[2];
                    for (int i = 0; i < 2; i++) {
                        z[i] = y[i].add(f[1][i].multiply(h)).add(g[1][i].multiply(inc.w(i)));
                    }
                }
                Gradient[] drift = MlpTest.forwardGradient(MLP, 0.0, z, thF);
                f[k] = new Gradient[2];
                g[k] = new Gradient[2];
                for (int i = 0; i < 2; i++) {
                    g[k][i] = w[i].multiply(z[i]).add(b[i]);
                    f[k][i] = drift[i].subtract(g[k][i].multiply(w[i]).multiply(0.5));
                }
            }
            Gradient[] y1 = new Gradient[2];
            Gradient sum = y[0].getField().getZero();
            for (int i = 0; i < 2; i++) {
                Gradient gw = g[0][i].multiply(x1).add(g[1][i].multiply(x2)).add(g[2][i].multiply(x1));
                Gradient gh = g[0][i].subtract(g[2][i]).multiply(inc.h(i));
                y1[i] = y[i].add(f[0][i].multiply(x1).add(f[1][i].multiply(x2)).add(f[2][i].multiply(x1)).multiply(h))
                        .add(gw.multiply(inc.w(i))).add(gh);
                Gradient gwe = g[0][i].multiply(x1 - 0.5).add(g[1][i].multiply(x2)).add(g[2][i].multiply(x1 - 0.5));
                Gradient e = f[0][i].multiply(x1 - 0.5).add(f[1][i].multiply(x2)).add(f[2][i].multiply(x1 - 0.5))
                        .multiply(h).add(gwe.multiply(inc.w(i))).add(gh);
                Gradient big = Math.abs(y[i].getValue()) >= Math.abs(y1[i].getValue()) ? y[i].abs() : y1[i].abs();
                Gradient q = e.divide(big.multiply(TOL).add(TOL));
                sum = sum.add(q.multiply(q));
            }
            Gradient scaled = sum.divide(2).sqrt();
            loss = loss.add(scaled.multiply(h * WEIGHT));
            // Observations in (t0, t1]: the end state, or the linear interpolant inside the step.
            while (o < OBS.length && OBS[o] <= t1) {
                double wgt = (OBS[o] - t0) / h;
                for (int i = 0; i < 2; i++) {
                    Gradient obs = OBS[o] == t1 ? y1[i] : y[i].add(y1[i].subtract(y[i]).multiply(wgt));
                    loss = loss.add(obs.multiply(c[o][i]));
                }
                o++;
            }
            y = y1;
        }
        assertEquals(OBS.length, o);
        return loss;
    }
}
