package org.wiener.solver;

import org.wiener.sde.SdeProblem;

/**
 * Tsitouras' explicit Runge–Kutta pair of order 5(4), with first-same-as-last (FSAL) stages, an embedded
 * error estimate and the Shampine–Hiebert stiffness estimate. ODEs only.
 *
 * <p>Reference: Ch. Tsitouras, "Runge–Kutta pairs of order 5(4) satisfying only the first column
 * simplifying assumption", <i>Computers &amp; Mathematics with Applications</i> 62(2), 770–775, 2011.
 * The coefficients are those of the paper as printed to 80+ digits in Diffrax ({@code diffrax/_solver/tsit5.py})
 * and to double precision in OrdinaryDiffEq ({@code tsit_tableaus.jl}); the two sources agree, and the tests
 * check the row sums, all order conditions (17 rooted trees up to order 5 for b, 8 up to order 4 for b̂)
 * and the stability-region extent quoted below.
 *
 * <h2>Butcher tableau</h2>
 * Seven stages; stage 7 is evaluated at the new solution y<sub>1</sub> (its row of A is b), so its
 * derivative is the first stage of the next step.
 * <pre>
 *  c                    | A
 *  0                    |
 *  0.161                | 0.161
 *  0.327                | -0.0084806554923569885  0.33548065549235698854
 *  0.9                  | 2.8971530571054934321  -6.3594484899750748431   4.3622954328695814110
 *  0.98002554090450968573
 *                       | 5.3258648284392566044  -11.748883564062827878   7.4955393428898362083
 *                       |   -0.092495066361755249257
 *  1                    | 5.8614554429464200287  -12.920969317847109292   8.1593678985761586432
 *                       |   -0.071584973281400997225  -0.028269050394068382909
 *  1                    | b (below)
 *  ---------------------+-----------------------------------------------------------------------
 *  b  (order 5)         | 0.096460766818065229518   0.01   0.47988965041449957478   1.3790085741037418932
 *                       |   -3.2900695154360806799   2.3247105240997739824   0
 *  b̂ (order 4)         | 0.094680755765839458075   0.0091835655403432530968   0.48777052842476157079
 *                       |   1.2342975669304789857   -2.7077123499835254549   1.8666284181705870358   1/66
 *  e = b − b̂           | 0.0017800110522257714434   0.00081643445965674690322
 *                       |   -0.0078808780102619960103   0.14471100717326290754   -0.58235716545255522502
 *                       |   0.45808210592918694666   -1/66
 * </pre>
 *
 * <h2>Step, error and evaluations</h2>
 * With k<sub>i</sub> = f(t<sub>0</sub> + c<sub>i</sub>h, Y<sub>i</sub>) and Y<sub>i</sub> = y<sub>0</sub> +
 * h Σ<sub>j&lt;i</sub> a<sub>ij</sub>k<sub>j</sub>: y<sub>1</sub> = y<sub>0</sub> + h Σ b<sub>i</sub>k<sub>i</sub>
 * and the error estimate is h Σ (b<sub>i</sub> − b̂<sub>i</sub>) k<sub>i</sub>, the difference between the
 * 5th- and the 4th-order solutions (OrdinaryDiffEq's {@code btilde}, quoted in {@code regularization.md}
 * §1.1, is the same vector with the opposite sign; every norm of it is the same). Stages at c = 1 are
 * evaluated at exactly t<sub>1</sub>. Six new drift evaluations per step; the first step after
 * {@link Stepper#reset} costs seven, because f(t<sub>0</sub>, y<sub>0</sub>) is not yet known. The derivative
 * f(t<sub>1</sub>, y<sub>1</sub>) of stage 7 is carried into the next step only by {@link Stepper#accept()};
 * a rejected step's retry from the same (t<sub>0</sub>, y<sub>0</sub>) reuses the start derivative it
 * already has. The start derivative is reused only if the step starts from exactly the time and state it
 * belongs to (checked component by component), so a driver that changes the state without calling
 * {@code reset} gets a fresh evaluation rather than a wrong derivative.
 *
 * <h2>Stiffness estimate</h2>
 * Stages 6 and 7 share the node c = 1, so (Shampine &amp; Hiebert 1977; {@code regularization.md} §2)
 * ρ = ‖k<sub>7</sub> − k<sub>6</sub>‖ / ‖Y<sub>7</sub> − Y<sub>6</sub>‖ (Y<sub>7</sub> = y<sub>1</sub>;
 * Euclidean norms, whose ratio equals that of the RMS norms) estimates the magnitude of the dominant
 * eigenvalue of ∂f/∂y along the step (exactly |λ| for a scalar linear f = λy + g(t), and at most the largest
 * |λ<sub>i</sub>| for a normal linear system). {@link Stepper#stiffness()} returns
 * <b>|h|·ρ / {@value #STABILITY_SIZE}</b>: {@value #STABILITY_SIZE} is the extent of Tsit5's stability region
 * on the negative real axis ({@code alg_stability_size(Tsit5)} in OrdinaryDiffEq, recomputed in the tests
 * from the stability polynomial), so a value near or above 1 means that the step is limited by stability
 * rather than accuracy, i.e. the problem is stiff for this step size. This is the quantity that
 * LocalRegNeuralDE.jl regularizes (h·|λ|/3.5068); RegNeuralDE.jl's |λ|/3.5068 is this value divided by
 * |h|. If Y<sub>7</sub> = Y<sub>6</sub> exactly the two stages coincide, and the estimate is 0. Before the
 * first step, and after {@code reset}, it is NaN.
 */
public final class Tsit5 implements Solver {

    /** Extent of the stability region on the negative real axis (h·|λ| at which |R(−x)| = 1). */
    public static final double STABILITY_SIZE = 3.5068;

    private static final double[] C = {
        0.0, 0.161, 0.327, 0.9, 0.98002554090450968572981028628702459549, 1.0, 1.0};

    private static final double[][] A = {
        {},
        {0.161},
        {-0.0084806554923569885444268742502307746751,
            0.33548065549235698854442687425023077468},
        {2.8971530571054934321304325941929387649,
            -6.3594484899750748431481599123838256260,
            4.3622954328695814110177273181908868610},
        {5.3258648284392566044288779208405113178,
            -11.748883564062827877747170339785772962,
            7.4955393428898362083046047845643581557,
            -0.092495066361755249256502079332071916113},
        {5.8614554429464200286592514869826478904,
            -12.920969317847109291706118681783359395,
            8.1593678985761586431804007945392534852,
            -0.071584973281400997224530542525829738691,
            -0.028269050394068382909003057212712241467},
        {0.096460766818065229518167313165128763337,
            0.01,
            0.47988965041449957477524953229059651991,
            1.3790085741037418931922748218568727708,
            -3.2900695154360806799010475857113638501,
            2.3247105240997739824153559183987657961}};

    private static final double[] B = {
        0.096460766818065229518167313165128763337,
        0.01,
        0.47988965041449957477524953229059651991,
        1.3790085741037418931922748218568727708,
        -3.2900695154360806799010475857113638501,
        2.3247105240997739824153559183987657961,
        0.0};

    private static final double[] B_HAT = {
        0.094680755765839458074788762557589228561,
        0.0091835655403432530967763639366453137598,
        0.48777052842476157078556425996312282415,
        1.2342975669304789856551096738842376540,
        -2.7077123499835254548811099750593216707,
        1.8666284181705870357537193995662114987,
        1.0 / 66.0};

    /** b − b̂, from the high-precision values (not from the rounded doubles above). */
    private static final double[] E = {
        0.0017800110522257714433785506,
        0.00081643445965674690322363606,
        -0.0078808780102619960103147277,
        0.14471100717326290753716515,
        -0.58235716545255522501993761,
        0.45808210592918694666163652,
        -1.0 / 66.0};

    private static final SolverProperties PROPERTIES = SolverProperties.builder("tsit5")
            .odeOnly().odeOrder(5.0).embeddedError(true).stiffnessEstimate(true).evaluations(6, 0).build();

    @Override
    public SolverProperties properties() {
        return PROPERTIES;
    }

    @Override
    public Stepper newStepper(SdeProblem problem) {
        return new FsalRungeKuttaStepper(FsalRungeKuttaStepper.requireOde("tsit5", problem), "tsit5", C, A, B, E, 5,
                STABILITY_SIZE);
    }

    /** @return the tableau (copies), for re-implementations such as the discrete adjoint of {@code org.wiener.nde} */
    public static ButcherTableau tableau() {
        return new ButcherTableau("tsit5", C, A, B, E, 5, STABILITY_SIZE);
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
