package org.wiener.nde;

import org.wiener.sde.Calculus;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;

/**
 * A neural SDE with diagonal noise written in the <b>Itô</b> sense, as DifferentialEquations.jl reads the
 * spiral model of {@code regularization.md} §8:
 * dy<sub>i</sub> = f<sub>i</sub>(t, y; θ<sub>f</sub>) dt + g<sub>i</sub>(t, y; φ) dW<sub>i</sub>. Wiener's adaptive
 * solvers with embedded error estimates are Stratonovich, so every solve uses the converted drift
 * f<sub>S,i</sub> = f<sub>i</sub> − ½ g<sub>i</sub> ∂g<sub>i</sub>/∂y<sub>i</sub> (the design note of §8), and its
 * gradients go through the correction too.
 *
 * <p>The parameters are one flat array θ = (θ<sub>f</sub>, φ): the drift's first, then the diffusion's.
 * Immutable and thread-safe when its drift and diffusion are.
 */
public final class NeuralDiagonalSde {

    private final ParametricVectorField drift;
    private final ParametricDiagonalDiffusion diffusion;
    private final int n;
    private final int driftCount;
    private final int diffusionCount;

    /**
     * @param itoDrift the Itô drift f(t, y; θ<sub>f</sub>)
     * @param diffusion the diagonal diffusion g(t, y; φ), of the same dimension
     */
    public NeuralDiagonalSde(ParametricVectorField itoDrift, ParametricDiagonalDiffusion diffusion) {
        if (itoDrift == null || diffusion == null) {
            throw new IllegalArgumentException("itoDrift and diffusion must not be null");
        }
        if (itoDrift.dimension() != diffusion.dimension()) {
            throw new IllegalArgumentException("diffusion.dimension() must equal the drift's dimension "
                    + itoDrift.dimension() + ", got " + diffusion.dimension());
        }
        this.drift = itoDrift;
        this.diffusion = diffusion;
        this.n = itoDrift.dimension();
        this.driftCount = itoDrift.parameterCount();
        this.diffusionCount = diffusion.parameterCount();
    }

    /** @return the Itô drift */
    public ParametricVectorField drift() {
        return drift;
    }

    /** @return the diffusion */
    public ParametricDiagonalDiffusion diffusion() {
        return diffusion;
    }

    /** @return the state dimension n */
    public int dimension() {
        return n;
    }

    /** @return P = drift parameters + diffusion parameters */
    public int parameterCount() {
        return driftCount + diffusionCount;
    }

    /** @return the number of drift parameters (the offset of φ in θ) */
    public int driftParameterCount() {
        return driftCount;
    }

    /**
     * @param theta the full parameters (length P)
     * @return a copy of the drift's part θ<sub>f</sub>
     */
    public double[] driftParameters(double[] theta) {
        requireLength(theta);
        return java.util.Arrays.copyOfRange(theta, 0, driftCount);
    }

    /**
     * @param theta the full parameters (length P)
     * @return a copy of the diffusion's part φ
     */
    public double[] diffusionParameters(double[] theta) {
        requireLength(theta);
        return java.util.Arrays.copyOfRange(theta, driftCount, driftCount + diffusionCount);
    }

    void requireLength(double[] theta) {
        if (theta == null || theta.length != parameterCount()) {
            throw new IllegalArgumentException("theta.length must equal parameterCount() = " + parameterCount()
                    + ", got " + (theta == null ? "null" : theta.length));
        }
    }

    /**
     * The Stratonovich drift f − ½ g ∂g at (t, y).
     *
     * @param t time
     * @param y state
     * @param thetaF drift parameters
     * @param phi diffusion parameters
     * @param out receives the drift
     * @param scratch length n, overwritten
     */
    void stratonovichDrift(double t, double[] y, double[] thetaF, double[] phi, double[] out, double[] scratch) {
        drift.evaluate(t, y, thetaF, out);
        diffusion.itoCorrection(t, y, phi, scratch);
        for (int i = 0; i < n; i++) {
            out[i] -= scratch[i];
        }
    }

    /**
     * The problem at fixed parameters, in Stratonovich form (drift converted), diagonal noise (declared
     * additive when {@link ParametricDiagonalDiffusion#additive()}). Its drift and diffusion hold scratch
     * space: use the problem for one solve at a time.
     *
     * @param theta parameters (length P; copied)
     * @param y0 initial state (length n)
     * @param t0 start time
     * @param t1 end time
     * @return the Stratonovich problem
     */
    public SdeProblem problem(double[] theta, double[] y0, double t0, double t1) {
        requireLength(theta);
        double[] thetaF = driftParameters(theta);
        double[] phi = diffusionParameters(theta);
        double[] scratch = new double[n];
        SdeProblem.Builder builder = SdeProblem.builder()
                .drift((t, y, out) -> stratonovichDrift(t, y, thetaF, phi, out, scratch));
        if (diffusion.additive()) {
            // Additive noise: the n×n diagonal matrix itself, declared ADDITIVE (ShARK and SRA1 need it).
            double[] diagonal = new double[n];
            builder.diffusion((t, y, out) -> {
                diffusion.evaluate(t, y, phi, diagonal);
                java.util.Arrays.fill(out, 0, n * n, 0.0);
                for (int i = 0; i < n; i++) {
                    out[i * n + i] = diagonal[i];
                }
            }, NoiseType.ADDITIVE, n);
        } else {
            builder.diagonalDiffusion((t, y, out) -> diffusion.evaluate(t, y, phi, out), n);
        }
        return builder
                .calculus(Calculus.STRATONOVICH)
                .initialState(y0)
                .interval(t0, t1)
                .build();
    }
}
