package org.wiener.solver;

import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.sde.Calculus;
import org.wiener.sde.SdeProblem;

/**
 * The Milstein method in Stratonovich form (G. N. Milstein, "Approximate integration of stochastic
 * differential equations", Theory Probab. Appl. 19, 1974), as Diffrax's {@code milstein.py}
 * ({@code solvers.md} §3):
 * <pre>
 * y_{n+1} = y_n + f h + g·ΔW + ½ D_y[g(t_n, ·)·ΔW](y_n) · (g·ΔW)
 * </pre>
 * i.e. the directional derivative of y ↦ g(t<sub>n</sub>, y)·ΔW in the direction g·ΔW: one Jacobian–vector
 * product of the diffusion per step, through {@code problem.diffusionDerivative()} (supply
 * {@code diffusionDerivative(...)} or {@code fieldDiffusion(...)}). Commutative noise is assumed, not
 * checked. Stratonovich; strong order 0.5 (general), 1 (commutative, additive); weak order 1; ODE order 1.
 * One drift, one diffusion and one derivative evaluation per step; no error estimate.
 */
public final class StratonovichMilstein implements Solver {

    private static final SolverProperties PROPERTIES = NoiseOrders.declare(
            SolverProperties.builder("stratonovich_milstein")
                    .calculus(Calculus.STRATONOVICH).odeOrder(1.0).embeddedError(false).evaluations(1, 1),
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
            private final double[] gw = new double[n];
            private final double[] dgw = new double[n];

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
                diffusionDerivative(t0, y0, gw, dg);
                multiply(dg, w, dgw);
                for (int i = 0; i < n; i++) {
                    y1[i] = y0[i] + h * f[i] + gw[i] + 0.5 * dgw[i];
                }
            }
        };
    }
}
