package org.wiener.solver;

import org.wiener.brownian.LevyArea;
import org.wiener.sde.Calculus;
import org.wiener.sde.SdeProblem;

/**
 * SRA1, the additive-noise stochastic Runge–Kutta method of A. Rößler, "Runge–Kutta methods for the strong
 * approximation of solutions of stochastic differential equations", SIAM J. Numer. Anal. 48(3), 2010, in the
 * form of Diffrax's {@code sra1.py}. Stratonovich (= Itô here), <b>additive noise only</b>; strong order 1.5,
 * weak order 2, ODE order 2; needs the space-time Lévy area H. Two drift and two diffusion evaluations per
 * step (g at t<sub>n</sub> and t<sub>n+1</sub>); drift-only embedded error estimate.
 *
 * <p>Additive tableau ({@code solvers.md} §5.2): c = (0, 3/4); a<sub>21</sub> = 3/4; b = (1/3, 2/3);
 * b<sup>err</sup> = (−2/3, 2/3); a<sup>W</sup> = (0, 3/4), a<sup>H</sup> = (0, 3/2); b<sup>W</sup> = 1,
 * b<sup>H</sup> = 0. Explicitly:
 * <pre>
 * z1 = y
 * z2 = y + (3/4) h f1 + g0·((3/4) W + (3/2) H)
 * y' = y + h (f1/3 + 2 f2/3) + g0·W + (g1 − g0)·(W/2 − H)
 * error = (2/3) h (f2 − f1)
 * </pre>
 */
public final class SRA1 implements Solver {

    static final SrkTableau TABLEAU = SrkTableau.additive(2)
            .c(0.0, 3.0 / 4.0)
            .a(new double[] {3.0 / 4.0})
            .b(1.0 / 3.0, 2.0 / 3.0)
            .bErr(-2.0 / 3.0, 2.0 / 3.0)
            .w(new double[] {0.0, 3.0 / 4.0}, 1.0)
            .h(new double[] {0.0, 3.0 / 2.0}, 0.0)
            .build();

    private static final SolverProperties PROPERTIES = NoiseOrders.declare(SolverProperties.builder("sra1")
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
