package org.wiener.solver;

import org.wiener.brownian.LevyArea;
import org.wiener.sde.Calculus;
import org.wiener.sde.SdeProblem;

/**
 * General ShARK: ShARK extended to any noise, from J. Foster, G. dos Reis and C. Strange, "High order
 * splitting methods for SDEs satisfying a commutativity condition" (arXiv:2210.17543), eq. (6.1), as in
 * Diffrax's {@code shark_general.py}. Stratonovich; strong order 0.5 (general), 1 (commutative), 1.5
 * (additive); weak order 1, 1, 2; ODE order 2; needs the space-time Lévy area H. Two drift and three
 * diffusion evaluations per step (stage 1 evaluates g only); no error estimate.
 *
 * <p>General tableau ({@code solvers.md} §5.5):
 * <pre>
 *              c     a (drift)   aW        aH       b     bW    bH     ignore f
 * stage 1      0     –           –         –        0     0     0      yes
 * stage 2      0     [0]         [0]       [1]      0.4   0.4   1.2
 * stage 3      5/6   [0, 5/6]    [0, 5/6]  [1, 0]   0.6   0.6   −1.2
 * </pre>
 * Explicitly: z1 = y; z2 = y + g1·H; z3 = y + (5/6) h f2 + (5/6) g2·W + g1·H;
 * y' = y + h(0.4 f2 + 0.6 f3) + (0.4 g2 + 0.6 g3)·W + 1.2 (g2 − g3)·H.
 */
public final class GeneralShARK implements Solver {

    static final SrkTableau TABLEAU = SrkTableau.general(3)
            .c(0.0, 0.0, 5.0 / 6.0)
            .a(new double[] {0.0}, new double[] {0.0, 5.0 / 6.0})
            .b(0.0, 0.4, 0.6)
            .w(new double[][] {{0.0}, {0.0, 5.0 / 6.0}}, new double[] {0.0, 0.4, 0.6}, null)
            .h(new double[][] {{1.0}, {1.0, 0.0}}, new double[] {0.0, 1.2, -1.2}, null)
            .ignoreF(true, false, false)
            .build();

    private static final SolverProperties PROPERTIES = NoiseOrders.declare(SolverProperties.builder("general_shark")
                    .calculus(Calculus.STRATONOVICH).odeOrder(2.0).levyArea(LevyArea.SPACE_TIME)
                    .embeddedError(false).evaluations(2, 3),
            0.5, 1.0, 1.0, 1.0, 1.5, 2.0).build();

    @Override
    public SolverProperties properties() {
        return PROPERTIES;
    }

    @Override
    public Stepper newStepper(SdeProblem problem) {
        SolverChecks.requireProblem(problem);
        return new SrkStepper(problem, TABLEAU, PROPERTIES.name());
    }
}
