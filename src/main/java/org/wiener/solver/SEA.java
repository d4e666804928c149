package org.wiener.solver;

import org.wiener.brownian.LevyArea;
import org.wiener.sde.Calculus;
import org.wiener.sde.SdeProblem;

/**
 * SEA, the Shifted Euler method for additive noise of J. Foster, G. dos Reis and C. Strange, "High order
 * splitting methods for SDEs satisfying a commutativity condition" (arXiv:2210.17543), eq. (5.8), as in
 * Diffrax's {@code sea.py}. Stratonovich (= Itô here), <b>additive noise only</b>; strong order 1, weak
 * order 1, ODE order 1 (explicit Euler); needs the space-time Lévy area H. No error estimate.
 *
 * <p>Additive tableau ({@code solvers.md} §5.3): one stage, c = (0), b = (1), a<sup>W</sup> = (1/2),
 * a<sup>H</sup> = (1), b<sup>W</sup> = 1, b<sup>H</sup> = 0:
 * <pre>
 * y' = y + h f(t_n, y + g0·(W/2 + H)) + g0·W + (g1 − g0)·(W/2 − H)
 * </pre>
 * One drift evaluation and <b>two</b> diffusion evaluations per step: the time-dependence correction needs
 * g1 = g(t<sub>n+1</sub>) besides g0 = g(t<sub>n</sub>) (Diffrax's SRK evaluates both as well; its table's
 * "1/1" counts g once).
 */
public final class SEA implements Solver {

    static final SrkTableau TABLEAU = SrkTableau.additive(1)
            .c(0.0)
            .a()
            .b(1.0)
            .w(new double[] {0.5}, 1.0)
            .h(new double[] {1.0}, 0.0)
            .build();

    private static final SolverProperties PROPERTIES = NoiseOrders.declare(SolverProperties.builder("sea")
                    .calculus(Calculus.STRATONOVICH).odeOrder(1.0).levyArea(LevyArea.SPACE_TIME)
                    .embeddedError(false).evaluations(1, 2),
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1.0, 1.0).build();

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
