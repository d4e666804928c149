package org.wiener.solver;

import org.wiener.sde.Calculus;
import org.wiener.sde.SdeProblem;

/**
 * Ralston's two-stage method (A. Ralston, "Runge–Kutta methods with minimum error bounds", Math. Comp. 16,
 * 1962), the 2/3 variant as in Diffrax. Tableau: a<sub>21</sub> = 2/3, c<sub>2</sub> = 2/3, b = (1/4, 3/4),
 * b<sup>err</sup> = (3/4, −3/4).
 *
 * <p>Applied to SDEs as an explicit Runge–Kutta method whose stages treat drift and diffusion together
 * (Diffrax's {@code runge_kutta.py}; {@code solvers.md} §3):
 * <pre>
 * k1 = f(t_n, y_n) h + g(t_n, y_n)·ΔW
 * k2 = f(t_n + 2h/3, y_n + (2/3) k1) h + g(t_n + 2h/3, y_n + (2/3) k1)·ΔW
 * y' = y_n + (1/4) k1 + (3/4) k2
 * error = (3/4) k1 − (3/4) k2      (b^err applied directly)
 * </pre>
 * Stratonovich; strong order 0.5 on general noise, 1 on commutative and additive noise; weak order 1;
 * ODE order 2. Two drift and two diffusion evaluations per step; embedded error estimate.
 */
public final class Ralston implements Solver {

    private static final SolverProperties PROPERTIES = NoiseOrders.declare(SolverProperties.builder("ralston")
                    .calculus(Calculus.STRATONOVICH).odeOrder(2.0).embeddedError(true).evaluations(2, 2),
            0.5, 1.0, 1.0, 1.0, 1.0, 1.0).build();

    private static final double[][] A = {{}, {2.0 / 3.0}};
    private static final double[] B = {1.0 / 4.0, 3.0 / 4.0};
    private static final double[] B_ERR = {3.0 / 4.0, -3.0 / 4.0};
    private static final double[] C = {0.0, 2.0 / 3.0};

    /**
     * @return a read-only copy of the tableau, for re-implementations such as the discrete adjoint of
     *     {@code org.wiener.nde}
     */
    public static SdeRungeKuttaTableau tableau() {
        return new SdeRungeKuttaTableau(PROPERTIES.name(), C, A, B, B_ERR);
    }

    @Override
    public SolverProperties properties() {
        return PROPERTIES;
    }

    @Override
    public Stepper newStepper(SdeProblem problem) {
        SolverChecks.requireProblem(problem);
        return new SdeRungeKuttaStepper(problem, A, B, B_ERR, C);
    }
}
