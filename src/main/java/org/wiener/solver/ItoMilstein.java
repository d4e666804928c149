package org.wiener.solver;

import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.sde.Calculus;
import org.wiener.sde.SdeProblem;

/**
 * The Milstein method in Itô form (G. N. Milstein, "Approximate integration of stochastic differential
 * equations", Theory Probab. Appl. 19, 1974), as Diffrax's {@code milstein.py} ({@code solvers.md} §3),
 * componentwise:
 * <pre>
 * y_{n+1,i} = y_{n,i} + f_i h + Σ_j g_ij ΔW_j + ½ Σ_{j1,j2,k} g_{k j1} ∂_k g_{i j2} M_{j1 j2},
 * M_{j1 j2} = ΔW_{j1} ΔW_{j2} − δ_{j1 j2} h.
 * </pre>
 * Σ<sub>k</sub> g<sub>k j1</sub> ∂<sub>k</sub> g<sub>i j2</sub> is the derivative of g in the direction of
 * its column j1: m Jacobian–vector products of the diffusion per step, through
 * {@code problem.diffusionDerivative()} (supply {@code diffusionDerivative(...)} or
 * {@code fieldDiffusion(...)}). Commutative noise is assumed, not checked. Itô; strong order 0.5 (general),
 * 1 (commutative, additive); weak order 1; ODE order 1. One drift, one diffusion and m derivative evaluations
 * per step; no error estimate (no Itô solver has one).
 */
public final class ItoMilstein implements Solver {

    private static final SolverProperties PROPERTIES = NoiseOrders.declare(SolverProperties.builder("ito_milstein")
                    .calculus(Calculus.ITO).odeOrder(1.0).embeddedError(false).evaluations(1, 1),
            0.5, 1.0, 1.0, 1.0, 1.0, 1.0).build();

    @Override
    public SolverProperties properties() {
        return PROPERTIES;
    }

    @Override
    public Stepper newStepper(SdeProblem problem) {
        SolverChecks.requireDerivative(PROPERTIES.name(), problem);
        return new AbstractStepper(problem) {
            private final double[] f = new double[n];
            private final double[] g = new double[n * Math.max(m, 1)];
            private final double[] dg = new double[n * Math.max(m, 1)];
            private final double[] column = new double[n];
            private final double[] gw = new double[n];
            private final double[] corr = new double[n];

            @Override
            public void step(double t0, double t1, double[] y0, MutableBrownianIncrement noise, double[] y1,
                             double[] error) {
                double h = t1 - t0;
                drift(t0, y0, f);
                if (noise == null) {
                    for (int i = 0; i < n; i++) {
                        y1[i] = y0[i] + h * f[i];
                    }
                    return;
                }
                double[] w = noise.w();
                diffusion(t0, y0, g);
                multiply(g, w, gw);
                for (int i = 0; i < n; i++) {
                    corr[i] = 0.0;
                }
                for (int j1 = 0; j1 < m; j1++) {
                    for (int k = 0; k < n; k++) {
                        column[k] = g[k * m + j1];
                    }
                    // dg[i*m + j2] = Σ_k ∂_k g_{i j2} g_{k j1}
                    diffusionDerivative(t0, y0, column, dg);
                    for (int i = 0; i < n; i++) {
                        double sum = 0.0;
                        int row = i * m;
                        for (int j2 = 0; j2 < m; j2++) {
                            double mj = w[j1] * w[j2] - (j1 == j2 ? h : 0.0);
                            sum += dg[row + j2] * mj;
                        }
                        corr[i] += sum;
                    }
                }
                for (int i = 0; i < n; i++) {
                    y1[i] = y0[i] + h * f[i] + gw[i] + 0.5 * corr[i];
                }
            }
        };
    }
}
