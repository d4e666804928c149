package org.wiener.solver;

import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.sde.Calculus;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;

/**
 * SRIW1, the Itô stochastic Runge–Kutta method of strong order 1.5 for scalar and diagonal noise from
 * A. Rößler, "Runge–Kutta methods for the strong approximation of solutions of stochastic differential
 * equations", SIAM J. Numer. Anal. 48(3), 922–952, 2010 (the SRI scheme of §5 with the coefficients of his
 * method SRI1W1, the "SRIW1" of Rackauckas &amp; Nie, "Adaptive methods for stochastic differential equations
 * via natural embeddings and rejection sampling with memory", DCDS-B 22(7), 2017). It needs W and the
 * space-time Lévy area H only: the iterated integrals are I<sub>(1,1)</sub> = (ΔW² − h)/2,
 * I<sub>(1,1,1)</sub> = (ΔW³ − 3hΔW)/6 and I<sub>(1,0)</sub> = h(ΔW/2 + H), exact for scalar noise and, per
 * component, for diagonal noise.
 *
 * <p>Tableau (s = 4; rows are stages, A<sup>(0)</sup>, B<sup>(0)</sup> weight the drift stages H<sup>(0)</sup>,
 * A<sup>(1)</sup>, B<sup>(1)</sup> the diffusion stages H<sup>(1)</sup>):
 * <pre>
 * c0 = (0, 3/4, 0, 0)        c1 = (0, 1/4, 1, 1/4)
 * A0: a21 = 3/4              B0: b21 = 3/2
 * A1: a21 = 1/4, a31 = 1, a43 = 1/4
 * B1: b21 = 1/2, b31 = −1, b41 = −5, b42 = 3, b43 = 1/2
 * α  = (1/3, 2/3, 0, 0)
 * β1 = (−1, 4/3, 2/3, 0)     β2 = (−1, 4/3, −1/3, 0)
 * β3 = (2, −4/3, −2/3, 0)    β4 = (−2, 5/3, −2/3, 1)
 * </pre>
 * With χ1 = I<sub>(1,1)</sub>/√h, χ2 = I<sub>(1,0)</sub>/h = ΔW/2 + H, χ3 = I<sub>(1,1,1)</sub>/h, f1 = f(t, y),
 * g1 = g(t, y), and since the third drift stage is y itself:
 * <pre>
 * Y0  = y + (3/4) h f1 + (3/2) χ2 g1                  f2 = f(t + 3h/4, Y0)
 * Y11 = y + (h/4) f1 + (√h/2) g1                      g2 = g(t + h/4, Y11)
 * Y12 = y + h f1 − √h g1                              g3 = g(t + h, Y12)
 * Y13 = y + (h/4) f1 + √h (−5 g1 + 3 g2 + g3/2)       g4 = g(t + h/4, Y13)
 * E   = χ2 (2 g1 − 4/3 g2 − 2/3 g3) + χ3 (−2 g1 + 5/3 g2 − 2/3 g3 + g4)
 * y'  = y + h (f1 + 2 f2)/3 + ΔW (−g1 + 4/3 g2 + 2/3 g3) + χ1 (−g1 + 4/3 g2 − 1/3 g3) + E
 * </pre>
 * (products with g are componentwise: g is the column of scalar noise or the diagonal of diagonal noise).
 *
 * <p><b>Error estimate (one path query per step).</b> Dropping E (the β3, β4 terms) and replacing the drift
 * by Euler's h f1 leaves an embedded scheme of strong order 1 (Σβ1 = 1, Σβ2 = 0, β2·B1·e = 1: the order-1
 * conditions of Rößler's Theorem 5.1), so y' minus that scheme,
 * <pre>
 * error = (2/3) h (f2 − f1) + E,
 * </pre>
 * estimates the local error from the stages already evaluated. This differs from Rackauckas &amp; Nie, whose
 * deterministic part δ·h(f1 + f2) does not vanish as h → 0 for a non-zero drift; ours is the drift error
 * estimate of SRA1 ({@link SRA1}) and Diffrax. Unlike step doubling ({@link StepDoubling}) it needs no extra
 * Brownian queries: an attempted step costs one query, two drift and four diffusion evaluations.
 *
 * <p>Itô; strong order 1.5 and weak order 2 on scalar and diagonal noise (and additive noise with one
 * Brownian motion, which is scalar); ODE order 2 (the drift part is the two-stage Runge–Kutta method
 * with c = (0, 3/4), b = (1/3, 2/3)). Other noise classes are rejected: SRI schemes need the iterated
 * integrals I<sub>(j,k)</sub> of distinct components, which the tree does not provide.
 */
public final class SRIW1 implements Solver {

    private static final SolverProperties PROPERTIES = SolverProperties.builder("sriw1")
            .calculus(Calculus.ITO).odeOrder(2.0).levyArea(LevyArea.SPACE_TIME)
            .embeddedError(true).evaluations(2, 4)
            .orders(NoiseType.SCALAR, 1.5, 2.0)
            .orders(NoiseType.DIAGONAL, 1.5, 2.0)
            .declaredStrongOrder(1.5)
            .build();

    @Override
    public SolverProperties properties() {
        return PROPERTIES;
    }

    @Override
    public Stepper newStepper(SdeProblem problem) {
        SolverChecks.requireProblem(problem);
        if (!problem.isOde() && problem.noiseDimension() != 1 && problem.noiseType() != NoiseType.DIAGONAL) {
            throw new IllegalArgumentException(PROPERTIES.name() + " needs scalar noise (m = 1) or diagonal noise; "
                    + "problem declares " + problem.noiseType() + " noise with m = " + problem.noiseDimension());
        }
        return new Sriw1Stepper(problem);
    }

    private static final class Sriw1Stepper extends AbstractStepper {
        private final double[] f1;
        private final double[] f2;
        private final double[] g;
        private final double[] g1;
        private final double[] g2;
        private final double[] g3;
        private final double[] g4;
        private final double[] stage;
        /** Column of g to read for component i: 0 for scalar noise, i for diagonal noise (g is n×m row-major). */
        private final boolean scalar;

        Sriw1Stepper(SdeProblem problem) {
            super(problem);
            f1 = new double[n];
            f2 = new double[n];
            g = new double[n * Math.max(m, 1)];
            g1 = new double[n];
            g2 = new double[n];
            g3 = new double[n];
            g4 = new double[n];
            stage = new double[n];
            scalar = m <= 1;
        }

        /** The diagonal (or the single column) of g(t, y), into out. */
        private void diffusionColumn(double t, double[] y, double[] out) {
            diffusion(t, y, g);
            if (scalar) {
                System.arraycopy(g, 0, out, 0, n);
            } else {
                for (int i = 0; i < n; i++) {
                    out[i] = g[i * m + i];
                }
            }
        }

        @Override
        public void step(double t0, double t1, double[] y0, MutableBrownianIncrement noise, double[] y1,
                         double[] error) {
            double h = t1 - t0;
            drift(t0, y0, f1);
            if (noise == null) {
                for (int i = 0; i < n; i++) {
                    stage[i] = y0[i] + 0.75 * h * f1[i];
                }
                drift(t0 + 0.75 * h, stage, f2);
                for (int i = 0; i < n; i++) {
                    y1[i] = y0[i] + h * (f1[i] + 2.0 * f2[i]) / 3.0;
                    if (error != null) {
                        error[i] = 2.0 / 3.0 * h * (f2[i] - f1[i]);
                    }
                }
                return;
            }
            SolverChecks.requireLevyArea(PROPERTIES.name(), LevyArea.SPACE_TIME, noise);
            double[] w = noise.w();
            double[] hh = noise.h();
            // h > 0: problems are forward in time (SdeProblem rejects t1 <= t0).
            double sqrtH = Math.sqrt(h);
            diffusionColumn(t0, y0, g1);
            for (int i = 0; i < n; i++) {
                int j = scalar ? 0 : i;
                double chi2 = 0.5 * w[j] + hh[j];
                stage[i] = y0[i] + 0.75 * h * f1[i] + 1.5 * chi2 * g1[i];
            }
            drift(t0 + 0.75 * h, stage, f2);
            for (int i = 0; i < n; i++) {
                stage[i] = y0[i] + 0.25 * h * f1[i] + 0.5 * sqrtH * g1[i];
            }
            diffusionColumn(t0 + 0.25 * h, stage, g2);
            for (int i = 0; i < n; i++) {
                stage[i] = y0[i] + h * f1[i] - sqrtH * g1[i];
            }
            diffusionColumn(t1, stage, g3);
            for (int i = 0; i < n; i++) {
                stage[i] = y0[i] + 0.25 * h * f1[i] + sqrtH * (-5.0 * g1[i] + 3.0 * g2[i] + 0.5 * g3[i]);
            }
            diffusionColumn(t0 + 0.25 * h, stage, g4);
            for (int i = 0; i < n; i++) {
                int j = scalar ? 0 : i;
                double dw = w[j];
                double chi1 = (dw * dw - h) / (2.0 * sqrtH);
                double chi2 = 0.5 * dw + hh[j];
                double chi3 = (dw * dw * dw - 3.0 * h * dw) / (6.0 * h);
                double e = chi2 * (2.0 * g1[i] - 4.0 / 3.0 * g2[i] - 2.0 / 3.0 * g3[i])
                        + chi3 * (-2.0 * g1[i] + 5.0 / 3.0 * g2[i] - 2.0 / 3.0 * g3[i] + g4[i]);
                double driftPart = h * (f1[i] + 2.0 * f2[i]) / 3.0;
                y1[i] = y0[i] + driftPart
                        + dw * (-g1[i] + 4.0 / 3.0 * g2[i] + 2.0 / 3.0 * g3[i])
                        + chi1 * (-g1[i] + 4.0 / 3.0 * g2[i] - 1.0 / 3.0 * g3[i])
                        + e;
                if (error != null) {
                    error[i] = 2.0 / 3.0 * h * (f2[i] - f1[i]) + e;
                }
            }
        }
    }
}
