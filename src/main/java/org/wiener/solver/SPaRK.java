package org.wiener.solver;

import org.wiener.brownian.LevyArea;
import org.wiener.sde.Calculus;
import org.wiener.sde.SdeProblem;

/**
 * SPaRK, the Splitting Path Runge–Kutta method of J. Foster, "On the convergence of adaptive approximations
 * for stochastic differential equations" (arXiv, 2023), Definition 1.6, as in Diffrax's {@code spark.py}.
 * Stratonovich, any noise; strong order 0.5 (general), 1 (commutative), 1.5 (additive); weak order 1, 1, 2;
 * ODE order 2; needs the space-time Lévy area H. Three drift and three diffusion evaluations per step, with
 * an embedded error estimate: the recommended adaptive solver for general noise.
 *
 * <p>General tableau ({@code solvers.md} §5.4), x1 = (3 − √3)/6, x2 = √3/3:
 * <pre>
 *              c     a (drift)   aW        aH        b     bErr       bW    bWErr      bH   bHErr
 * stage 1      0     –           –         –         x1    x1 − 1/2   x1    x1 − 1/2   1    1
 * stage 2      1/2   [1/2]       [1/2]     [√3]      x2    x2         x2    x2         0    0
 * stage 3      1     [0, 1]      [0, 1]    [0, 0]    x1    x1 − 1/2   x1    x1 − 1/2   −1   −1
 * </pre>
 * Explicitly: z2 = y + (h/2) f1 + g1·(W/2 + √3 H); z3 = y + h f2 + g2·W;
 * y' = y + h(x1 f1 + x2 f2 + x1 f3) + (x1 g1 + x2 g2 + x1 g3)·W + (g1 − g3)·H;
 * error = y' − [y + (h/2)(f1 + f3) + ½(g1 + g3)·W].
 */
public final class SPaRK implements Solver {

    private static final double X1 = (3.0 - Math.sqrt(3.0)) / 6.0;
    private static final double X2 = Math.sqrt(3.0) / 3.0;

    static final SrkTableau TABLEAU = SrkTableau.general(3)
            .c(0.0, 0.5, 1.0)
            .a(new double[] {0.5}, new double[] {0.0, 1.0})
            .b(X1, X2, X1)
            .bErr(X1 - 0.5, X2, X1 - 0.5)
            .w(new double[][] {{0.5}, {0.0, 1.0}}, new double[] {X1, X2, X1}, new double[] {X1 - 0.5, X2, X1 - 0.5})
            .h(new double[][] {{Math.sqrt(3.0)}, {0.0, 0.0}}, new double[] {1.0, 0.0, -1.0}, new double[] {1.0, 0.0, -1.0})
            .build();

    private static final SolverProperties PROPERTIES = NoiseOrders.declare(SolverProperties.builder("spark")
                    .calculus(Calculus.STRATONOVICH).odeOrder(2.0).levyArea(LevyArea.SPACE_TIME)
                    .embeddedError(true).evaluations(3, 3),
            0.5, 1.0, 1.0, 1.0, 1.5, 2.0).build();

    /**
     * @return a read-only copy of the tableau, for re-implementations such as the discrete adjoint of
     *     {@code org.wiener.nde}
     */
    public static StochasticTableau tableau() {
        return new StochasticTableau(PROPERTIES.name(), TABLEAU);
    }

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
