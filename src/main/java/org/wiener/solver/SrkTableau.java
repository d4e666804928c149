package org.wiener.solver;

import java.util.Arrays;

import org.wiener.brownian.LevyArea;

/**
 * The coefficients of a stochastic Runge–Kutta method for Stratonovich SDEs ({@code solvers.md} §4), in
 * one of two forms.
 *
 * <p><b>General noise</b> (§4.1), s stages, z<sub>1</sub> = y<sub>n</sub>:
 * <pre>
 * z_j  = y_n + h Σ_{i&lt;j} a_ji f_i + Σ_{i&lt;j} [ aW_ji g_i·W + aH_ji g_i·H + aK_ji g_i·K ]
 * f_j  = f(t_n + c_j h, z_j),  g_j = g(t_n + c_j h, z_j)
 * y'   = y_n + h Σ_j b_j f_j + Σ_j [ bW_j g_j·W + bH_j g_j·H + bK_j g_j·K ]
 * err  = h Σ_j bErr_j f_j + Σ_j [ bWErr_j g_j·W + bHErr_j g_j·H + bKErr_j g_j·K ]   (direct, not a difference)
 * </pre>
 * Stages flagged {@code ignoreF} ({@code ignoreG}) skip the drift (diffusion) evaluation; the value is 0
 * and every coefficient that would multiply it must be 0 (checked here).
 *
 * <p><b>Additive noise</b> (§4.2): per-stage scalars aW_j, aH_j, aK_j and scalars bW, bH, bK; g is
 * evaluated only as g0 = g(t_n, y_n) and g1 = g(t_{n+1}, y_n):
 * <pre>
 * z_j  = y_n + h Σ_{i&lt;j} a_ji f_i + g0·(aW_j W + aH_j H + aK_j K)
 * y'   = y_n + h Σ_j b_j f_j + g0·(bW W + bH H + bK K) + ½(g1 − g0)·(W − 2H)     (½(g1 − g0)·W without H)
 * err  = h Σ_j bErr_j f_j   (drift only)
 * </pre>
 * Immutable once built.
 */
final class SrkTableau {

    final int stages;
    /** Stage times, c[0] = 0. */
    final double[] c;
    /** Drift matrix: a[j] has length j (a[0] is empty). */
    final double[][] a;
    final double[] b;
    /** Drift error weights, or null without an error estimate. */
    final double[] bErr;
    final boolean additive;

    // General form (null when the area is unused; errors null without an estimate).
    final double[][] aW;
    final double[][] aH;
    final double[][] aK;
    final double[] bW;
    final double[] bH;
    final double[] bK;
    final double[] bWErr;
    final double[] bHErr;
    final double[] bKErr;

    // Additive form (null arrays / NaN when unused).
    final double[] aWAdd;
    final double[] aHAdd;
    final double[] aKAdd;
    final double bWAdd;
    final double bHAdd;
    final double bKAdd;

    final boolean[] ignoreF;
    final boolean[] ignoreG;

    /** The Lévy area the tableau reads. */
    final LevyArea levyArea;

    /** The non-zero terms of the general form, in summation order (null for the additive form). */
    final SrkPlan plan;

    private SrkTableau(Builder bd) {
        this.stages = bd.stages;
        this.additive = bd.additive;
        this.c = bd.c;
        this.a = bd.a;
        this.b = bd.b;
        this.bErr = bd.bErr;
        this.aW = bd.aW;
        this.aH = bd.aH;
        this.aK = bd.aK;
        this.bW = bd.bW;
        this.bH = bd.bH;
        this.bK = bd.bK;
        this.bWErr = bd.bWErr;
        this.bHErr = bd.bHErr;
        this.bKErr = bd.bKErr;
        this.aWAdd = bd.aWAdd;
        this.aHAdd = bd.aHAdd;
        this.aKAdd = bd.aKAdd;
        this.bWAdd = bd.bWAdd;
        this.bHAdd = bd.bHAdd;
        this.bKAdd = bd.bKAdd;
        this.ignoreF = bd.ignoreF == null ? new boolean[stages] : bd.ignoreF;
        this.ignoreG = bd.ignoreG == null ? new boolean[stages] : bd.ignoreG;
        boolean hasK = additive ? aKAdd != null : aK != null;
        boolean hasH = additive ? aHAdd != null : aH != null;
        this.levyArea = hasK ? LevyArea.SPACE_TIME_TIME : hasH ? LevyArea.SPACE_TIME : LevyArea.NONE;
        validate();
        this.plan = additive ? null : new SrkPlan(this);
    }

    /** @return whether H is read */
    boolean usesH() {
        return levyArea.hasSpaceTime();
    }

    /** @return whether K is read */
    boolean usesK() {
        return levyArea.hasSpaceTimeTime();
    }

    /** @return whether steps produce an error estimate */
    boolean hasError() {
        return bErr != null;
    }

    /**
     * @param stages number of stages s
     * @return a builder of the general-noise form
     */
    static Builder general(int stages) {
        return new Builder(stages, false);
    }

    /**
     * @param stages number of stages s
     * @return a builder of the additive-noise form
     */
    static Builder additive(int stages) {
        return new Builder(stages, true);
    }

    private void validate() {
        int s = stages;
        check(c != null && c.length == s && c[0] == 0.0, "c must have one entry per stage, starting with 0");
        checkLower(a, "a");
        check(b != null && b.length == s, "b must have one entry per stage");
        check(bErr == null || bErr.length == s, "bErr must have one entry per stage");
        check(Math.abs(Arrays.stream(b).sum() - 1.0) < 1e-12, "the drift weights b must sum to 1");
        check(ignoreF.length == s && ignoreG.length == s, "ignore flags must have one entry per stage");
        if (additive) {
            check(aWAdd != null && aWAdd.length == s, "additive aW must have one entry per stage");
            check(aHAdd == null || aHAdd.length == s, "additive aH must have one entry per stage");
            check(aKAdd == null || (aKAdd.length == s && aHAdd != null), "additive aK needs aH, one entry per stage");
        } else {
            checkLower(aW, "aW");
            check(bW != null && bW.length == s, "bW must have one entry per stage");
            if (aH != null) {
                checkLower(aH, "aH");
                check(bH != null && bH.length == s, "bH must have one entry per stage");
            }
            if (aK != null) {
                check(aH != null, "K coefficients need H coefficients");
                checkLower(aK, "aK");
                check(bK != null && bK.length == s, "bK must have one entry per stage");
            }
            if (bErr != null) {
                check(bWErr != null && bWErr.length == s, "an error estimate needs bWErr");
                check(aH == null || (bHErr != null && bHErr.length == s), "an error estimate needs bHErr");
                check(aK == null || (bKErr != null && bKErr.length == s), "an error estimate needs bKErr");
            }
        }
        for (int j = 0; j < s; j++) {
            check(!(ignoreF[j] && ignoreG[j]), "stage " + (j + 1) + " skips both the drift and the diffusion");
            if (ignoreF[j]) {
                check(b[j] == 0.0 && (bErr == null || bErr[j] == 0.0) && column(a, j) == 0.0,
                        "stage " + (j + 1) + " skips the drift but has non-zero drift coefficients");
            }
            if (ignoreG[j] && !additive) {
                check(column(aW, j) == 0.0 && column(aH, j) == 0.0 && column(aK, j) == 0.0
                        && entry(bW, j) == 0.0 && entry(bH, j) == 0.0 && entry(bK, j) == 0.0
                        && entry(bWErr, j) == 0.0 && entry(bHErr, j) == 0.0 && entry(bKErr, j) == 0.0,
                        "stage " + (j + 1) + " skips the diffusion but has non-zero diffusion coefficients");
            }
        }
    }

    private void checkLower(double[][] m, String what) {
        check(m != null && m.length == stages, what + " must have one row per stage");
        for (int j = 0; j < stages; j++) {
            check(m[j].length == j, what + " row " + (j + 1) + " must have " + j + " entries");
        }
    }

    /** Sum of |m[k][j]| over the rows k below j (0 for a null matrix). */
    private static double column(double[][] m, int j) {
        if (m == null) {
            return 0.0;
        }
        double s = 0.0;
        for (int k = j + 1; k < m.length; k++) {
            s += Math.abs(m[k][j]);
        }
        return s;
    }

    private static double entry(double[] v, int j) {
        return v == null ? 0.0 : v[j];
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException("invalid SRK tableau: " + message);
        }
    }

    /** Builds an {@link SrkTableau}. Matrices are given as the rows of stages 2 … s (lengths 1 … s−1). */
    static final class Builder {
        private final int stages;
        private final boolean additive;
        private double[] c;
        private double[][] a;
        private double[] b;
        private double[] bErr;
        private double[][] aW;
        private double[][] aH;
        private double[][] aK;
        private double[] bW;
        private double[] bH;
        private double[] bK;
        private double[] bWErr;
        private double[] bHErr;
        private double[] bKErr;
        private double[] aWAdd;
        private double[] aHAdd;
        private double[] aKAdd;
        private double bWAdd = Double.NaN;
        private double bHAdd;
        private double bKAdd;
        private boolean[] ignoreF;
        private boolean[] ignoreG;

        private Builder(int stages, boolean additive) {
            this.stages = stages;
            this.additive = additive;
        }

        private double[][] lower(double[][] rows) {
            if (rows.length != stages - 1) {
                throw new IllegalStateException("invalid SRK tableau: expected " + (stages - 1) + " rows, got " + rows.length);
            }
            double[][] m = new double[stages][];
            m[0] = new double[0];
            for (int j = 1; j < stages; j++) {
                m[j] = rows[j - 1].clone();
            }
            return m;
        }

        /**
         * @param c the stage times, including the leading 0
         * @return this builder
         */
        Builder c(double... c) {
            this.c = c.clone();
            return this;
        }

        /**
         * @param rows the drift matrix rows of stages 2 … s
         * @return this builder
         */
        Builder a(double[]... rows) {
            this.a = lower(rows);
            return this;
        }

        /**
         * @param b the drift weights
         * @return this builder
         */
        Builder b(double... b) {
            this.b = b.clone();
            return this;
        }

        /**
         * @param bErr the drift error weights
         * @return this builder
         */
        Builder bErr(double... bErr) {
            this.bErr = bErr.clone();
            return this;
        }

        /**
         * General form: W coefficients.
         *
         * @param rows aW rows of stages 2 … s
         * @param b bW
         * @param err bWErr, or null
         * @return this builder
         */
        Builder w(double[][] rows, double[] b, double[] err) {
            this.aW = lower(rows);
            this.bW = b.clone();
            this.bWErr = err == null ? null : err.clone();
            return this;
        }

        /**
         * General form: H coefficients.
         *
         * @param rows aH rows of stages 2 … s
         * @param b bH
         * @param err bHErr, or null
         * @return this builder
         */
        Builder h(double[][] rows, double[] b, double[] err) {
            this.aH = lower(rows);
            this.bH = b.clone();
            this.bHErr = err == null ? null : err.clone();
            return this;
        }

        /**
         * General form: K coefficients.
         *
         * @param rows aK rows of stages 2 … s
         * @param b bK
         * @param err bKErr, or null
         * @return this builder
         */
        Builder k(double[][] rows, double[] b, double[] err) {
            this.aK = lower(rows);
            this.bK = b.clone();
            this.bKErr = err == null ? null : err.clone();
            return this;
        }

        /**
         * Additive form: W coefficients.
         *
         * @param a aW per stage
         * @param b bW
         * @return this builder
         */
        Builder w(double[] a, double b) {
            this.aWAdd = a.clone();
            this.bWAdd = b;
            return this;
        }

        /**
         * Additive form: H coefficients.
         *
         * @param a aH per stage
         * @param b bH
         * @return this builder
         */
        Builder h(double[] a, double b) {
            this.aHAdd = a.clone();
            this.bHAdd = b;
            return this;
        }

        /**
         * Additive form: K coefficients.
         *
         * @param a aK per stage
         * @param b bK
         * @return this builder
         */
        Builder k(double[] a, double b) {
            this.aKAdd = a.clone();
            this.bKAdd = b;
            return this;
        }

        /**
         * @param ignore per stage: skip the drift evaluation
         * @return this builder
         */
        Builder ignoreF(boolean... ignore) {
            this.ignoreF = ignore.clone();
            return this;
        }

        /**
         * @param ignore per stage: skip the diffusion evaluation
         * @return this builder
         */
        Builder ignoreG(boolean... ignore) {
            this.ignoreG = ignore.clone();
            return this;
        }

        SrkTableau build() {
            if (stages == 1 && a == null) {
                a = new double[][] {new double[0]};
            }
            if (!additive && stages == 1 && aW == null) {
                aW = new double[][] {new double[0]};
            }
            return new SrkTableau(this);
        }
    }
}
