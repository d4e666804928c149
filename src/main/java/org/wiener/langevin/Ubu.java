package org.wiener.langevin;

import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.langevin.LangevinCoefficients.Kind;
import org.wiener.langevin.LangevinCoefficients.Term;
import org.wiener.solver.SolverProperties;
import org.wiener.solver.Stepper;

/**
 * UBU, the symmetric splitting "half an Ornstein–Uhlenbeck/free-flight step (U), a full gradient kick (B), half a U
 * step" of Chada, Leimkuhler, Paulin &amp; Whalley (2024) (credited in paper A's code also to A. Álamo Zapatero,
 * "Word series for the numerical integration of SDEs", 2017), in the single-seed form of paper A's fork
 * ({@code andyElking/Single-seed_BrownianMotion}, {@code custom_solvers/ubu.py}; {@code langevin.md} §6), where
 * the Gaussian integrals of the two U half-steps are replaced by their projections onto the step's (W, H).
 *
 * <p>Strong order 2 (checked by {@code LangevinStrongOrderTest}); needs the space-time Lévy area; <b>one gradient
 * per step</b>, not FSAL; no error estimate. Per component, with ρ = √(2γu):
 * <pre>
 * z  = x0 + a½·v0 + ρ(b½·W + chh½·H)          F = u·h·∇f(z)
 * v1 = β1·v0 − β½·F + ρ(aa·W − γ·chh·H)
 * x1 = x0 + a1·v0 − a½·F + ρ(b1·W + chh·H)
 * </pre>
 * with β½, a½, b½ as in {@link Should}, β1, a1, b1, aa, chh as in {@link Align}, and chh½ =
 * 6(e<sup>−α/2</sup>(α + 2) + α²/4 − 2)/(α²γ), Taylor 0, 1/2, −3c/32, c²/80, −c³/768, c⁴/8960 — the weight of H in
 * the least-squares projection of the half-step position noise ρ∫<sub>0</sub><sup>h/2</sup>(1 −
 * e<sup>−γ(h/2−s)</sup>)/γ dW<sub>s</sub> onto (W, H), as b½ is that of W.
 *
 * <p>Immutable and thread-safe; each solve gets its own stepper. Refuses problems whose drift is not a
 * {@link LangevinDrift}.
 */
public final class Ubu extends LangevinSolver {

    static final int BETA_HALF = 0;
    static final int A_HALF = 1;
    static final int B_HALF = 2;
    static final int BETA_1 = 3;
    static final int A_1 = 4;
    static final int B_1 = 5;
    static final int AA = 6;
    static final int CHH = 7;
    static final int CHH_HALF = 8;
    static final Term[] TERMS = {Term.beta(0.5), Term.a(0.5), Term.b(0.5), Term.of(Kind.BETA), Term.of(Kind.A),
        Term.of(Kind.B), Term.of(Kind.AA), Term.of(Kind.CHH), Term.of(Kind.CHH_HALF)};

    private static final SolverProperties PROPERTIES =
            LangevinStepper.properties("ubu", 2.0, LevyArea.SPACE_TIME, false, 1);

    /** UBU with the Taylor threshold 0.1 (paper A's {@code UBU(0.1)}). */
    public Ubu() {
        this(0.1);
    }

    /**
     * @param taylorThreshold components with γh below it use the Taylor polynomials (finite, &ge; 0)
     */
    public Ubu(double taylorThreshold) {
        super(PROPERTIES, taylorThreshold);
    }

    @Override
    Stepper newStepper(LangevinDrift drift, double taylorThreshold) {
        return new UbuStepper(drift, taylorThreshold);
    }

    private static final class UbuStepper extends LangevinStepper {
        private final double[] z;
        private final double[] fz;

        UbuStepper(LangevinDrift drift, double taylorThreshold) {
            super("ubu", drift, LevyArea.SPACE_TIME, TERMS, taylorThreshold);
            this.z = new double[d];
            this.fz = new double[d];
        }

        @Override
        public void step(double t0, double t1, double[] y0, MutableBrownianIncrement noise, double[] y1,
                         double[] error) {
            double[][] c = begin(t0, t1, noise);
            double h = t1 - t0;
            double[] w = noise.w();
            double[] hh = noise.h();
            for (int i = 0; i < d; i++) {
                z[i] = y0[i] + c[A_HALF][i] * y0[d + i] + rho[i] * (c[B_HALF][i] * w[i] + c[CHH_HALF][i] * hh[i]);
            }
            gradient(z, fz);
            for (int i = 0; i < d; i++) {
                double force = u[i] * h * fz[i];
                double v0 = y0[d + i];
                y1[d + i] = c[BETA_1][i] * v0 - c[BETA_HALF][i] * force
                        + rho[i] * (c[AA][i] * w[i] - gamma[i] * c[CHH][i] * hh[i]);
                y1[i] = y0[i] + c[A_1][i] * v0 - c[A_HALF][i] * force
                        + rho[i] * (c[B_1][i] * w[i] + c[CHH][i] * hh[i]);
            }
        }
    }
}
