package org.wiener.langevin;

import java.util.Arrays;

import org.wiener.langevin.target.LogDensity;
import org.wiener.sde.Calculus;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;

/**
 * The underdamped Langevin SDE for a target density p (potential f = −log p, up to a constant),
 * {@code langevin.md} §1:
 * <pre>
 * dx = v dt
 * dv = −γ v dt − u ∇f(x) dt + √(2γu) dW
 * </pre>
 * with a diagonal friction γ &gt; 0 and a diagonal inverse mass u &gt; 0 (one value per component, applied
 * componentwise). Its stationary law has density ∝ exp(−f(x) − |v|²/(2u)): x follows the target and
 * v ~ N(0, u) independently of x.
 *
 * <pre>{@code
 * LangevinProblem problem = LangevinProblem.builder()
 *     .target(logDensity)                  // dimension d
 *     .friction(1.0).inverseMass(1.0)      // scalars broadcast to all d components (default 1, as paper A)
 *     .initialPosition(x0)                 // v0 defaults to 0
 *     .interval(0.0, 32.0)
 *     .build();
 * Solution s = integrator.solve(problem.toSdeProblem(), tree);   // tree of dimension d
 * }</pre>
 *
 * {@link #toSdeProblem()} gives the same equation as a generic {@link SdeProblem} of dimension 2d, so that any
 * additive-noise solver ({@code euler}, {@code sra1}, {@code shark}, ...) can solve it, while the Langevin
 * solvers ({@link Align}, {@link Should}, {@link Quicsort}, {@link Ubu}) recognise its {@link LangevinDrift}
 * and call ∇f directly.
 *
 * <p>Immutable; thread-safe if the target is (see {@link LogDensity}). Getters return copies.
 */
public final class LangevinProblem {

    private final LogDensity target;
    private final int dimension;
    private final double[] friction;
    private final double[] inverseMass;
    private final double[] initialPosition;
    private final double[] initialVelocity;
    private final double t0;
    private final double t1;
    private final SdeProblem sdeProblem;

    private LangevinProblem(Builder b, int d, double[] friction, double[] inverseMass, double[] v0) {
        this.target = b.target;
        this.dimension = d;
        this.friction = friction;
        this.inverseMass = inverseMass;
        this.initialPosition = b.initialPosition.clone();
        this.initialVelocity = v0;
        this.t0 = b.t0;
        this.t1 = b.t1;
        this.sdeProblem = buildSdeProblem();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the target density p */
    public LogDensity target() {
        return target;
    }

    /** @return d, the dimension of the position x (the SDE has dimension 2d) */
    public int dimension() {
        return dimension;
    }

    /** @return a copy of the friction γ, one value per component */
    public double[] friction() {
        return friction.clone();
    }

    /** @return a copy of the inverse mass u, one value per component */
    public double[] inverseMass() {
        return inverseMass.clone();
    }

    /** @return a copy of x(t0) */
    public double[] initialPosition() {
        return initialPosition.clone();
    }

    /** @return a copy of v(t0) */
    public double[] initialVelocity() {
        return initialVelocity.clone();
    }

    /** @return the start time */
    public double t0() {
        return t0;
    }

    /** @return the end time */
    public double t1() {
        return t1;
    }

    /** @return a builder holding this problem's settings */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.target = target;
        b.frictionArray = friction.clone();
        b.inverseMassArray = inverseMass.clone();
        b.initialPosition = initialPosition.clone();
        b.initialVelocity = initialVelocity.clone();
        b.t0 = t0;
        b.t1 = t1;
        return b;
    }

    /**
     * The same equation as a generic SDE of dimension 2d with state y = (x, v), in Stratonovich form (= Itô:
     * the noise is additive), with ADDITIVE noise of dimension d whose 2d×d diffusion is (0; diag √(2γu)),
     * and whose drift is a {@link LangevinDrift} computing (v, −γv − u∇f(x)). Always the same instance.
     *
     * @return the SDE
     */
    public SdeProblem toSdeProblem() {
        return sdeProblem;
    }

    private SdeProblem buildSdeProblem() {
        int d = dimension;
        double[] rho = new double[d];
        for (int i = 0; i < d; i++) {
            rho[i] = Math.sqrt(2.0 * friction[i] * inverseMass[i]);
        }
        double[] y0 = new double[2 * d];
        System.arraycopy(initialPosition, 0, y0, 0, d);
        System.arraycopy(initialVelocity, 0, y0, d, d);
        return SdeProblem.builder()
                .drift(new LangevinDrift(this))
                .diffusion((t, y, out) -> {
                    // 2d×d row-major: rows 0..d-1 (x) are zero, row d+i holds ρ_i in column i.
                    Arrays.fill(out, 0, 2 * d * d, 0.0);
                    for (int i = 0; i < d; i++) {
                        out[(d + i) * d + i] = rho[i];
                    }
                }, NoiseType.ADDITIVE, d)
                // g does not depend on y: its directional derivative is zero (lets Milstein-type solvers run).
                .diffusionDerivative((t, y, v, out) -> Arrays.fill(out, 0, 2 * d * d, 0.0))
                .calculus(Calculus.STRATONOVICH)
                .initialState(y0)
                .interval(t0, t1)
                .build();
    }

    @Override
    public String toString() {
        return "LangevinProblem[target=" + target.name() + ", d=" + dimension + ", friction="
                + Arrays.toString(friction) + ", inverseMass=" + Arrays.toString(inverseMass) + ", interval=["
                + t0 + ", " + t1 + "]]";
    }

    /**
     * Builds a {@link LangevinProblem}. Required: {@link #target}, {@link #initialPosition} and
     * {@link #interval}. Defaults: friction 1, inverse mass 1 (the values of all MCMC runs of paper A,
     * {@code langevin.md} §1), initial velocity 0. Not thread-safe.
     */
    public static final class Builder {
        private LogDensity target;
        private double frictionScalar = 1.0;
        private double[] frictionArray;
        private double inverseMassScalar = 1.0;
        private double[] inverseMassArray;
        private double[] initialPosition;
        private double[] initialVelocity;
        private double t0 = Double.NaN;
        private double t1 = Double.NaN;

        private Builder() {
        }

        /**
         * @param target the target density p (its dimension is d)
         * @return this builder
         */
        public Builder target(LogDensity target) {
            if (target == null) {
                throw new IllegalArgumentException("target must not be null");
            }
            int d = target.dimension();
            if (d < 1) {
                throw new IllegalArgumentException("target.dimension() must be >= 1, got " + d);
            }
            this.target = target;
            return this;
        }

        /**
         * @param gamma the friction γ for every component, finite and &gt; 0
         * @return this builder
         */
        public Builder friction(double gamma) {
            requirePositive("friction", -1, gamma);
            this.frictionScalar = gamma;
            this.frictionArray = null;
            return this;
        }

        /**
         * @param gamma the friction γ per component (length d), each finite and &gt; 0
         * @return this builder
         */
        public Builder friction(double[] gamma) {
            this.frictionArray = positiveArray("friction", gamma);
            return this;
        }

        /**
         * @param u the inverse mass u for every component, finite and &gt; 0
         * @return this builder
         */
        public Builder inverseMass(double u) {
            requirePositive("inverseMass", -1, u);
            this.inverseMassScalar = u;
            this.inverseMassArray = null;
            return this;
        }

        /**
         * @param u the inverse mass per component (length d), each finite and &gt; 0
         * @return this builder
         */
        public Builder inverseMass(double[] u) {
            this.inverseMassArray = positiveArray("inverseMass", u);
            return this;
        }

        /**
         * @param x0 the initial position (length d), finite
         * @return this builder
         */
        public Builder initialPosition(double[] x0) {
            this.initialPosition = finiteArray("initialPosition", x0);
            return this;
        }

        /**
         * @param v0 the initial velocity (length d), finite; default 0
         * @return this builder
         */
        public Builder initialVelocity(double[] v0) {
            this.initialVelocity = finiteArray("initialVelocity", v0);
            return this;
        }

        /**
         * @param t0 start, finite
         * @param t1 end, finite and &gt; t0
         * @return this builder
         */
        public Builder interval(double t0, double t1) {
            if (!Double.isFinite(t0) || !Double.isFinite(t1)) {
                throw new IllegalArgumentException("t0 and t1 must be finite, got t0=" + t0 + ", t1=" + t1);
            }
            if (!(t1 > t0)) {
                throw new IllegalArgumentException("t1 must be > t0, got t0=" + t0 + ", t1=" + t1);
            }
            this.t0 = t0;
            this.t1 = t1;
            return this;
        }

        /** @return the problem */
        public LangevinProblem build() {
            if (target == null) {
                throw new IllegalArgumentException("target must be set: call target(logDensity)");
            }
            if (initialPosition == null) {
                throw new IllegalArgumentException("initialPosition must be set: call initialPosition(x0)");
            }
            if (Double.isNaN(t0)) {
                throw new IllegalArgumentException("interval must be set: call interval(t0, t1)");
            }
            int d = target.dimension();
            requireLength("initialPosition", initialPosition, d);
            double[] gamma = frictionArray == null ? filled(d, frictionScalar) : frictionArray.clone();
            requireLength("friction", gamma, d);
            double[] u = inverseMassArray == null ? filled(d, inverseMassScalar) : inverseMassArray.clone();
            requireLength("inverseMass", u, d);
            double[] v0 = initialVelocity == null ? new double[d] : initialVelocity.clone();
            requireLength("initialVelocity", v0, d);
            return new LangevinProblem(this, d, gamma, u, v0);
        }

        private static double[] filled(int d, double value) {
            double[] a = new double[d];
            Arrays.fill(a, value);
            return a;
        }

        private static void requireLength(String name, double[] a, int d) {
            if (a.length != d) {
                throw new IllegalArgumentException(name + " must have length d = " + d
                        + " (the target's dimension), got length " + a.length);
            }
        }

        private static void requirePositive(String name, int index, double value) {
            if (!(value > 0.0) || !Double.isFinite(value)) {
                throw new IllegalArgumentException(name + (index >= 0 ? "[" + index + "]" : "")
                        + " must be finite and > 0, got " + value);
            }
        }

        private static double[] positiveArray(String name, double[] a) {
            if (a == null || a.length == 0) {
                throw new IllegalArgumentException(name + " must have at least one component, got "
                        + (a == null ? "null" : "length 0"));
            }
            for (int i = 0; i < a.length; i++) {
                requirePositive(name, i, a[i]);
            }
            return a.clone();
        }

        private static double[] finiteArray(String name, double[] a) {
            if (a == null || a.length == 0) {
                throw new IllegalArgumentException(name + " must have at least one component, got "
                        + (a == null ? "null" : "length 0"));
            }
            for (int i = 0; i < a.length; i++) {
                if (!Double.isFinite(a[i])) {
                    throw new IllegalArgumentException(name + "[" + i + "] must be finite, got " + a[i]);
                }
            }
            return a.clone();
        }
    }
}
