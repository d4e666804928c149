package org.wiener.solver;

import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.sde.SdeProblem;

/**
 * The stepper of every tableau-driven stochastic Runge–Kutta method ({@link SrkTableau}): the general-noise
 * form of {@code solvers.md} §4.1 and the additive-noise form of §4.2. Allocates its stage storage once;
 * {@link #step} does not allocate. On an ODE (null increment) the diffusion terms are dropped and the
 * drift part is the deterministic Runge–Kutta method (a, b, c). The general form sums over the tableau's
 * non-zero terms only ({@link SrkPlan}, in the order and with the operations of the full sums, so with the
 * same bits) and forms only the products g<sub>i</sub>·W, g<sub>i</sub>·H, g<sub>i</sub>·K that some sum reads.
 */
final class SrkStepper extends AbstractStepper {

    private final String name;
    private final SrkTableau tab;
    private final int s;
    private final boolean useH;
    private final boolean useK;

    private final double[][] fs;
    private final double[] z;
    // General form: the sums' non-zero terms; the products g_i·W, g_i·H, g_i·K as rows kind·s + i (only
    // those some sum reads; the others stay null); the scratch matrix g_j.
    private final SrkPlan plan;
    private final double[][] products;
    private final double[] gm;
    // Scalar form (general tableau, n = 1, m = 1, SDE): f_i in scalarF[i] and the products in
    // scalarProducts[kind·s + i], one flat array each, with one-element arrays for the callbacks.
    private final boolean scalar;
    private final double[] scalarF;
    private final double[] scalarProducts;
    private final double[] out1;
    // Additive form: g0, g1, g0·W, g0·H, g0·K, W − 2H, the time-dependence correction.
    private final double[] g0;
    private final double[] g1;
    private final double[] g0w;
    private final double[] g0h;
    private final double[] g0k;
    private final double[] wMinus2h;
    private final double[] correction;

    /**
     * @param problem the problem
     * @param tab the tableau
     * @param name the solver's name, for messages
     */
    SrkStepper(SdeProblem problem, SrkTableau tab, String name) {
        super(problem);
        this.name = name;
        this.tab = tab;
        this.s = tab.stages;
        this.useH = tab.usesH();
        this.useK = tab.usesK();
        int mm = Math.max(m, 1);
        // A row per stage that evaluates the drift; the tableau's check guarantees that no sum reads the others.
        this.fs = new double[s][];
        for (int j = 0; j < s; j++) {
            if (!tab.ignoreF[j]) {
                fs[j] = new double[n];
            }
        }
        this.z = new double[n];
        boolean general = !tab.additive;
        this.plan = tab.plan;
        this.products = general ? new double[3 * s][] : null;
        if (general) {
            for (int r = 0; r < 3 * s; r++) {
                if (plan.needed[r]) {
                    products[r] = new double[n];
                }
            }
        }
        this.gm = general ? new double[n * mm] : null;
        this.scalar = general && n == 1 && m == 1;
        this.scalarF = scalar ? new double[s] : null;
        this.scalarProducts = scalar ? new double[3 * s] : null;
        this.out1 = scalar ? new double[1] : null;
        this.g0 = general ? null : new double[n * mm];
        this.g1 = general ? null : new double[n * mm];
        this.g0w = general ? null : new double[n];
        this.g0h = general ? null : new double[n];
        this.g0k = general ? null : new double[n];
        this.wMinus2h = general ? null : new double[mm];
        this.correction = general ? null : new double[n];
    }

    private double stageTime(double t0, double t1, double h, int j) {
        double cj = tab.c[j];
        return cj == 1.0 ? t1 : t0 + cj * h;
    }

    @Override
    public void step(double t0, double t1, double[] y0, MutableBrownianIncrement noise, double[] y1, double[] error) {
        if (noise != null) {
            SolverChecks.requireLevyArea(name, tab.levyArea, noise);
        }
        if (tab.additive) {
            stepAdditive(t0, t1, y0, noise, y1, error);
        } else if (scalar && noise != null) {
            stepScalar(t0, t1, y0, noise, y1, error);
        } else {
            stepGeneral(t0, t1, y0, noise, y1, error);
        }
    }

    private void stepGeneral(double t0, double t1, double[] y0, MutableBrownianIncrement noise, double[] y1,
                             double[] error) {
        final double h = t1 - t0;
        final boolean sde = noise != null;
        final double[] w = sde ? noise.w() : null;
        final double[] hh = sde && useH ? noise.h() : null;
        final double[] kk = sde && useK ? noise.k() : null;
        final boolean[] needed = plan.needed;
        for (int j = 0; j < s; j++) {
            stage(h, sde, y0, plan.stageDrift[j], plan.stageNoise[j]);
            double tj = stageTime(t0, t1, h, j);
            if (!tab.ignoreF[j]) {
                drift(tj, z, fs[j]);
            }
            if (sde && !tab.ignoreG[j]) {
                diffusion(tj, z, gm);
                // Only the products some sum reads (the others would be computed and never used).
                if (needed[SrkPlan.W * s + j]) {
                    multiply(gm, w, products[SrkPlan.W * s + j]);
                }
                if (useH && needed[SrkPlan.H * s + j]) {
                    multiply(gm, hh, products[SrkPlan.H * s + j]);
                }
                if (useK && needed[SrkPlan.K * s + j]) {
                    multiply(gm, kk, products[SrkPlan.K * s + j]);
                }
            }
        }
        combineGeneral(h, sde, y0, plan.solutionDrift, plan.solutionNoise, y1);
        if (plan.errorDrift != null && error != null) {
            combineGeneral(h, sde, null, plan.errorDrift, plan.errorNoise, error);
        }
    }

    /**
     * {@link #stepGeneral} for a scalar SDE (n = 1, m = 1, such as GBM), where loops over components and rows
     * of per-stage arrays cost more than the arithmetic: the same non-zero terms summed in the same order with
     * the same operations (so the same bits), over flat arrays of the stage values.
     */
    private void stepScalar(double t0, double t1, double[] y0, MutableBrownianIncrement noise, double[] y1,
                            double[] error) {
        final double h = t1 - t0;
        final double w = noise.w()[0];
        final double hh = useH ? noise.h()[0] : 0.0;
        final double kk = useK ? noise.k()[0] : 0.0;
        final boolean[] needed = plan.needed;
        final double[] f = scalarF;
        final double[] p = scalarProducts;
        final double y = y0[0];
        for (int j = 0; j < s; j++) {
            SrkPlan.Terms driftTerms = plan.stageDrift[j];
            SrkPlan.Terms noiseTerms = plan.stageNoise[j];
            z[0] = y + h * sum(driftTerms.coefficient, driftTerms.index, f)
                    + sum(noiseTerms.coefficient, noiseTerms.index, p);
            double tj = stageTime(t0, t1, h, j);
            if (!tab.ignoreF[j]) {
                drift(tj, z, out1);
                f[j] = out1[0];
            }
            if (!tab.ignoreG[j]) {
                diffusion(tj, z, gm);
                // multiply() for m = n = 1: 0.0 + g·x.
                double g = gm[0];
                if (needed[SrkPlan.W * s + j]) {
                    p[SrkPlan.W * s + j] = 0.0 + g * w;
                }
                if (useH && needed[SrkPlan.H * s + j]) {
                    p[SrkPlan.H * s + j] = 0.0 + g * hh;
                }
                if (useK && needed[SrkPlan.K * s + j]) {
                    p[SrkPlan.K * s + j] = 0.0 + g * kk;
                }
            }
        }
        SrkPlan.Terms bf = plan.solutionDrift;
        SrkPlan.Terms bg = plan.solutionNoise;
        y1[0] = y + h * sum(bf.coefficient, bf.index, f) + sum(bg.coefficient, bg.index, p);
        if (plan.errorDrift != null && error != null) {
            SrkPlan.Terms ef = plan.errorDrift;
            SrkPlan.Terms eg = plan.errorNoise;
            error[0] = 0.0 + h * sum(ef.coefficient, ef.index, f) + sum(eg.coefficient, eg.index, p);
        }
    }

    /** 0.0 + Σ_t coefficient[t]·values[index[t]], summed in order: {@link #sum(double[], int[], int, double[][])} on flat values. */
    private static double sum(double[] coefficient, int[] index, double[] values) {
        int count = index.length;
        if (count == 0) {
            return 0.0;
        }
        double s = 0.0 + coefficient[0] * values[index[0]];
        for (int t = 1; t < count; t++) {
            s += coefficient[t] * values[index[t]];
        }
        return s;
    }

    /** z = y0 + h Σ a_ji f_i + Σ (aW_ji g_i·W + aH_ji g_i·H + aK_ji g_i·K), over the non-zero terms. */
    private void stage(double h, boolean sde, double[] y0, SrkPlan.Terms driftTerms, SrkPlan.Terms noiseTerms) {
        combineGeneral(h, sde, y0, driftTerms, noiseTerms, z);
    }

    /**
     * 0.0 + Σ_t coefficient[t]·rows[index[t]][0] for t &lt; count, summed in order: the sums of
     * {@link #combineGeneral} (and so of {@link #stage}) for a scalar state (n = 1), without their loop over
     * components.
     */
    private static double sum(double[] coefficient, int[] index, int count, double[][] rows) {
        // Tableaus have few non-zero terms per sum: the first two outside the loop, whose set-up costs more.
        if (count == 0) {
            return 0.0;
        }
        double s = 0.0 + coefficient[0] * rows[index[0]][0];
        if (count == 1) {
            return s;
        }
        s += coefficient[1] * rows[index[1]][0];
        for (int t = 2; t < count; t++) {
            s += coefficient[t] * rows[index[t]][0];
        }
        return s;
    }

    /** out = [y0 +] h Σ b_j f_j + Σ (bW_j g_j·W + bH_j g_j·H + bK_j g_j·K), over the non-zero terms. */
    private void combineGeneral(double h, boolean sde, double[] y0, SrkPlan.Terms driftTerms,
                                SrkPlan.Terms noiseTerms, double[] out) {
        final int[] fi = driftTerms.index;
        final double[] fc = driftTerms.coefficient;
        final int[] gi = noiseTerms.index;
        final double[] gc = noiseTerms.coefficient;
        final int gCount = sde ? gi.length : 0;
        if (n == 1) {
            out[0] = (y0 == null ? 0.0 : y0[0]) + h * sum(fc, fi, fi.length, fs) + sum(gc, gi, gCount, products);
            return;
        }
        for (int k = 0; k < n; k++) {
            double df = 0.0;
            for (int t = 0; t < fi.length; t++) {
                df += fc[t] * fs[fi[t]][k];
            }
            double dg = 0.0;
            for (int t = 0; t < gCount; t++) {
                dg += gc[t] * products[gi[t]][k];
            }
            out[k] = (y0 == null ? 0.0 : y0[k]) + h * df + dg;
        }
    }

    private void stepAdditive(double t0, double t1, double[] y0, MutableBrownianIncrement noise, double[] y1,
                              double[] error) {
        final double h = t1 - t0;
        final boolean sde = noise != null;
        if (sde) {
            double[] w = noise.w();
            diffusion(t0, y0, g0);
            diffusion(t1, y0, g1);
            multiply(g0, w, g0w);
            if (useH) {
                double[] hh = noise.h();
                multiply(g0, hh, g0h);
                for (int j = 0; j < m; j++) {
                    wMinus2h[j] = w[j] - 2.0 * hh[j];
                }
            } else {
                System.arraycopy(w, 0, wMinus2h, 0, m);
            }
            if (useK) {
                multiply(g0, noise.k(), g0k);
            }
            for (int i = 0; i < n; i++) {
                double sum = 0.0;
                int row = i * m;
                for (int j = 0; j < m; j++) {
                    sum += (g1[row + j] - g0[row + j]) * wMinus2h[j];
                }
                correction[i] = 0.5 * sum;
            }
        }
        for (int j = 0; j < s; j++) {
            double[] aj = tab.a[j];
            double cw = tab.aWAdd[j];
            double ch = useH ? tab.aHAdd[j] : 0.0;
            double ck = useK ? tab.aKAdd[j] : 0.0;
            for (int k = 0; k < n; k++) {
                double df = 0.0;
                for (int i = 0; i < j; i++) {
                    if (aj[i] != 0.0) {
                        df += aj[i] * fs[i][k];
                    }
                }
                double dg = 0.0;
                if (sde) {
                    dg = cw * g0w[k];
                    if (useH) {
                        dg += ch * g0h[k];
                    }
                    if (useK) {
                        dg += ck * g0k[k];
                    }
                }
                z[k] = y0[k] + h * df + dg;
            }
            if (!tab.ignoreF[j]) {
                drift(stageTime(t0, t1, h, j), z, fs[j]);
            }
        }
        for (int k = 0; k < n; k++) {
            double df = 0.0;
            for (int j = 0; j < s; j++) {
                if (tab.b[j] != 0.0) {
                    df += tab.b[j] * fs[j][k];
                }
            }
            double dg = 0.0;
            if (sde) {
                dg = tab.bWAdd * g0w[k];
                if (useH) {
                    dg += tab.bHAdd * g0h[k];
                }
                if (useK) {
                    dg += tab.bKAdd * g0k[k];
                }
                dg += correction[k];
            }
            y1[k] = y0[k] + h * df + dg;
        }
        if (tab.bErr != null && error != null) {
            for (int k = 0; k < n; k++) {
                double df = 0.0;
                for (int j = 0; j < s; j++) {
                    if (tab.bErr[j] != 0.0) {
                        df += tab.bErr[j] * fs[j][k];
                    }
                }
                error[k] = h * df;
            }
        }
    }
}
