package org.wiener.solver;

import java.util.EnumMap;
import java.util.Map;

import org.wiener.brownian.LevyArea;
import org.wiener.sde.Calculus;
import org.wiener.sde.NoiseType;

/**
 * What a solver declares about itself, as data: its calculus, strong and weak orders per noise class,
 * deterministic (ODE) order, the Lévy area it needs, whether it has an embedded error estimate or a
 * stiffness estimate, and its evaluations per step. The driver uses it to refuse invalid combinations
 * and to choose the controller's error order; {@code docs/solving.md} tabulates it.
 */
public final class SolverProperties {

    private final String name;
    private final Calculus calculus;
    private final Map<NoiseType, Double> strongOrders;
    private final Map<NoiseType, Double> weakOrders;
    private final double odeOrder;
    private final LevyArea levyArea;
    private final boolean embeddedError;
    private final boolean stiffnessEstimate;
    private final int driftEvaluations;
    private final int diffusionEvaluations;
    private final boolean supportsSde;
    private final double declaredStrongOrder;
    private final double odeErrorOrder;

    private SolverProperties(Builder b) {
        this.name = b.name;
        this.calculus = b.calculus;
        this.strongOrders = new EnumMap<>(b.strongOrders);
        this.weakOrders = new EnumMap<>(b.weakOrders);
        this.odeOrder = b.odeOrder;
        this.levyArea = b.levyArea;
        this.embeddedError = b.embeddedError;
        this.stiffnessEstimate = b.stiffnessEstimate;
        this.driftEvaluations = b.driftEvaluations;
        this.diffusionEvaluations = b.diffusionEvaluations;
        this.supportsSde = b.supportsSde;
        double lowest = b.strongOrders.values().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        this.declaredStrongOrder = Double.isNaN(b.declaredStrongOrder) ? lowest : b.declaredStrongOrder;
        this.odeErrorOrder = Double.isNaN(b.odeErrorOrder) ? b.odeOrder : b.odeErrorOrder;
    }

    /**
     * @param name the solver's lower-case name, as {@link Solvers#byName} knows it
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return the lower-case name */
    public String name() {
        return name;
    }

    /** @return the calculus whose solution the solver converges to */
    public Calculus calculus() {
        return calculus;
    }

    /**
     * @param noise a noise class
     * @return the strong order on problems of that class, or NaN if the solver does not apply to it
     */
    public double strongOrder(NoiseType noise) {
        return strongOrders.getOrDefault(noise, Double.NaN);
    }

    /**
     * @param noise a noise class
     * @return the weak order on problems of that class, or NaN if the solver does not apply to it
     */
    public double weakOrder(NoiseType noise) {
        return weakOrders.getOrDefault(noise, Double.NaN);
    }

    /**
     * @param noise a noise class
     * @return whether the solver applies to problems of that class (has a declared strong order)
     */
    public boolean supports(NoiseType noise) {
        return strongOrders.containsKey(noise);
    }

    /** @return the order on ODEs (no diffusion) */
    public double odeOrder() {
        return odeOrder;
    }

    /** @return whether the solver can solve SDEs at all (false for ODE-only methods) */
    public boolean supportsSde() {
        return supportsSde;
    }

    /** @return the least Lévy area the Brownian path must provide */
    public LevyArea levyArea() {
        return levyArea;
    }

    /** @return whether each step returns an error estimate (needed by error-based controllers) */
    public boolean hasEmbeddedError() {
        return embeddedError;
    }

    /** @return whether the solver estimates the stiffness of each step */
    public boolean hasStiffnessEstimate() {
        return stiffnessEstimate;
    }

    /** @return drift evaluations per step (the nominal count; the statistics count the real ones) */
    public int driftEvaluations() {
        return driftEvaluations;
    }

    /** @return diffusion evaluations per step (nominal) */
    public int diffusionEvaluations() {
        return diffusionEvaluations;
    }

    /**
     * The single strong order the solver declares, as Diffrax's {@code strong_order()}: by default the
     * lowest of its per-class orders (SPaRK 0.5, ShARK 1.5), or as set (SlowRK 1.5).
     *
     * @return the declared strong order
     */
    public double declaredStrongOrder() {
        return declaredStrongOrder;
    }

    /**
     * The order q the step-size controller uses by default, as Diffrax's {@code error_order}: the
     * declared strong order + ½ on SDEs (whatever the noise class, so that adaptive runs reproduce
     * Diffrax's), and the ODE order on ODEs (+1 for step doubling).
     *
     * @param noise the problem's noise class, or null for an ODE
     * @return the error order
     */
    public double errorOrder(NoiseType noise) {
        return noise == null ? odeErrorOrder : declaredStrongOrder + 0.5;
    }

    @Override
    public String toString() {
        return name + " (" + calculus + ", strong orders " + strongOrders + ", ODE order " + odeOrder
                + ", needs " + levyArea + (embeddedError ? ", embedded error" : "") + ")";
    }

    /** Builds {@link SolverProperties}. */
    public static final class Builder {
        private final String name;
        private Calculus calculus = Calculus.STRATONOVICH;
        private final Map<NoiseType, Double> strongOrders = new EnumMap<>(NoiseType.class);
        private final Map<NoiseType, Double> weakOrders = new EnumMap<>(NoiseType.class);
        private double odeOrder;
        private LevyArea levyArea = LevyArea.NONE;
        private boolean embeddedError;
        private boolean stiffnessEstimate;
        private int driftEvaluations = 1;
        private int diffusionEvaluations;
        private boolean supportsSde = true;
        private double declaredStrongOrder = Double.NaN;
        private double odeErrorOrder = Double.NaN;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * @param calculus the calculus converged to
         * @return this builder
         */
        public Builder calculus(Calculus calculus) {
            this.calculus = calculus;
            return this;
        }

        /**
         * Declares the orders on one noise class.
         *
         * @param noise the class
         * @param strong strong order
         * @param weak weak order
         * @return this builder
         */
        public Builder orders(NoiseType noise, double strong, double weak) {
            strongOrders.put(noise, strong);
            weakOrders.put(noise, weak);
            return this;
        }

        /**
         * Declares the same orders on the general noise classes (GENERAL, COMMUTATIVE, DIAGONAL, SCALAR)
         * and separate ones for ADDITIVE.
         *
         * @param general strong order for general noise
         * @param commutative strong order for commutative (and diagonal, scalar) noise
         * @param additive strong order for additive noise
         * @param weak weak order everywhere
         * @return this builder
         */
        public Builder orders(double general, double commutative, double additive, double weak) {
            orders(NoiseType.GENERAL, general, weak);
            orders(NoiseType.COMMUTATIVE, commutative, weak);
            orders(NoiseType.DIAGONAL, commutative, weak);
            orders(NoiseType.SCALAR, commutative, weak);
            orders(NoiseType.ADDITIVE, additive, weak);
            return this;
        }

        /**
         * @param order the order on ODEs
         * @return this builder
         */
        public Builder odeOrder(double order) {
            this.odeOrder = order;
            return this;
        }

        /**
         * @param levyArea the least level the path must have
         * @return this builder
         */
        public Builder levyArea(LevyArea levyArea) {
            this.levyArea = levyArea;
            return this;
        }

        /**
         * @param embeddedError whether steps return an error estimate
         * @return this builder
         */
        public Builder embeddedError(boolean embeddedError) {
            this.embeddedError = embeddedError;
            return this;
        }

        /**
         * @param stiffnessEstimate whether steps estimate stiffness
         * @return this builder
         */
        public Builder stiffnessEstimate(boolean stiffnessEstimate) {
            this.stiffnessEstimate = stiffnessEstimate;
            return this;
        }

        /**
         * @param drift drift evaluations per step
         * @param diffusion diffusion evaluations per step
         * @return this builder
         */
        public Builder evaluations(int drift, int diffusion) {
            this.driftEvaluations = drift;
            this.diffusionEvaluations = diffusion;
            return this;
        }

        /**
         * @param order the single strong order Diffrax declares for the solver (default: the lowest
         *     per-class order)
         * @return this builder
         */
        public Builder declaredStrongOrder(double order) {
            this.declaredStrongOrder = order;
            return this;
        }

        /**
         * @param order the controller's error order on ODEs (default: the ODE order)
         * @return this builder
         */
        public Builder odeErrorOrder(double order) {
            this.odeErrorOrder = order;
            return this;
        }

        /**
         * Marks an ODE-only method.
         *
         * @return this builder
         */
        public Builder odeOnly() {
            this.supportsSde = false;
            return this;
        }

        /** @return the properties */
        public SolverProperties build() {
            return new SolverProperties(this);
        }
    }
}
