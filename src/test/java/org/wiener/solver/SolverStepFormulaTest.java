package org.wiener.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.wiener.brownian.BrownianIncrement;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;

/**
 * One hand-checked step per solver: a 2-d problem with quadratic, time-dependent f and g and 2 Brownian
 * components, a fixed increment (W and H set by hand), and the update and error formulas of
 * {@code solvers.md} §3–§6 written out independently here (explicit forms, not tableaux), to 1e-14.
 */
class SolverStepFormulaTest {

    private static final double TOL = 1e-14;
    private static final double T0 = 0.3;
    private static final double H = 0.1;
    private static final double T1 = T0 + H;
    private static final double[] Y0 = {0.7, -0.4};
    private static final double[] W = {0.21, -0.13};
    private static final double[] HH = {0.05, 0.02};

    // ---- the problem, written independently of the solvers ----

    static double[] f(double t, double[] y) {
        return new double[] {y[0] * y[1] + 0.5 * t, -y[0] * y[0] + 0.3 * t * y[1]};
    }

    static double[][] g(double t, double[] y) {
        return new double[][] {{0.4 * y[0] + t, 0.3 * y[1] * y[1]}, {0.2 * y[0] * y[1], 1.0 + t * y[1]}};
    }

    /** dg[k][i][j] = ∂g_ij/∂y_k. */
    static double[][][] dg(double t, double[] y) {
        return new double[][][] {
            {{0.4, 0.0}, {0.2 * y[1], 0.0}},
            {{0.0, 0.6 * y[1]}, {0.2 * y[0], t}}};
    }

    static double[][] gAdditive(double t) {
        return new double[][] {{1.0 + t, 0.5}, {t * t, -0.7}};
    }

    static SdeProblem problem() {
        return SdeProblem.builder()
                .drift((t, y, out) -> {
                    out[0] = y[0] * y[1] + 0.5 * t;
                    out[1] = -y[0] * y[0] + 0.3 * t * y[1];
                })
                .diffusion((t, y, out) -> {
                    out[0] = 0.4 * y[0] + t;
                    out[1] = 0.3 * y[1] * y[1];
                    out[2] = 0.2 * y[0] * y[1];
                    out[3] = 1.0 + t * y[1];
                }, NoiseType.GENERAL, 2)
                .diffusionDerivative((t, y, v, out) -> {
                    out[0] = 0.4 * v[0];
                    out[1] = 0.6 * y[1] * v[1];
                    out[2] = 0.2 * (v[0] * y[1] + y[0] * v[1]);
                    out[3] = t * v[1];
                })
                .initialState(Y0).interval(0.0, 1.0).build();
    }

    static SdeProblem additiveProblem() {
        return SdeProblem.builder()
                .drift((t, y, out) -> {
                    out[0] = y[0] * y[1] + 0.5 * t;
                    out[1] = -y[0] * y[0] + 0.3 * t * y[1];
                })
                .diffusion((t, y, out) -> {
                    out[0] = 1.0 + t;
                    out[1] = 0.5;
                    out[2] = t * t;
                    out[3] = -0.7;
                }, NoiseType.ADDITIVE, 2)
                .initialState(Y0).interval(0.0, 1.0).build();
    }

    // ---- small vector helpers ----

    static double[] mv(double[][] a, double[] x) {
        return new double[] {a[0][0] * x[0] + a[0][1] * x[1], a[1][0] * x[0] + a[1][1] * x[1]};
    }

    /** Σ c_i v_i. */
    static double[] lin(Object... cv) {
        double[] out = new double[2];
        for (int i = 0; i < cv.length; i += 2) {
            double c = (Double) cv[i];
            double[] v = (double[]) cv[i + 1];
            out[0] += c * v[0];
            out[1] += c * v[1];
        }
        return out;
    }

    static double[][] msub(double[][] a, double[][] b) {
        return new double[][] {{a[0][0] - b[0][0], a[0][1] - b[0][1]}, {a[1][0] - b[1][0], a[1][1] - b[1][1]}};
    }

    static double[] vec(double a, double b) {
        return new double[] {a, b};
    }

    static MutableBrownianIncrement increment(double dt, double[] w, double[] h) {
        MutableBrownianIncrement inc = new MutableBrownianIncrement(2, h == null ? LevyArea.NONE : LevyArea.SPACE_TIME);
        inc.setDt(dt);
        System.arraycopy(w, 0, inc.w(), 0, 2);
        if (h != null) {
            System.arraycopy(h, 0, inc.h(), 0, 2);
        }
        return inc;
    }

    /** Runs one step and returns {y1, error}; the error array starts as NaN. */
    static double[][] step(Solver solver, SdeProblem problem, double[] h) {
        Stepper s = solver.newStepper(problem);
        s.reset(T0, Y0);
        double[] y1 = new double[2];
        double[] err = {Double.NaN, Double.NaN};
        s.step(T0, T1, Y0.clone(), increment(H, W, h), y1, err);
        return new double[][] {y1, err};
    }

    private static void check(double[] expected, double[] actual, String what) {
        assertArrayEquals(expected, actual, TOL, what);
    }

    // ---- §3 simple methods ----

    /** k = f(t, z) h + g(t, z)·W. */
    static double[] k(double t, double[] z, double h, double[] w) {
        return lin(h, f(t, z), 1.0, mv(g(t, z), w));
    }

    @Test
    void heun() {
        double[] k1 = k(T0, Y0, H, W);
        double[] k2 = k(T0 + H, lin(1.0, Y0, 1.0, k1), H, W);
        double[][] r = step(new Heun(), problem(), null);
        check(lin(1.0, Y0, 0.5, k1, 0.5, k2), r[0], "heun y1");
        check(lin(0.5, k1, -0.5, k2), r[1], "heun error");
    }

    @Test
    void midpoint() {
        double[] k1 = k(T0, Y0, H, W);
        double[] k2 = k(T0 + H / 2, lin(1.0, Y0, 0.5, k1), H, W);
        double[][] r = step(new Midpoint(), problem(), null);
        check(lin(1.0, Y0, 1.0, k2), r[0], "midpoint y1");
        check(lin(1.0, k1, -1.0, k2), r[1], "midpoint error");
    }

    @Test
    void ralston() {
        double[] k1 = k(T0, Y0, H, W);
        double[] k2 = k(T0 + 2 * H / 3, lin(1.0, Y0, 2.0 / 3, k1), H, W);
        double[][] r = step(new Ralston(), problem(), null);
        check(lin(1.0, Y0, 0.25, k1, 0.75, k2), r[0], "ralston y1");
        check(lin(0.75, k1, -0.75, k2), r[1], "ralston error");
    }

    @Test
    void eulerHeun() {
        double[] gw = mv(g(T0, Y0), W);
        double[] yp = lin(1.0, Y0, 1.0, gw);
        double[] gw2 = mv(g(T0, yp), W); // second evaluation at t_n
        double[][] r = step(new EulerHeun(), problem(), null);
        check(lin(1.0, Y0, H, f(T0, Y0), 0.5, gw, 0.5, gw2), r[0], "euler_heun y1");
        assertArrayEquals(new double[] {Double.NaN, Double.NaN}, r[1], "euler_heun has no error estimate");
    }

    @Test
    void stratonovichMilstein() {
        double[][] g0 = g(T0, Y0);
        double[] gw = mv(g0, W);
        double[][][] d = dg(T0, Y0);
        // D_y[g·W](y)·(g·W) = Σ_k (∂g/∂y_k · W) (g·W)_k
        double[] jvp = lin(gw[0], mv(d[0], W), gw[1], mv(d[1], W));
        double[][] r = step(new StratonovichMilstein(), problem(), null);
        check(lin(1.0, Y0, H, f(T0, Y0), 1.0, gw, 0.5, jvp), r[0], "stratonovich_milstein y1");
    }

    @Test
    void itoMilstein() {
        double[][] g0 = g(T0, Y0);
        double[][][] d = dg(T0, Y0);
        double[] expected = lin(1.0, Y0, H, f(T0, Y0), 1.0, mv(g0, W));
        for (int i = 0; i < 2; i++) {
            double sum = 0.0;
            for (int j1 = 0; j1 < 2; j1++) {
                for (int j2 = 0; j2 < 2; j2++) {
                    double mm = W[j1] * W[j2] - (j1 == j2 ? H : 0.0);
                    for (int k = 0; k < 2; k++) {
                        sum += g0[k][j1] * d[k][i][j2] * mm;
                    }
                }
            }
            expected[i] += 0.5 * sum;
        }
        Stepper s = new ItoMilstein().newStepper(problem());
        double[] y1 = new double[2];
        s.step(T0, T1, Y0, increment(H, W, null), y1, new double[2]);
        check(expected, y1, "ito_milstein y1");
        assertEquals(2, s.derivativeEvaluations(), "ito_milstein: m = 2 JVPs per step");
    }

    @Test
    void reversibleHeun() {
        double[] w2 = {-0.08, 0.17};
        double[] w3 = {0.4, 0.4};
        double h2 = 0.05;
        double t2 = T1 + h2;
        // Step 1 from the reset state (ŷ0 = y0, v0 = vf(t0, y0)).
        double[] dx0 = k(T0, Y0, H, W);
        double[] yHat1 = lin(2.0, Y0, -1.0, Y0, 1.0, dx0);
        double[] dx1 = lin(H, f(T1, yHat1), 1.0, mv(g(T1, yHat1), W));
        double[] y1 = lin(1.0, Y0, 0.5, dx0, 0.5, dx1);
        double[] e1 = lin(0.5, dx1, -0.5, dx0);
        // Step 2 from (ŷ1, v1 = vf(t1, ŷ1)).
        double[] dx0b = lin(h2, f(T1, yHat1), 1.0, mv(g(T1, yHat1), w2));
        double[] yHat2 = lin(2.0, y1, -1.0, yHat1, 1.0, dx0b);
        double[] dx1b = lin(h2, f(t2, yHat2), 1.0, mv(g(t2, yHat2), w2));
        double[] y2 = lin(1.0, y1, 0.5, dx0b, 0.5, dx1b);
        double[] e2 = lin(0.5, dx1b, -0.5, dx0b);

        Stepper s = new ReversibleHeun().newStepper(problem());
        s.reset(T0, Y0);
        double[] out = new double[2];
        double[] err = new double[2];
        s.step(T0, T1, Y0, increment(H, W, null), out, err);
        check(y1, out, "reversible_heun y1");
        check(e1, err, "reversible_heun error 1");
        s.accept();
        double[] y1Copy = out.clone();
        // A rejected attempt must not change the carried state.
        s.step(T1, T1 + 0.2, y1Copy, increment(0.2, w3, null), new double[2], new double[2]);
        s.step(T1, t2, y1Copy, increment(h2, w2, null), out, err);
        check(y2, out, "reversible_heun y2 (after a rejected attempt)");
        check(e2, err, "reversible_heun error 2");
        // Counts: reset 1/1, then one new drift and diffusion evaluation per attempted step.
        assertEquals(4, s.driftEvaluations());
        assertEquals(4, s.diffusionEvaluations());

        // reset() forgets ŷ and recomputes v at the given state.
        s.reset(T1, y1Copy);
        double[] dx0c = lin(h2, f(T1, y1Copy), 1.0, mv(g(T1, y1Copy), w2));
        double[] yHat2c = lin(2.0, y1Copy, -1.0, y1Copy, 1.0, dx0c);
        double[] dx1c = lin(h2, f(t2, yHat2c), 1.0, mv(g(t2, yHat2c), w2));
        s.step(T1, t2, y1Copy, increment(h2, w2, null), out, err);
        check(lin(1.0, y1Copy, 0.5, dx0c, 0.5, dx1c), out, "reversible_heun after reset");
    }

    // ---- §4–5 SRK, additive form ----

    @Test
    void shark() {
        double[][] g0 = gAdditive(T0);
        double[][] g1 = gAdditive(T1);
        double[] z1 = lin(1.0, Y0, 1.0, mv(g0, HH));
        double[] f1 = f(T0, z1);
        double[] z2 = lin(1.0, Y0, 5.0 / 6 * H, f1, 5.0 / 6, mv(g0, W), 1.0, mv(g0, HH));
        double[] f2 = f(T0 + 5.0 / 6 * H, z2);
        double[] corr = mv(msub(g1, g0), lin(0.5, W, -1.0, HH));
        double[] y = lin(1.0, Y0, 0.4 * H, f1, 0.6 * H, f2, 1.0, mv(g0, W), 1.0, corr);
        double[][] r = step(new ShARK(), additiveProblem(), HH);
        check(y, r[0], "shark y1");
        check(lin(0.6 * H, f2, -0.6 * H, f1), r[1], "shark error");
    }

    @Test
    void sra1() {
        double[][] g0 = gAdditive(T0);
        double[][] g1 = gAdditive(T1);
        double[] f1 = f(T0, Y0);
        double[] z2 = lin(1.0, Y0, 0.75 * H, f1, 0.75, mv(g0, W), 1.5, mv(g0, HH));
        double[] f2 = f(T0 + 0.75 * H, z2);
        double[] corr = mv(msub(g1, g0), lin(0.5, W, -1.0, HH));
        double[] y = lin(1.0, Y0, H / 3, f1, 2 * H / 3, f2, 1.0, mv(g0, W), 1.0, corr);
        double[][] r = step(new SRA1(), additiveProblem(), HH);
        check(y, r[0], "sra1 y1");
        check(lin(-2.0 / 3 * H, f1, 2.0 / 3 * H, f2), r[1], "sra1 error");
    }

    @Test
    void sea() {
        double[][] g0 = gAdditive(T0);
        double[][] g1 = gAdditive(T1);
        double[] z = lin(1.0, Y0, 1.0, mv(g0, lin(0.5, W, 1.0, HH)));
        double[] corr = mv(msub(g1, g0), lin(0.5, W, -1.0, HH));
        double[] y = lin(1.0, Y0, H, f(T0, z), 1.0, mv(g0, W), 1.0, corr);
        double[][] r = step(new SEA(), additiveProblem(), HH);
        check(y, r[0], "sea y1");
        assertArrayEquals(new double[] {Double.NaN, Double.NaN}, r[1], "sea has no error estimate");
    }

    // ---- §4–5 SRK, general form ----

    @Test
    void spark() {
        double x1 = (3 - Math.sqrt(3)) / 6;
        double x2 = Math.sqrt(3) / 3;
        double[] f1 = f(T0, Y0);
        double[][] g1 = g(T0, Y0);
        double[] z2 = lin(1.0, Y0, H / 2, f1, 1.0, mv(g1, lin(0.5, W, Math.sqrt(3), HH)));
        double[] f2 = f(T0 + H / 2, z2);
        double[][] g2 = g(T0 + H / 2, z2);
        double[] z3 = lin(1.0, Y0, H, f2, 1.0, mv(g2, W));
        double[] f3 = f(T1, z3);
        double[][] g3 = g(T1, z3);
        double[] y = lin(1.0, Y0, H * x1, f1, H * x2, f2, H * x1, f3,
                x1, mv(g1, W), x2, mv(g2, W), x1, mv(g3, W), 1.0, mv(msub(g1, g3), HH));
        double[] embedded = lin(1.0, Y0, H / 2, f1, H / 2, f3, 0.5, mv(g1, W), 0.5, mv(g3, W));
        double[][] r = step(new SPaRK(), problem(), HH);
        check(y, r[0], "spark y1");
        check(lin(1.0, y, -1.0, embedded), r[1], "spark error");
    }

    @Test
    void generalShark() {
        double[][] g1 = g(T0, Y0);
        double[] z2 = lin(1.0, Y0, 1.0, mv(g1, HH));
        double[] f2 = f(T0, z2);
        double[][] g2 = g(T0, z2);
        double[] z3 = lin(1.0, Y0, 5.0 / 6 * H, f2, 5.0 / 6, mv(g2, W), 1.0, mv(g1, HH));
        double[] f3 = f(T0 + 5.0 / 6 * H, z3);
        double[][] g3 = g(T0 + 5.0 / 6 * H, z3);
        double[] y = lin(1.0, Y0, 0.4 * H, f2, 0.6 * H, f3, 0.4, mv(g2, W), 0.6, mv(g3, W),
                1.2, mv(msub(g2, g3), HH));
        double[][] r = step(new GeneralShARK(), problem(), HH);
        check(y, r[0], "general_shark y1");
    }

    @Test
    void slowRk() {
        double th = T0 + H / 2;
        double[] f1 = f(T0, Y0);
        double[] z2 = lin(1.0, Y0, H / 2, f1);
        double[][] g2 = g(th, z2);
        double[] z3 = lin(1.0, z2, 0.5, mv(g2, W));
        double[][] g3 = g(th, z3);
        double[] z4 = lin(1.0, z2, 0.5, mv(g3, W));
        double[][] g4 = g(th, z4);
        double[] z5 = lin(1.0, z2, 1.0, mv(g4, W));
        double[][] g5 = g(th, z5);
        double[] z6 = lin(1.0, Y0, 0.75 * H, f1, 0.75, mv(g4, W), 1.5, mv(g4, HH));
        double[] f6 = f(T0 + 0.75 * H, z6);
        double[] z7 = lin(1.0, Y0, H, f1, 0.5, mv(g3, W));
        double[][] g7 = g(T1, z7);
        double[] y = lin(1.0, Y0, H / 3, f1, 2 * H / 3, f6,
                1.0 / 6, mv(g2, W), 1.0 / 3, mv(g3, W), 1.0 / 3, mv(g4, W), 1.0 / 6, mv(g5, W),
                2.0, mv(msub(g4, g7), HH));
        double[][] r = step(new SlowRK(), problem(), HH);
        check(y, r[0], "slow_rk y1");
    }

    // ---- §6 step doubling ----

    @Test
    void stepDoublingHeun() {
        VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(0.0, 1.0).dimension(2).tolerance(1e-3)
                .levyArea(LevyArea.NONE).seed(11).build();
        double ta = 0.25;
        double tb = 0.5;
        double tm = 0.375;
        BrownianIncrement full = tree.increment(ta, tb);
        BrownianIncrement first = tree.increment(ta, tm);
        BrownianIncrement second = tree.increment(tm, tb);
        // Heun over the whole step and over the two halves, by hand.
        double[] k1 = k(ta, Y0, tb - ta, full.w());
        double[] k2 = k(tb, lin(1.0, Y0, 1.0, k1), tb - ta, full.w());
        double[] yFull = lin(1.0, Y0, 0.5, k1, 0.5, k2);
        double[] a1 = k(ta, Y0, tm - ta, first.w());
        double[] a2 = k(tm, lin(1.0, Y0, 1.0, a1), tm - ta, first.w());
        double[] yMid = lin(1.0, Y0, 0.5, a1, 0.5, a2);
        double[] b1 = k(tm, yMid, tb - tm, second.w());
        double[] b2 = k(tb, lin(1.0, yMid, 1.0, b1), tb - tm, second.w());
        double[] yHalves = lin(1.0, yMid, 0.5, b1, 0.5, b2);

        StepDoubling solver = new StepDoubling(new Heun());
        Stepper s = solver.newStepper(problem(), tree);
        MutableBrownianIncrement inc = new MutableBrownianIncrement(2, LevyArea.NONE);
        tree.increment(ta, tb, inc);
        double[] y1 = new double[2];
        double[] err = new double[2];
        s.reset(ta, Y0);
        s.step(ta, tb, Y0, inc, y1, err);
        check(yHalves, y1, "heun_doubled returns the two half steps");
        check(new double[] {Math.abs(yHalves[0] - yFull[0]), Math.abs(yHalves[1] - yFull[1])}, err,
                "heun_doubled error = |halves − full|");
        assertEquals(6, s.driftEvaluations(), "three Heun steps: 6 drift evaluations");
        assertEquals(6, s.diffusionEvaluations(), "three Heun steps: 6 diffusion evaluations");
        assertEquals("heun_doubled", solver.properties().name());
        assertEquals(6, solver.properties().driftEvaluations());
    }

    @Test
    void stepDoublingOnOde() {
        SdeProblem ode = SdeProblem.builder().drift((t, y, out) -> {
            out[0] = y[0] * y[1] + 0.5 * t;
            out[1] = -y[0] * y[0] + 0.3 * t * y[1];
        }).initialState(Y0).interval(0.0, 1.0).build();
        double[] z = {0.0, 0.0};
        double[] k1 = k(T0, Y0, H, z);
        double[] yFull = lin(1.0, Y0, 0.5, k1, 0.5, k(T1, lin(1.0, Y0, 1.0, k1), H, z));
        double hm = H / 2;
        double[] a1 = k(T0, Y0, hm, z);
        double[] yMid = lin(1.0, Y0, 0.5, a1, 0.5, k(T0 + hm, lin(1.0, Y0, 1.0, a1), hm, z));
        double[] b1 = k(T0 + hm, yMid, hm, z);
        double[] yHalves = lin(1.0, yMid, 0.5, b1, 0.5, k(T1, lin(1.0, yMid, 1.0, b1), hm, z));
        Stepper s = new StepDoubling(new Heun()).newStepper(ode);
        double[] y1 = new double[2];
        double[] err = new double[2];
        s.step(T0, T1, Y0, null, y1, err);
        check(yHalves, y1, "heun_doubled on an ODE");
        check(new double[] {Math.abs(yHalves[0] - yFull[0]), Math.abs(yHalves[1] - yFull[1])}, err,
                "heun_doubled ODE error");
    }

    /** Every solver's counters after one step equal its declared evaluations per step. */
    @Test
    void evaluationCountsMatchProperties() {
        Solver[] general = {new Heun(), new Midpoint(), new Ralston(), new EulerHeun(), new ItoMilstein(),
            new StratonovichMilstein(), new SPaRK(), new GeneralShARK(), new SlowRK()};
        Solver[] additive = {new ShARK(), new SRA1(), new SEA()};
        for (Solver solver : general) {
            assertCounts(solver, problem());
        }
        for (Solver solver : additive) {
            assertCounts(solver, additiveProblem());
        }
        Stepper s = new ReversibleHeun().newStepper(problem());
        s.reset(T0, Y0);
        s.step(T0, T1, Y0, increment(H, W, HH), new double[2], new double[2]);
        assertEquals(2, s.driftEvaluations(), "reversible_heun: 1 at reset + 1 per step");
        assertEquals(2, s.diffusionEvaluations(), "reversible_heun: 1 at reset + 1 per step");
    }

    private static void assertCounts(Solver solver, SdeProblem problem) {
        Stepper s = solver.newStepper(problem);
        s.reset(T0, Y0);
        s.step(T0, T1, Y0, increment(H, W, HH), new double[2], new double[2]);
        String name = solver.properties().name();
        assertEquals(solver.properties().driftEvaluations(), s.driftEvaluations(), name + " drift evaluations");
        assertEquals(solver.properties().diffusionEvaluations(), s.diffusionEvaluations(),
                name + " diffusion evaluations");
    }
}
