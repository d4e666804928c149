package org.wiener.solver;

import org.wiener.sde.SdeProblem;

/**
 * The Dormand–Prince explicit Runge–Kutta pair of order 5(4) (DOPRI5), with first-same-as-last (FSAL)
 * stages, an embedded error estimate and Hairer's stiffness detection. ODEs only.
 *
 * <p>Reference: J. R. Dormand and P. J. Prince, "A family of embedded Runge–Kutta formulae",
 * <i>J. Comput. Appl. Math.</i> 6(1), 19–26, 1980; stiffness detection as in E. Hairer and G. Wanner,
 * <i>Solving Ordinary Differential Equations II</i>, §IV.2, and Hairer's code DOPRI5. The tableau is
 * identical (checked exactly in the tests) to the public Butcher arrays of Hipparchus's
 * {@code DormandPrince54Integrator} ({@code getC()}, {@code getA()}, {@code getB()}), and the error weights
 * to its (package-private) error array.
 *
 * <h2>Butcher tableau</h2>
 * <pre>
 *  c    | A
 *  0    |
 *  1/5  | 1/5
 *  3/10 | 3/40         9/40
 *  4/5  | 44/45        −56/15        32/9
 *  8/9  | 19372/6561   −25360/2187   64448/6561   −212/729
 *  1    | 9017/3168    −355/33       46732/5247   49/176     −5103/18656
 *  1    | 35/384       0             500/1113     125/192    −2187/6784     11/84
 *  -----+---------------------------------------------------------------------------------
 *  b    | 35/384       0             500/1113     125/192    −2187/6784     11/84      0       (order 5)
 *  b̂   | 5179/57600   0             7571/16695   393/640    −92097/339200  187/2100   1/40    (order 4)
 *  b−b̂ | 71/57600     0             −71/16695    71/1920    −17253/339200  22/525     −1/40
 * </pre>
 *
 * <h2>Step, error and evaluations</h2>
 * y<sub>1</sub> = y<sub>0</sub> + h Σ b<sub>i</sub>k<sub>i</sub> (local extrapolation: the 5th-order solution is
 * propagated) and the error estimate is h Σ (b<sub>i</sub> − b̂<sub>i</sub>) k<sub>i</sub>, the vector whose
 * scaled RMS norm Hipparchus's {@code DormandPrince54Integrator.estimateError} returns. Six new drift
 * evaluations per step, seven for the first step after {@link Stepper#reset}; the derivative
 * f(t<sub>1</sub>, y<sub>1</sub>) of stage 7 is carried into the next step only by {@link Stepper#accept()} (see
 * {@link Tsit5} for the exact reuse rules, which are the same).
 *
 * <h2>Stiffness estimate</h2>
 * Stages 6 and 7 share the node c = 1, so ρ = ‖k<sub>7</sub> − k<sub>6</sub>‖ / ‖y<sub>1</sub> −
 * Y<sub>6</sub>‖ estimates the dominant eigenvalue magnitude of ∂f/∂y (Shampine–Hiebert; Hairer's DOPRI5
 * flags stiffness when h·ρ &gt; 3.25). {@link Stepper#stiffness()} returns <b>|h|·ρ / {@value #STABILITY_SIZE}</b>,
 * {@value #STABILITY_SIZE} being the extent of DOPRI5's stability region on the negative real axis
 * ({@code alg_stability_size(DP5)} in OrdinaryDiffEq, recomputed in the tests): the same normalisation as
 * {@link Tsit5}'s, so that values near or above 1 mean a stability-limited step whichever solver is used.
 * 0 if Y<sub>6</sub> = y<sub>1</sub> exactly; NaN before the first step and after a reset.
 */
public final class Dopri5 implements Solver {

    /** Extent of the stability region on the negative real axis (h·|λ| at which |R(−x)| = 1). */
    public static final double STABILITY_SIZE = 3.3066;

    private static final double[] C = {0.0, 1.0 / 5.0, 3.0 / 10.0, 4.0 / 5.0, 8.0 / 9.0, 1.0, 1.0};

    private static final double[][] A = {
        {},
        {1.0 / 5.0},
        {3.0 / 40.0, 9.0 / 40.0},
        {44.0 / 45.0, -56.0 / 15.0, 32.0 / 9.0},
        {19372.0 / 6561.0, -25360.0 / 2187.0, 64448.0 / 6561.0, -212.0 / 729.0},
        {9017.0 / 3168.0, -355.0 / 33.0, 46732.0 / 5247.0, 49.0 / 176.0, -5103.0 / 18656.0},
        {35.0 / 384.0, 0.0, 500.0 / 1113.0, 125.0 / 192.0, -2187.0 / 6784.0, 11.0 / 84.0}};

    private static final double[] B = {
        35.0 / 384.0, 0.0, 500.0 / 1113.0, 125.0 / 192.0, -2187.0 / 6784.0, 11.0 / 84.0, 0.0};

    private static final double[] B_HAT = {
        5179.0 / 57600.0, 0.0, 7571.0 / 16695.0, 393.0 / 640.0, -92097.0 / 339200.0, 187.0 / 2100.0, 1.0 / 40.0};

    /** b − b̂, exact rationals. */
    private static final double[] E = {
        71.0 / 57600.0, 0.0, -71.0 / 16695.0, 71.0 / 1920.0, -17253.0 / 339200.0, 22.0 / 525.0, -1.0 / 40.0};

    private static final SolverProperties PROPERTIES = SolverProperties.builder("dopri5")
            .odeOnly().odeOrder(5.0).embeddedError(true).stiffnessEstimate(true).evaluations(6, 0).build();

    @Override
    public SolverProperties properties() {
        return PROPERTIES;
    }

    @Override
    public Stepper newStepper(SdeProblem problem) {
        return new FsalRungeKuttaStepper(FsalRungeKuttaStepper.requireOde("dopri5", problem), "dopri5", C, A, B, E, 5,
                STABILITY_SIZE);
    }

    /** @return the tableau (copies), for re-implementations such as the discrete adjoint of {@code org.wiener.nde} */
    public static ButcherTableau tableau() {
        return new ButcherTableau("dopri5", C, A, B, E, 5, STABILITY_SIZE);
    }

    /** @return the nodes c (copy) */
    static double[] c() {
        return C.clone();
    }

    /** @return the rows of A below the diagonal, row i having i entries (copy) */
    static double[][] a() {
        double[][] copy = new double[A.length][];
        for (int i = 0; i < A.length; i++) {
            copy[i] = A[i].clone();
        }
        return copy;
    }

    /** @return the 5th-order weights b (copy) */
    static double[] b() {
        return B.clone();
    }

    /** @return the 4th-order weights b̂ (copy) */
    static double[] bHat() {
        return B_HAT.clone();
    }

    /** @return the error weights b − b̂ (copy) */
    static double[] e() {
        return E.clone();
    }
}
