package org.wiener.sde;

import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.util.Binary64;

/**
 * An initial-value problem dy = f(t, y) dt + g(t, y) dW (Itô) or + g(t, y) ∘ dW (Stratonovich) on
 * [t0, t1], y ∈ R<sup>n</sup>, W ∈ R<sup>m</sup>; without a diffusion it is the ODE dy/dt = f(t, y).
 *
 * <pre>{@code
 * SdeProblem gbm = SdeProblem.builder()
 *     .drift((t, y, out) -> out[0] = 0.5 * y[0])
 *     .diffusion((t, y, out) -> out[0] = 0.8 * y[0], NoiseType.SCALAR, 1)
 *     .calculus(Calculus.ITO)
 *     .initialState(1.0).interval(0.0, 1.0)
 *     .build();
 * }</pre>
 *
 * Immutable and thread-safe if its functions are.
 */
public final class SdeProblem {

    private final Drift drift;
    private final Diffusion diffusion;
    private final DiffusionDerivative diffusionDerivative;
    private final NoiseType noiseType;
    private final Calculus calculus;
    private final int dimension;
    private final int noiseDimension;
    private final double[] initialState;
    private final double t0;
    private final double t1;
    /** The drift correction {@link #drift} applies when it came from {@link #inCalculus}, else null. */
    private final CorrectedDrift correction;

    private SdeProblem(Builder b) {
        this.drift = b.drift;
        this.correction = b.correction;
        this.diffusion = b.diffusion;
        this.diffusionDerivative = b.diffusionDerivative;
        this.noiseType = b.noiseType;
        this.calculus = b.calculus;
        this.dimension = b.initialState.length;
        this.noiseDimension = b.noiseDimension;
        this.initialState = b.initialState.clone();
        this.t0 = b.t0;
        this.t1 = b.t1;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the drift f */
    public Drift drift() {
        return drift;
    }

    /** @return the diffusion g, or null for an ODE */
    public Diffusion diffusion() {
        return diffusion;
    }

    /** @return the directional derivative of g, or null if neither supplied nor derivable */
    public DiffusionDerivative diffusionDerivative() {
        return diffusionDerivative;
    }

    /** @return the declared noise structure, or null for an ODE */
    public NoiseType noiseType() {
        return noiseType;
    }

    /** @return the calculus the equation is written in (Stratonovich for an ODE, where they agree) */
    public Calculus calculus() {
        return calculus;
    }

    /** @return whether there is no diffusion */
    public boolean isOde() {
        return diffusion == null;
    }

    /** @return n, the state dimension */
    public int dimension() {
        return dimension;
    }

    /** @return m, the number of Brownian components (0 for an ODE) */
    public int noiseDimension() {
        return noiseDimension;
    }

    /** @return a copy of y(t0) */
    public double[] initialState() {
        return initialState.clone();
    }

    /** @return the start time */
    public double t0() {
        return t0;
    }

    /** @return the end time */
    public double t1() {
        return t1;
    }

    /**
     * The same process written in the other calculus, by the drift correction
     * f<sub>S</sub> = f<sub>I</sub> − ½ Σ<sub>j</sub> (∂g<sub>j</sub>/∂y)·g<sub>j</sub> (columns g<sub>j</sub>
     * of g). Needs the diffusion derivative. Additive noise needs no correction.
     *
     * @param target the calculus wanted
     * @return this problem if it is already in {@code target}, else the converted problem
     */
    public SdeProblem inCalculus(Calculus target) {
        if (target == null) {
            throw new IllegalArgumentException("target must be ITO or STRATONOVICH, got null");
        }
        if (target == calculus || isOde()) {
            return this;
        }
        Builder b = toBuilder().calculus(target);
        if (noiseType == NoiseType.ADDITIVE) {
            return b.build();
        }
        if (diffusionDerivative == null) {
            throw new IllegalArgumentException("converting to " + target + " needs the diffusion's derivative: "
                    + "give diffusionDerivative(...) or a FieldDiffusion");
        }
        double sign = target == Calculus.STRATONOVICH ? -0.5 : 0.5;
        b.correction = new CorrectedDrift(drift, diffusion, diffusionDerivative, sign, dimension, noiseDimension);
        b.drift = b.correction.threadSafe();
        return b.build();
    }

    /**
     * The drift f for the use of one thread, typically one solve: the same function as {@link #drift()},
     * giving the same values bit for bit, but for a problem converted by {@link #inCalculus} it owns the
     * scratch memory of the drift correction, where {@link #drift()} looks it up per call in a
     * {@link ThreadLocal} (a measurable cost on small problems, where the drift is evaluated a few times
     * per step). For any other problem it is {@link #drift()} itself. Steppers create one per solve.
     *
     * @return a drift that is not thread-safe when this problem was converted by {@link #inCalculus}
     */
    public Drift driftForOneThread() {
        return correction == null ? drift : correction.withOwnScratch();
    }

    /** @return a builder holding this problem's settings */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.drift = drift;
        b.correction = correction;
        b.diffusion = diffusion;
        b.diffusionDerivative = diffusionDerivative;
        b.noiseType = noiseType;
        b.noiseDimension = noiseDimension;
        b.calculus = calculus;
        b.initialState = initialState.clone();
        b.t0 = t0;
        b.t1 = t1;
        return b;
    }

    /**
     * The drift of a converted problem, f<sub>I</sub> ± ½ Σ<sub>j</sub> (∂g<sub>j</sub>/∂y)·g<sub>j</sub>, with the
     * scratch memory (g, a column g<sub>j</sub>, the directional derivative) supplied per evaluation: from a
     * {@link ThreadLocal} in the thread-safe form that {@link SdeProblem#drift()} returns, or owned by the
     * instance that {@link #withOwnScratch} returns for one thread. Both run the same arithmetic in the same
     * order, so they agree bit for bit. Immutable.
     */
    private static final class CorrectedDrift {
        private final Drift original;
        private final Diffusion g;
        private final DiffusionDerivative dg;
        private final double sign;
        private final int n;
        private final int m;

        CorrectedDrift(Drift original, Diffusion g, DiffusionDerivative dg, double sign, int n, int m) {
            this.original = original;
            this.g = g;
            this.dg = dg;
            this.sign = sign;
            this.n = n;
            this.m = m;
        }

        void evaluate(double t, double[] y, double[] out, double[] gm, double[] column, double[] jvp) {
            original.evaluate(t, y, out);
            g.evaluate(t, y, gm);
            if (n == 1 && m == 1) {
                // The loops below for one component and one column (scalar SDEs such as GBM).
                column[0] = gm[0];
                dg.evaluate(t, y, column, jvp);
                out[0] += sign * jvp[0];
                return;
            }
            for (int j = 0; j < m; j++) {
                for (int i = 0; i < n; i++) {
                    column[i] = gm[i * m + j];
                }
                dg.evaluate(t, y, column, jvp);
                for (int i = 0; i < n; i++) {
                    out[i] += sign * jvp[i * m + j];
                }
            }
        }

        Drift threadSafe() {
            ThreadLocal<double[][]> scratch = ThreadLocal.withInitial(() -> new double[][] {
                new double[n * m], new double[n], new double[n * m]});
            return (t, y, out) -> {
                double[][] s = scratch.get();
                evaluate(t, y, out, s[0], s[1], s[2]);
            };
        }

        Drift withOwnScratch() {
            double[] gm = new double[n * m];
            double[] column = new double[n];
            double[] jvp = new double[n * m];
            return (t, y, out) -> evaluate(t, y, out, gm, column, jvp);
        }
    }

    /** Builds an {@link SdeProblem}; drift, initial state and interval are required. */
    public static final class Builder {
        private Drift drift;
        /** Set together with {@link #drift} by {@link SdeProblem#inCalculus}; any other drift clears it. */
        private CorrectedDrift correction;
        private int odeDimension = -1;
        private Diffusion diffusion;
        private DiffusionDerivative diffusionDerivative;
        private NoiseType noiseType;
        private int noiseDimension;
        private Calculus calculus = Calculus.STRATONOVICH;
        private double[] initialState;
        private double t0 = Double.NaN;
        private double t1 = Double.NaN;

        private Builder() {
        }

        /**
         * @param drift f(t, y)
         * @return this builder
         */
        public Builder drift(Drift drift) {
            if (drift == null) {
                throw new IllegalArgumentException("drift must not be null");
            }
            this.drift = drift;
            this.correction = null;
            this.odeDimension = -1;
            return this;
        }

        /**
         * Uses a Hipparchus ODE as the drift, so that Hipparchus users can add noise to what they have.
         * Hipparchus's interface returns a new array per call, so this drift allocates.
         *
         * @param ode the equation; its dimension must match the initial state
         * @return this builder
         */
        public Builder drift(OrdinaryDifferentialEquation ode) {
            if (ode == null) {
                throw new IllegalArgumentException("ode must not be null");
            }
            int n = ode.getDimension();
            this.odeDimension = n;
            this.correction = null;
            this.drift = (t, y, out) -> {
                double[] d = ode.computeDerivatives(t, y);
                if (d.length != n) {
                    throw new IllegalArgumentException("ode.computeDerivatives must return " + n + " values, got " + d.length);
                }
                System.arraycopy(d, 0, out, 0, n);
            };
            return this;
        }

        /**
         * @param diffusion g(t, y), n×m row-major
         * @param noiseType the declared structure of g
         * @param noiseDimension m, the number of Brownian components (n for DIAGONAL, 1 for SCALAR)
         * @return this builder
         */
        public Builder diffusion(Diffusion diffusion, NoiseType noiseType, int noiseDimension) {
            if (diffusion == null) {
                throw new IllegalArgumentException("diffusion must not be null (omit it for an ODE)");
            }
            if (noiseType == null) {
                throw new IllegalArgumentException(
                        "noiseType must be one of ADDITIVE, DIAGONAL, SCALAR, COMMUTATIVE, GENERAL, got null");
            }
            if (noiseDimension < 1) {
                throw new IllegalArgumentException("noiseDimension must be >= 1, got " + noiseDimension);
            }
            this.diffusion = diffusion;
            this.noiseType = noiseType;
            this.noiseDimension = noiseDimension;
            return this;
        }

        /**
         * Diagonal noise given by its n diagonal entries: {@code diagonal} writes g<sub>ii</sub> into
         * {@code out[i]}; Wiener spreads them into the n×n matrix without extra memory.
         *
         * @param diagonal writes the n diagonal entries
         * @param dimension n (the noise dimension equals the state dimension)
         * @return this builder
         */
        public Builder diagonalDiffusion(Diffusion diagonal, int dimension) {
            if (diagonal == null) {
                throw new IllegalArgumentException("diagonal must not be null");
            }
            int n = dimension;
            return diffusion((Diffusion) (t, y, out) -> {
                diagonal.evaluate(t, y, out);
                // Spread out[0..n-1] onto the diagonal, last first, so that nothing unread is overwritten.
                for (int i = n - 1; i >= 0; i--) {
                    double v = out[i];
                    out[i] = 0.0;
                    out[i * n + i] = v;
                }
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        if (i != j && i * n + j >= n) {
                            out[i * n + j] = 0.0;
                        }
                    }
                }
            }, NoiseType.DIAGONAL, dimension);
        }

        /**
         * A diffusion written over any field: evaluated in doubles through Hipparchus's {@code Binary64}
         * and differentiated exactly through {@code Gradient} (which also sets
         * {@link #diffusionDerivative}). Convenient rather than fast: it allocates field objects per call.
         *
         * @param diffusion g over a field
         * @param noiseType the declared structure
         * @param noiseDimension m
         * @return this builder
         */
        public Builder fieldDiffusion(FieldDiffusion diffusion, NoiseType noiseType, int noiseDimension) {
            if (diffusion == null) {
                throw new IllegalArgumentException("diffusion must not be null (omit it for an ODE)");
            }
            diffusion((Diffusion) (t, y, out) -> {
                Binary64[] fy = new Binary64[y.length];
                for (int i = 0; i < y.length; i++) {
                    fy[i] = new Binary64(y[i]);
                }
                Binary64[] fo = new Binary64[out.length];
                diffusion.evaluate(new Binary64(t), fy, fo);
                for (int i = 0; i < out.length; i++) {
                    out[i] = fo[i].getReal();
                }
            }, noiseType, noiseDimension);
            this.diffusionDerivative = (t, y, v, out) -> {
                Gradient[] gy = new Gradient[y.length];
                for (int i = 0; i < y.length; i++) {
                    gy[i] = new Gradient(y[i], v[i]);
                }
                Gradient[] go = new Gradient[out.length];
                diffusion.evaluate(Gradient.constant(1, t), gy, go);
                for (int i = 0; i < out.length; i++) {
                    out[i] = go[i].getGradient()[0];
                }
            };
            return this;
        }

        /**
         * @param derivative the directional derivative of g in y
         * @return this builder
         */
        public Builder diffusionDerivative(DiffusionDerivative derivative) {
            this.diffusionDerivative = derivative;
            return this;
        }

        /**
         * @param calculus ITO or STRATONOVICH (default STRATONOVICH)
         * @return this builder
         */
        public Builder calculus(Calculus calculus) {
            if (calculus == null) {
                throw new IllegalArgumentException("calculus must be ITO or STRATONOVICH, got null");
            }
            this.calculus = calculus;
            return this;
        }

        /**
         * @param y0 the initial state, finite, at least one component
         * @return this builder
         */
        public Builder initialState(double... y0) {
            if (y0 == null || y0.length == 0) {
                throw new IllegalArgumentException("initialState must have at least one component");
            }
            for (int i = 0; i < y0.length; i++) {
                if (!Double.isFinite(y0[i])) {
                    throw new IllegalArgumentException("initialState[" + i + "] must be finite, got " + y0[i]);
                }
            }
            this.initialState = y0.clone();
            return this;
        }

        /**
         * @param t0 start, finite
         * @param t1 end, finite and greater than t0
         * @return this builder
         */
        public Builder interval(double t0, double t1) {
            if (!Double.isFinite(t0) || !Double.isFinite(t1)) {
                throw new IllegalArgumentException("t0 and t1 must be finite, got t0=" + t0 + ", t1=" + t1);
            }
            if (!(t1 > t0)) {
                throw new IllegalArgumentException("t1 must be > t0 (reverse-time solves are not supported), got t0="
                        + t0 + ", t1=" + t1);
            }
            this.t0 = t0;
            this.t1 = t1;
            return this;
        }

        /** @return the problem */
        public SdeProblem build() {
            if (drift == null) {
                throw new IllegalArgumentException("drift must be set: call drift(f)");
            }
            if (initialState == null) {
                throw new IllegalArgumentException("initialState must be set: call initialState(y0)");
            }
            if (Double.isNaN(t0)) {
                throw new IllegalArgumentException("interval must be set: call interval(t0, t1)");
            }
            int n = initialState.length;
            if (odeDimension >= 0 && odeDimension != n) {
                throw new IllegalArgumentException("the Hipparchus ODE's dimension " + odeDimension
                        + " must equal the initial state's dimension " + n);
            }
            if (noiseType == NoiseType.DIAGONAL && noiseDimension != n) {
                throw new IllegalArgumentException("DIAGONAL noise needs noiseDimension == dimension " + n
                        + ", got " + noiseDimension);
            }
            if (noiseType == NoiseType.SCALAR && noiseDimension != 1) {
                throw new IllegalArgumentException("SCALAR noise needs noiseDimension 1, got " + noiseDimension);
            }
            if (diffusion == null) {
                calculus = Calculus.STRATONOVICH;
            }
            return new SdeProblem(this);
        }
    }
}
