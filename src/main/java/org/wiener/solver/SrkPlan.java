package org.wiener.solver;

import java.util.Arrays;

/**
 * The non-zero terms of a general-noise {@link SrkTableau}, listed once per tableau so that a step visits
 * only them instead of testing every coefficient on every stage of every step. The lists keep the order in
 * which {@link SrkStepper} sums (over the earlier stages in increasing order and, within a stage, the W, H,
 * K terms in that order; drift and diffusion terms in separate sums) and leave out exactly the zero
 * coefficients, which the sums always skipped: a step performs the same floating-point operations in the
 * same order as with the full tableau, so it gives the same bits.
 *
 * <p>A drift term's source is a stage i (its f<sub>i</sub>); a diffusion term's source is
 * {@code kind·s + i}: the product g<sub>i</sub>·W (kind {@link #W}), g<sub>i</sub>·H ({@link #H}) or
 * g<sub>i</sub>·K ({@link #K}) of stage i. {@link #needed} says which products any sum reads, so that the
 * stepper forms only those. Immutable.
 */
final class SrkPlan {

    static final int W = 0;
    static final int H = 1;
    static final int K = 2;

    /** A sum Σ coefficient[t]·source[index[t]] over the non-zero coefficients, in summation order. */
    static final class Terms {
        final int[] index;
        final double[] coefficient;

        private Terms(int[] index, double[] coefficient, int count) {
            this.index = Arrays.copyOf(index, count);
            this.coefficient = Arrays.copyOf(coefficient, count);
        }
    }

    /** Per stage j: the drift terms Σ_{i<j} a_ji f_i. */
    final Terms[] stageDrift;
    /** Per stage j: the diffusion terms Σ_{i<j} (aW_ji g_i·W + aH_ji g_i·H + aK_ji g_i·K). */
    final Terms[] stageNoise;
    /** The solution's drift terms Σ_j b_j f_j. */
    final Terms solutionDrift;
    /** The solution's diffusion terms Σ_j (bW_j g_j·W + bH_j g_j·H + bK_j g_j·K). */
    final Terms solutionNoise;
    /** The error estimate's drift terms, or null without an estimate. */
    final Terms errorDrift;
    /** The error estimate's diffusion terms, or null without an estimate. */
    final Terms errorNoise;
    /** needed[kind·s + i]: whether any sum reads that product. */
    final boolean[] needed;

    SrkPlan(SrkTableau tab) {
        int s = tab.stages;
        double[][] h = tab.usesH() ? tab.aH : null;
        double[][] k = tab.usesK() ? tab.aK : null;
        needed = new boolean[3 * s];
        stageDrift = new Terms[s];
        stageNoise = new Terms[s];
        for (int j = 0; j < s; j++) {
            stageDrift[j] = drift(tab.a[j], j);
            stageNoise[j] = noise(tab.aW[j], h == null ? null : h[j], k == null ? null : k[j], j, s);
        }
        solutionDrift = drift(tab.b, s);
        solutionNoise = noise(tab.bW, h == null ? null : tab.bH, k == null ? null : tab.bK, s, s);
        if (tab.bErr != null) {
            errorDrift = drift(tab.bErr, s);
            errorNoise = noise(tab.bWErr, h == null ? null : tab.bHErr, k == null ? null : tab.bKErr, s, s);
        } else {
            errorDrift = null;
            errorNoise = null;
        }
    }

    private static Terms drift(double[] b, int length) {
        int[] index = new int[length];
        double[] coefficient = new double[length];
        int count = 0;
        for (int i = 0; i < length; i++) {
            if (b[i] != 0.0) {
                index[count] = i;
                coefficient[count++] = b[i];
            }
        }
        return new Terms(index, coefficient, count);
    }

    private Terms noise(double[] bw, double[] bh, double[] bk, int length, int s) {
        int[] index = new int[3 * length];
        double[] coefficient = new double[3 * length];
        int count = 0;
        for (int i = 0; i < length; i++) {
            double[] weights = {bw[i], bh == null ? 0.0 : bh[i], bk == null ? 0.0 : bk[i]};
            for (int kind = W; kind <= K; kind++) {
                if (weights[kind] != 0.0) {
                    index[count] = kind * s + i;
                    coefficient[count++] = weights[kind];
                    needed[kind * s + i] = true;
                }
            }
        }
        return new Terms(index, coefficient, count);
    }
}
