package org.wiener.solver;

import org.wiener.sde.SdeProblem;

/**
 * The Dormand–Prince explicit Runge–Kutta method of order 8 with Hairer and Wanner's 5th-order error
 * estimator and 3rd-order correction, "DOP853", with first-same-as-last (FSAL) stages and stiffness
 * detection. ODEs only.
 *
 * <p>References: P. J. Prince and J. R. Dormand, "High order embedded Runge–Kutta formulae",
 * <i>J. Comput. Appl. Math.</i> 7(1), 67–75, 1981 (the 8(6) pair); E. Hairer, S. P. Nørsett and G. Wanner,
 * <i>Solving Ordinary Differential Equations I</i>, 2nd ed., §II.10 (the 8(5,3) error estimator) and Hairer's
 * code DOP853. The tableau and error weights are those of Hipparchus's {@code DormandPrince853Integrator},
 * written here as the same literal expressions; the tests check them for exact equality against its public
 * {@code getC()}, {@code getA()}, {@code getB()} (first 12 stages and the FSAL stage 13) and against its
 * error constants, and check all 200 order conditions up to order 8.
 *
 * <h2>Butcher tableau</h2>
 * Twelve stages give the 8th-order solution; stage 13 is evaluated at y<sub>1</sub> (row of A = b) and is
 * the first stage of the next step. (Hipparchus's arrays have three more rows, stages 14–16, used only by its
 * dense output; Wiener does not evaluate them.) With s = √6:
 * <pre>
 *  c2  = (12 − 2s)/135   a21 = (12 − 2s)/135
 *  c3  = (6 − s)/45      a31 = (6 − s)/180,     a32 = (6 − s)/60
 *  c4  = (6 − s)/30      a41 = (6 − s)/120,     a43 = (6 − s)/40
 *  c5  = (6 + s)/30      a51 = (462 + 107s)/3000, a53 = (−402 − 197s)/1000, a54 = (168 + 73s)/375
 *  c6  = 1/3             a61 = 1/27,  a64 = (16 + s)/108,  a65 = (16 − s)/108
 *  c7  = 1/4             a71 = 19/512,  a74 = (118 + 23s)/1024,  a75 = (118 − 23s)/1024,  a76 = −9/512
 *  c8  = 4/13            a81 = 13772/371293,  a84 = (51544 + 4784s)/371293,  a85 = (51544 − 4784s)/371293,
 *                        a86 = −5688/371293,  a87 = 3072/371293
 *  c9  = 127/195         a91 = 58656157643/93983540625,
 *                        a94 = (−1324889724104 − 318801444819s)/626556937500,
 *                        a95 = (−1324889724104 + 318801444819s)/626556937500,
 *                        a96 = 96044563816/3480871875,  a97 = 5682451879168/281950621875,
 *                        a98 = −165125654/3796875
 *  c10 = 3/5             a10,1 = 8909899/18653125,  a10,4 = (−4521408 − 1137963s)/2937500,
 *                        a10,5 = (−4521408 + 1137963s)/2937500,  a10,6 = 96663078/4553125,
 *                        a10,7 = 2107245056/137915625,  a10,8 = −4913652016/147609375,
 *                        a10,9 = −78894270/3880452869
 *  c11 = 6/7             a11,1 = −20401265806/21769653311,  a11,4 = (354216 + 94326s)/112847,
 *                        a11,5 = (354216 − 94326s)/112847,  a11,6 = −43306765128/5313852383,
 *                        a11,7 = −20866708358144/1126708119789,  a11,8 = 14886003438020/654632330667,
 *                        a11,9 = 35290686222309375/14152473387134411,  a11,10 = −1477884375/485066827
 *  c12 = 1               a12,1 = 39815761/17514443,  a12,4 = (−3457480 − 960905s)/551636,
 *                        a12,5 = (−3457480 + 960905s)/551636,  a12,6 = −844554132/47026969,
 *                        a12,7 = 8444996352/302158619,  a12,8 = −2509602342/877790785,
 *                        a12,9 = −28388795297996250/3199510091356783,  a12,10 = 226716250/18341897,
 *                        a12,11 = 1371316744/2131383595
 *  c13 = 1               a13,j = b_j
 *  b (order 8): b1 = 104257/1920240,  b6 = 3399327/763840,  b7 = 66578432/35198415,
 *               b8 = −1674902723/288716400,  b9 = 54980371265625/176692375811392,  b10 = −734375/4826304,
 *               b11 = 171414593/851261400,  b12 = 137909/3084480,  b2..b5 = b13 = 0
 *  e5 = b − b̂5 (b̂5 of order 5):
 *               116092271/8848465920, 0, 0, 0, 0, −1871647/1527680, −69799717/140793660,
 *               1230164450203/739113984000, −1980813971228885/5654156025964544, 464500805/1389975552,
 *               1606764981773/19613062656000, −137909/6168960
 *  e3 = b − b̂3 (b̂3 of order 3, nonzero at stages 1, 9, 12 only):
 *               −364463/1920240, 0, 0, 0, 0, 3399327/763840, 66578432/35198415, −1674902723/288716400,
 *               −74684743568175/176692375811392, −734375/4826304, 171414593/851261400, 69869/3084480
 * </pre>
 * All entries of A not listed are zero.
 *
 * <h2>Error estimate</h2>
 * Hairer's scaled error is err = |h|·E5² / √(n·(E5² + 0.01·E3²)) with E5² = Σ (e5·k)<sub>i</sub>² /
 * sc<sub>i</sub>², E3² likewise with e3, and sc<sub>i</sub> = atol + rtol·max(|y<sub>0,i</sub>|,
 * |y<sub>1,i</sub>|): an estimate of order 8 (the 3rd-order estimate dominates the denominator for small h).
 * A {@link Stepper} returns a vector, and Wiener's controllers take the RMS norm of vector/sc, which cannot
 * depend on the tolerances inside the solver. The error vector written by {@code step} is therefore
 * h·φ·(e5·k) with φ = √(S5 / (S5 + 0.01·S3)), S5 = Σ (e5·k)<sub>i</sub>², S3 = Σ (e3·k)<sub>i</sub>²
 * <b>unscaled</b> (φ = 0 when both vanish). Its scaled RMS norm equals Hairer's err exactly when all
 * sc<sub>i</sub> are equal (in particular for n = 1, or for a pure absolute tolerance); otherwise the factor φ
 * is weighted by the raw components instead of the scaled ones. For Hairer's exact value use
 * {@link Dopri8Stepper#scaledError(double[], double[], double, double)} after a step.
 *
 * <h2>Evaluations and stiffness</h2>
 * Twelve new drift evaluations per step (thirteen for the first after {@link Stepper#reset}; reuse rules as in
 * {@link Tsit5}). Stages 12 and 13 share the node c = 1, so ρ = ‖k<sub>13</sub> − k<sub>12</sub>‖ /
 * ‖y<sub>1</sub> − Y<sub>12</sub>‖ estimates the dominant eigenvalue magnitude (as DOP853's stiffness
 * detection, which flags h·ρ &gt; 6.1). {@link Stepper#stiffness()} returns <b>|h|·ρ / {@value #STABILITY_SIZE}</b>,
 * {@value #STABILITY_SIZE} being the extent of the 8th-order method's stability region on the negative real
 * axis, computed from its stability polynomial (recomputed in the tests): the normalisation of {@link Tsit5}
 * and {@link Dopri5}. 0 if Y<sub>12</sub> = y<sub>1</sub> exactly; NaN before the first step and after a reset.
 */
public final class Dopri8 implements Solver {

    /** Extent of the stability region on the negative real axis (h·|λ| at which |R(−x)| = 1). */
    public static final double STABILITY_SIZE = 6.3937;

    private static final double S6 = Math.sqrt(6.0);

    private static final double[] C = {
        0.0,
        (12.0 - 2.0 * S6) / 135.0,
        (6.0 - S6) / 45.0,
        (6.0 - S6) / 30.0,
        (6.0 + S6) / 30.0,
        1.0 / 3.0,
        1.0 / 4.0,
        4.0 / 13.0,
        127.0 / 195.0,
        3.0 / 5.0,
        6.0 / 7.0,
        1.0,
        1.0};

    private static final double[] B = {
        104257.0 / 1920240.0,
        0.0,
        0.0,
        0.0,
        0.0,
        3399327.0 / 763840.0,
        66578432.0 / 35198415.0,
        -1674902723.0 / 288716400.0,
        54980371265625.0 / 176692375811392.0,
        -734375.0 / 4826304.0,
        171414593.0 / 851261400.0,
        137909.0 / 3084480.0,
        0.0};

    private static final double[][] A = {
        {},
        {(12.0 - 2.0 * S6) / 135.0},
        {(6.0 - S6) / 180.0, (6.0 - S6) / 60.0},
        {(6.0 - S6) / 120.0, 0.0, (6.0 - S6) / 40.0},
        {(462.0 + 107.0 * S6) / 3000.0, 0.0, (-402.0 - 197.0 * S6) / 1000.0, (168.0 + 73.0 * S6) / 375.0},
        {1.0 / 27.0, 0.0, 0.0, (16.0 + S6) / 108.0, (16.0 - S6) / 108.0},
        {19.0 / 512.0, 0.0, 0.0, (118.0 + 23.0 * S6) / 1024.0, (118.0 - 23.0 * S6) / 1024.0, -9.0 / 512.0},
        {13772.0 / 371293.0, 0.0, 0.0, (51544.0 + 4784.0 * S6) / 371293.0, (51544.0 - 4784.0 * S6) / 371293.0,
            -5688.0 / 371293.0, 3072.0 / 371293.0},
        {58656157643.0 / 93983540625.0, 0.0, 0.0,
            (-1324889724104.0 - 318801444819.0 * S6) / 626556937500.0,
            (-1324889724104.0 + 318801444819.0 * S6) / 626556937500.0,
            96044563816.0 / 3480871875.0, 5682451879168.0 / 281950621875.0, -165125654.0 / 3796875.0},
        {8909899.0 / 18653125.0, 0.0, 0.0,
            (-4521408.0 - 1137963.0 * S6) / 2937500.0,
            (-4521408.0 + 1137963.0 * S6) / 2937500.0,
            96663078.0 / 4553125.0, 2107245056.0 / 137915625.0, -4913652016.0 / 147609375.0,
            -78894270.0 / 3880452869.0},
        {-20401265806.0 / 21769653311.0, 0.0, 0.0,
            (354216.0 + 94326.0 * S6) / 112847.0,
            (354216.0 - 94326.0 * S6) / 112847.0,
            -43306765128.0 / 5313852383.0, -20866708358144.0 / 1126708119789.0,
            14886003438020.0 / 654632330667.0, 35290686222309375.0 / 14152473387134411.0,
            -1477884375.0 / 485066827.0},
        {39815761.0 / 17514443.0, 0.0, 0.0,
            (-3457480.0 - 960905.0 * S6) / 551636.0,
            (-3457480.0 + 960905.0 * S6) / 551636.0,
            -844554132.0 / 47026969.0, 8444996352.0 / 302158619.0, -2509602342.0 / 877790785.0,
            -28388795297996250.0 / 3199510091356783.0, 226716250.0 / 18341897.0, 1371316744.0 / 2131383595.0},
        {104257.0 / 1920240.0, 0.0, 0.0, 0.0, 0.0, 3399327.0 / 763840.0, 66578432.0 / 35198415.0,
            -1674902723.0 / 288716400.0, 54980371265625.0 / 176692375811392.0, -734375.0 / 4826304.0,
            171414593.0 / 851261400.0, 137909.0 / 3084480.0}};

    /** b − b̂5 over stages 1–12. */
    private static final double[] E5 = {
        116092271.0 / 8848465920.0,
        0.0,
        0.0,
        0.0,
        0.0,
        -1871647.0 / 1527680.0,
        -69799717.0 / 140793660.0,
        1230164450203.0 / 739113984000.0,
        -1980813971228885.0 / 5654156025964544.0,
        464500805.0 / 1389975552.0,
        1606764981773.0 / 19613062656000.0,
        -137909.0 / 6168960.0};

    /** b − b̂3 over stages 1–12. */
    private static final double[] E3 = {
        -364463.0 / 1920240.0,
        0.0,
        0.0,
        0.0,
        0.0,
        3399327.0 / 763840.0,
        66578432.0 / 35198415.0,
        -1674902723.0 / 288716400.0,
        -74684743568175.0 / 176692375811392.0,
        -734375.0 / 4826304.0,
        171414593.0 / 851261400.0,
        69869.0 / 3084480.0};

    private static final SolverProperties PROPERTIES = SolverProperties.builder("dopri8")
            .odeOnly().odeOrder(8.0).embeddedError(true).stiffnessEstimate(true).evaluations(12, 0).build();

    @Override
    public SolverProperties properties() {
        return PROPERTIES;
    }

    @Override
    public Dopri8Stepper newStepper(SdeProblem problem) {
        return new Dopri8Stepper(FsalRungeKuttaStepper.requireOde("dopri8", problem));
    }

    /** @return the nodes c, 13 stages (copy) */
    static double[] c() {
        return C.clone();
    }

    /** @return the rows of A below the diagonal, row i having i entries, 13 stages (copy) */
    static double[][] a() {
        double[][] copy = new double[A.length][];
        for (int i = 0; i < A.length; i++) {
            copy[i] = A[i].clone();
        }
        return copy;
    }

    /** @return the 8th-order weights b, 13 entries (copy) */
    static double[] b() {
        return B.clone();
    }

    /** @return the 5th-order error weights b − b̂5, 12 entries (copy) */
    static double[] e5() {
        return E5.clone();
    }

    /** @return the 3rd-order error weights b − b̂3, 12 entries (copy) */
    static double[] e3() {
        return E3.clone();
    }

    /**
     * The working memory of one DOP853 solve; besides the {@link Stepper} contract it gives Hairer's exact
     * scaled error of the last step.
     */
    public static final class Dopri8Stepper extends FsalRungeKuttaStepper {
        private final double[] err5;
        private final double[] err3;
        private double lastH = Double.NaN;

        private Dopri8Stepper(SdeProblem problem) {
            super(problem, "dopri8", C, A, B, 11, STABILITY_SIZE);
            err5 = new double[n];
            err3 = new double[n];
        }

        @Override
        protected void error(double h, double[] error) {
            combine(E5, 12, err5);
            combine(E3, 12, err3);
            lastH = h;
            double s5 = 0.0;
            double s3 = 0.0;
            for (int i = 0; i < n; i++) {
                s5 += err5[i] * err5[i];
                s3 += err3[i] * err3[i];
            }
            double den = s5 + 0.01 * s3;
            if (error == null) {
                return;
            }
            double phi = den > 0.0 ? Math.sqrt(s5 / den) : 0.0;
            for (int i = 0; i < n; i++) {
                error[i] = h * phi * err5[i];
            }
        }

        /**
         * Hairer's DOP853 scaled error of the last attempted step (the value Hipparchus's
         * {@code DormandPrince853Integrator} compares with 1): |h|·E5² / √(n·(E5² + 0.01·E3²)), with the
         * scale atol + rtol·max(|y0<sub>i</sub>|, |y1<sub>i</sub>|).
         *
         * @param y0 the state at the start of the step
         * @param y1 the candidate state at its end
         * @param absTol absolute tolerance
         * @param relTol relative tolerance
         * @return the scaled error, NaN before the first step
         */
        public double scaledError(double[] y0, double[] y1, double absTol, double relTol) {
            double e5 = 0.0;
            double e3 = 0.0;
            for (int i = 0; i < n; i++) {
                double sc = absTol + relTol * Math.max(Math.abs(y0[i]), Math.abs(y1[i]));
                double r5 = err5[i] / sc;
                double r3 = err3[i] / sc;
                e5 += r5 * r5;
                e3 += r3 * r3;
            }
            double den = e5 + 0.01 * e3;
            if (den <= 0.0) {
                den = 1.0;
            }
            return Math.abs(lastH) * e5 / Math.sqrt(n * den);
        }
    }
}
