package org.wiener.study;

import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.sde.Calculus;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.AbstractStepper;
import org.wiener.solver.Solver;
import org.wiener.solver.SolverProperties;
import org.wiener.solver.Stepper;

/**
 * The drift-implicit square-root Euler scheme (DIE) for the Cox–Ingersoll–Ross process
 * dX = a(b − X) dt + σ√X dW, as in paper A's code ({@code cir_die.py}; {@code solvers.md} §8.2). It
 * steps Y = √X, whose Stratonovich SDE is dY = a(b̃ − Y²)/(2Y) dt + (σ/2) ∘ dW with b̃ = b − σ²/(4a):
 * with p = Y<sub>0</sub> + σW/2 the implicit Euler equation (2 + ah)Y<sub>1</sub>² − 2pY<sub>1</sub>
 * − ab̃h = 0 gives
 * <pre>
 * Y1 = ( p + √max(0, p² + (2 + ah)·a·b̃·h) ) / (2 + ah),   X1 = Y1².
 * </pre>
 *
 * <p><b>Carried √X.</b> As in the paper's code, the stepper carries Y from one accepted step to the
 * next instead of recomputing √X<sub>1</sub>. The two differ when Y<sub>1</sub> &lt; 0, which happens
 * when b̃ &lt; 0 (e.g. the high-volatility case, b̃ = −0.21) and p &lt; 0: the next step then starts from
 * the negative Y. The carried Y is used only while its square is bit-identical to the y0 the step is
 * given (otherwise, e.g. after {@link Stepper#reset} or for a y0 from elsewhere, Y<sub>0</sub> =
 * √max(y0, 0)); rejected steps do not change it. X = Y² is never negative.
 *
 * <p><b>Calculus.</b> Built on the Stratonovich form, but since it shifts b to b̃ itself it converges
 * to the solution of the <em>Itô</em> equation with the b it was given: it declares
 * {@link Calculus#ITO}, takes the Itô problem ({@link CirProblems#cir}) and checks that its parameters
 * match. It never evaluates the problem's vector fields (its statistics show 0 evaluations).
 *
 * <p>Declared: strong order 1 (as the paper's code; SCALAR noise only), no weak order, no error
 * estimate, needs W only ({@link LevyArea#NONE}); no ODE mode. Immutable and thread-safe.
 */
public final class DriftImplicitEuler implements Solver {

    private static final SolverProperties PROPERTIES = SolverProperties.builder("die")
            .calculus(Calculus.ITO)
            .orders(NoiseType.SCALAR, 1.0, Double.NaN)
            .declaredStrongOrder(1.0)
            .levyArea(LevyArea.NONE)
            .evaluations(0, 0)
            .build();

    private final double a;
    private final double b;
    private final double sigma;
    private final double bTilde;

    /**
     * @param a mean-reversion speed, &gt; 0
     * @param b long-run mean (of the Itô equation), finite
     * @param sigma volatility, ≥ 0
     */
    public DriftImplicitEuler(double a, double b, double sigma) {
        CirProblems.checkParameters(a, b, sigma);
        this.a = a;
        this.b = b;
        this.sigma = sigma;
        this.bTilde = b - sigma * sigma / (4.0 * a);
    }

    /** @return b̃ = b − σ²/(4a), the long-run mean of the Stratonovich drift */
    public double bTilde() {
        return bTilde;
    }

    @Override
    public SolverProperties properties() {
        return PROPERTIES;
    }

    @Override
    public Stepper newStepper(SdeProblem problem) {
        CirProblems.checkCirProblem("die", problem, a, b, sigma);
        return new AbstractStepper(problem) {
            private final double halfSigma = 0.5 * sigma;
            private boolean carriedValid;
            private double carried;
            private double candidate;

            @Override
            public void reset(double t, double[] y) {
                carriedValid = false;
            }

            @Override
            public void step(double t0, double t1, double[] y0, MutableBrownianIncrement noise, double[] y1,
                             double[] error) {
                if (noise == null) {
                    throw new IllegalArgumentException("die needs the Brownian increment of each step");
                }
                double h = t1 - t0;
                double root0 = carriedValid && carried * carried == y0[0] ? carried : Math.sqrt(Math.max(y0[0], 0.0));
                double p = root0 + halfSigma * noise.w()[0];
                double q = 2.0 + a * h;
                double root1 = (p + Math.sqrt(Math.max(0.0, p * p + q * a * bTilde * h))) / q;
                candidate = root1;
                y1[0] = root1 * root1;
            }

            @Override
            public void accept() {
                carried = candidate;
                carriedValid = true;
            }
        };
    }

    @Override
    public String toString() {
        return "die(a=" + a + ", b=" + b + ", sigma=" + sigma + ")";
    }
}
