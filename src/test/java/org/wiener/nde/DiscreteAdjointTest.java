package org.wiener.nde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.CalculusFieldElement;
import org.hipparchus.Field;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.util.Binary64;
import org.hipparchus.util.MathArrays;
import org.junit.jupiter.api.Test;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.SaveAt;
import org.wiener.integrate.Solution;
import org.wiener.random.CounterStream;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.ButcherTableau;
import org.wiener.solver.Dopri5;
import org.wiener.solver.Solver;
import org.wiener.solver.Tsit5;

class DiscreteAdjointTest {

    static final double[] SAVE = {0.15, 0.3, 0.45, 0.6, 0.75, 0.9, 1.05, 1.2, 1.35, 1.5};
    static final double[] Y0 = {2.0, 0.0};
    static final double RTOL = 1e-6;
    static final double ATOL = 1e-6;

    static Mlp tiny() {
        return Mlp.builder().layers(2, 5, 2).activation(Activation.TANH).cubedInput(true).build();
    }

    static double[] tinyTheta() {
        double[] theta = tiny().initialParameters(17);
        for (int i = 10; i < 15; i++) {
            theta[i] = 0.05 * (i - 12); // non-zero biases
        }
        return theta;
    }

    /** Data: a slowly rotating target, so that the loss gradient is not small. */
    static final double[][] DATA = new double[SAVE.length][];

    static {
        for (int k = 0; k < SAVE.length; k++) {
            DATA[k] = new double[] {2 * Math.cos(SAVE[k]), -2 * Math.sin(SAVE[k])};
        }
    }

    static final ObservationLoss MSE = (states, bar) -> {
        double sum = 0;
        int count = states.length * 2;
        for (int k = 0; k < states.length; k++) {
            for (int i = 0; i < 2; i++) {
                double d = states[k][i] - DATA[k][i];
                sum += d * d;
                bar[k][i] = 2 * d / count;
            }
        }
        return sum / count;
    };

    @Test
    void forwardStatesStepsAndEvaluationsEqualTheIntegrators() {
        for (Solver solver : new Solver[] {new Tsit5(), new Dopri5()}) {
            Mlp mlp = tiny();
            double[] theta = tinyTheta();
            // Tighter than the gradient tests so that most steps are the controller's, not clipped to save times.
            DiscreteAdjoint adjoint = DiscreteAdjoint.builder(mlp).solver(solver).tolerances(1e-9, 1e-9).build();
            DiscreteAdjoint.Evaluation ev = adjoint.evaluate(theta, 0.0, Y0, SAVE, MSE, Regularizer.NONE, 0.0, 0.5,
                    null, null);
            assertNull(ev.failure());
            SdeProblem problem = SdeProblem.builder().drift((t, y, out) -> mlp.evaluate(t, y, theta, out))
                    .initialState(Y0).interval(0.0, 1.5).build();
            Solution solution = Integrator.builder().solver(solver).controller(adjoint.controller())
                    .saveAt(SaveAt.times(SAVE)).build().solve(problem);
            assertEquals(SAVE.length + 1, solution.size());
            assertEquals(solution.stats().acceptedSteps(), ev.acceptedSteps());
            assertEquals(solution.stats().rejectedSteps(), ev.rejectedSteps());
            assertEquals(solution.stats().driftEvaluations(), ev.evaluations());
            assertTrue(ev.acceptedSteps() > 20, "a real adaptive solve: " + ev.acceptedSteps());
            double[] y = new double[2];
            int k = 1;
            for (int j = 0; j <= adjoint.acceptedSteps(); j++) {
                if (k < solution.size() && adjoint.stepTime(j) == solution.time(k)) {
                    adjoint.stepState(j, y);
                    assertArrayEquals(solution.state(k), y, 0.0, "bitwise equal at t = " + solution.time(k));
                    k++;
                }
            }
            assertEquals(solution.size(), k, "every save time is a step end");
        }
    }

    // ---------- generic re-run over any field element (forward mode and finite differences) ----------

    static <T extends CalculusFieldElement<T>> T[] mlp(Mlp net, T[] y, T[] theta) {
        Field<T> field = y[0].getField();
        int[] w = net.widths();
        T[] x = MathArrays.buildArray(field, 2);
        for (int i = 0; i < 2; i++) {
            x[i] = y[i].multiply(y[i]).multiply(y[i]);
        }
        int off = 0;
        for (int l = 0; l + 1 < w.length; l++) {
            int in = x.length;
            int out = w[l + 1];
            T[] z = MathArrays.buildArray(field, out);
            for (int r = 0; r < out; r++) {
                T sum = theta[off + in * out + r];
                for (int cc = 0; cc < in; cc++) {
                    sum = sum.add(theta[off + r * in + cc].multiply(x[cc]));
                }
                z[r] = l + 2 < w.length ? sum.tanh() : sum;
            }
            off += in * out + out;
            x = z;
        }
        return x;
    }

    /** Result of a replayed step: end state, error vector, the stiffness stage pair. */
    static final class Step<T> {
        T[] y1;
        T[] err;
        T[] kLast;
        T[] kStiff;
        T[] yStiff;
    }

    static <T extends CalculusFieldElement<T>> Step<T> rkStep(Mlp net, ButcherTableau tab, T[] theta, T[] y0,
                                                              double h) {
        Field<T> field = y0[0].getField();
        int s = tab.stages();
        double[][] a = tab.a();
        double[] b = tab.b();
        double[] e = tab.e();
        @SuppressWarnings("unchecked")
        T[][] k = (T[][]) new CalculusFieldElement[s][];
        k[0] = mlp(net, y0, theta);
        Step<T> out = new Step<>();
        for (int st = 1; st < s; st++) {
            double[] wts = st == s - 1 ? b : a[st];
            T[] yi = MathArrays.buildArray(field, 2);
            for (int i = 0; i < 2; i++) {
                T acc = field.getZero();
                for (int m = 0; m < st; m++) {
                    acc = acc.add(k[m][i].multiply(wts[m]));
                }
                yi[i] = y0[i].add(acc.multiply(h));
            }
            k[st] = mlp(net, yi, theta);
            if (st == tab.stiffStage()) {
                out.yStiff = yi;
            }
            if (st == s - 1) {
                out.y1 = yi;
            }
        }
        out.err = MathArrays.buildArray(field, 2);
        for (int i = 0; i < 2; i++) {
            T acc = field.getZero();
            for (int m = 0; m < s; m++) {
                acc = acc.add(k[m][i].multiply(e[m]));
            }
            out.err[i] = acc.multiply(h);
        }
        out.kLast = k[s - 1];
        out.kStiff = k[tab.stiffStage()];
        return out;
    }

    static <T extends CalculusFieldElement<T>> T scaledError(T[] y0, Step<T> st) {
        T sum = y0[0].getField().getZero();
        for (int i = 0; i < 2; i++) {
            T a0 = y0[i].abs();
            T a1 = st.y1[i].abs();
            T big = a0.getReal() >= a1.getReal() ? a0 : a1;
            T q = st.err[i].divide(big.multiply(RTOL).add(ATOL));
            sum = sum.add(q.multiply(q));
        }
        return sum.divide(2).sqrt();
    }

    /** loss + λ·R over the adjoint's recorded steps (held fixed), on any field. */
    static <T extends CalculusFieldElement<T>> T replay(Mlp net, ButcherTableau tab, DiscreteAdjoint adjoint,
                                                        Regularizer reg, double lambda, T[] theta, T[] y0) {
        Field<T> field = y0[0].getField();
        T[] y = y0;
        T loss = field.getZero();
        T r = field.getZero();
        int k = 0;
        for (int j = 0; j < adjoint.acceptedSteps(); j++) {
            double h = adjoint.stepTime(j + 1) - adjoint.stepTime(j);
            Step<T> st = rkStep(net, tab, theta, y, h);
            if (reg == Regularizer.ERROR) {
                r = r.add(scaledError(y, st).multiply(Math.abs(h)));
            } else if (reg == Regularizer.STIFFNESS) {
                T num = field.getZero();
                T den = field.getZero();
                for (int i = 0; i < 2; i++) {
                    T dk = st.kLast[i].subtract(st.kStiff[i]);
                    T dy = st.y1[i].subtract(st.yStiff[i]);
                    num = num.add(dk.multiply(dk));
                    den = den.add(dy.multiply(dy));
                }
                r = r.add(num.divide(den).sqrt().multiply(Math.abs(h) / tab.stabilitySize()));
            }
            y = st.y1;
            if (k < SAVE.length && adjoint.stepTime(j + 1) == SAVE[k]) {
                for (int i = 0; i < 2; i++) {
                    T d = y[i].subtract(DATA[k][i]);
                    loss = loss.add(d.multiply(d));
                }
                k++;
            }
        }
        loss = loss.divide(2 * SAVE.length);
        if (reg == Regularizer.LOCAL_BIASED || reg == Regularizer.LOCAL_UNBIASED) {
            double[] yr = new double[2];
            adjoint.localState(yr);
            T[] yReg = MathArrays.buildArray(field, 2);
            for (int i = 0; i < 2; i++) {
                yReg[i] = field.getZero().add(yr[i]); // a constant: not differentiated
            }
            Step<T> st = rkStep(net, tab, theta, yReg, adjoint.localStepSize());
            r = scaledError(yReg, st).multiply(adjoint.localStepSize());
        }
        return loss.add(r.multiply(lambda));
    }

    @Test
    void reverseModeEqualsForwardModeAndFiniteDifferencesForEveryRegularizer() {
        Mlp net = tiny();
        int p = net.parameterCount();
        for (Solver solver : new Solver[] {new Tsit5(), new Dopri5()}) {
            ButcherTableau tab = solver instanceof Tsit5 ? Tsit5.tableau() : Dopri5.tableau();
            for (Regularizer reg : Regularizer.values()) {
                double[] theta = tinyTheta();
                DiscreteAdjoint adjoint = DiscreteAdjoint.builder(net).solver(solver).tolerances(RTOL, ATOL).build();
                double lambda = 0.7;
                double[] thetaBar = new double[p];
                double[] y0Bar = new double[2];
                DiscreteAdjoint.Evaluation ev = adjoint.evaluate(theta, 0.0, Y0, SAVE, MSE, reg, lambda, 0.37,
                        thetaBar, y0Bar);
                assertNull(ev.failure());
                if (reg != Regularizer.NONE) {
                    assertTrue(ev.regularization() > 0, reg + " value " + ev.regularization());
                }
                // Forward mode: one Gradient re-run over the same (frozen) steps, P + 2 free variables.
                int free = p + 2;
                Gradient[] gt = new Gradient[p];
                for (int i = 0; i < p; i++) {
                    gt[i] = Gradient.variable(free, i, theta[i]);
                }
                Gradient[] gy = {Gradient.variable(free, p, Y0[0]), Gradient.variable(free, p + 1, Y0[1])};
                Gradient fwd = replay(net, tab, adjoint, reg, lambda, gt, gy);
                // The error estimate cancels O(1) stage values down to ~1e-3 of them: summed in another order it
                // agrees to ~1e-12 relative; bound 1e-9.
                assertEquals(fwd.getValue(), ev.loss(), 1e-9 * Math.abs(ev.loss()), reg + " value");
                double[] g = fwd.getGradient();
                double scale = 0;
                for (double v : g) {
                    scale = Math.max(scale, Math.abs(v));
                }
                // Both are exact to rounding, summed in different orders over ~10² steps: bound 1e-10·max|g|.
                for (int i = 0; i < p; i++) {
                    assertEquals(g[i], thetaBar[i], 1e-10 * scale, solver.properties().name() + " " + reg + " θ" + i);
                }
                assertEquals(g[p], y0Bar[0], 1e-10 * scale, reg + " y0[0]");
                assertEquals(g[p + 1], y0Bar[1], 1e-10 * scale, reg + " y0[1]");
                // Central differences on the replay with the steps held fixed: truncation O(δ²) ≈ 1e-12 and
                // rounding O(ε·|loss|/δ) ≈ 1e-10 with δ = 1e-6; bound 1e-6·max|g| (a wrong term is O(max|g|)).
                // The stiffness ratio divides by ‖Y₇ − Y₆‖, a difference of nearly equal stage inputs, so its
                // rounding noise is ~1e4 times larger: there δ = 1e-4 (truncation ~1e-8·|g'''|) balances the two.
                double delta = reg == Regularizer.STIFFNESS ? 1e-4 : 1e-6;
                for (int i = 0; i < p; i += 3) {
                    double fd = (replayValue(net, tab, adjoint, reg, lambda, theta, i, delta)
                            - replayValue(net, tab, adjoint, reg, lambda, theta, i, -delta)) / (2 * delta);
                    assertEquals(fd, thetaBar[i], 1e-6 * scale, reg + " FD θ" + i);
                }
            }
        }
    }

    private static double replayValue(Mlp net, ButcherTableau tab, DiscreteAdjoint adjoint, Regularizer reg,
                                      double lambda, double[] theta, int index, double delta) {
        Binary64[] t = new Binary64[theta.length];
        for (int i = 0; i < theta.length; i++) {
            t[i] = new Binary64(theta[i] + (i == index ? delta : 0.0));
        }
        Binary64[] y = {new Binary64(Y0[0]), new Binary64(Y0[1])};
        return replay(net, tab, adjoint, reg, lambda, t, y).getReal();
    }

    // ---------- hand-checked regularizer values on a scalar linear ODE ----------

    /** f(y) = θ₀·y, one state, one parameter. */
    static final class Linear implements ParametricVectorField {
        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public int parameterCount() {
            return 1;
        }

        @Override
        public void evaluate(double t, double[] y, double[] theta, double[] out) {
            out[0] = theta[0] * y[0];
        }

        @Override
        public void vectorJacobianProduct(double t, double[] y, double[] theta, double[] a, double[] yBar,
                                          double[] thetaBar) {
            yBar[0] += a[0] * theta[0];
            thetaBar[0] += a[0] * y[0];
        }
    }

    /** OrdinaryDiffEq's Tsit5 btilde, typed from regularization.md §1.1 (not from the solver). */
    static final double[] BTILDE = {-0.00178001105222577714, -0.0008164344596567469, 0.007880878010261995,
        -0.1447110071732629, 0.5823571654525552, -0.45808210592918697, 1.0 / 66};

    /** E·h of one Tsit5 step of y' = λy from y of size h, by hand: k_i = λY_i. */
    static double handStep(double lambda, double y, double h) {
        ButcherTableau tab = Tsit5.tableau();
        double[][] a = tab.a();
        double[] b = tab.b();
        double[] k = new double[7];
        k[0] = lambda * y;
        double y1 = 0;
        for (int s = 1; s < 7; s++) {
            double[] w = s == 6 ? b : a[s];
            double acc = 0;
            for (int m = 0; m < s; m++) {
                acc += w[m] * k[m];
            }
            double ys = y + h * acc;
            k[s] = lambda * ys;
            y1 = ys;
        }
        double err = 0;
        for (int m = 0; m < 7; m++) {
            err += BTILDE[m] * k[m];
        }
        err *= h;
        return Math.abs(err) / (ATOL + RTOL * Math.max(Math.abs(y), Math.abs(y1))) * h;
    }

    /** Hairer's initial step for y' = λy (order 5), by hand. */
    static double handHairer(double lambda, double y, double t1Minus) {
        double sc = ATOL + Math.abs(y) * RTOL;
        double d0 = Math.abs(y) / sc;
        double d1 = Math.abs(lambda * y) / sc;
        double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
        double d2 = Math.abs(lambda * (y + h0 * lambda * y) - lambda * y) / sc / h0;
        double dmax = Math.max(d1, d2);
        double h1 = dmax <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / dmax, 1.0 / 5.0);
        return Math.min(Math.min(100 * h0, h1), t1Minus);
    }

    private static final ObservationLoss NO_LOSS = (states, bar) -> 0.0;

    @Test
    void regularizerValuesOnALinearOdeByHand() {
        double lambda = -2.0;
        double[] theta = {lambda};
        double[] save = {1.5};
        DiscreteAdjoint adjoint = DiscreteAdjoint.builder(new Linear()).tolerances(RTOL, ATOL).build();
        // Stiffness: for scalar linear f, ρ_j = |λ| exactly, so R_S = Σ|h_j|·|λ|/3.5068 = (t1 − t0)·|λ|/3.5068.
        DiscreteAdjoint.Evaluation s = adjoint.evaluate(theta, 0.0, new double[] {1.0}, save, NO_LOSS,
                Regularizer.STIFFNESS, 1.0, 0.5, null, null);
        assertEquals(1.5 * 2.0 / 3.5068, s.regularization(), 1e-12);
        // Local step from the solver's y(t_reg): E·h with btilde from §1.1 and Hairer's step, by hand.
        for (double u : new double[] {0.1, 0.55, 0.93}) {
            DiscreteAdjoint.Evaluation ev = adjoint.evaluate(theta, 0.0, new double[] {1.0}, save, NO_LOSS,
                    Regularizer.LOCAL_UNBIASED, 1.0, u, null, null);
            assertEquals(1.5 * u, adjoint.localTime(), 1e-15);
            double[] yr = new double[1];
            adjoint.localState(yr);
            assertEquals(Math.exp(lambda * 1.5 * u), yr[0], 1e-5, "y(t_reg) from the main solve");
            double h = handHairer(lambda, yr[0], 1.5 - adjoint.localTime());
            assertEquals(h, adjoint.localStepSize(), 1e-15 * h);
            double expected = handStep(lambda, yr[0], h);
            // Σ b̃_i k_i cancels O(|λy|) terms down to ~1e-11: the reference's 16-digit b̃ and the solver's
            // high-precision e differ by ~1e-17, i.e. up to ~1e-6 relative here; a wrong weight would be O(1).
            assertEquals(expected, ev.regularization(), 1e-6 * expected, "E·h at u = " + u);
        }
        // Global error: Σ_j E_j|h_j| over the recorded steps, each step by hand.
        DiscreteAdjoint.Evaluation g = adjoint.evaluate(theta, 0.0, new double[] {1.0}, save, NO_LOSS,
                Regularizer.ERROR, 1.0, 0.5, null, null);
        double sum = 0;
        double[] y = new double[1];
        for (int j = 0; j < adjoint.acceptedSteps(); j++) {
            adjoint.stepState(j, y);
            sum += handStep(lambda, y[0], adjoint.stepTime(j + 1) - adjoint.stepTime(j));
        }
        assertEquals(sum, g.regularization(), 1e-6 * sum);
    }

    /**
     * What equals what. The unbiased local regularizer r(t_reg) = E(t_reg)·h(t_reg), t_reg ~ U[t0, t1],
     * is an unbiased estimator of (1/(t1 − t0))·∫ r(t) dt, r(t) being the one-step E·h from (t, y(t)) with
     * Hairer's step. It is <em>not</em> an estimator of the global R_E = Σ_j E_j|h_j| (a sum over the main
     * solve's steps, ≈ ∫ E(t) dt for slowly varying steps): the two differ in step size and normalisation,
     * and the test also records their ratio for the docs. The biased variant's expectation over its uniform
     * choice of accepted step is exactly (1/N)·Σ_j r(t_j).
     */
    @Test
    void localUnbiasedExpectationIsTheTimeAverageOfTheOneStepRegularizer() {
        double lambda = -2.0;
        double[] theta = {lambda};
        double[] save = {1.5};
        DiscreteAdjoint adjoint = DiscreteAdjoint.builder(new Linear()).tolerances(RTOL, ATOL).build();
        // (1/T)∫ r dt by composite Simpson on the exact solution, 3000 intervals (r is smooth).
        int m = 3000;
        double integral = 0;
        for (int i = 0; i <= m; i++) {
            double t = 1.5 * i / m;
            double w = (i == 0 || i == m) ? 1 : (i % 2 == 1 ? 4 : 2);
            double r = t >= 1.5 ? 0.0 : handStep(lambda, Math.exp(lambda * t), handHairer(lambda, Math.exp(lambda * t),
                    1.5 - t));
            integral += w * r;
        }
        integral *= (1.5 / m) / 3 / 1.5;
        CounterStream draws = new CounterStream(2024, 1);
        int samples = 400;
        double mean = 0;
        double sq = 0;
        for (int i = 0; i < samples; i++) {
            double r = adjoint.evaluate(theta, 0.0, new double[] {1.0}, save, NO_LOSS, Regularizer.LOCAL_UNBIASED,
                    1.0, draws.nextUniform(), null, null).regularization();
            mean += r;
            sq += r * r;
        }
        mean /= samples;
        double se = Math.sqrt((sq / samples - mean * mean) / samples);
        assertTrue(se > 0 && se < 0.2 * mean, "the estimator varies: se = " + se);
        // 4 standard errors (the Simpson and y(t_reg) errors are ~1e-6 relative, far below).
        assertEquals(integral, mean, 4 * se, "mean of 400 local draws vs (1/T)∫r dt");
        // Biased: exact average over the N accepted steps.
        DiscreteAdjoint.Evaluation g = adjoint.evaluate(theta, 0.0, new double[] {1.0}, save, NO_LOSS,
                Regularizer.ERROR, 1.0, 0.5, null, null);
        int n = g.acceptedSteps();
        double[] starts = new double[n];
        for (int j = 0; j < n; j++) {
            starts[j] = adjoint.stepTime(j);
        }
        double biased = 0;
        for (int j = 0; j < n; j++) {
            DiscreteAdjoint.Evaluation b = adjoint.evaluate(theta, 0.0, new double[] {1.0}, save, NO_LOSS,
                    Regularizer.LOCAL_BIASED, 1.0, (j + 0.5) / n, null, null);
            assertEquals(starts[j], adjoint.localTime(), 0.0);
            biased += b.regularization();
        }
        biased /= n;
        double direct = 0;
        for (int j = 0; j < n; j++) {
            double y = Math.exp(lambda * starts[j]);
            direct += handStep(lambda, y, handHairer(lambda, y, 1.5 - starts[j]));
        }
        direct /= n;
        assertEquals(direct, biased, 1e-4 * direct);
        System.out.printf("linear ODE: global R_E = %.4e over %d steps, local unbiased E = %.4e, biased E = %.4e%n",
                g.regularization(), n, integral, biased);
    }

    @Test
    void badInput() {
        DiscreteAdjoint adjoint = DiscreteAdjoint.builder(tiny()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adjoint.evaluate(
                new double[3], 0.0, Y0, SAVE, MSE, Regularizer.NONE, 0.0, 0.5, null, null));
        assertTrue(e.getMessage().contains("theta.length") && e.getMessage().contains("27"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> adjoint.evaluate(tinyTheta(), 0.0, Y0,
                new double[] {0.5, 0.4}, MSE, Regularizer.NONE, 0.0, 0.5, null, null));
        assertThrows(IllegalArgumentException.class, () -> adjoint.evaluate(tinyTheta(), 0.0, Y0, SAVE, MSE,
                Regularizer.LOCAL_UNBIASED, 1.0, 1.0, null, null));
        assertThrows(IllegalArgumentException.class, () -> DiscreteAdjoint.builder(tiny()).solver(
                new org.wiener.solver.Dopri8()));
        // A field that blows up: the solve reports the failure, the loss is NaN, no gradient is written.
        double[] theta = tinyTheta();
        for (int i = 0; i < theta.length; i++) {
            theta[i] *= 40;
        }
        double[] bar = new double[theta.length];
        DiscreteAdjoint small = DiscreteAdjoint.builder(tiny()).maxSteps(50).build();
        DiscreteAdjoint.Evaluation ev = small.evaluate(theta, 0.0, Y0, SAVE, MSE, Regularizer.NONE, 0.0, 0.5, bar,
                null);
        assertTrue(Double.isNaN(ev.loss()) && ev.failure() != null, String.valueOf(ev));
        assertArrayEquals(new double[theta.length], bar, 0.0);
    }
}
