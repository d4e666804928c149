package org.wiener.solver;

import org.wiener.brownian.LevyArea;
import org.wiener.sde.Calculus;
import org.wiener.sde.SdeProblem;

/**
 * SLOW-RK: a half drift step followed by an RK4-type diffusion step, from J. Foster, G. dos Reis and
 * C. Strange, "High order splitting methods for SDEs satisfying a commutativity condition"
 * (arXiv:2210.17543), eq. (6.2), as in Diffrax's {@code slowrk.py}. Stratonovich; strong order 0.5 (general),
 * 1.5 (commutative), 1.5 (additive); weak order 1, 2, 2; ODE order 2; needs the space-time Lévy area H.
 * Seven stages but only two drift evaluations (stages 1, 6) and five diffusion evaluations (stages 2, 3, 4,
 * 5, 7) per step; no error estimate.
 *
 * <p>General tableau ({@code solvers.md} §5.6): c = (0, 1/2, 1/2, 1/2, 1/2, 3/4, 1);
 * <pre>
 * stage   a (drift)              aW                     aH
 * 2       [1/2]                  [0]                    [0]
 * 3       [1/2, 0]               [0, 1/2]               [0, 0]
 * 4       [1/2, 0, 0]            [0, 0, 1/2]            [0, 0, 0]
 * 5       [1/2, 0, 0, 0]         [0, 0, 0, 1]           [0, 0, 0, 0]
 * 6       [3/4, 0, 0, 0, 0]      [0, 0, 0, 3/4, 0]      [0, 0, 0, 3/2, 0]
 * 7       [1, 0, 0, 0, 0, 0]     [0, 0, 1/2, 0, 0, 0]   [0, 0, 0, 0, 0, 0]
 * b  = (1/3, 0, 0, 0, 0, 2/3, 0)      bW = (0, 1/6, 1/3, 1/3, 1/6, 0, 0)      bH = (0, 0, 0, 2, 0, 0, −2)
 * </pre>
 * Explicitly: z2 = y + (h/2) f1; z3 = z2 + ½ g2·W; z4 = z2 + ½ g3·W; z5 = z2 + g4·W;
 * z6 = y + (3/4) h f1 + (3/4) g4·W + (3/2) g4·H; z7 = y + h f1 + ½ g3·W;
 * y' = y + h(f1/3 + 2 f6/3) + (g2/6 + g3/3 + g4/3 + g5/6)·W + 2 (g4 − g7)·H.
 */
public final class SlowRK implements Solver {

    static final SrkTableau TABLEAU = SrkTableau.general(7)
            .c(0.0, 0.5, 0.5, 0.5, 0.5, 0.75, 1.0)
            .a(new double[] {0.5},
                    new double[] {0.5, 0.0},
                    new double[] {0.5, 0.0, 0.0},
                    new double[] {0.5, 0.0, 0.0, 0.0},
                    new double[] {0.75, 0.0, 0.0, 0.0, 0.0},
                    new double[] {1.0, 0.0, 0.0, 0.0, 0.0, 0.0})
            .b(1.0 / 3.0, 0.0, 0.0, 0.0, 0.0, 2.0 / 3.0, 0.0)
            .w(new double[][] {
                {0.0},
                {0.0, 0.5},
                {0.0, 0.0, 0.5},
                {0.0, 0.0, 0.0, 1.0},
                {0.0, 0.0, 0.0, 0.75, 0.0},
                {0.0, 0.0, 0.5, 0.0, 0.0, 0.0}},
                    new double[] {0.0, 1.0 / 6.0, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 6.0, 0.0, 0.0}, null)
            .h(new double[][] {
                {0.0},
                {0.0, 0.0},
                {0.0, 0.0, 0.0},
                {0.0, 0.0, 0.0, 0.0},
                {0.0, 0.0, 0.0, 1.5, 0.0},
                {0.0, 0.0, 0.0, 0.0, 0.0, 0.0}},
                    new double[] {0.0, 0.0, 0.0, 2.0, 0.0, 0.0, -2.0}, null)
            .ignoreF(false, true, true, true, true, false, true)
            .ignoreG(true, false, false, false, false, true, false)
            .build();

    private static final SolverProperties PROPERTIES = NoiseOrders.declare(SolverProperties.builder("slow_rk")
                    .calculus(Calculus.STRATONOVICH).odeOrder(2.0).levyArea(LevyArea.SPACE_TIME)
                    .embeddedError(false).evaluations(2, 5).declaredStrongOrder(1.5),
            0.5, 1.0, 1.5, 2.0, 1.5, 2.0).build();

    @Override
    public SolverProperties properties() {
        return PROPERTIES;
    }

    @Override
    public Stepper newStepper(SdeProblem problem) {
        SolverChecks.requireProblem(problem);
        if (SlowRkScalarStepper.applies(problem)) {
            // The tableau's step written out for one component and one Brownian motion: the same bits, faster.
            return new SlowRkScalarStepper(problem, PROPERTIES.name());
        }
        return new SrkStepper(problem, TABLEAU, PROPERTIES.name());
    }
}
