package org.wiener.solver;

import org.wiener.brownian.LevyArea;
import org.wiener.sde.Calculus;
import org.wiener.sde.SdeProblem;

/**
 * ShARK, the Shifted Additive-noise Runge–Kutta method of J. Foster, G. dos Reis and C. Strange, "High order
 * splitting methods for SDEs satisfying a commutativity condition" (arXiv:2210.17543), eq. (6.1), as in
 * Diffrax's {@code shark.py}. Stratonovich (= Itô here), <b>additive noise only</b>; strong order 1.5, weak
 * order 2, ODE order 2; needs the space-time Lévy area H. Two drift and two diffusion evaluations per step
 * (g at t<sub>n</sub> and t<sub>n+1</sub>); drift-only embedded error estimate.
 *
 * <p>Additive tableau ({@code solvers.md} §5.1): c = (0, 5/6); a<sub>21</sub> = 5/6; b = (0.4, 0.6);
 * b<sup>err</sup> = (−0.6, 0.6); a<sup>W</sup> = (0, 5/6), a<sup>H</sup> = (1, 1); b<sup>W</sup> = 1,
 * b<sup>H</sup> = 0. Explicitly, with g0 = g(t<sub>n</sub>), g1 = g(t<sub>n+1</sub>):
 * <pre>
 * z1 = y + g0·H
 * z2 = y + (5/6) h f1 + g0·((5/6) W + H)
 * y' = y + h (0.4 f1 + 0.6 f2) + g0·W + (g1 − g0)·(W/2 − H)
 * error = 0.6 h (f2 − f1)
 * </pre>
 */
public final class ShARK implements Solver {

    static final SrkTableau TABLEAU = SrkTableau.additive(2)
            .c(0.0, 5.0 / 6.0)
            .a(new double[] {5.0 / 6.0})
            .b(0.4, 0.6)
            .bErr(-0.6, 0.6)
            .w(new double[] {0.0, 5.0 / 6.0}, 1.0)
            .h(new double[] {1.0, 1.0}, 0.0)
            .build();

    private static final SolverProperties PROPERTIES = NoiseOrders.declare(SolverProperties.builder("shark")
                    .calculus(Calculus.STRATONOVICH).odeOrder(2.0).levyArea(LevyArea.SPACE_TIME)
                    .embeddedError(true).evaluations(2, 2),
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1.5, 2.0).build();

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
        SolverChecks.requireAdditive(PROPERTIES.name(), problem);
        return new SrkStepper(problem, TABLEAU, PROPERTIES.name());
    }
}
