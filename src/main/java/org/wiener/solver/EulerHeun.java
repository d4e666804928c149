package org.wiener.solver;

import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.sde.Calculus;
import org.wiener.sde.SdeProblem;

/**
 * The Euler–Heun method (Stratonovich), as Diffrax's {@code euler_heun.py}: Euler for the drift and Heun's
 * trapezoidal predictor–corrector for the diffusion (P. E. Kloeden and E. Platen, <i>Numerical Solution of
 * Stochastic Differential Equations</i>, Springer, 1992, for the Heun-type diffusion average):
 * <pre>
 * y'      = y_n + g(t_n, y_n)·ΔW
 * y_{n+1} = y_n + f(t_n, y_n) h + ½ (g(t_n, y_n)·ΔW + g(t_n, y')·ΔW)
 * </pre>
 * The second diffusion evaluation is at t<sub>n</sub>, not t<sub>n+1</sub>. Strong order 0.5 on general
 * noise and 1 on additive noise ({@code solvers.md} §2), and 1 on commutative noise, where the diffusion
 * average expands to the Stratonovich Milstein step (measured 1.03 and 1.015 in {@code StrongOrderTest}; Diffrax's
 * table says 0.5); weak order 1; ODE order 1 (explicit Euler). Declared (controller) strong order 0.5. One drift and two diffusion evaluations per step; no error estimate.
 */
public final class EulerHeun implements Solver {

    private static final SolverProperties PROPERTIES = NoiseOrders.declare(SolverProperties.builder("euler_heun")
                    .calculus(Calculus.STRATONOVICH).odeOrder(1.0).embeddedError(false).evaluations(1, 2),
            0.5, 1.0, 1.0, 1.0, 1.0, 1.0).declaredStrongOrder(0.5).build();

    @Override
    public SolverProperties properties() {
        return PROPERTIES;
    }

    @Override
    public Stepper newStepper(SdeProblem problem) {
        SolverChecks.requireProblem(problem);
        return new AbstractStepper(problem) {
            private final double[] f = new double[n];
            private final double[] g = new double[n * Math.max(m, 1)];
            private final double[] gw = new double[n];
            private final double[] gw2 = new double[n];
            private final double[] yp = new double[n];

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
                    yp[i] = y0[i] + gw[i];
                }
                diffusion(t0, yp, g);
                multiply(g, w, gw2);
                for (int i = 0; i < n; i++) {
                    y1[i] = y0[i] + h * f[i] + 0.5 * (gw[i] + gw2[i]);
                }
            }
        };
    }
}
