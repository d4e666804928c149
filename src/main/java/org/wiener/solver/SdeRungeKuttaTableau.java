package org.wiener.solver;

/**
 * A read-only view of the tableau of an explicit Runge–Kutta method applied to SDEs with combined
 * drift–diffusion stages ({@link Heun}, {@link Midpoint}, {@link Ralston}; {@code solvers.md} §3), for code
 * that re-implements the step with extra bookkeeping (the discrete adjoint of {@code org.wiener.nde}).
 * Every accessor returns a copy; the solver's own arrays are never exposed.
 *
 * <p>The arithmetic contract of {@code SdeRungeKuttaStepper}, so that a re-implementation is bitwise
 * identical: k<sub>j</sub> = f(t<sub>j</sub>, z<sub>j</sub>)·h + g(t<sub>j</sub>, z<sub>j</sub>)·ΔW (g·ΔW the
 * matrix–vector product, its sum over the noise index started at 0), t<sub>j</sub> = t<sub>n</sub> + c<sub>j</sub>h
 * except exactly t<sub>n+1</sub> when c<sub>j</sub> = 1; z<sub>j</sub> = y<sub>n</sub> + (Σ<sub>i&lt;j</sub> a<sub>ji</sub>k<sub>i</sub>),
 * y' = y<sub>n</sub> + (Σ<sub>j</sub> b<sub>j</sub>k<sub>j</sub>), error = Σ<sub>j</sub> bErr<sub>j</sub>k<sub>j</sub>, each sum
 * started at 0 and taken over every index in order (zero coefficients included).
 *
 * @param name the solver's name
 * @param c stage times, c[0] = 0
 * @param a strictly lower rows (row j has j entries, row 0 empty)
 * @param b weights
 * @param bErr error weights (applied directly; they sum to 0)
 */
public record SdeRungeKuttaTableau(String name, double[] c, double[][] a, double[] b, double[] bErr) {

    /** Defensive copies: the record is immutable. */
    public SdeRungeKuttaTableau {
        c = c.clone();
        a = ButcherTableau.deepCopy(a);
        b = b.clone();
        bErr = bErr.clone();
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
        return ButcherTableau.deepCopy(a);
    }

    @Override
    public double[] b() {
        return b.clone();
    }

    @Override
    public double[] bErr() {
        return bErr.clone();
    }
}
