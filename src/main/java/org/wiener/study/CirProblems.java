package org.wiener.study;

import java.util.List;

import org.wiener.sde.Calculus;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;

/**
 * The Cox–Ingersoll–Ross problems of paper A's experiment ({@code problems.md} §3.3 and §6): the Itô SDE
 * dX = a(b − X) dt + σ√max(X, 0) dW, scalar noise, X<sub>0</sub> = 1 on [0, 4], with a = b = 1 and
 * σ = 1.5 ("cir-medium") or σ = 2.2 ("cir-high"). Both violate the Feller condition 2ab ≥ σ², so the
 * process reaches 0. There is no pathwise closed form (the transition law is a scaled non-central
 * χ²; E[X<sub>t</sub>] = b + (X<sub>0</sub> − b)e<sup>−at</sup>), so the problems carry no exact
 * solution: studies use a same-path reference solve.
 *
 * <p>The CIR-specific schemes {@link Hosts} and {@link DriftImplicitEuler} take (a, b, σ) themselves
 * and check them against the problem; generic solvers see the drift, the diffusion and its derivative.
 *
 * <p><b>The diffusion's derivative at 0.</b> g(x) = σ√max(x, 0) has derivative σ/(2√x) for x &gt; 0;
 * at x = 0 its right derivative is +∞ and for x &lt; 0 it is 0. The problem supplies σ/(2√x) for
 * x &gt; 0 and 0 for x ≤ 0 (the left derivative, finite). Consequence for
 * {@link SdeProblem#inCalculus}: the Stratonovich drift is a(b − x) − σ²/4 = a(b̃ − x) for x &gt; 0
 * (b̃ = b − σ²/(4a), as in {@code solvers.md} §1) but a(b − x) for x ≤ 0: the correction ½g·g′ is
 * dropped where g vanishes instead of taking its right limit σ²/4. Only generic Stratonovich solvers
 * stepping through X ≤ 0 notice the difference; the CIR schemes do not use the derivative.
 */
public final class CirProblems {

    /** Mean-reversion speed a of both experiment cases. */
    public static final double A = 1.0;
    /** Long-run mean b of both experiment cases. */
    public static final double B = 1.0;
    /** Volatility σ of the medium-volatility case. */
    public static final double SIGMA_MEDIUM = 1.5;
    /** Volatility σ of the high-volatility case. */
    public static final double SIGMA_HIGH = 2.2;
    /** Initial value X<sub>0</sub>. */
    public static final double X0 = 1.0;
    /** End time T (the experiment starts at 0). */
    public static final double T = 4.0;

    private CirProblems() {
    }

    static List<TestProblem> all() {
        return List.of(
                new TestProblem("cir-medium", description(SIGMA_MEDIUM), cir(A, B, SIGMA_MEDIUM, X0, T), null),
                new TestProblem("cir-high", description(SIGMA_HIGH), cir(A, B, SIGMA_HIGH, X0, T), null));
    }

    private static String description(double sigma) {
        return "CIR (Itô) dX = a(b - X)dt + sigma*sqrt(max(X,0))dW, a = " + A + ", b = " + B + ", sigma = " + sigma
                + ", X0 = " + X0 + ", T = " + T + " (paper A, problems.md §6); no exact solution";
    }

    /**
     * The Itô CIR problem dX = a(b − X) dt + σ√max(X, 0) dW on [0, t1], scalar noise, with the diffusion's
     * derivative σ/(2√x) for x &gt; 0 and 0 for x ≤ 0 (see the class comment).
     *
     * @param a mean-reversion speed, &gt; 0
     * @param b long-run mean, finite
     * @param sigma volatility, ≥ 0
     * @param x0 initial value, ≥ 0
     * @param t1 end time, &gt; 0
     * @return the problem
     */
    public static SdeProblem cir(double a, double b, double sigma, double x0, double t1) {
        checkParameters(a, b, sigma);
        if (!(x0 >= 0.0) || !Double.isFinite(x0)) {
            throw new IllegalArgumentException("x0 must be finite and >= 0, got " + x0);
        }
        if (!(t1 > 0.0) || !Double.isFinite(t1)) {
            throw new IllegalArgumentException("t1 must be finite and > 0, got " + t1);
        }
        double halfSigma = 0.5 * sigma;
        return SdeProblem.builder()
                .drift((t, y, out) -> out[0] = a * (b - y[0]))
                .diffusion((t, y, out) -> out[0] = sigma * Math.sqrt(Math.max(y[0], 0.0)), NoiseType.SCALAR, 1)
                .diffusionDerivative((t, y, v, out) -> out[0] = y[0] > 0.0 ? halfSigma / Math.sqrt(y[0]) * v[0] : 0.0)
                .calculus(Calculus.ITO)
                .initialState(x0)
                .interval(0.0, t1)
                .build();
    }

    /**
     * Checks CIR parameters, shared by the problem and the schemes.
     *
     * @param a mean-reversion speed, &gt; 0
     * @param b long-run mean, finite
     * @param sigma volatility, ≥ 0
     */
    static void checkParameters(double a, double b, double sigma) {
        if (!(a > 0.0) || !Double.isFinite(a)) {
            throw new IllegalArgumentException("a must be finite and > 0, got " + a);
        }
        if (!Double.isFinite(b)) {
            throw new IllegalArgumentException("b must be finite, got " + b);
        }
        if (!(sigma >= 0.0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("sigma must be finite and >= 0, got " + sigma);
        }
    }

    /**
     * Refuses a problem that is not the scalar Itô CIR equation with these parameters: one state, scalar
     * noise, Itô, drift a(b − x) and diffusion σ√x at x = 1 and x = 4 (relative tolerance 1e−12). The
     * CIR schemes step with their own (a, b, σ), so a mismatch would silently solve another equation.
     *
     * @param solver the solver's name, for messages
     * @param problem the problem
     * @param a the solver's a
     * @param b the solver's b
     * @param sigma the solver's σ
     */
    static void checkCirProblem(String solver, SdeProblem problem, double a, double b, double sigma) {
        if (problem == null) {
            throw new IllegalArgumentException("problem must not be null");
        }
        if (problem.isOde()) {
            throw new IllegalArgumentException(solver + " solves the CIR SDE only; the problem has no diffusion");
        }
        if (problem.dimension() != 1 || problem.noiseDimension() != 1) {
            throw new IllegalArgumentException(solver + " solves the scalar CIR equation: the problem must have "
                    + "dimension 1 and noise dimension 1, got " + problem.dimension() + " and " + problem.noiseDimension());
        }
        if (problem.calculus() != Calculus.ITO) {
            throw new IllegalArgumentException(solver + " converges to the Itô CIR solution: give the Itô problem "
                    + "(CirProblems.cir), not its " + problem.calculus() + " form");
        }
        double[] y = new double[1];
        double[] out = new double[1];
        double t = problem.t0();
        for (double x : new double[] {1.0, 4.0}) {
            y[0] = x;
            problem.drift().evaluate(t, y, out);
            double f = a * (b - x);
            if (!close(out[0], f)) {
                throw new IllegalArgumentException(solver + " was built for a = " + a + ", b = " + b + ", sigma = "
                        + sigma + " but the problem's drift at x = " + x + " is " + out[0] + ", not a(b - x) = " + f
                        + ": construct the solver with the problem's parameters");
            }
            problem.diffusion().evaluate(t, y, out);
            double g = sigma * Math.sqrt(x);
            if (!close(out[0], g)) {
                throw new IllegalArgumentException(solver + " was built for a = " + a + ", b = " + b + ", sigma = "
                        + sigma + " but the problem's diffusion at x = " + x + " is " + out[0] + ", not sigma*sqrt(x) = "
                        + g + ": construct the solver with the problem's parameters");
            }
        }
    }

    private static boolean close(double actual, double expected) {
        return Math.abs(actual - expected) <= 1e-12 * Math.max(1.0, Math.abs(expected));
    }
}
