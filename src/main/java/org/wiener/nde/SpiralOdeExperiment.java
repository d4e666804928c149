package org.wiener.nde;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.wiener.control.PidController;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.SaveAt;
import org.wiener.integrate.Solution;
import org.wiener.integrate.Status;
import org.wiener.random.CounterStream;
import org.wiener.random.Seeds;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.Dopri8;
import org.wiener.solver.Tsit5;

/**
 * Experiment 1 of issue 6, the spiral neural ODE (the DiffEqFlux example behind paper B's motivating
 * figure, {@code regularization.md} §5): data from du/dt = A u³ with A = [[−0.1, 2.0], [−2.0, −0.1]],
 * u₀ = (2, 0), observed at 30 equally spaced times on [0, 1.5] (generated with Dopri8 at
 * rtol = atol = 1e−12); model f(u) = MLP(u³), 2 → 50 → 2 with tanh ({@link Mlp}); Tsit5 under the PID
 * controller at the settings' tolerance; Adam; loss = MSE over the 30 × 2 observed values (the value at
 * t = 0 is fixed, its error 0) + λ·regularizer, with exact discrete gradients ({@link DiscreteAdjoint}).
 *
 * <p><b>Evaluation protocol.</b> The final loss is the MSE of the trained model's solve with steps
 * clipped to the observation times (as in training). The prediction NFE and time are those of one
 * solve of the trained model over [0, 1.5] without save times, i.e. the cost of the learned dynamics
 * alone (OrdinaryDiffEq's {@code saveat}, which the papers used, interpolates instead of clipping
 * steps); the time is the mean of 20 repeats after 5 warm-up solves.
 *
 * <p><b>Randomness.</b> The seed determines the initialisation ({@link Mlp#initialParameters}) and the
 * local regularizers' draws u (Philox stream {@code Seeds.derive(seed, 1)}), so a run is deterministic
 * for its seed. Immutable and thread-safe (each {@link #train} call has its own state).
 */
public final class SpiralOdeExperiment implements Experiment {

    /** A = [[−0.1, 2.0], [−2.0, −0.1]]. */
    private static final double[][] A = {{-0.1, 2.0}, {-2.0, -0.1}};
    /** u₀ = (2, 0). */
    private static final double[] U0 = {2.0, 0.0};
    /** Observations: 30 equally spaced times on [0, 1.5]. */
    public static final int OBSERVATIONS = 30;
    private static final double T1 = 1.5;

    /**
     * The experiment's knobs.
     *
     * @param tolerance rtol = atol of the training and prediction solves
     * @param learningRate Adam's learning rate
     * @param iterations default iterations
     * @param lambdaError λ for {@link Regularizer#ERROR}
     * @param lambdaStiffness λ for {@link Regularizer#STIFFNESS}
     * @param lambdaLocal λ₀ for the local regularizers (decaying exponentially to λ₀/10, as paper C's 2.5 → 1.0
     *     and 100 → 10 schedules)
     */
    public record Settings(double tolerance, double learningRate, int iterations, double lambdaError,
                           double lambdaStiffness, double lambdaLocal) {
    }

    /** The settings used for {@code docs/regularization.md}. */
    public static final Settings DEFAULT = new Settings(1.4e-8, 0.01, 2000, 0.01, 0.001, 1000.0);

    private final Settings settings;

    /** The experiment with {@link #DEFAULT} settings. */
    public SpiralOdeExperiment() {
        this(DEFAULT);
    }

    /** @param settings the settings */
    public SpiralOdeExperiment(Settings settings) {
        if (settings == null || !(settings.tolerance() > 0) || !(settings.learningRate() > 0)
                || settings.iterations() < 1) {
            throw new IllegalArgumentException("settings must have tolerance > 0, learningRate > 0 and iterations >= 1, got "
                    + settings);
        }
        this.settings = settings;
    }

    @Override
    public String name() {
        return "spiral-ode";
    }

    @Override
    public int defaultIterations() {
        return settings.iterations();
    }

    /** @return the settings */
    public Settings settings() {
        return settings;
    }

    /** @return the model: MLP(u³), 2 → 50 → 2, tanh */
    public static Mlp model() {
        return Mlp.builder().layers(2, 50, 2).activation(Activation.TANH).cubedInput(true).build();
    }

    /** @return the 30 observation times t_k = 1.5·k/29 */
    public static double[] observationTimes() {
        double[] t = new double[OBSERVATIONS];
        for (int k = 0; k < OBSERVATIONS; k++) {
            t[k] = T1 * k / (OBSERVATIONS - 1);
        }
        return t;
    }

    /**
     * The true trajectory (Dopri8, rtol = atol = 1e−12) at the given times.
     *
     * @param times increasing times in (0, 1.5]
     * @return states, one row per time
     */
    public static double[][] trueStates(double[] times) {
        SdeProblem problem = SdeProblem.builder().drift((t, u, out) -> {
            double c0 = u[0] * u[0] * u[0];
            double c1 = u[1] * u[1] * u[1];
            out[0] = A[0][0] * c0 + A[0][1] * c1;
            out[1] = A[1][0] * c0 + A[1][1] * c1;
        }).initialState(U0).interval(0.0, times[times.length - 1]).build();
        Solution s = Integrator.builder().solver(new Dopri8())
                .controller(PidController.builder(1e-12, 1e-12).build()).saveAt(SaveAt.times(times)).build()
                .solve(problem);
        double[][] out = new double[times.length][];
        for (int k = 0; k < times.length; k++) {
            out[k] = s.state(k + 1);
        }
        return out;
    }

    /** Observation data at t_1 … t_29 (t_0 = 0 is u₀ itself). */
    private static final double[][] DATA = trueStates(Arrays.copyOfRange(observationTimes(), 1, OBSERVATIONS));

    /** A trained model: the result and its parameters. */
    public record Trained(TrainingResult result, double[] theta) {
        /** Defensive copy. */
        public Trained {
            theta = theta.clone();
        }

        @Override
        public double[] theta() {
            return theta.clone();
        }
    }

    @Override
    public TrainingResult train(Regularizer regularizer, long seed, int iterations,
                                Consumer<TrainingIteration> listener) {
        return trainModel(regularizer, seed, iterations, listener).result();
    }

    /**
     * Trains and returns the parameters too (for plots of the learned dynamics).
     *
     * @param regularizer the regularizer
     * @param seed the seed
     * @param iterations iterations ≥ 1
     * @param listener called after every iteration (may be null)
     * @return the result and the trained parameters
     * @throws IllegalStateException naming the iteration if the loss or its gradient becomes non-finite
     */
    public Trained trainModel(Regularizer regularizer, long seed, int iterations, Consumer<TrainingIteration> listener) {
        if (regularizer == null) {
            throw new IllegalArgumentException("regularizer must not be null");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        }
        Mlp mlp = model();
        double[] theta = mlp.initialParameters(seed);
        TrainingLoop loop = new TrainingLoop(mlp, settings.tolerance(), U0, saveTimes(), DATA, regularizer,
                schedule(regularizer, iterations), new Adam(settings.learningRate()), seed);
        long start = System.nanoTime();
        List<TrainingIteration> history = loop.run(theta, iterations, listener, start);
        double trainSeconds = (System.nanoTime() - start) * 1e-9;
        double finalLoss = loss(mlp, theta, settings.tolerance());
        Solution prediction = null;
        for (int i = 0; i < 5; i++) {
            prediction = predict(mlp, theta, settings.tolerance());
        }
        int repeats = 20;
        long t0 = System.nanoTime();
        for (int i = 0; i < repeats; i++) {
            prediction = predict(mlp, theta, settings.tolerance());
        }
        double predictSeconds = (System.nanoTime() - t0) * 1e-9 / repeats;
        if (prediction.status() != Status.SUCCESS) {
            throw new IllegalStateException("the trained model's prediction solve failed: " + prediction.message());
        }
        TrainingResult result = new TrainingResult(name(), regularizer, seed, history, finalLoss,
                prediction.stats().driftEvaluations(), trainSeconds, predictSeconds);
        return new Trained(result, theta);
    }

    private LambdaSchedule schedule(Regularizer regularizer, int iterations) {
        switch (regularizer) {
            case ERROR:
                return LambdaSchedule.constant(settings.lambdaError());
            case STIFFNESS:
                return LambdaSchedule.constant(settings.lambdaStiffness());
            case LOCAL_UNBIASED:
            case LOCAL_BIASED:
                return LambdaSchedule.exponential(settings.lambdaLocal(), settings.lambdaLocal() / 10, iterations);
            default:
                return LambdaSchedule.constant(0.0);
        }
    }

    private static double[] saveTimes() {
        return Arrays.copyOfRange(observationTimes(), 1, OBSERVATIONS);
    }

    /**
     * The MSE of a model against the data, from a solve clipped to the observation times.
     *
     * @param field the model
     * @param theta its parameters
     * @param tolerance rtol = atol
     * @return the MSE over the 30 × 2 values
     */
    public static double loss(ParametricVectorField field, double[] theta, double tolerance) {
        SdeProblem problem = problem(field, theta);
        Solution s = Integrator.builder().solver(new Tsit5()).controller(PidController.builder(tolerance, tolerance)
                .build()).saveAt(SaveAt.times(saveTimes())).build().solve(problem);
        if (s.status() != Status.SUCCESS) {
            return Double.NaN;
        }
        double sum = 0;
        for (int k = 0; k < DATA.length; k++) {
            double[] y = s.state(k + 1);
            for (int i = 0; i < 2; i++) {
                double d = y[i] - DATA[k][i];
                sum += d * d;
            }
        }
        return sum / (2 * OBSERVATIONS);
    }

    /**
     * One prediction solve over [0, 1.5] without save times (the cost of the dynamics).
     *
     * @param field the model
     * @param theta its parameters
     * @param tolerance rtol = atol
     * @return the solution
     */
    public static Solution predict(ParametricVectorField field, double[] theta, double tolerance) {
        return Integrator.builder().solver(new Tsit5()).controller(PidController.builder(tolerance, tolerance).build())
                .build().solve(problem(field, theta));
    }

    /**
     * The model's trajectory at the given times (steps clipped to them).
     *
     * @param field the model
     * @param theta its parameters
     * @param tolerance rtol = atol
     * @param times increasing times in (0, 1.5]
     * @return states, one row per time
     */
    public static double[][] modelStates(ParametricVectorField field, double[] theta, double tolerance, double[] times) {
        Solution s = Integrator.builder().solver(new Tsit5()).controller(PidController.builder(tolerance, tolerance)
                .build()).saveAt(SaveAt.times(times)).build().solve(problem(field, theta));
        double[][] out = new double[times.length][];
        for (int k = 0; k < times.length; k++) {
            out[k] = k + 1 < s.size() ? s.state(k + 1) : new double[] {Double.NaN, Double.NaN};
        }
        return out;
    }

    private static SdeProblem problem(ParametricVectorField field, double[] theta) {
        double[] th = theta.clone();
        return SdeProblem.builder().drift((t, y, out) -> field.evaluate(t, y, th, out)).initialState(U0)
                .interval(0.0, T1).build();
    }

    /**
     * The optimisation loop shared by the ODE experiments: MSE against data at save times, λ schedule,
     * seeded draws for the local regularizers, Adam or any {@link Optimizer}. Not thread-safe.
     */
    static final class TrainingLoop {
        private final ParametricVectorField field;
        private final DiscreteAdjoint adjoint;
        private final double[] y0;
        private final double[] saveTimes;
        private final double[][] data;
        private final Regularizer regularizer;
        private final LambdaSchedule schedule;
        private final Optimizer optimizer;
        private final CounterStream draws;
        private final int count;

        TrainingLoop(ParametricVectorField field, double tolerance, double[] y0, double[] saveTimes, double[][] data,
                     Regularizer regularizer, LambdaSchedule schedule, Optimizer optimizer, long seed) {
            this.field = field;
            this.adjoint = DiscreteAdjoint.builder(field).solver(new Tsit5()).tolerances(tolerance, tolerance)
                    .maxSteps(20_000).build();
            this.y0 = y0.clone();
            this.saveTimes = saveTimes.clone();
            this.data = data;
            this.regularizer = regularizer;
            this.schedule = schedule;
            this.optimizer = optimizer;
            this.draws = new CounterStream(Seeds.derive(seed, 1), 0L);
            // MSE over the save times plus the (error-free) initial value, as the 30 observations include t = 0
            this.count = (saveTimes.length + 1) * y0.length;
        }

        List<TrainingIteration> run(double[] theta, int iterations, Consumer<TrainingIteration> listener, long start) {
            if (theta.length != field.parameterCount()) {
                throw new IllegalArgumentException("theta.length must equal the model's parameterCount() = "
                        + field.parameterCount() + ", got " + theta.length);
            }
            ObservationLoss mse = (states, bar) -> {
                double sum = 0;
                for (int k = 0; k < states.length; k++) {
                    for (int i = 0; i < states[k].length; i++) {
                        double d = states[k][i] - data[k][i];
                        sum += d * d;
                        bar[k][i] = 2 * d / count;
                    }
                }
                return sum / count;
            };
            double[] gradient = new double[theta.length];
            List<TrainingIteration> history = new ArrayList<>(iterations);
            for (int it = 1; it <= iterations; it++) {
                double lambda = schedule.at(it - 1);
                double u = draws.nextUniform();
                Arrays.fill(gradient, 0.0);
                DiscreteAdjoint.Evaluation ev = adjoint.evaluate(theta, 0.0, y0, saveTimes, mse, regularizer, lambda, u,
                        gradient, null);
                if (!Double.isFinite(ev.loss())) {
                    throw new IllegalStateException("training stopped at iteration " + it + ": the loss is " + ev.loss()
                            + (ev.failure() != null ? " (" + ev.failure() + ")" : ""));
                }
                for (double g : gradient) {
                    if (!Double.isFinite(g)) {
                        throw new IllegalStateException("training stopped at iteration " + it
                                + ": the gradient is not finite");
                    }
                }
                optimizer.step(theta, gradient);
                TrainingIteration row = new TrainingIteration(it, ev.loss(), ev.taskLoss(), ev.regularization(), lambda,
                        ev.evaluations(), (System.nanoTime() - start) * 1e-9);
                history.add(row);
                if (listener != null) {
                    listener.accept(row);
                }
            }
            return history;
        }
    }
}
