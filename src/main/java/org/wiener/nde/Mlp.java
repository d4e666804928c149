package org.wiener.nde;

import java.util.Arrays;

import org.wiener.random.CounterStream;

/**
 * A multilayer perceptron f(t, y; θ) as a {@link ParametricVectorField}: hidden layers apply an
 * {@link Activation}, the output layer is linear.
 *
 * <pre>{@code
 * Mlp spiral = Mlp.builder().layers(2, 50, 2).activation(Activation.TANH).cubedInput(true).build();
 * double[] theta = spiral.initialParameters(seed);
 * }</pre>
 *
 * <p><b>Input.</b> x = y (or y³ elementwise with {@code cubedInput}, the spiral model f(u) = MLP(u³) of
 * {@code regularization.md} §8), followed by t with {@code timeInput}; so the first layer has
 * widths[0] + 1 inputs when t is appended. widths[0] and the last width both equal the state dimension n.
 *
 * <p><b>Parameter layout</b> (flat θ, {@link #parameterCount()} entries): layer by layer l = 1 … L,
 * first the weight matrix W<sub>l</sub> row-major (out<sub>l</sub> rows of in<sub>l</sub> entries,
 * W[r][c] at offset + r·in + c), then the bias b<sub>l</sub> (out<sub>l</sub> entries). Layer l computes
 * z<sub>l</sub> = W<sub>l</sub> a<sub>l−1</sub> + b<sub>l</sub>, a<sub>l</sub> = σ(z<sub>l</sub>) (a<sub>L</sub> = z<sub>L</sub>).
 *
 * <p><b>Initialisation</b> ({@link #initialParameters(long)}): Glorot &amp; Bengio's uniform ("Xavier")
 * rule, W ~ U(−r, r) with r = √(6/(in + out)), biases 0 (Flux's {@code Dense} default), from a Philox
 * {@link CounterStream} keyed by the seed, entries drawn in layout order.
 *
 * <p><b>Threads.</b> Immutable; evaluations use per-thread scratch arrays (one small set per thread,
 * allocated on a thread's first call), so one instance serves any number of threads and calls do not
 * allocate afterwards.
 */
public final class Mlp implements ParametricVectorField {

    private final int[] widths;
    private final Activation activation;
    private final boolean timeInput;
    private final boolean cubedInput;
    private final int[] inputs;
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final int parameterCount;
    private final ThreadLocal<Scratch> scratch;

    private Mlp(Builder b) {
        this.widths = b.widths.clone();
        this.activation = b.activation;
        this.timeInput = b.timeInput;
        this.cubedInput = b.cubedInput;
        int layers = widths.length - 1;
        inputs = new int[layers];
        weightOffset = new int[layers];
        biasOffset = new int[layers];
        int offset = 0;
        for (int l = 0; l < layers; l++) {
            inputs[l] = widths[l] + (l == 0 && timeInput ? 1 : 0);
            weightOffset[l] = offset;
            offset += inputs[l] * widths[l + 1];
            biasOffset[l] = offset;
            offset += widths[l + 1];
        }
        parameterCount = offset;
        scratch = ThreadLocal.withInitial(() -> new Scratch(inputs, widths));
    }

    /** @return a builder: layers are required */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int dimension() {
        return widths[0];
    }

    @Override
    public int parameterCount() {
        return parameterCount;
    }

    /** @return a copy of the layer widths */
    public int[] widths() {
        return widths.clone();
    }

    /** @return the hidden layers' activation */
    public Activation activation() {
        return activation;
    }

    /** @return whether t is appended to the input */
    public boolean timeInput() {
        return timeInput;
    }

    /** @return whether the state enters cubed */
    public boolean cubedInput() {
        return cubedInput;
    }

    /**
     * Seeded Glorot-uniform weights and zero biases (see the class documentation).
     *
     * @param seed the seed
     * @return a new parameter vector
     */
    public double[] initialParameters(long seed) {
        double[] theta = new double[parameterCount];
        // Stream 0x4D4C50 ("MLP") keeps initialisation independent of other streams of the same seed.
        CounterStream stream = new CounterStream(seed, 0x4D4C50L);
        for (int l = 0; l < inputs.length; l++) {
            int in = inputs[l];
            int out = widths[l + 1];
            double r = Math.sqrt(6.0 / (in + out));
            for (int i = 0; i < in * out; i++) {
                theta[weightOffset[l] + i] = r * (2.0 * stream.nextUniform() - 1.0);
            }
        }
        return theta;
    }

    @Override
    public void evaluate(double t, double[] y, double[] theta, double[] out) {
        checkTheta(theta);
        Scratch s = scratch.get();
        forward(t, y, theta, s);
        System.arraycopy(s.act[inputs.length], 0, out, 0, widths[widths.length - 1]);
    }

    @Override
    public void vectorJacobianProduct(double t, double[] y, double[] theta, double[] a, double[] yBar,
                                      double[] thetaBar) {
        checkTheta(theta);
        if (thetaBar.length != parameterCount) {
            throw new IllegalArgumentException("thetaBar.length must equal parameterCount() = " + parameterCount
                    + ", got " + thetaBar.length);
        }
        Scratch s = scratch.get();
        forward(t, y, theta, s);
        int layers = inputs.length;
        // g holds the cotangent of z_l, going down from the linear output layer.
        double[] g = s.grad[layers];
        System.arraycopy(a, 0, g, 0, widths[layers]);
        for (int l = layers - 1; l >= 0; l--) {
            int in = inputs[l];
            int out = widths[l + 1];
            double[] below = s.act[l];
            double[] gBelow = s.grad[l];
            Arrays.fill(gBelow, 0, in, 0.0);
            int w = weightOffset[l];
            int bo = biasOffset[l];
            for (int r = 0; r < out; r++) {
                double gr = g[r];
                thetaBar[bo + r] += gr;
                int row = w + r * in;
                for (int c = 0; c < in; c++) {
                    thetaBar[row + c] += gr * below[c];
                    gBelow[c] += gr * theta[row + c];
                }
            }
            if (l > 0) {
                double[] z = s.pre[l - 1];
                for (int c = 0; c < in; c++) {
                    gBelow[c] *= derivativeAt(z[c], below[c]);
                }
            }
            g = gBelow;
        }
        int n = widths[0];
        for (int i = 0; i < n; i++) {
            yBar[i] += cubedInput ? g[i] * 3.0 * y[i] * y[i] : g[i];
        }
    }

    private double derivativeAt(double z, double value) {
        // tanh' = 1 − tanh²: reuse the stored activation rather than a second tanh (bitwise the same).
        return activation == Activation.TANH ? 1.0 - value * value : activation.derivative(z);
    }

    private void forward(double t, double[] y, double[] theta, Scratch s) {
        int n = widths[0];
        double[] x = s.act[0];
        for (int i = 0; i < n; i++) {
            double yi = y[i];
            x[i] = cubedInput ? yi * yi * yi : yi;
        }
        if (timeInput) {
            x[n] = t;
        }
        int layers = inputs.length;
        for (int l = 0; l < layers; l++) {
            int in = inputs[l];
            int out = widths[l + 1];
            double[] below = s.act[l];
            double[] above = s.act[l + 1];
            int w = weightOffset[l];
            int bo = biasOffset[l];
            boolean hidden = l < layers - 1;
            double[] z = hidden ? s.pre[l] : above;
            for (int r = 0; r < out; r++) {
                double sum = theta[bo + r];
                int row = w + r * in;
                for (int c = 0; c < in; c++) {
                    sum += theta[row + c] * below[c];
                }
                z[r] = sum;
            }
            if (hidden) {
                for (int r = 0; r < out; r++) {
                    above[r] = activation.value(z[r]);
                }
            }
        }
    }

    private void checkTheta(double[] theta) {
        if (theta.length != parameterCount) {
            throw new IllegalArgumentException("theta.length must equal parameterCount() = " + parameterCount
                    + ", got " + theta.length);
        }
    }

    /** Per-thread working arrays: activations (index 0 = input), pre-activations of hidden layers, cotangents. */
    private static final class Scratch {
        final double[][] act;
        final double[][] pre;
        final double[][] grad;

        Scratch(int[] inputs, int[] widths) {
            int layers = inputs.length;
            act = new double[layers + 1][];
            grad = new double[layers + 1][];
            pre = new double[layers][];
            for (int l = 0; l <= layers; l++) {
                int size = l < layers ? inputs[l] : widths[layers];
                act[l] = new double[size];
                grad[l] = new double[size];
            }
            for (int l = 0; l < layers; l++) {
                pre[l] = new double[widths[l + 1]];
            }
        }
    }

    /** Builds an {@link Mlp}. */
    public static final class Builder {
        private int[] widths;
        private Activation activation = Activation.TANH;
        private boolean timeInput;
        private boolean cubedInput;

        private Builder() {
        }

        /**
         * @param widths layer widths from input to output, at least two, all ≥ 1; first and last equal
         *     (the state dimension)
         * @return this builder
         */
        public Builder layers(int... widths) {
            if (widths == null || widths.length < 2) {
                throw new IllegalArgumentException("layers must list at least 2 widths (input and output), got "
                        + (widths == null ? "null" : Arrays.toString(widths)));
            }
            for (int i = 0; i < widths.length; i++) {
                if (widths[i] < 1) {
                    throw new IllegalArgumentException("layers[" + i + "] must be >= 1, got " + widths[i]);
                }
            }
            if (widths[0] != widths[widths.length - 1]) {
                throw new IllegalArgumentException("layers: the output width " + widths[widths.length - 1]
                        + " must equal the input width (state dimension) " + widths[0]);
            }
            this.widths = widths.clone();
            return this;
        }

        /**
         * @param activation the hidden layers' activation (default TANH; the output layer is linear)
         * @return this builder
         */
        public Builder activation(Activation activation) {
            if (activation == null) {
                throw new IllegalArgumentException("activation must not be null");
            }
            this.activation = activation;
            return this;
        }

        /**
         * @param timeInput whether t is appended to the input (default false)
         * @return this builder
         */
        public Builder timeInput(boolean timeInput) {
            this.timeInput = timeInput;
            return this;
        }

        /**
         * @param cubedInput whether the state enters as y³ elementwise (default false)
         * @return this builder
         */
        public Builder cubedInput(boolean cubedInput) {
            this.cubedInput = cubedInput;
            return this;
        }

        /** @return the network */
        public Mlp build() {
            if (widths == null) {
                throw new IllegalArgumentException("layers must be set: call layers(...)");
            }
            return new Mlp(this);
        }
    }
}
