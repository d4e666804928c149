package org.wiener.solver;

import org.wiener.brownian.LevyArea;

/**
 * A read-only view of the tableau of a stochastic Runge–Kutta method driven by {@code SrkStepper}
 * ({@link SPaRK}, {@link ShARK}, {@link SRA1}; {@code solvers.md} §4), for code that re-implements the step
 * with extra bookkeeping (the discrete adjoint of {@code org.wiener.nde}). Every accessor returns a copy
 * (or null where the form has no such coefficient); the solver's own arrays are never exposed. Immutable
 * and thread-safe.
 *
 * <p><b>General form</b> ({@link #additive()} false; §4.1), stages j = 0 … s−1, z<sub>0</sub> = y<sub>n</sub>,
 * X ∈ {W, H, K} the increments the tableau reads ({@link #levyArea()}):
 * <pre>
 * z_j = y_n + h·(Σ_{i&lt;j} a_ji f_i) + Σ_{i&lt;j} [aW_ji g_i·W + aH_ji g_i·H + aK_ji g_i·K]
 * y'  = y_n + h·(Σ_j b_j f_j) + Σ_j [bW_j g_j·W + bH_j g_j·H + bK_j g_j·K]
 * err =       h·(Σ_j bErr_j f_j) + Σ_j [bWErr_j g_j·W + bHErr_j g_j·H + bKErr_j g_j·K]
 * </pre>
 * <b>Additive form</b> ({@link #additive()} true; §4.2), g<sub>0</sub> = g(t<sub>n</sub>, y<sub>n</sub>),
 * g<sub>1</sub> = g(t<sub>n+1</sub>, y<sub>n</sub>), per-stage scalars {@link #stageW()}, {@link #stageH()},
 * {@link #stageK()} and scalars {@link #weightW()}, {@link #weightH()}, {@link #weightK()}:
 * <pre>
 * z_j = y_n + h·(Σ_{i&lt;j} a_ji f_i) + [stageW_j g0·W + stageH_j g0·H + stageK_j g0·K]
 * y'  = y_n + h·(Σ_j b_j f_j) + [weightW g0·W + weightH g0·H + weightK g0·K + ½ (g1 − g0)·(W − 2H)]
 * err =       h·(Σ_j bErr_j f_j)
 * </pre>
 * (½ (g1 − g0)·W when H is not read.) The arithmetic contract, so that a re-implementation is bitwise
 * identical: each bracketed drift sum and each diffusion sum starts at 0 and adds its terms in the order of
 * the stage index i (j), the drift term before the W, H, K terms of the same index in the general form,
 * skipping terms whose coefficient is exactly 0 (the additive form's scalar terms are never skipped); the
 * result is y<sub>n</sub> + h·drift + diffusion, left to right. Stage j is evaluated at
 * t<sub>n</sub> + c<sub>j</sub>h, except exactly t<sub>n+1</sub> when c<sub>j</sub> = 1. Stages flagged in
 * {@link #ignoreF()} ({@link #ignoreG()}) skip the drift (diffusion); every coefficient multiplying such a
 * value is 0.
 */
public final class StochasticTableau {

    private final String name;
    private final SrkTableau tab;

    /**
     * @param name the solver's name
     * @param tab the solver's tableau (never exposed)
     */
    StochasticTableau(String name, SrkTableau tab) {
        this.name = name;
        this.tab = tab;
    }

    /** @return the solver's name, as {@link SolverProperties#name()} */
    public String name() {
        return name;
    }

    /** @return the number of stages s */
    public int stages() {
        return tab.stages;
    }

    /** @return true for the additive-noise form (§4.2), false for the general form (§4.1) */
    public boolean additive() {
        return tab.additive;
    }

    /** @return the Lévy area the tableau reads: NONE (W only), SPACE_TIME (W, H) or SPACE_TIME_TIME (W, H, K) */
    public LevyArea levyArea() {
        return tab.levyArea;
    }

    /** @return whether steps produce an error estimate ({@link #bErr()} not null) */
    public boolean hasErrorEstimate() {
        return tab.hasError();
    }

    /** @return stage times, c[0] = 0 */
    public double[] c() {
        return copy(tab.c);
    }

    /** @return strictly lower drift matrix: row j has j entries (row 0 empty) */
    public double[][] a() {
        return copy(tab.a);
    }

    /** @return drift weights b */
    public double[] b() {
        return copy(tab.b);
    }

    /** @return drift error weights, or null without an error estimate */
    public double[] bErr() {
        return copy(tab.bErr);
    }

    /** @return general form: W stage matrix (row j has j entries); null in the additive form */
    public double[][] aW() {
        return copy(tab.aW);
    }

    /** @return general form: H stage matrix; null in the additive form or when H is not read */
    public double[][] aH() {
        return copy(tab.aH);
    }

    /** @return general form: K stage matrix; null in the additive form or when K is not read */
    public double[][] aK() {
        return copy(tab.aK);
    }

    /** @return general form: W weights; null in the additive form */
    public double[] bW() {
        return copy(tab.bW);
    }

    /** @return general form: H weights, or null */
    public double[] bH() {
        return copy(tab.bH);
    }

    /** @return general form: K weights, or null */
    public double[] bK() {
        return copy(tab.bK);
    }

    /** @return general form: W error weights, or null */
    public double[] bWErr() {
        return copy(tab.bWErr);
    }

    /** @return general form: H error weights, or null */
    public double[] bHErr() {
        return copy(tab.bHErr);
    }

    /** @return general form: K error weights, or null */
    public double[] bKErr() {
        return copy(tab.bKErr);
    }

    /** @return additive form: the coefficient of g0·W in each stage; null in the general form */
    public double[] stageW() {
        return copy(tab.aWAdd);
    }

    /** @return additive form: the coefficient of g0·H in each stage, or null */
    public double[] stageH() {
        return copy(tab.aHAdd);
    }

    /** @return additive form: the coefficient of g0·K in each stage, or null */
    public double[] stageK() {
        return copy(tab.aKAdd);
    }

    /** @return additive form: the weight of g0·W in y' (NaN in the general form) */
    public double weightW() {
        return tab.bWAdd;
    }

    /** @return additive form: the weight of g0·H in y' (0 when H is not read) */
    public double weightH() {
        return tab.bHAdd;
    }

    /** @return additive form: the weight of g0·K in y' (0 when K is not read) */
    public double weightK() {
        return tab.bKAdd;
    }

    /** @return per stage: whether the drift evaluation is skipped (its value taken as 0) */
    public boolean[] ignoreF() {
        return tab.ignoreF.clone();
    }

    /** @return per stage: whether the diffusion evaluation is skipped (general form) */
    public boolean[] ignoreG() {
        return tab.ignoreG.clone();
    }

    private static double[] copy(double[] v) {
        return v == null ? null : v.clone();
    }

    private static double[][] copy(double[][] rows) {
        return rows == null ? null : ButcherTableau.deepCopy(rows);
    }
}
