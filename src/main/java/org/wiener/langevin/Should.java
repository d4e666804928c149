package org.wiener.langevin;

import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.langevin.LangevinCoefficients.Kind;
import org.wiener.langevin.LangevinCoefficients.Term;
import org.wiener.solver.SolverProperties;
import org.wiener.solver.Stepper;

/**
 * ShOULD, "Shifted-ODE Runge–Kutta Three" for the underdamped Langevin SDE (Foster, Lyons &amp; Oberhauser 2021,
 * arXiv:2101.03446, Def. 7.1; Diffrax {@code should.py}; {@code langevin.md} §4).
 *
 * <p>Strong order 3; needs the space-time-time Lévy area (W, H, K); first-same-as-last, so <b>two gradients per
 * step</b> (plus one at the first step and after every reset); no error estimate (wrap it in
 * {@link org.wiener.solver.StepDoubling} for adaptive steps). Per component, with ρ = √(2γu) and f<sub>0</sub> =
 * ∇f(x<sub>0</sub>) cached:
 * <pre>
 * ṽ  = v0 + ρ(H + 6K)
 * x1 = x0 + a½·ṽ + b½·(−u·h·f0 + ρ(W − 12K))                         f1 = ∇f(x1)
 * x' = x0 + a1·v0 − u·h·b1·(f0/3 + 2f1/3) + ρ(b1·W + chh·H + ckk·K)   f' = ∇f(x')  (the next step's f0)
 * v' = β1·v0 − u·h·(β1·f0/6 + (2/3)·β½·f1 + f'/6) + ρ(aa·W − γ(chh·H + ckk·K))
 * </pre>
 * with β½ = e<sup>−α/2</sup>, a½ = (1 − β½)/γ, b½ = (β½ + α/2 − 1)/(αγ) (the denominator has the full α), and β1,
 * a1, b1, aa, chh, ckk as in {@link LangevinCoefficients} (Taylor polynomials where γh &lt; {@code taylorThreshold}).
 *
 * <p>Immutable and thread-safe; each solve gets its own stepper. Refuses problems whose drift is not a
 * {@link LangevinDrift}.
 */
public final class Should extends LangevinSolver {

    static final int BETA_HALF = 0;
    static final int A_HALF = 1;
    static final int B_HALF = 2;
    static final int BETA_1 = 3;
    static final int A_1 = 4;
    static final int B_1 = 5;
    static final int AA = 6;
    static final int CHH = 7;
    static final int CKK = 8;
    static final Term[] TERMS = {Term.beta(0.5), Term.a(0.5), Term.b(0.5), Term.of(Kind.BETA), Term.of(Kind.A),
        Term.of(Kind.B), Term.of(Kind.AA), Term.of(Kind.CHH), Term.of(Kind.CKK)};

    private static final SolverProperties PROPERTIES =
            LangevinStepper.properties("should", 3.0, LevyArea.SPACE_TIME_TIME, false, 2);

    /** ShOULD with the Taylor threshold 0.1 (Diffrax's default). */
    public Should() {
        this(0.1);
    }

    /**
     * @param taylorThreshold components with γh below it use the Taylor polynomials (finite, &ge; 0)
     */
    public Should(double taylorThreshold) {
        super(PROPERTIES, taylorThreshold);
    }

    @Override
    Stepper newStepper(LangevinDrift drift, double taylorThreshold) {
        return new ShouldStepper(drift, taylorThreshold);
    }

    private static final class ShouldStepper extends LangevinStepper {
        private final double[] x1;
        private final double[] f1;
        private final double[] xEnd;

        ShouldStepper(LangevinDrift drift, double taylorThreshold) {
            super("should", drift, LevyArea.SPACE_TIME_TIME, TERMS, taylorThreshold);
            this.x1 = new double[d];
            this.f1 = new double[d];
            this.xEnd = new double[d];
        }

        @Override
        public void step(double t0, double t1, double[] y0, MutableBrownianIncrement noise, double[] y1,
                         double[] error) {
            double[][] c = begin(t0, t1, noise);
            double h = t1 - t0;
            double[] w = noise.w();
            double[] hh = noise.h();
            double[] kk = noise.k();
            startGradient(y0);
            for (int i = 0; i < d; i++) {
                double vTilde = y0[d + i] + rho[i] * (hh[i] + 6.0 * kk[i]);
                x1[i] = y0[i] + c[A_HALF][i] * vTilde
                        + c[B_HALF][i] * (-u[i] * h * f0[i] + rho[i] * (w[i] - 12.0 * kk[i]));
            }
            gradient(x1, f1);
            for (int i = 0; i < d; i++) {
                xEnd[i] = y0[i] + c[A_1][i] * y0[d + i]
                        - u[i] * h * c[B_1][i] * (f0[i] / 3.0 + 2.0 * f1[i] / 3.0)
                        + rho[i] * (c[B_1][i] * w[i] + c[CHH][i] * hh[i] + c[CKK][i] * kk[i]);
            }
            gradient(xEnd, fEnd);
            endGradientComputed();
            for (int i = 0; i < d; i++) {
                y1[i] = xEnd[i];
                y1[d + i] = c[BETA_1][i] * y0[d + i]
                        - u[i] * h * (c[BETA_1][i] * f0[i] / 6.0 + (2.0 / 3.0) * c[BETA_HALF][i] * f1[i] + fEnd[i] / 6.0)
                        + rho[i] * (c[AA][i] * w[i] - gamma[i] * (c[CHH][i] * hh[i] + c[CKK][i] * kk[i]));
            }
        }
    }
}
