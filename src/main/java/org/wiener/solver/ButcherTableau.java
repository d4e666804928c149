package org.wiener.solver;

/**
 * A read-only view of the tableau of an explicit first-same-as-last Runge–Kutta pair ({@link Tsit5},
 * {@link Dopri5}), for code that re-implements the step with extra bookkeeping (the discrete adjoint of
 * {@code org.wiener.nde}). Every accessor returns a copy; the solver's own arrays are never exposed.
 * The arithmetic contract (what {@code FsalRungeKuttaStepper} does, so that a re-implementation can
 * be bitwise identical): stage input Y<sub>s</sub> = y<sub>0</sub> + h·(Σ<sub>j&lt;s</sub> a<sub>sj</sub>k<sub>j</sub>)
 * with the sum started as k<sub>0</sub>·a<sub>s0</sub> and later zero coefficients skipped; stage time
 * t<sub>0</sub> + c<sub>s</sub>h, except exactly t<sub>1</sub> when c<sub>s</sub> = 1; the last stage is
 * f(t<sub>1</sub>, y<sub>1</sub>) with y<sub>1</sub> = y<sub>0</sub> + h·Σ b<sub>j</sub>k<sub>j</sub>; error
 * h·Σ e<sub>j</sub>k<sub>j</sub> over all stages (same summation rule, then multiplied by h).
 *
 * @param name the solver's name
 * @param c nodes, length s
 * @param a strictly lower rows of A (row i has i entries)
 * @param b weights of the propagated solution (b[s−1] = 0)
 * @param e error weights b − b̂
 * @param stiffStage index of the stage other than the last at c = 1 (Shampine–Hiebert estimate)
 * @param stabilitySize extent of the stability region on the negative real axis
 */
public record ButcherTableau(String name, double[] c, double[][] a, double[] b, double[] e, int stiffStage,
                             double stabilitySize) {

    /** Defensive copies: the record is immutable. */
    public ButcherTableau {
        c = c.clone();
        a = deepCopy(a);
        b = b.clone();
        e = e.clone();
    }

    /** @return the number of stages s */
    public int stages() {
        return c.length;
    }

    @Override
    public double[] c() {
        return c.clone();
    }

    @Override
    public double[][] a() {
        return deepCopy(a);
    }

    @Override
    public double[] b() {
        return b.clone();
    }

    @Override
    public double[] e() {
        return e.clone();
    }

    /** @return a copy of every row (shared with the other tableau views of this package) */
    static double[][] deepCopy(double[][] rows) {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }
}
