package org.wiener.study;

import java.util.Arrays;
import java.util.List;

import org.wiener.sde.Calculus;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;

/**
 * The problems of {@code problems.md} §2–4 (everything but CIR).
 *
 * <p>Conventions. Every problem is written in the calculus its source states (Itô unless stated, as in
 * SDEProblemLibrary); a study converts it to a solver's calculus with {@code problem().inCalculus(...)}, which
 * is why every entry whose diffusion depends on the state carries its diffusion's derivative (written by hand
 * here, and tested against finite differences). Additive-noise entries are declared Itô as well, where the two
 * calculi coincide; they carry a zero derivative so that Milstein schemes accept them too. Exact solutions are
 * functions of t and W<sub>t</sub> − W<sub>t0</sub> only, as {@link ExactSolution} requires; the entries
 * without one ({@code ou}, {@code lorenz}, {@code general}) need a fine reference on the same path.
 *
 * <p>The functions do not allocate and keep no state, so the problems are thread-safe.
 */
final class StandardProblems {

    private StandardProblems() {
    }

    /** The benchmark's GBM: dX = μX dt + σX dW (Itô). */
    static final double GBM_MU = 0.5;
    static final double GBM_SIGMA = 0.8;
    static final double GBM_X0 = 1.0;

    /** prob_sde_linear / prob_sde_linear_stratonovich. */
    static final double LINEAR_ALPHA = 1.01;
    static final double LINEAR_BETA = 0.87;
    static final double LINEAR_U0 = 0.5;

    /** prob_sde_wave's parameter a. */
    static final double WAVE_A = 0.1;

    /** prob_sde_additive. */
    static final double ADDITIVE_ALPHA = 0.1;
    static final double ADDITIVE_BETA = 0.05;

    /** prob_sde_additivesystem. */
    static final double[] SYSTEM_ALPHA = {0.1, 0.1, 0.1, 0.1};
    static final double[] SYSTEM_BETA = {0.5, 0.25, 0.125, 0.1115};

    /** prob_sde_stiffquadito / prob_sde_stiffquadstrat. */
    static final double STIFF_ALPHA = 1.0;
    static final double STIFF_BETA = 1.0;
    static final double STIFF_U0 = 0.5;

    /** The second further closed form du = ½a²u dt + au dW. */
    static final double EXPONENTIAL_A = 1.0;

    /** Ornstein–Uhlenbeck dX = θ(μ − X)dt + σ dW. */
    static final double OU_THETA = 1.0;
    static final double OU_MU = 0.5;
    static final double OU_SIGMA = 0.3;

    /** prob_sde_lorenz. */
    static final double LORENZ_SIGMA = 10.0;
    static final double LORENZ_RHO = 28.0;
    static final double LORENZ_BETA = 8.0 / 3.0;
    static final double LORENZ_NOISE = 3.0;

    /**
     * The commutative problem dY = AY dt + B1 Y dW1 + B2 Y dW2 with A, B1, B2 all of the form aI + cJ,
     * J = [[0, −1], [1, 0]] (J² = −I): they commute, and exp(sI + θJ) = e<sup>s</sup>·R(θ), a rotation.
     * Coefficients {a, c} of A, B1, B2.
     */
    static final double COMM_A_I = -0.2;
    static final double COMM_A_J = 1.0;
    static final double COMM_B1_I = 0.4;
    static final double COMM_B1_J = 0.3;
    static final double COMM_B2_I = 0.2;
    static final double COMM_B2_J = -0.5;
    static final double[] COMM_Y0 = {1.0, 0.5};

    /** The general problem dY = AY dt + B1 Y dW1 + B2 Y dW2 with B1 B2 ≠ B2 B1 (row-major 2×2). */
    static final double[] GEN_A = {-0.2, 0.5, -0.5, -0.2};
    static final double[] GEN_B1 = {0.5, 0.0, 0.0, -0.5};
    static final double[] GEN_B2 = {0.0, 0.5, 0.3, 0.0};
    static final double[] GEN_Y0 = {1.0, 0.5};

    /** @return the problems, in library order (the same instances on every call) */
    static List<TestProblem> all() {
        return Holder.ALL;
    }

    /** Built on first use, after every constant above is initialised. */
    private static final class Holder {
        static final List<TestProblem> ALL = List.of(
                gbm(), gbmLinear(), gbmStratonovich(), cubic(), wave(), additive(), additiveSystem(),
                tocinoArdanuy(), stiffQuadIto(), stiffQuadStratonovich(), extraAdditive(), extraExponential(),
                ou(), additiveNonlinear(), lorenz(), commutative(), general());
    }

    // ---------------------------------------------------------------------------------------------------
    // Scalar linear (GBM) problems

    private static SdeProblem linear(double drift, double sigma, double u0, Calculus calculus, double t1) {
        return SdeProblem.builder()
                .drift((t, y, out) -> out[0] = drift * y[0])
                .diffusion((t, y, out) -> out[0] = sigma * y[0], NoiseType.SCALAR, 1)
                .diffusionDerivative((t, y, v, out) -> out[0] = sigma * v[0])
                .calculus(calculus).initialState(u0).interval(0.0, t1).build();
    }

    static TestProblem gbm() {
        double mu = GBM_MU;
        double sigma = GBM_SIGMA;
        double x0 = GBM_X0;
        return new TestProblem("gbm",
                "dX = mu X dt + sigma X dW, mu = 0.5, sigma = 0.8, X0 = 1, [0, 1]; Ito, scalar noise; "
                        + "the benchmark's GBM parameters (problems.md 3.1); exact X0 exp((mu - sigma^2/2)t + sigma W)",
                linear(mu, sigma, x0, Calculus.ITO, 1.0),
                (t, w, out) -> out[0] = x0 * Math.exp((mu - 0.5 * sigma * sigma) * t + sigma * w[0]));
    }

    static TestProblem gbmLinear() {
        double a = LINEAR_ALPHA;
        double b = LINEAR_BETA;
        double u0 = LINEAR_U0;
        return new TestProblem("gbm-linear",
                "du = alpha u dt + beta u dW, alpha = 1.01, beta = 0.87, u0 = 1/2, [0, 1]; Ito, scalar noise; "
                        + "SDEProblemLibrary prob_sde_linear; exact u0 exp((alpha - beta^2/2)t + beta W)",
                linear(a, b, u0, Calculus.ITO, 1.0),
                (t, w, out) -> out[0] = u0 * Math.exp((a - 0.5 * b * b) * t + b * w[0]));
    }

    static TestProblem gbmStratonovich() {
        double a = LINEAR_ALPHA;
        double b = LINEAR_BETA;
        double u0 = LINEAR_U0;
        return new TestProblem("gbm-stratonovich",
                "du = alpha u dt + beta u o dW, alpha = 1.01, beta = 0.87, u0 = 1/2, [0, 1]; Stratonovich, scalar "
                        + "noise; SDEProblemLibrary prob_sde_linear_stratonovich; exact u0 exp(alpha t + beta W)",
                linear(a, b, u0, Calculus.STRATONOVICH, 1.0),
                (t, w, out) -> out[0] = u0 * Math.exp(a * t + b * w[0]));
    }

    // ---------------------------------------------------------------------------------------------------
    // Nonlinear scalar problems of SDEProblemLibrary

    static TestProblem cubic() {
        double u0 = 0.5;
        SdeProblem p = SdeProblem.builder()
                .drift((t, y, out) -> out[0] = -0.25 * y[0] * (1.0 - y[0] * y[0]))
                .diffusion((t, y, out) -> out[0] = 0.5 * (1.0 - y[0] * y[0]), NoiseType.SCALAR, 1)
                .diffusionDerivative((t, y, v, out) -> out[0] = -y[0] * v[0])
                .calculus(Calculus.ITO).initialState(u0).interval(0.0, 1.0).build();
        double c = atanh(u0);
        return new TestProblem("cubic",
                "du = -1/4 u(1 - u^2) dt + 1/2 (1 - u^2) dW, u0 = 1/2, [0, 1]; Ito, scalar noise (Stratonovich "
                        + "drift 0); SDEProblemLibrary prob_sde_cubic, drift sign -1/4 as in its code and exact "
                        + "solution (its docstring says +1/4); exact tanh(atanh u0 + W/2)",
                p, (t, w, out) -> out[0] = Math.tanh(c + 0.5 * w[0]));
    }

    static TestProblem wave() {
        double a = WAVE_A;
        double u0 = 1.0;
        SdeProblem p = SdeProblem.builder()
                .drift((t, y, out) -> {
                    double c = Math.cos(y[0]);
                    out[0] = -a * a * Math.sin(y[0]) * c * c * c;
                })
                .diffusion((t, y, out) -> {
                    double c = Math.cos(y[0]);
                    out[0] = a * c * c;
                }, NoiseType.SCALAR, 1)
                .diffusionDerivative((t, y, v, out) -> out[0] = -2.0 * a * Math.sin(y[0]) * Math.cos(y[0]) * v[0])
                .calculus(Calculus.ITO).initialState(u0).interval(0.0, 1.0).build();
        double tan0 = Math.tan(u0);
        return new TestProblem("wave",
                "du = -a^2 sin(u) cos^3(u) dt + a cos^2(u) dW, a = 0.1, u0 = 1, [0, 1]; Ito, scalar noise "
                        + "(Stratonovich drift 0); SDEProblemLibrary prob_sde_wave; exact arctan(a W + tan u0)",
                p, (t, w, out) -> out[0] = Math.atan(a * w[0] + tan0));
    }

    static TestProblem tocinoArdanuy() {
        double u0 = 1.0;
        // Real cube roots, so that the coefficients are defined (and the exact solution still holds) for u < 0.
        SdeProblem p = SdeProblem.builder()
                .drift((t, y, out) -> {
                    double r = Math.cbrt(y[0]);
                    out[0] = r / 3.0 + 6.0 * r * r;
                })
                .diffusion((t, y, out) -> {
                    double r = Math.cbrt(y[0]);
                    out[0] = r * r;
                }, NoiseType.SCALAR, 1)
                .diffusionDerivative((t, y, v, out) -> out[0] = 2.0 / (3.0 * Math.cbrt(y[0])) * v[0])
                .calculus(Calculus.ITO).initialState(u0).interval(0.0, 10.0).build();
        double r0 = Math.cbrt(u0);
        return new TestProblem("tocino-ardanuy",
                "du = (u^(1/3)/3 + 6 u^(2/3)) dt + u^(2/3) dW, u0 = 1, [0, 10]; Ito, scalar noise (Stratonovich "
                        + "drift 6 u^(2/3)); SDEProblemLibrary prob_sde_nltest (Tocino & Ardanuy); "
                        + "exact (2t + u0^(1/3) + W/3)^3",
                p, (t, w, out) -> {
                    double r = 2.0 * t + r0 + w[0] / 3.0;
                    out[0] = r * r * r;
                });
    }

    private static SdeProblem stiffQuad(Calculus calculus) {
        double a = STIFF_ALPHA;
        double b = STIFF_BETA;
        return SdeProblem.builder()
                .drift(calculus == Calculus.ITO
                        ? (t, y, out) -> out[0] = -(a + b * b * y[0]) * (1.0 - y[0] * y[0])
                        : (t, y, out) -> out[0] = -a * (1.0 - y[0] * y[0]))
                .diffusion((t, y, out) -> out[0] = b * (1.0 - y[0] * y[0]), NoiseType.SCALAR, 1)
                .diffusionDerivative((t, y, v, out) -> out[0] = -2.0 * b * y[0] * v[0])
                .calculus(calculus).initialState(STIFF_U0).interval(0.0, 3.0).build();
    }

    private static ExactSolution stiffQuadExact() {
        double a = STIFF_ALPHA;
        double b = STIFF_BETA;
        double u0 = STIFF_U0;
        return (t, w, out) -> {
            double e = Math.exp(-2.0 * a * t + 2.0 * b * w[0]);
            out[0] = ((1.0 + u0) * e + u0 - 1.0) / ((1.0 + u0) * e - u0 + 1.0);
        };
    }

    static TestProblem stiffQuadIto() {
        return new TestProblem("stiff-quad-ito",
                "du = -(alpha + beta^2 u)(1 - u^2) dt + beta (1 - u^2) dW, alpha = beta = 1, u0 = 0.5, [0, 3]; Ito, "
                        + "scalar noise; SDEProblemLibrary prob_sde_stiffquadito; exact with E = exp(-2 alpha t + "
                        + "2 beta W): ((1 + u0)E + u0 - 1)/((1 + u0)E - u0 + 1)",
                stiffQuad(Calculus.ITO), stiffQuadExact());
    }

    static TestProblem stiffQuadStratonovich() {
        return new TestProblem("stiff-quad-stratonovich",
                "du = -alpha (1 - u^2) dt + beta (1 - u^2) o dW, alpha = beta = 1, u0 = 0.5, [0, 3]; Stratonovich, "
                        + "scalar noise; SDEProblemLibrary prob_sde_stiffquadstrat; exact as stiff-quad-ito",
                stiffQuad(Calculus.STRATONOVICH), stiffQuadExact());
    }

    static TestProblem extraExponential() {
        double a = EXPONENTIAL_A;
        double u0 = 1.0;
        return new TestProblem("extra-exponential",
                "du = a^2/2 u dt + a u dW, a = 1, u0 = 1, [0, 1]; Ito, scalar noise (Stratonovich drift 0); "
                        + "problems.md 2, further closed forms (a, u0 chosen here); exact u0 exp(a W)",
                linear(0.5 * a * a, a, u0, Calculus.ITO, 1.0),
                (t, w, out) -> out[0] = u0 * Math.exp(a * w[0]));
    }

    // ---------------------------------------------------------------------------------------------------
    // Additive noise

    static TestProblem additive() {
        double alpha = ADDITIVE_ALPHA;
        double beta = ADDITIVE_BETA;
        double u0 = 1.0;
        SdeProblem p = SdeProblem.builder()
                .drift((t, y, out) -> out[0] = beta / Math.sqrt(1.0 + t) - y[0] / (2.0 * (1.0 + t)))
                .diffusion((t, y, out) -> out[0] = alpha * beta / Math.sqrt(1.0 + t), NoiseType.ADDITIVE, 1)
                .diffusionDerivative((t, y, v, out) -> out[0] = 0.0)
                .calculus(Calculus.ITO).initialState(u0).interval(0.0, 1.0).build();
        return new TestProblem("additive",
                "du = (beta/sqrt(1+t) - u/(2(1+t))) dt + alpha beta/sqrt(1+t) dW, alpha = 0.1, beta = 0.05, u0 = 1, "
                        + "[0, 1]; additive noise (Ito = Stratonovich, declared Ito); SDEProblemLibrary "
                        + "prob_sde_additive; exact u0/sqrt(1+t) + beta (t + alpha W)/sqrt(1+t)",
                p, (t, w, out) -> {
                    double s = Math.sqrt(1.0 + t);
                    out[0] = u0 / s + beta * (t + alpha * w[0]) / s;
                });
    }

    static TestProblem additiveSystem() {
        double[] alpha = SYSTEM_ALPHA.clone();
        double[] beta = SYSTEM_BETA.clone();
        double[] u0 = {1.0, 1.0, 1.0, 1.0};
        int n = 4;
        SdeProblem p = SdeProblem.builder()
                .drift((t, y, out) -> {
                    double s = Math.sqrt(1.0 + t);
                    for (int i = 0; i < n; i++) {
                        out[i] = beta[i] / s - y[i] / (2.0 * (1.0 + t));
                    }
                })
                .diffusion((t, y, out) -> {
                    double s = Math.sqrt(1.0 + t);
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            out[i * n + j] = i == j ? alpha[i] * beta[i] / s : 0.0;
                        }
                    }
                }, NoiseType.ADDITIVE, n)
                .diffusionDerivative((t, y, v, out) -> Arrays.fill(out, 0, n * n, 0.0))
                .calculus(Calculus.ITO).initialState(u0).interval(0.0, 1.0).build();
        return new TestProblem("additive-system",
                "du_i = (beta_i/sqrt(1+t) - u_i/(2(1+t))) dt + alpha_i beta_i/sqrt(1+t) dW_i, i = 1..4, alpha_i = 0.1, "
                        + "beta = (0.5, 0.25, 0.125, 0.1115), u0 = ones(4), [0, 1]; additive noise with a diagonal "
                        + "4x4 matrix, m = 4 (Ito = Stratonovich, declared Ito); SDEProblemLibrary "
                        + "prob_sde_additivesystem; exact componentwise as additive",
                p, (t, w, out) -> {
                    double s = Math.sqrt(1.0 + t);
                    for (int i = 0; i < n; i++) {
                        out[i] = u0[i] / s + beta[i] * (t + alpha[i] * w[i]) / s;
                    }
                });
    }

    static TestProblem extraAdditive() {
        double u0 = 1.0;
        SdeProblem p = SdeProblem.builder()
                .drift((t, y, out) -> out[0] = -y[0] / (1.0 + t))
                .diffusion((t, y, out) -> out[0] = 1.0 / (1.0 + t), NoiseType.ADDITIVE, 1)
                .diffusionDerivative((t, y, v, out) -> out[0] = 0.0)
                .calculus(Calculus.ITO).initialState(u0).interval(0.0, 1.0).build();
        return new TestProblem("extra-additive",
                "du = -u/(1+t) dt + 1/(1+t) dW, u0 = 1, [0, 1]; additive noise (Ito = Stratonovich, declared Ito); "
                        + "problems.md 2, further closed forms (u0 chosen here); exact (u0 + W)/(1+t)",
                p, (t, w, out) -> out[0] = (u0 + w[0]) / (1.0 + t));
    }

    static TestProblem ou() {
        double theta = OU_THETA;
        double mu = OU_MU;
        double sigma = OU_SIGMA;
        SdeProblem p = SdeProblem.builder()
                .drift((t, y, out) -> out[0] = theta * (mu - y[0]))
                .diffusion((t, y, out) -> out[0] = sigma, NoiseType.ADDITIVE, 1)
                .diffusionDerivative((t, y, v, out) -> out[0] = 0.0)
                .calculus(Calculus.ITO).initialState(1.0).interval(0.0, 1.0).build();
        return new TestProblem("ou",
                "dX = theta (mu - X) dt + sigma dW, theta = 1, mu = 0.5, sigma = 0.3, X0 = 1, [0, 1]; additive noise "
                        + "(Ito = Stratonovich, declared Ito); problems.md 3.2 (X0 above mu: the mean relaxes visibly, "
                        + "E X_1 = mu + (X0 - mu)/e); no pathwise exact solution (the stochastic integral is not a "
                        + "function of W_t), use a same-path reference",
                p, null);
    }

    /**
     * Additive noise whose solution depends on the Lévy areas: the closed forms above are functions of
     * W<sub>t</sub> alone (there f'g = ∂g/∂t), so on them order-1.5 methods show their deterministic order 2.
     * Curved drift and strong time-dependent noise put the order-1.5 terms first from 8 steps on.
     */
    static TestProblem additiveNonlinear() {
        double[][] g = {{1.0, 0.5}, {-0.3, 0.8}};
        SdeProblem p = SdeProblem.builder()
                .drift((t, y, out) -> {
                    out[0] = -y[0] + 2.0 * Math.sin(y[1]);
                    out[1] = -0.5 * y[1] + 2.0 * Math.cos(y[0]);
                })
                .diffusion((t, y, out) -> {
                    double s = 4.0 / (1.0 + t);
                    out[0] = g[0][0] * s;
                    out[1] = g[0][1] * s;
                    out[2] = g[1][0] * s;
                    out[3] = g[1][1] * s;
                }, NoiseType.ADDITIVE, 2)
                .diffusionDerivative((t, y, v, out) -> java.util.Arrays.fill(out, 0.0))
                .calculus(Calculus.ITO).initialState(1.0, -0.5).interval(0.0, 1.0).build();
        return new TestProblem("additive-nonlinear",
                "du1 = (-u1 + 2 sin u2) dt + 4/(1+t) (dW1 + 0.5 dW2), du2 = (-u2/2 + 2 cos u1) dt + 4/(1+t) (-0.3 dW1 + 0.8 dW2), "
                        + "u0 = (1, -0.5), [0, 1]; additive noise (declared Ito); no exact solution: the problem on which "
                        + "order-1.5 additive-noise solvers show 1.5 (same-path reference)",
                p, null);
    }

    static TestProblem lorenz() {
        double s = LORENZ_SIGMA;
        double r = LORENZ_RHO;
        double b = LORENZ_BETA;
        double noise = LORENZ_NOISE;
        SdeProblem p = SdeProblem.builder()
                .drift((t, y, out) -> {
                    double y0 = y[0];
                    double y1 = y[1];
                    double y2 = y[2];
                    out[0] = s * (y1 - y0);
                    out[1] = y0 * (r - y2) - y1;
                    out[2] = y0 * y1 - b * y2;
                })
                .diffusion((t, y, out) -> {
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 3; j++) {
                            out[i * 3 + j] = i == j ? noise : 0.0;
                        }
                    }
                }, NoiseType.ADDITIVE, 3)
                .diffusionDerivative((t, y, v, out) -> Arrays.fill(out, 0, 9, 0.0))
                .calculus(Calculus.ITO).initialState(1.0, 1.0, 1.0).interval(0.0, 1.0).build();
        return new TestProblem("lorenz",
                "Lorenz du = (sigma(u2 - u1), u1(rho - u3) - u2, u1 u2 - beta u3) dt + 3 dW, sigma = 10, rho = 28, "
                        + "beta = 8/3 (the docstring's; the code has 2.66), u0 = ones(3), on [0, 1] instead of the "
                        + "library's [0, 10] to keep studies cheap; additive noise 3.0 per component, m = 3 (Ito = "
                        + "Stratonovich, declared Ito); SDEProblemLibrary prob_sde_lorenz; no exact solution",
                p, null);
    }

    // ---------------------------------------------------------------------------------------------------
    // Multi-dimensional noise: commutative and general

    static TestProblem commutative() {
        // A = a I + c J etc., with J = [[0, -1], [1, 0]]: (aI + cJ) y = (a y1 - c y2, c y1 + a y2).
        double aI = COMM_A_I;
        double aJ = COMM_A_J;
        double b1I = COMM_B1_I;
        double b1J = COMM_B1_J;
        double b2I = COMM_B2_I;
        double b2J = COMM_B2_J;
        double[] y0 = COMM_Y0.clone();
        SdeProblem p = SdeProblem.builder()
                .drift((t, y, out) -> {
                    out[0] = aI * y[0] - aJ * y[1];
                    out[1] = aJ * y[0] + aI * y[1];
                })
                .diffusion((t, y, out) -> rotationScalings(b1I, b1J, b2I, b2J, y, out), NoiseType.COMMUTATIVE, 2)
                .diffusionDerivative((t, y, v, out) -> rotationScalings(b1I, b1J, b2I, b2J, v, out))
                .calculus(Calculus.ITO).initialState(y0).interval(0.0, 1.0).build();
        // Itô: Y_t = exp((A - ½(B1² + B2²))t + B1 W1 + B2 W2) y0; with (bI + cJ)² = (b² - c²)I + 2bc J the
        // exponent is sI + θJ, and exp(sI + θJ) = e^s R(θ).
        double sRate = aI - 0.5 * (b1I * b1I - b1J * b1J + b2I * b2I - b2J * b2J);
        double thetaRate = aJ - (b1I * b1J + b2I * b2J);
        return new TestProblem("commutative",
                "dY = A Y dt + B1 Y dW1 + B2 Y dW2, A = -0.2 I + J, B1 = 0.4 I + 0.3 J, B2 = 0.2 I - 0.5 J, "
                        + "J = [[0, -1], [1, 0]], Y0 = (1, 0.5), [0, 1]; Ito, commutative noise (commuting B1, B2), "
                        + "m = 2; linear SDE with commuting matrices (constructed here); exact "
                        + "exp((A - (B1^2 + B2^2)/2)t + B1 W1 + B2 W2) Y0",
                p, (t, w, out) -> {
                    double s = sRate * t + b1I * w[0] + b2I * w[1];
                    double theta = thetaRate * t + b1J * w[0] + b2J * w[1];
                    double e = Math.exp(s);
                    double c = Math.cos(theta);
                    double sn = Math.sin(theta);
                    out[0] = e * (c * y0[0] - sn * y0[1]);
                    out[1] = e * (sn * y0[0] + c * y0[1]);
                });
    }

    /** Writes the 2×2 matrix [B1 x, B2 x] row-major, B_j = b_jI I + b_jJ J. */
    private static void rotationScalings(double b1I, double b1J, double b2I, double b2J, double[] x, double[] out) {
        out[0] = b1I * x[0] - b1J * x[1];
        out[1] = b2I * x[0] - b2J * x[1];
        out[2] = b1J * x[0] + b1I * x[1];
        out[3] = b2J * x[0] + b2I * x[1];
    }

    static TestProblem general() {
        double[] a = GEN_A.clone();
        double[] b1 = GEN_B1.clone();
        double[] b2 = GEN_B2.clone();
        SdeProblem p = SdeProblem.builder()
                .drift((t, y, out) -> {
                    out[0] = a[0] * y[0] + a[1] * y[1];
                    out[1] = a[2] * y[0] + a[3] * y[1];
                })
                .diffusion((t, y, out) -> twoColumns(b1, b2, y, out), NoiseType.GENERAL, 2)
                .diffusionDerivative((t, y, v, out) -> twoColumns(b1, b2, v, out))
                .calculus(Calculus.ITO).initialState(GEN_Y0.clone()).interval(0.0, 1.0).build();
        return new TestProblem("general",
                "dY = A Y dt + B1 Y dW1 + B2 Y dW2, A = [[-0.2, 0.5], [-0.5, -0.2]], B1 = [[0.5, 0], [0, -0.5]], "
                        + "B2 = [[0, 0.5], [0.3, 0]], Y0 = (1, 0.5), [0, 1]; Ito, general (non-commutative) noise, "
                        + "B1 B2 != B2 B1, m = 2 (constructed here); no exact solution (E Y_t = exp(At) Y0)",
                p, null);
    }

    /** Writes the 2×2 matrix [B1 x, B2 x] row-major, B_j row-major 2×2. */
    private static void twoColumns(double[] b1, double[] b2, double[] x, double[] out) {
        out[0] = b1[0] * x[0] + b1[1] * x[1];
        out[1] = b2[0] * x[0] + b2[1] * x[1];
        out[2] = b1[2] * x[0] + b1[3] * x[1];
        out[3] = b2[2] * x[0] + b2[3] * x[1];
    }

    private static double atanh(double x) {
        return 0.5 * Math.log((1.0 + x) / (1.0 - x));
    }
}
