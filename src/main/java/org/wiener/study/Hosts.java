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
 * Foster's High-Order Strang Splitting (HOStS) for the Cox–Ingersoll–Ross process
 * dX = a(b − X) dt + σ√X dW: eq. (5.3) of Foster, dos Reis &amp; Strange, arXiv:2210.17543, as in paper
 * A's code ({@code foster_cir.py}; {@code solvers.md} §8.1). With b̃ = b − σ²/(4a),
 * c<sub>1</sub> = exp(ah(√3 − 3)/6), c<sub>2</sub> = exp(−ah/√3) and (W, H) the increment and
 * space-time Lévy area of the step:
 * <pre>
 * z1 = c1·X0 + (1 − c1)·b̃
 * z2 = ( √max(z1, 0) + (σ/2)(W/2 + √3·H) )²
 * z3 = c2·z2 + (1 − c2)·b̃
 * z4 = ( √max(z3, 0) + (σ/2)(W/2 − √3·H) )²
 * X1 = c1·z4 + (1 − c1)·b̃
 * </pre>
 * The drift sub-steps are exact flows of the Stratonovich drift a(b̃ − x), the noise sub-steps exact
 * flows of σ√x ∘ dW (in √x they are translations).
 *
 * <p><b>Calculus.</b> The scheme is built on the Stratonovich form of CIR (drift a(b̃ − x)) but, because
 * it shifts b to b̃ itself, it converges to the solution of the <em>Itô</em> equation
 * dX = a(b − X) dt + σ√X dW with the b it was given. It therefore declares {@link Calculus#ITO} and
 * takes the Itô problem ({@link CirProblems#cir}); it refuses the problem's Stratonovich form.
 *
 * <p><b>Parameters.</b> The scheme steps with its own (a, b, σ), never evaluating the problem's vector
 * fields (its statistics show 0 evaluations); {@link #newStepper} checks that the problem is the scalar
 * Itô CIR equation with these parameters.
 *
 * <p><b>Positivity.</b> If b̃ ≥ 0 (b ≥ σ²/(4a)) every X1 is ≥ 0. If b̃ &lt; 0 (paper A's high-volatility
 * case, b̃ = −0.21) X1 can be negative, but never below (1 − c<sub>1</sub>)·b̃ ≈ ah(3 − √3)b̃/6.
 *
 * <p>Declared: strong order 1.4 (as the paper's code; SCALAR noise only), no weak order, no error
 * estimate, needs {@link LevyArea#SPACE_TIME}; no ODE mode. Immutable and thread-safe.
 */
public final class Hosts implements Solver {

    private static final double SQRT3 = Math.sqrt(3.0);

    private static final SolverProperties PROPERTIES = SolverProperties.builder("hosts")
            .calculus(Calculus.ITO)
            .orders(NoiseType.SCALAR, 1.4, Double.NaN)
            .declaredStrongOrder(1.4)
            .levyArea(LevyArea.SPACE_TIME)
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
    public Hosts(double a, double b, double sigma) {
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
        CirProblems.checkCirProblem("hosts", problem, a, b, sigma);
        return new AbstractStepper(problem) {
            private final double k1 = a * (SQRT3 - 3.0) / 6.0;
            private final double k2 = -a / SQRT3;
            private final double halfSigma = 0.5 * sigma;

            @Override
            public void step(double t0, double t1, double[] y0, MutableBrownianIncrement noise, double[] y1,
                             double[] error) {
                if (noise == null || noise.h().length == 0) {
                    throw new IllegalArgumentException("hosts needs W and the space-time Levy area H of each step: "
                            + "use a path with LevyArea.SPACE_TIME");
                }
                double h = t1 - t0;
                double w = noise.w()[0];
                double hh = noise.h()[0];
                double c1 = Math.exp(k1 * h);
                double c2 = Math.exp(k2 * h);
                double z1 = c1 * y0[0] + (1.0 - c1) * bTilde;
                double s2 = Math.sqrt(Math.max(z1, 0.0)) + halfSigma * (0.5 * w + SQRT3 * hh);
                double z2 = s2 * s2;
                double z3 = c2 * z2 + (1.0 - c2) * bTilde;
                double s4 = Math.sqrt(Math.max(z3, 0.0)) + halfSigma * (0.5 * w - SQRT3 * hh);
                double z4 = s4 * s4;
                y1[0] = c1 * z4 + (1.0 - c1) * bTilde;
            }
        };
    }

    @Override
    public String toString() {
        return "hosts(a=" + a + ", b=" + b + ", sigma=" + sigma + ")";
    }
}
