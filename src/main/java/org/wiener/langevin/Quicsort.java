package org.wiener.langevin;

import static org.wiener.langevin.LangevinCoefficients.QUICSORT_LEFT;
import static org.wiener.langevin.LangevinCoefficients.QUICSORT_RIGHT;

import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.langevin.LangevinCoefficients.Kind;
import org.wiener.langevin.LangevinCoefficients.Term;
import org.wiener.solver.SolverProperties;
import org.wiener.solver.Stepper;

/**
 * QUICSORT, "QUadrature Inspired and Contractive Shifted ODE with Runge–Kutta Three" (Jelinčič, Foster &amp;
 * Kidger, arXiv:2405.06464; Scott, O'Kane, Jelinčič &amp; Foster, arXiv:2508.16485; Diffrax {@code quicsort.py};
 * {@code langevin.md} §5): a variant of the shifted-ODE method SORT (Foster, Lyons &amp; Oberhauser 2021,
 * Def. 1.2) with modifications inspired by UBU (Chada, Leimkuhler, Paulin &amp; Whalley 2024).
 *
 * <p>Strong order 3; needs the space-time-time Lévy area (W, H, K); <b>two gradients per step</b>, not FSAL; no
 * embedded error estimate: for adaptive steps wrap it in {@link org.wiener.solver.StepDoubling} (Diffrax's
 * {@code HalfSolver}), which costs 6 gradients per attempted step. With the Gauss–Legendre nodes
 * l = ½ − √3/6, r = ½ + √3/6, per component:
 * <pre>
 * ρ_wk = ρ(W − 12K),  ṽ = v0 + ρ(H + 6K)
 * x1 = x0 + a_l·ṽ + b_l·ρ_wk                     F1 = u·h·∇f(x1)
 * x2 = x0 + a_r·ṽ + b_r·ρ_wk − a_⅓·F1            F2 = u·h·∇f(x2)
 * x' = x0 + a_1·ṽ + b_1·ρ_wk − ½(a_r·F1 + a_l·F2)
 * ṽ' = β_1·ṽ − ½(β_r·F1 + β_l·F2) + (a/h)·ρ_wk
 * v' = ṽ' − ρ(H − 6K)
 * </pre>
 * where β<sub>θ</sub> = e<sup>−θα</sup>, a<sub>θ</sub> = (1 − β<sub>θ</sub>)/γ, b<sub>θ</sub> = (β<sub>θ</sub> +
 * θα − 1)/(γ²h), a<sub>⅓</sub> = (1 − e<sup>−α/3</sup>)/γ and a/h = (1 − e<sup>−α</sup>)/(γh)
 * ({@link LangevinCoefficients}; Taylor polynomials where γh &lt; {@code taylorThreshold}).
 *
 * <p>Immutable and thread-safe; each solve gets its own stepper. Refuses problems whose drift is not a
 * {@link LangevinDrift}.
 */
public final class Quicsort extends LangevinSolver {

    static final int BETA_L = 0;
    static final int BETA_R = 1;
    static final int BETA_1 = 2;
    static final int A_L = 3;
    static final int A_R = 4;
    static final int A_1 = 5;
    static final int B_L = 6;
    static final int B_R = 7;
    static final int B_1 = 8;
    static final int A_THIRD = 9;
    static final int A_OVER_H = 10;
    static final Term[] TERMS = {
        Term.beta(QUICSORT_LEFT), Term.beta(QUICSORT_RIGHT), Term.beta(1.0),
        Term.a(QUICSORT_LEFT), Term.a(QUICSORT_RIGHT), Term.a(1.0),
        Term.b(QUICSORT_LEFT), Term.b(QUICSORT_RIGHT), Term.b(1.0),
        Term.a(1.0 / 3.0), Term.of(Kind.AA)};

    private static final SolverProperties PROPERTIES =
            LangevinStepper.properties("quicsort", 3.0, LevyArea.SPACE_TIME_TIME, false, 2);

    /** QUICSORT with the Taylor threshold 0.1 (Diffrax's default; paper A's MCMC runs). */
    public Quicsort() {
        this(0.1);
    }

    /**
     * @param taylorThreshold components with γh below it use the Taylor polynomials (finite, &ge; 0)
     */
    public Quicsort(double taylorThreshold) {
        super(PROPERTIES, taylorThreshold);
    }

    @Override
    Stepper newStepper(LangevinDrift drift, double taylorThreshold) {
        return new QuicsortStepper(drift, taylorThreshold);
    }

    private static final class QuicsortStepper extends LangevinStepper {
        private final double[] vTilde;
        private final double[] rhoWk;
        private final double[] x1;
        private final double[] x2;
        private final double[] f1;
        private final double[] f2;

        QuicsortStepper(LangevinDrift drift, double taylorThreshold) {
            super("quicsort", drift, LevyArea.SPACE_TIME_TIME, TERMS, taylorThreshold);
            this.vTilde = new double[d];
            this.rhoWk = new double[d];
            this.x1 = new double[d];
            this.x2 = new double[d];
            this.f1 = new double[d];
            this.f2 = new double[d];
        }

        @Override
        public void step(double t0, double t1, double[] y0, MutableBrownianIncrement noise, double[] y1,
                         double[] error) {
            double[][] c = begin(t0, t1, noise);
            double h = t1 - t0;
            double[] w = noise.w();
            double[] hh = noise.h();
            double[] kk = noise.k();
            for (int i = 0; i < d; i++) {
                rhoWk[i] = rho[i] * (w[i] - 12.0 * kk[i]);
                vTilde[i] = y0[d + i] + rho[i] * (hh[i] + 6.0 * kk[i]);
                x1[i] = y0[i] + c[A_L][i] * vTilde[i] + c[B_L][i] * rhoWk[i];
            }
            gradient(x1, f1);
            for (int i = 0; i < d; i++) {
                f1[i] *= u[i] * h; // F1 = u·h·∇f(x1)
                x2[i] = y0[i] + c[A_R][i] * vTilde[i] + c[B_R][i] * rhoWk[i] - c[A_THIRD][i] * f1[i];
            }
            gradient(x2, f2);
            for (int i = 0; i < d; i++) {
                f2[i] *= u[i] * h; // F2 = u·h·∇f(x2)
                y1[i] = y0[i] + c[A_1][i] * vTilde[i] + c[B_1][i] * rhoWk[i]
                        - 0.5 * (c[A_R][i] * f1[i] + c[A_L][i] * f2[i]);
                double vTildeEnd = c[BETA_1][i] * vTilde[i] - 0.5 * (c[BETA_R][i] * f1[i] + c[BETA_L][i] * f2[i])
                        + c[A_OVER_H][i] * rhoWk[i];
                y1[d + i] = vTildeEnd - rho[i] * (hh[i] - 6.0 * kk[i]);
            }
        }
    }
}
