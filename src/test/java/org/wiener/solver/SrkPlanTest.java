package org.wiener.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.sde.Calculus;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;

/**
 * {@link SrkStepper} sums over {@link SrkPlan}'s list of non-zero terms, with scalar-state branches, and forms
 * only the products some sum reads; it must give, bit for bit, what the sums over the full tableau give. The
 * reference below is those full sums written out (every coefficient tested, zero terms skipped, W, H, K in
 * that order per stage), evaluated on the same inputs: the general tableaus of the library and one with every
 * Lévy term (K included) and an error estimate, on a scalar SDE (the GBM of the benchmarks in Stratonovich
 * form), a 2×3 general-noise SDE and an ODE, over random states, step sizes and increments.
 */
class SrkPlanTest {

    /** A 4-stage tableau with W, H and K terms, zeros among them, and a full error estimate. */
    private static final SrkTableau WITH_K = SrkTableau.general(4)
            .c(0.0, 0.5, 0.75, 1.0)
            .a(new double[] {0.5}, new double[] {0.0, 0.75}, new double[] {0.25, 0.0, 0.75})
            .b(0.25, 0.0, 0.5, 0.25)
            .bErr(0.1, 0.0, -0.2, 0.1)
            .w(new double[][] {{0.5}, {0.25, 0.5}, {0.0, 0.0, 1.0}},
                    new double[] {0.25, 0.25, 0.0, 0.5}, new double[] {0.0, 0.1, -0.1, 0.0})
            .h(new double[][] {{0.0}, {1.0, 0.0}, {0.0, -1.5, 0.0}},
                    new double[] {0.0, 1.0, -1.0, 0.0}, new double[] {0.5, 0.0, 0.0, -0.5})
            .k(new double[][] {{2.0}, {0.0, 0.0}, {0.0, 3.0, 0.0}},
                    new double[] {0.0, 0.0, 6.0, -6.0}, new double[] {1.0, 0.0, 0.0, 0.0})
            .build();

    private static SdeProblem gbm() {
        return SdeProblem.builder()
                .drift((t, y, out) -> out[0] = 0.5 * y[0])
                .diffusion((t, y, out) -> out[0] = 0.8 * y[0], NoiseType.SCALAR, 1)
                .diffusionDerivative((t, y, v, out) -> out[0] = 0.8 * v[0])
                .calculus(Calculus.ITO).initialState(1.0).interval(0.0, 1.0).build()
                .inCalculus(Calculus.STRATONOVICH);
    }

    private static SdeProblem general2x3() {
        return SdeProblem.builder()
                .drift((t, y, out) -> {
                    out[0] = -y[1] + Math.sin(t);
                    out[1] = y[0] - 0.3 * y[1] * y[1];
                })
                .diffusion((t, y, out) -> {
                    out[0] = 0.3 * y[0];
                    out[1] = Math.cos(y[1]);
                    out[2] = 0.0;
                    out[3] = -0.1 * y[0] * y[1];
                    out[4] = 0.25;
                    out[5] = 0.05 * t;
                }, NoiseType.GENERAL, 3)
                .initialState(1.0, 0.5).interval(0.0, 1.0).build();
    }

    private static SdeProblem ode() {
        return SdeProblem.builder()
                .drift((t, y, out) -> {
                    out[0] = -y[1];
                    out[1] = y[0] - 0.3 * y[1];
                })
                .initialState(1.0, 0.5).interval(0.0, 1.0).build();
    }

    @Test
    void sparseSumsGiveTheFullTableausBits() {
        SrkTableau[] tableaus = {SlowRK.TABLEAU, SPaRK.TABLEAU, GeneralShARK.TABLEAU, WITH_K};
        SdeProblem[] problems = {gbm(), general2x3(), ode()};
        SplittableRandom random = new SplittableRandom(20240517L);
        for (SrkTableau tab : tableaus) {
            for (SdeProblem problem : problems) {
                int n = problem.dimension();
                int m = problem.noiseDimension();
                Stepper stepper = new SrkStepper(problem, tab, "test");
                MutableBrownianIncrement noise = problem.isOde() ? null
                        : new MutableBrownianIncrement(m, LevyArea.SPACE_TIME_TIME);
                for (int trial = 0; trial < 200; trial++) {
                    double[] y0 = new double[n];
                    for (int i = 0; i < n; i++) {
                        // include exact zeros, where the sign of a zero sum matters
                        y0[i] = trial % 10 == 0 ? 0.0 : random.nextDouble(-2.0, 2.0);
                    }
                    double t0 = random.nextDouble();
                    double t1 = t0 + Math.scalb(random.nextDouble(0.5, 1.0), -random.nextInt(8));
                    if (noise != null) {
                        double sqrtH = Math.sqrt(t1 - t0);
                        for (int j = 0; j < m; j++) {
                            noise.w()[j] = trial % 7 == 0 ? 0.0 : sqrtH * random.nextDouble(-2.0, 2.0);
                            noise.h()[j] = sqrtH * random.nextDouble(-0.5, 0.5);
                            noise.k()[j] = sqrtH * random.nextDouble(-0.3, 0.3);
                        }
                    }
                    double[] y1 = new double[n];
                    double[] error = new double[n];
                    stepper.step(t0, t1, y0, noise, y1, error);
                    double[] expectedY1 = new double[n];
                    double[] expectedError = new double[n];
                    reference(tab, problem, t0, t1, y0, noise, expectedY1, expectedError);
                    for (int i = 0; i < n; i++) {
                        String where = "tableau with " + tab.stages + " stages, n = " + n + ", trial " + trial
                                + ", component " + i;
                        assertEquals(Double.doubleToRawLongBits(expectedY1[i]), Double.doubleToRawLongBits(y1[i]),
                                where + ": y1 " + expectedY1[i] + " vs " + y1[i]);
                        if (tab.bErr != null) {
                            assertEquals(Double.doubleToRawLongBits(expectedError[i]),
                                    Double.doubleToRawLongBits(error[i]), where + ": error");
                        }
                    }
                }
            }
        }
    }

    /** The general-noise step of solvers.md §4.1 with the sums over the full tableau. */
    private static void reference(SrkTableau tab, SdeProblem problem, double t0, double t1, double[] y0,
                                  MutableBrownianIncrement noise, double[] y1, double[] error) {
        int n = problem.dimension();
        int m = Math.max(problem.noiseDimension(), 1);
        int s = tab.stages;
        boolean sde = noise != null;
        boolean useH = tab.usesH();
        boolean useK = tab.usesK();
        double h = t1 - t0;
        double[][] fs = new double[s][n];
        double[][] gw = new double[s][n];
        double[][] gh = new double[s][n];
        double[][] gk = new double[s][n];
        double[] z = new double[n];
        double[] gm = new double[n * m];
        for (int j = 0; j < s; j++) {
            for (int k = 0; k < n; k++) {
                double df = 0.0;
                double dg = 0.0;
                for (int i = 0; i < j; i++) {
                    if (tab.a[j][i] != 0.0) {
                        df += tab.a[j][i] * fs[i][k];
                    }
                    if (sde) {
                        if (tab.aW[j][i] != 0.0) {
                            dg += tab.aW[j][i] * gw[i][k];
                        }
                        if (useH && tab.aH[j][i] != 0.0) {
                            dg += tab.aH[j][i] * gh[i][k];
                        }
                        if (useK && tab.aK[j][i] != 0.0) {
                            dg += tab.aK[j][i] * gk[i][k];
                        }
                    }
                }
                z[k] = y0[k] + h * df + dg;
            }
            double tj = tab.c[j] == 1.0 ? t1 : t0 + tab.c[j] * h;
            if (!tab.ignoreF[j]) {
                problem.drift().evaluate(tj, z, fs[j]);
            }
            if (sde && !tab.ignoreG[j]) {
                problem.diffusion().evaluate(tj, z, gm);
                product(gm, noise.w(), gw[j], n, m);
                product(gm, noise.h(), gh[j], n, m);
                product(gm, noise.k(), gk[j], n, m);
            }
        }
        combine(tab, sde, h, y0, tab.b, tab.bW, tab.bH, tab.bK, fs, gw, gh, gk, y1);
        if (tab.bErr != null) {
            combine(tab, sde, h, null, tab.bErr, tab.bWErr, tab.bHErr, tab.bKErr, fs, gw, gh, gk, error);
        }
    }

    private static void product(double[] g, double[] x, double[] out, int n, int m) {
        for (int i = 0; i < n; i++) {
            double s = 0.0;
            for (int j = 0; j < m; j++) {
                s += g[i * m + j] * x[j];
            }
            out[i] = s;
        }
    }

    private static void combine(SrkTableau tab, boolean sde, double h, double[] y0, double[] b, double[] bw,
                                double[] bh, double[] bk, double[][] fs, double[][] gw, double[][] gh,
                                double[][] gk, double[] out) {
        for (int k = 0; k < out.length; k++) {
            double df = 0.0;
            double dg = 0.0;
            for (int j = 0; j < tab.stages; j++) {
                if (b[j] != 0.0) {
                    df += b[j] * fs[j][k];
                }
                if (sde) {
                    if (bw[j] != 0.0) {
                        dg += bw[j] * gw[j][k];
                    }
                    if (tab.usesH() && bh[j] != 0.0) {
                        dg += bh[j] * gh[j][k];
                    }
                    if (tab.usesK() && bk[j] != 0.0) {
                        dg += bk[j] * gk[j][k];
                    }
                }
            }
            out[k] = (y0 == null ? 0.0 : y0[k]) + h * df + dg;
        }
    }
}
