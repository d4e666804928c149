package org.wiener.solver;

import org.wiener.sde.Calculus;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;

/** The test problems of the solver tests, with their exact solutions ({@code problems.md} §2). */
final class TestProblems {

    private TestProblems() {
    }

    // prob_sde_linear: du = αu dt + βu dW (Itô), u0 = 1/2 on [0, 1].
    static final double ALPHA = 1.01;
    static final double BETA = 0.87;
    static final double U0 = 0.5;

    /**
     * prob_sde_linear (GBM) read as Itô, or its Stratonovich form du = (α − β²/2)u dt + βu ∘ dW; both have
     * the solution u0·exp((α − β²/2)t + βW).
     *
     * @param calculus the form wanted
     * @return the problem, with its diffusion derivative
     */
    static SdeProblem gbm(Calculus calculus) {
        double drift = calculus == Calculus.ITO ? ALPHA : ALPHA - 0.5 * BETA * BETA;
        return SdeProblem.builder()
                .drift((t, y, out) -> out[0] = drift * y[0])
                .diffusion((t, y, out) -> out[0] = BETA * y[0], NoiseType.SCALAR, 1)
                .diffusionDerivative((t, y, v, out) -> out[0] = BETA * v[0])
                .calculus(calculus).initialState(U0).interval(0.0, 1.0).build();
    }

    /** The exact solution of {@link #gbm} (either form). */
    static final SolverTestSupport.Exact GBM_EXACT =
            (t, w, out) -> out[0] = U0 * Math.exp((ALPHA - 0.5 * BETA * BETA) * t + BETA * w[0]);

    /**
     * prob_sde_linear_stratonovich: du = αu dt + βu ∘ dW, the same coefficients read as Stratonovich, whose
     * solution u0·exp(αt + βW) differs from the Itô one by the factor exp(β²t/2).
     *
     * @return the problem
     */
    static SdeProblem gbmCoefficients(Calculus calculus) {
        return SdeProblem.builder()
                .drift((t, y, out) -> out[0] = ALPHA * y[0])
                .diffusion((t, y, out) -> out[0] = BETA * y[0], NoiseType.SCALAR, 1)
                .diffusionDerivative((t, y, v, out) -> out[0] = BETA * v[0])
                .calculus(calculus).initialState(U0).interval(0.0, 1.0).build();
    }

    /** Exact solution of du = αu dt + βu dW read as Itô. */
    static final SolverTestSupport.Exact LINEAR_ITO_EXACT = GBM_EXACT;

    /** Exact solution of du = αu dt + βu ∘ dW read as Stratonovich. */
    static final SolverTestSupport.Exact LINEAR_STRATONOVICH_EXACT =
            (t, w, out) -> out[0] = U0 * Math.exp(ALPHA * t + BETA * w[0]);

    // Additive noise, 2-d state and 2 Brownian components: du = −u/(1+t) dt + G/(1+t) dW,
    // solution (u0 + G W)/(1 + t) (problems.md §2, "two further closed forms", with a mixing matrix G).
    static final double[][] G = {{1.0, 0.5}, {-0.3, 0.8}};
    static final double[] ADDITIVE_U0 = {1.0, -0.5};

    /**
     * @return the additive-noise problem (time-dependent g), with a zero diffusion derivative
     */
    static SdeProblem additive() {
        return SdeProblem.builder()
                .drift((t, y, out) -> {
                    out[0] = -y[0] / (1.0 + t);
                    out[1] = -y[1] / (1.0 + t);
                })
                .diffusion((t, y, out) -> {
                    double s = 1.0 / (1.0 + t);
                    out[0] = G[0][0] * s;
                    out[1] = G[0][1] * s;
                    out[2] = G[1][0] * s;
                    out[3] = G[1][1] * s;
                }, NoiseType.ADDITIVE, 2)
                .diffusionDerivative((t, y, v, out) -> java.util.Arrays.fill(out, 0.0))
                .initialState(ADDITIVE_U0).interval(0.0, 1.0).build();
    }

    /** The exact solution of {@link #additive}. */
    static final SolverTestSupport.Exact ADDITIVE_EXACT = (t, w, out) -> {
        for (int i = 0; i < 2; i++) {
            out[i] = (ADDITIVE_U0[i] + G[i][0] * w[0] + G[i][1] * w[1]) / (1.0 + t);
        }
    };

    // General noise: dy = (B y + 0.2 (sin y2, −sin y1)) dt + g1(y) ∘ dW1 + g2(y) ∘ dW2 with g1 = A1 y and
    // g2 = A2 y + 0.3 (cos y2, sin y1): the columns do not commute ((∂g1)g2 ≠ (∂g2)g1), and the
    // nonlinearity keeps the two-stage Runge–Kutta variants apart (on a linear problem they coincide).
    static final double[][] B = {{-0.5, 0.3}, {-0.2, -0.4}};
    static final double[][] A1 = {{0.3, 0.6}, {-0.6, 0.1}};
    static final double[][] A2 = {{0.5, 0.0}, {0.4, -0.3}};

    /**
     * @param calculus the calculus the equation is read in
     * @return the general-noise problem, with its diffusion derivative
     */
    static SdeProblem general(Calculus calculus) {
        return SdeProblem.builder()
                .drift((t, y, out) -> {
                    out[0] = B[0][0] * y[0] + B[0][1] * y[1] + 0.2 * Math.sin(y[1]);
                    out[1] = B[1][0] * y[0] + B[1][1] * y[1] - 0.2 * Math.sin(y[0]);
                })
                .diffusion((t, y, out) -> {
                    out[0] = A1[0][0] * y[0] + A1[0][1] * y[1];
                    out[1] = A2[0][0] * y[0] + A2[0][1] * y[1] + 0.3 * Math.cos(y[1]);
                    out[2] = A1[1][0] * y[0] + A1[1][1] * y[1];
                    out[3] = A2[1][0] * y[0] + A2[1][1] * y[1] + 0.3 * Math.sin(y[0]);
                }, NoiseType.GENERAL, 2)
                .diffusionDerivative((t, y, v, out) -> {
                    out[0] = A1[0][0] * v[0] + A1[0][1] * v[1];
                    out[1] = A2[0][0] * v[0] + A2[0][1] * v[1] - 0.3 * Math.sin(y[1]) * v[1];
                    out[2] = A1[1][0] * v[0] + A1[1][1] * v[1];
                    out[3] = A2[1][0] * v[0] + A2[1][1] * v[1] + 0.3 * Math.cos(y[0]) * v[0];
                })
                .calculus(calculus).initialState(1.0, 0.5).interval(0.0, 1.0).build();
    }

    // prob_sde_stiffquadito with α = β = 1 on [0, 1]: du = −(α + β²u)(1 − u²) dt + β(1 − u²) dW (Itô),
    // Stratonovich form du = −α(1 − u²) dt + β(1 − u²) ∘ dW.
    /**
     * @param calculus the form wanted
     * @return the problem
     */
    static SdeProblem stiffQuad(Calculus calculus) {
        return SdeProblem.builder()
                .drift(calculus == Calculus.ITO
                        ? (t, y, out) -> out[0] = -(1.0 + y[0]) * (1.0 - y[0] * y[0])
                        : (t, y, out) -> out[0] = -(1.0 - y[0] * y[0]))
                .diffusion((t, y, out) -> out[0] = 1.0 - y[0] * y[0], NoiseType.SCALAR, 1)
                .diffusionDerivative((t, y, v, out) -> out[0] = -2.0 * y[0] * v[0])
                .calculus(calculus).initialState(0.5).interval(0.0, 1.0).build();
    }

    /** The exact solution of {@link #stiffQuad} (either form). */
    static final SolverTestSupport.Exact STIFF_QUAD_EXACT = (t, w, out) -> {
        double e = Math.exp(-2.0 * t + 2.0 * w[0]);
        out[0] = ((1.0 + 0.5) * e + 0.5 - 1.0) / ((1.0 + 0.5) * e - 0.5 + 1.0);
    };

    // Commutative noise with m = 2: du = −α(1 − u²) dt + (1 − u²) ∘ (σ1 dW1 + σ2 dW2), σ1² + σ2² = 1, α = 1;
    // Itô form du = −(α + u)(1 − u²) dt + (1 − u²)(σ1 dW1 + σ2 dW2) (prob_sde_stiffquad with a 2-d driver).
    static final double S1 = 0.6;
    static final double S2 = 0.8;

    /**
     * @param calculus the form wanted
     * @return the commutative (m = 2) problem
     */
    static SdeProblem commutative(Calculus calculus) {
        return SdeProblem.builder()
                .drift(calculus == Calculus.ITO
                        ? (t, y, out) -> out[0] = -(1.0 + y[0]) * (1.0 - y[0] * y[0])
                        : (t, y, out) -> out[0] = -(1.0 - y[0] * y[0]))
                .diffusion((t, y, out) -> {
                    out[0] = S1 * (1.0 - y[0] * y[0]);
                    out[1] = S2 * (1.0 - y[0] * y[0]);
                }, NoiseType.COMMUTATIVE, 2)
                .diffusionDerivative((t, y, v, out) -> {
                    out[0] = -2.0 * S1 * y[0] * v[0];
                    out[1] = -2.0 * S2 * y[0] * v[0];
                })
                .calculus(calculus).initialState(0.5).interval(0.0, 1.0).build();
    }

    /** The exact solution of {@link #commutative} (either form). */
    static final SolverTestSupport.Exact COMMUTATIVE_EXACT = (t, w, out) -> {
        double e = Math.exp(-2.0 * t + 2.0 * (S1 * w[0] + S2 * w[1]));
        out[0] = ((1.0 + 0.5) * e + 0.5 - 1.0) / ((1.0 + 0.5) * e - 0.5 + 1.0);
    };

    // Additive noise whose solution depends on the Lévy areas (unlike the closed forms of problems.md §2,
    // which are functions of W_t alone: there f'g = ∂g/∂t, so the order-1.5 terms collapse onto W and every
    // method shows its deterministic order 2). Curved drift and strong, time-dependent noise g(t) = 4G/(1 + t)
    // put the order-1.5 error terms (f''(g, g) ...) ahead of the deterministic O(h²) ones from 8 steps on.
    static final double NL_NOISE = 4.0;
    static final double NL_DRIFT = 2.0;

    /**
     * @return the nonlinear additive-noise problem (no closed form; self-convergence)
     */
    static SdeProblem additiveNonlinear() {
        return SdeProblem.builder()
                .drift((t, y, out) -> {
                    out[0] = -y[0] + NL_DRIFT * Math.sin(y[1]);
                    out[1] = -0.5 * y[1] + NL_DRIFT * Math.cos(y[0]);
                })
                .diffusion((t, y, out) -> {
                    double s = NL_NOISE / (1.0 + t);
                    out[0] = G[0][0] * s;
                    out[1] = G[0][1] * s;
                    out[2] = G[1][0] * s;
                    out[3] = G[1][1] * s;
                }, NoiseType.ADDITIVE, 2)
                .diffusionDerivative((t, y, v, out) -> java.util.Arrays.fill(out, 0.0))
                .initialState(ADDITIVE_U0).interval(0.0, 1.0).build();
    }
}
