package org.wiener.langevin;

import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.langevin.LangevinCoefficients.Kind;
import org.wiener.langevin.LangevinCoefficients.Term;
import org.wiener.solver.SolverProperties;
import org.wiener.solver.Stepper;

/**
 * ALIGN, "Adaptive Langevin via Interpolated Gradients and Noise" (Jelinčič, Foster &amp; Kidger,
 * arXiv:2405.06464; Diffrax {@code align.py}; {@code langevin.md} §3): a modification of the Strang splitting of
 * Foster, Lyons &amp; Oberhauser (2021), Def. 4.2, for the underdamped Langevin SDE of a {@link LangevinProblem}.
 *
 * <p>Strong order 2; needs the space-time Lévy area (W, H); first-same-as-last, so <b>one gradient per step</b>
 * (plus one at the first step and after every reset); embedded error estimate, so it is adaptive by itself.
 * Per component, with ρ = √(2γu), α = γh and f<sub>0</sub> = ∇f(x<sub>0</sub>) cached:
 * <pre>
 * x1 = x0 + a1·v0 − b1·u·h·f0 + ρ(b1·W + chh·H)
 * f1 = ∇f(x1)
 * v1 = β·v0 − u((a1 − b1)·f0 + b1·f1) + ρ(aa·W − γ·chh·H)
 * error = (0, −u·b1·(f1 − f0))
 * </pre>
 * with the coefficients β, a1, b1, aa = a1/h and chh of {@link LangevinCoefficients} (closed forms, or their
 * degree-5 Taylor polynomials where γh &lt; {@code taylorThreshold}).
 *
 * <p>Immutable and thread-safe; each solve gets its own stepper. Refuses problems whose drift is not a
 * {@link LangevinDrift}.
 */
public final class Align extends LangevinSolver {

    static final int BETA = 0;
    static final int A1 = 1;
    static final int B1 = 2;
    static final int AA = 3;
    static final int CHH = 4;
    static final Term[] TERMS = {Term.of(Kind.BETA), Term.of(Kind.A), Term.of(Kind.B), Term.of(Kind.AA),
        Term.of(Kind.CHH)};

    private static final SolverProperties PROPERTIES =
            LangevinStepper.properties("align", 2.0, LevyArea.SPACE_TIME, true, 1);

    /** ALIGN with the Taylor threshold 0.1 (Diffrax's default; paper A's MCMC runs). */
    public Align() {
        this(0.1);
    }

    /**
     * @param taylorThreshold components with γh below it use the Taylor polynomials (finite, &ge; 0; Diffrax
     *     suggests 0.01 in double precision, paper A's order tests use 0.01)
     */
    public Align(double taylorThreshold) {
        super(PROPERTIES, taylorThreshold);
    }

    @Override
    Stepper newStepper(LangevinDrift drift, double taylorThreshold) {
        return new AlignStepper(drift, taylorThreshold);
    }

    private static final class AlignStepper extends LangevinStepper {
        private final double[] x1;

        AlignStepper(LangevinDrift drift, double taylorThreshold) {
            super("align", drift, LevyArea.SPACE_TIME, TERMS, taylorThreshold);
            this.x1 = new double[d];
        }

        @Override
        public void step(double t0, double t1, double[] y0, MutableBrownianIncrement noise, double[] y1,
                         double[] error) {
            double[][] c = begin(t0, t1, noise);
            double h = t1 - t0;
            double[] w = noise.w();
            double[] hh = noise.h();
            startGradient(y0);
            double[] beta = c[BETA];
            double[] a1 = c[A1];
            double[] b1 = c[B1];
            double[] aa = c[AA];
            double[] chh = c[CHH];
            for (int i = 0; i < d; i++) {
                x1[i] = y0[i] + a1[i] * y0[d + i] - b1[i] * u[i] * h * f0[i]
                        + rho[i] * (b1[i] * w[i] + chh[i] * hh[i]);
            }
            gradient(x1, fEnd);
            endGradientComputed();
            for (int i = 0; i < d; i++) {
                double f1 = fEnd[i];
                y1[i] = x1[i];
                y1[d + i] = beta[i] * y0[d + i] - u[i] * ((a1[i] - b1[i]) * f0[i] + b1[i] * f1)
                        + rho[i] * (aa[i] * w[i] - gamma[i] * chh[i] * hh[i]);
                if (error != null) {
                    error[i] = 0.0;
                    error[d + i] = -u[i] * b1[i] * (f1 - f0[i]);
                }
            }
        }
    }
}
