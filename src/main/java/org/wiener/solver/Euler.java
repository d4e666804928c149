package org.wiener.solver;

import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.sde.Calculus;
import org.wiener.sde.SdeProblem;

/**
 * The Euler–Maruyama method (Itô): y<sub>n+1</sub> = y<sub>n</sub> + f·h + g·ΔW. Strong order 0.5
 * (1 for additive noise), weak order 1; explicit Euler on ODEs. No error estimate, and refused under
 * adaptive step control (its adaptive solutions do not converge).
 */
public final class Euler implements Solver {

    private static final SolverProperties PROPERTIES = SolverProperties.builder("euler")
            .calculus(Calculus.ITO).orders(0.5, 0.5, 1.0, 1.0).odeOrder(1.0).evaluations(1, 1).build();

    @Override
    public SolverProperties properties() {
        return PROPERTIES;
    }

    @Override
    public Stepper newStepper(SdeProblem problem) {
        return new AbstractStepper(problem) {
            private final double[] f = new double[n];
            private final double[] g = new double[n * Math.max(m, 1)];
            private final double[] gw = new double[n];

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
                diffusion(t0, y0, g);
                multiply(g, noise.w(), gw);
                for (int i = 0; i < n; i++) {
                    y1[i] = y0[i] + h * f[i] + gw[i];
                }
            }
        };
    }
}
