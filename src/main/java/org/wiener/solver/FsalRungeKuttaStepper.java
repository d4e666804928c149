package org.wiener.solver;

import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.sde.SdeProblem;

/**
 * The working memory shared by the explicit first-same-as-last Runge–Kutta pairs ({@link Tsit5},
 * {@link Dopri5}, {@link Dopri8}): s stages, the last evaluated at the new solution y<sub>1</sub> (its row
 * of A equals b) so that its derivative starts the next step, and a second stage at the same node c = 1
 * from which the Shampine–Hiebert stiffness estimate is formed.
 *
 * <p>Rules common to the three solvers:
 * <ul>
 * <li>stage i is evaluated at t<sub>0</sub> + c<sub>i</sub>h, except that c = 1 means exactly t<sub>1</sub>;</li>
 * <li>stage inputs are y<sub>0</sub> + h·Σ<sub>j</sub> a<sub>ij</sub>k<sub>j</sub>, summed in the order of j,
 *     skipping zero coefficients (as Hipparchus does, apart from the skipped zeros);</li>
 * <li>the start derivative f(t<sub>0</sub>, y<sub>0</sub>) is evaluated by the first step after
 *     {@link #reset}, carried from the last stage only by {@link #accept()}, and reused by a retry that starts
 *     from exactly the same time and state (compared component by component); otherwise it is
 *     re-evaluated;</li>
 * <li>the stiffness estimate is |h|·‖k<sub>s</sub> − k<sub>σ</sub>‖ / ‖y<sub>1</sub> − Y<sub>σ</sub>‖ divided by
 *     the method's stability-region extent on the negative real axis, σ being the other stage at c = 1;
 *     0 if the two stage inputs coincide.</li>
 * </ul>
 * Steps allocate nothing.
 */
class FsalRungeKuttaStepper extends AbstractStepper {

    private final String name;
    private final int stages;
    private final double[] c;
    private final double[][] a;
    private final double[] b;
    private final int stiffStage;
    private final double stabilitySize;

    /** Stage derivatives k<sub>1</sub> … k<sub>s</sub> (index 0 … s−1). */
    protected final double[][] k;
    private final double[] errorWeights;
    private final double[] stage;
    private final double[] yStiff;
    private final double[] yStart;
    private final double[] yEnd;
    private double tStart;
    private double tEnd;
    private boolean haveStart;
    private boolean pending;
    private double stiffness = Double.NaN;

    /**
     * @param problem the ODE
     * @param name the solver's name, for messages
     * @param c nodes, length s (c[0] = 0, c[s−1] = 1)
     * @param a strictly lower rows of A: a[i] has i entries; a[s−1] is b without its last entry
     * @param b weights of the propagated solution, length s (b[s−1] = 0)
     * @param stiffStage index of the other stage with c = 1
     * @param stabilitySize extent of the stability region on the negative real axis
     */
    FsalRungeKuttaStepper(SdeProblem problem, String name, double[] c, double[][] a, double[] b, int stiffStage,
                          double stabilitySize) {
        this(problem, name, c, a, b, null, stiffStage, stabilitySize);
    }

    /**
     * A stepper whose error estimate is h·Σ e<sub>i</sub> k<sub>i</sub>.
     *
     * @param problem the ODE
     * @param name the solver's name, for messages
     * @param c nodes
     * @param a strictly lower rows of A
     * @param b weights of the propagated solution
     * @param errorWeights e = b − b̂, length s (null when {@link #error} is overridden)
     * @param stiffStage index of the other stage with c = 1
     * @param stabilitySize extent of the stability region on the negative real axis
     */
    FsalRungeKuttaStepper(SdeProblem problem, String name, double[] c, double[][] a, double[] b,
                          double[] errorWeights, int stiffStage, double stabilitySize) {
        super(problem);
        this.errorWeights = errorWeights;
        this.name = name;
        this.stages = c.length;
        this.c = c;
        this.a = a;
        this.b = b;
        this.stiffStage = stiffStage;
        this.stabilitySize = stabilitySize;
        this.k = new double[stages][n];
        this.stage = new double[n];
        this.yStiff = new double[n];
        this.yStart = new double[n];
        this.yEnd = new double[n];
    }

    /**
     * Checks that the problem is an ODE.
     *
     * @param name the solver's name
     * @param problem the problem
     * @return the problem
     */
    static SdeProblem requireOde(String name, SdeProblem problem) {
        if (problem == null) {
            throw new IllegalArgumentException("problem must not be null");
        }
        if (!problem.isOde()) {
            throw new IllegalArgumentException(name + " solves ODEs only, but the problem has a diffusion; "
                    + "use an SDE solver");
        }
        return problem;
    }

    @Override
    public final void reset(double t, double[] y) {
        haveStart = false;
        pending = false;
        stiffness = Double.NaN;
    }

    @Override
    public final void step(double t0, double t1, double[] y0, MutableBrownianIncrement noise, double[] y1,
                           double[] error) {
        if (noise != null) {
            throw new IllegalArgumentException(name + " solves ODEs only; got a Brownian increment");
        }
        double h = t1 - t0;
        if (!startKnown(t0, y0)) {
            drift(t0, y0, k[0]);
            tStart = t0;
            System.arraycopy(y0, 0, yStart, 0, n);
            haveStart = true;
        }
        int last = stages - 1;
        for (int s = 1; s < last; s++) {
            double[] target = s == stiffStage ? yStiff : stage;
            combine(a[s], s, target);
            for (int i = 0; i < n; i++) {
                target[i] = y0[i] + h * target[i];
            }
            drift(c[s] == 1.0 ? t1 : t0 + c[s] * h, target, k[s]);
        }
        combine(b, last, yEnd);
        for (int i = 0; i < n; i++) {
            yEnd[i] = y0[i] + h * yEnd[i];
        }
        System.arraycopy(yEnd, 0, y1, 0, n);
        tEnd = t1;
        drift(t1, yEnd, k[last]);
        pending = true;
        error(h, error);
        double num = 0.0;
        double den = 0.0;
        double[] kLast = k[last];
        double[] kStiff = k[stiffStage];
        for (int i = 0; i < n; i++) {
            double dk = kLast[i] - kStiff[i];
            double dy = yEnd[i] - yStiff[i];
            num += dk * dk;
            den += dy * dy;
        }
        stiffness = den == 0.0 ? 0.0 : Math.abs(h) * Math.sqrt(num / den) / stabilitySize;
    }

    /**
     * out = Σ<sub>j&lt;count</sub> w<sub>j</sub>k<sub>j</sub>, summed in the order of j, zero weights skipped.
     *
     * @param w the weights
     * @param count how many stages
     * @param out receives the combination
     */
    protected final void combine(double[] w, int count, double[] out) {
        double[] k0 = k[0];
        double w0 = w[0];
        for (int i = 0; i < n; i++) {
            out[i] = k0[i] * w0;
        }
        for (int j = 1; j < count; j++) {
            double wj = w[j];
            if (wj == 0.0) {
                continue;
            }
            double[] kj = k[j];
            for (int i = 0; i < n; i++) {
                out[i] += kj[i] * wj;
            }
        }
    }

    /**
     * Computes the local error estimate of the step just computed (all stages k are filled) and writes it
     * into {@code error} unless that is null. Subclasses override it for estimators that are not a
     * plain combination of stages (Dopri8).
     *
     * @param h the step
     * @param error receives the estimate, length n, or null
     */
    protected void error(double h, double[] error) {
        if (error == null) {
            return;
        }
        combine(errorWeights, stages, error);
        for (int i = 0; i < n; i++) {
            error[i] *= h;
        }
    }

    private boolean startKnown(double t0, double[] y0) {
        if (!haveStart || t0 != tStart) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (y0[i] != yStart[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public final void accept() {
        if (!pending) {
            throw new IllegalStateException(name + ": accept() must follow a step()");
        }
        pending = false;
        int last = stages - 1;
        double[] carried = k[last];
        k[last] = k[0];
        k[0] = carried;
        System.arraycopy(yEnd, 0, yStart, 0, n);
        tStart = tEnd;
        haveStart = true;
    }

    @Override
    public final double stiffness() {
        return stiffness;
    }
}
