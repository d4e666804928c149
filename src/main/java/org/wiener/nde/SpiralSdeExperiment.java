package org.wiener.nde;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.PidController;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.SaveAt;
import org.wiener.integrate.Solution;
import org.wiener.integrate.Status;
import org.wiener.random.CounterStream;
import org.wiener.random.Seeds;
import org.wiener.sde.Calculus;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.SPaRK;

/**
 * The spiral neural SDE of Pal et al. (ICML 2021), {@code regularization.md} §5.3 and §8: fit the first two
 * moments of a cubic spiral SDE with a neural SDE by the generalised method of moments, with or without the
 * error-estimate regularizer R<sub>E</sub> (§1).
 *
 * <h2>Set-up</h2>
 * <ul>
 *   <li><b>Data.</b> Itô SDE du<sub>1</sub> = (−αu<sub>1</sub>³ + βu<sub>2</sub>³) dt + γu<sub>1</sub> dW<sub>1</sub>,
 *   du<sub>2</sub> = (−βu<sub>1</sub>³ − αu<sub>2</sub>³) dt + γu<sub>2</sub> dW<sub>2</sub>, α = 0.1, β = 2, γ = 0.2,
 *   u<sub>0</sub> = (2, 0), solved in Stratonovich form (drift − ½γ²u, the design note of §8) with SPaRK at
 *   rtol = atol = 1e−3, one {@link VirtualBrownianTree} per trajectory with seed
 *   {@code Seeds.derive(DATA_SEED, k)}; observed means and (N−1)-variances at the 30 times
 *   τ<sub>i</sub> = i/29, i = 0 … 29, over 10,000 trajectories.</li>
 *   <li><b>Model.</b> Itô drift f<sub>θ</sub>(x) = W₂ tanh(W₁x³ + B₁) + B₂ ({@link Mlp} 2 → 50 → 2, Glorot
 *   init) and diffusion g<sub>φ</sub>(x) = diag(w)x + b ({@link AffineDiagonalDiffusion}: W₃ diagonal, see
 *   there; w Glorot-uniform as Flux's {@code Dense(2, 2)} diagonal, b = 0): 252 + 4 parameters.</li>
 *   <li><b>One iteration</b> (as the original code): the 100 model trajectories are one SDE of dimension
 *   200 ({@link ReplicatedField}), solved adaptively with SPaRK, rtol = atol = 0.3 (the code's SOSRI
 *   tolerances), PID controller with Diffrax's defaults, the observations being linear interpolations
 *   inside the controller's own steps (as the code's {@code saveat}; optionally the steps are clipped to
 *   the observation times instead, which forces at least 29 steps per solve), on one
 *   200-dimensional tree whose seed is {@code Seeds.derive(Seeds.derive(seed, 2), iteration)} (the data
 *   use another master seed, so data and model noise are independent). So the trajectories share steps
 *   and one error estimate E<sub>j</sub> (an RMS over all 200 components), as in the paper.</li>
 *   <li><b>Loss</b> (the code's, which takes means where {@code regularization.md} §8 writes sums):
 *   L = mean<sub>i,c</sub>(μ<sub>ic</sub> − μ̂<sub>ic</sub>)² + mean<sub>i,c</sub>(σ²<sub>ic</sub> − σ̂²<sub>ic</sub>)² over the
 *   30 times and 2 components, μ̂, σ̂² (N−1) from the 100 trajectories; with {@link Regularizer#ERROR}
 *   plus 0.2·R<sub>E</sub>, R<sub>E</sub> = Σ<sub>j</sub> E<sub>j</sub> h<sub>j</sub> (the code's c·sum, c = 0.2, constant).
 *   Exact gradients through the solve by {@link SrkDiscreteAdjoint}; AdaBelief, learning rate 0.01.</li>
 *   <li><b>Evaluation</b> (the code's final {@code loss_function(…, −1)}): MSE = L without the regularizer
 *   on one fresh batch of 100 trajectories whose tree seed {@code Seeds.derive(EVAL_SEED, 0)} is the same
 *   for every run (paired comparison); prediction NFE = drift evaluations of that batched solve (the
 *   code's {@code nf}, including the 2 of the initial-step heuristic); prediction time = wall time of that
 *   solve (best of 3 after a warm-up).</li>
 * </ul>
 * {@link Regularizer#NONE} and {@link Regularizer#ERROR} are the paper's SDE experiment. The local
 * regularizers ({@link Regularizer#LOCAL_UNBIASED}, {@link Regularizer#LOCAL_BIASED}; paper C, not run on the
 * spiral there) add 0.2·E·h of one SPaRK step from t<sub>reg</sub> on the iteration's tree
 * ({@link SrkDiscreteAdjoint.Tape#localStep}), u drawn from the Philox stream {@code Seeds.derive(seed, 3)};
 * the weight 0.2 is the global one's, our choice. Stiffness is refused (no SDE stiffness estimate).
 * Thread-safe: the data are computed once per instance (synchronised), each training run is independent.
 */
public final class SpiralSdeExperiment implements Experiment {

    /** α of the data SDE. */
    public static final double ALPHA = 0.1;
    /** β of the data SDE. */
    public static final double BETA = 2.0;
    /** γ of the data SDE. */
    public static final double GAMMA = 0.2;
    /** Number of observation times on [0, 1]. */
    public static final int OBSERVATIONS = 30;
    /** rtol = atol of the code's SOSRI model solves. */
    public static final double CODE_TOLERANCE = 0.3;
    /** c of the regularizer c·Σ E_j h_j. */
    public static final double REGULARIZATION_WEIGHT = 0.2;
    /** AdaBelief's learning rate. */
    public static final double LEARNING_RATE = 0.01;
    /** Master seed of the data trajectories. */
    public static final long DATA_SEED = 0x5D1A_2021L;
    /** Master seed of the evaluation batch. */
    public static final long EVAL_SEED = 0xE7A1_2021L;

    private static final double[] U0 = {2.0, 0.0};
    private static final double DATA_TOLERANCE = 1e-3;
    private static final double DATA_TREE_TOLERANCE = 1e-6;
    private static final double MODEL_TREE_TOLERANCE = 1e-5;
    private static final int HIDDEN = 50;

    private final int dataTrajectories;
    private final int batch;
    private final int defaultIterations;
    private final double tolerance;
    private final boolean stepToObservations;
    private Moments data;

    /** The published set-up: 10,000 data trajectories, batches of 100, 250 iterations. */
    public SpiralSdeExperiment() {
        this(10_000, 100, 250, CODE_TOLERANCE, false);
    }

    /**
     * @param dataTrajectories trajectories of the data SDE (≥ 2)
     * @param batch model trajectories per iteration and in the evaluation (≥ 2)
     * @param defaultIterations the default number of iterations (≥ 1)
     */
    public SpiralSdeExperiment(int dataTrajectories, int batch, int defaultIterations) {
        this(dataTrajectories, batch, defaultIterations, CODE_TOLERANCE, false);
    }

    /**
     * @param dataTrajectories trajectories of the data SDE (≥ 2)
     * @param batch model trajectories per iteration and in the evaluation (≥ 2)
     * @param defaultIterations the default number of iterations (≥ 1)
     * @param tolerance rtol = atol of the model solves, in (0, 1]
     * @param stepToObservations true: model solves step exactly to the 30 observation times (so every
     *     solve takes at least 29 steps); false (the default, as the original code's {@code saveat}): the
     *     controller alone chooses the steps and observations are linear interpolations inside them
     */
    public SpiralSdeExperiment(int dataTrajectories, int batch, int defaultIterations, double tolerance,
            boolean stepToObservations) {
        this.stepToObservations = stepToObservations;
        if (!(tolerance > 0 && tolerance <= 1)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1], got " + tolerance);
        }
        this.tolerance = tolerance;
        if (dataTrajectories < 2) {
            throw new IllegalArgumentException("dataTrajectories must be >= 2, got " + dataTrajectories);
        }
        if (batch < 2) {
            throw new IllegalArgumentException("batch must be >= 2, got " + batch);
        }
        if (defaultIterations < 1) {
            throw new IllegalArgumentException("defaultIterations must be >= 1, got " + defaultIterations);
        }
        this.dataTrajectories = dataTrajectories;
        this.batch = batch;
        this.defaultIterations = defaultIterations;
    }

    @Override
    public String name() {
        return "spiral-sde";
    }

    @Override
    public int defaultIterations() {
        return defaultIterations;
    }

    /** @return the observation times τ_i = i/29 */
    public static double[] observationTimes() {
        double[] t = new double[OBSERVATIONS];
        for (int i = 0; i < OBSERVATIONS; i++) {
            t[i] = i == OBSERVATIONS - 1 ? 1.0 : i / (double) (OBSERVATIONS - 1);
        }
        return t;
    }

    /**
     * Means and variances at the observation times.
     *
     * @param mean mean[i][c] at time i, component c
     * @param variance variance[i][c] with the N − 1 divisor
     */
    public record Moments(double[][] mean, double[][] variance) {
    }

    /**
     * A trained model with its result.
     *
     * @param result the result
     * @param theta the final parameters (drift then diffusion)
     */
    public record Trained(TrainingResult result, double[] theta) {
    }

    /** @return the observed moments of the data SDE (computed on first use, then kept) */
    public synchronized Moments data() {
        if (data == null) {
            data = generateData();
        }
        return data;
    }

    private Moments generateData() {
        double[] obs = observationTimes();
        double g2 = GAMMA * GAMMA;
        // Itô → Stratonovich: f_i − ½ g_i ∂g_i/∂u_i = f_i − ½ γ² u_i.
        SdeProblem problem = SdeProblem.builder()
                .drift((t, u, out) -> {
                    double a = u[0] * u[0] * u[0];
                    double b = u[1] * u[1] * u[1];
                    out[0] = -ALPHA * a + BETA * b - 0.5 * g2 * u[0];
                    out[1] = -BETA * a - ALPHA * b - 0.5 * g2 * u[1];
                })
                .diagonalDiffusion((t, u, out) -> {
                    out[0] = GAMMA * u[0];
                    out[1] = GAMMA * u[1];
                }, 2)
                .calculus(Calculus.STRATONOVICH)
                .initialState(U0).interval(0.0, 1.0).build();
        Integrator integrator = Integrator.builder().solver(new SPaRK())
                .controller(PidController.builder(DATA_TOLERANCE, DATA_TOLERANCE).build())
                .saveAt(SaveAt.times(java.util.Arrays.copyOfRange(obs, 1, OBSERVATIONS - 1))).build();
        double[][][] paths = new double[dataTrajectories][][];
        // Each trajectory depends only on its index: the result does not depend on the thread count.
        IntStream.range(0, dataTrajectories).parallel().forEach(k -> {
            VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(0.0, 1.0).dimension(2)
                    .tolerance(DATA_TREE_TOLERANCE).levyArea(LevyArea.SPACE_TIME)
                    .seed(Seeds.derive(DATA_SEED, k)).build();
            Solution s = integrator.solve(problem, tree);
            if (s.status() != Status.SUCCESS || s.size() != OBSERVATIONS) {
                throw new IllegalStateException("data trajectory " + k + " failed: " + s.message());
            }
            double[][] p = new double[OBSERVATIONS][];
            for (int i = 0; i < OBSERVATIONS; i++) {
                p[i] = s.state(i);
            }
            paths[k] = p;
        });
        return moments(paths);
    }

    /** Means and (N−1)-variances over trajectories paths[k][i][c], summed in index order. */
    static Moments moments(double[][][] paths) {
        int count = paths.length;
        int times = paths[0].length;
        int dim = paths[0][0].length;
        double[][] mean = new double[times][dim];
        double[][] var = new double[times][dim];
        for (int i = 0; i < times; i++) {
            for (int c = 0; c < dim; c++) {
                double s = 0;
                for (double[][] p : paths) {
                    s += p[i][c];
                }
                double m = s / count;
                double ss = 0;
                for (double[][] p : paths) {
                    double d = p[i][c] - m;
                    ss += d * d;
                }
                mean[i][c] = m;
                var[i][c] = ss / (count - 1);
            }
        }
        return new Moments(mean, var);
    }

    /** The batched model of one iteration. */
    private NeuralDiagonalSde batchedModel(Mlp mlp) {
        return new NeuralDiagonalSde(new ReplicatedField(mlp, batch),
                new ReplicatedDiagonalDiffusion(new AffineDiagonalDiffusion(2), batch));
    }

    private static Mlp mlp() {
        return Mlp.builder().layers(2, HIDDEN, 2).activation(Activation.TANH).cubedInput(true).build();
    }

    /**
     * @param seed the run seed
     * @return the initial parameters: Glorot MLP, diagonal w Glorot-uniform (r = √(6/4)), b = 0
     */
    public static double[] initialParameters(long seed) {
        Mlp mlp = mlp();
        double[] theta = new double[mlp.parameterCount() + 4];
        System.arraycopy(mlp.initialParameters(Seeds.derive(seed, 0)), 0, theta, 0, mlp.parameterCount());
        CounterStream stream = new CounterStream(Seeds.derive(seed, 1), 0x4449_4646L);
        double r = Math.sqrt(6.0 / 4.0);
        for (int i = 0; i < 2; i++) {
            theta[mlp.parameterCount() + i] = r * (2.0 * stream.nextUniform() - 1.0);
        }
        return theta;
    }

    private double[] batchedInitialState() {
        double[] y0 = new double[2 * batch];
        for (int b = 0; b < batch; b++) {
            y0[2 * b] = U0[0];
            y0[2 * b + 1] = U0[1];
        }
        return y0;
    }

    private VirtualBrownianTree modelTree(long seed) {
        return VirtualBrownianTree.builder().interval(0.0, 1.0).dimension(2 * batch)
                .tolerance(MODEL_TREE_TOLERANCE).levyArea(LevyArea.SPACE_TIME).seed(seed).build();
    }

    @Override
    public TrainingResult train(Regularizer regularizer, long seed, int iterations,
            Consumer<TrainingIteration> listener) {
        return trainModel(regularizer, seed, iterations, listener).result();
    }

    /**
     * Trains and also returns the final parameters.
     *
     * @param regularizer {@link Regularizer#NONE}, {@link Regularizer#ERROR}, {@link Regularizer#LOCAL_UNBIASED}
     *     or {@link Regularizer#LOCAL_BIASED}
     * @param seed run seed (initialisation and model noise)
     * @param iterations ≥ 1
     * @param listener called after each iteration, or null
     * @return the result and the parameters
     * @throws IllegalStateException naming the iteration if the loss becomes non-finite or a solve fails
     */
    public Trained trainModel(Regularizer regularizer, long seed, int iterations,
            Consumer<TrainingIteration> listener) {
        boolean local = regularizer == Regularizer.LOCAL_UNBIASED || regularizer == Regularizer.LOCAL_BIASED;
        if (regularizer != Regularizer.NONE && regularizer != Regularizer.ERROR && !local) {
            throw new IllegalArgumentException("regularizer = " + regularizer.spelling()
                    + " is not available for spiral-sde; allowed: none, error, local-unbiased, local-biased");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        }
        Moments target = data();
        double[] obs = observationTimes();
        NeuralDiagonalSde model = batchedModel(mlp());
        double tol = tolerance;
        SrkDiscreteAdjoint adjoint = new SrkDiscreteAdjoint(new SPaRK(), model, 0.0, 1.0, obs, tol, tol,
                PidController.builder(tol, tol).build(), stepToObservations);
        double[] theta = initialParameters(seed);
        double[] y0 = batchedInitialState();
        Optimizer optimizer = new AdaBelief(LEARNING_RATE);
        double weight = regularizer == Regularizer.NONE ? 0.0 : REGULARIZATION_WEIGHT;
        long noiseMaster = Seeds.derive(seed, 2);
        CounterStream draws = new CounterStream(Seeds.derive(seed, 3), 0L);
        List<TrainingIteration> history = new ArrayList<>();
        long start = System.nanoTime();
        double[][] cot = new double[OBSERVATIONS][2 * batch];
        for (int it = 1; it <= iterations; it++) {
            SrkDiscreteAdjoint.Tape tape;
            SrkDiscreteAdjoint.LocalStep localStep = null;
            VirtualBrownianTree tree = modelTree(Seeds.derive(noiseMaster, it));
            try {
                tape = adjoint.forward(theta, y0, tree);
                if (local) {
                    localStep = tape.localStep(regularizer, draws.nextUniform(), tree);
                }
            } catch (IllegalStateException e) {
                throw new IllegalStateException("spiral-sde iteration " + it + ": " + e.getMessage(), e);
            }
            double[][] observed = new double[OBSERVATIONS][];
            for (int i = 0; i < OBSERVATIONS; i++) {
                observed[i] = tape.observed(i);
            }
            double task = lossAndCotangents(observed, target, cot);
            double reg = local ? localStep.value() : tape.errorRegularization();
            double loss = task + weight * reg;
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("spiral-sde iteration " + it + ": the loss is " + loss
                        + " (task " + task + ", regularization " + reg + "); training stopped");
            }
            double[] grad = new double[theta.length];
            tape.backward(cot, local ? 0.0 : weight, grad, null);
            if (local) {
                localStep.backward(weight, grad);
            }
            optimizer.step(theta, grad);
            long nfe = tape.driftEvaluations() + (local ? localStep.driftEvaluations() : 0);
            TrainingIteration row = new TrainingIteration(it, loss, task, reg, weight, nfe,
                    (System.nanoTime() - start) * 1e-9);
            history.add(row);
            if (listener != null) {
                listener.accept(row);
            }
        }
        double trainSeconds = (System.nanoTime() - start) * 1e-9;
        Evaluation ev = evaluate(theta);
        TrainingResult result = new TrainingResult(name(), regularizer, seed, history, ev.mse, ev.nfe, trainSeconds,
                ev.seconds);
        return new Trained(result, theta);
    }

    /**
     * The task loss of one batch and its cotangents with respect to every observed state.
     *
     * @param observed observed[i] = the batched state (B blocks of 2) at observation time i
     * @param target the data moments
     * @param cot receives ∂L/∂observed[i] (same shape)
     * @return L = mean (μ − μ̂)² + mean (σ² − σ̂²)² over times and components
     */
    static double lossAndCotangents(double[][] observed, Moments target, double[][] cot) {
        int times = observed.length;
        int batch = observed[0].length / 2;
        int entries = times * 2;
        double loss = 0;
        for (int i = 0; i < times; i++) {
            double[] y = observed[i];
            for (int c = 0; c < 2; c++) {
                double s = 0;
                for (int b = 0; b < batch; b++) {
                    s += y[2 * b + c];
                }
                double m = s / batch;
                double ss = 0;
                for (int b = 0; b < batch; b++) {
                    double d = y[2 * b + c] - m;
                    ss += d * d;
                }
                double v = ss / (batch - 1);
                double dm = target.mean()[i][c] - m;
                double dv = target.variance()[i][c] - v;
                loss += (dm * dm + dv * dv) / entries;
                // ∂μ̂/∂y_b = 1/B, ∂σ̂²/∂y_b = 2(y_b − μ̂)/(B − 1) (the deviations sum to 0).
                for (int b = 0; b < batch; b++) {
                    cot[i][2 * b + c] = (-2.0 * dm / batch - 2.0 * dv * 2.0 * (y[2 * b + c] - m) / (batch - 1))
                            / entries;
                }
            }
        }
        return loss;
    }

    private record Evaluation(double mse, long nfe, double seconds, Moments moments) {
    }

    /**
     * The predicted moments of the trained model on the evaluation batch.
     *
     * @param theta parameters
     * @return means and variances over the batch at the observation times
     */
    public Moments predict(double[] theta) {
        return evaluate(theta).moments;
    }

    /**
     * Drift evaluations of the evaluation batch solved without observation times (only t0 and t1 saved):
     * the steps the controller takes by itself, which stepping to the 30 observation times otherwise hides
     * (each solve of the protocol needs at least 29 steps).
     *
     * @param theta parameters
     * @return drift evaluations of that solve
     */
    public long freeRunningNfe(double[] theta) {
        NeuralDiagonalSde model = batchedModel(mlp());
        Integrator integrator = Integrator.builder().solver(new SPaRK())
                .controller(PidController.builder(tolerance, tolerance).build()).build();
        return integrator.solve(model.problem(theta, batchedInitialState(), 0.0, 1.0),
                modelTree(Seeds.derive(EVAL_SEED, 0))).stats().driftEvaluations();
    }

    private Evaluation evaluate(double[] theta) {
        NeuralDiagonalSde model = batchedModel(mlp());
        double[] obs = observationTimes();
        double[] y0 = batchedInitialState();
        VirtualBrownianTree tree = modelTree(Seeds.derive(EVAL_SEED, 0));
        SrkDiscreteAdjoint adjoint = new SrkDiscreteAdjoint(new SPaRK(), model, 0.0, 1.0, obs, tolerance, tolerance,
                PidController.builder(tolerance, tolerance).build(), stepToObservations);
        SrkDiscreteAdjoint.Tape tape;
        try {
            tape = adjoint.forward(theta, y0, tree);
        } catch (IllegalStateException e) {
            return new Evaluation(Double.NaN, -1, Double.NaN, null);
        }
        // Time what a prediction costs: the solve that yields the observed states, without step records.
        Integrator integrator = Integrator.builder().solver(new SPaRK())
                .controller(PidController.builder(tolerance, tolerance).build())
                .saveAt(stepToObservations ? SaveAt.times(java.util.Arrays.copyOfRange(obs, 1, OBSERVATIONS - 1))
                        : SaveAt.everyStep()).build();
        SdeProblem problem = model.problem(theta, y0, 0.0, 1.0);
        integrator.solve(problem, tree);
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < 3; r++) {
            long t0 = System.nanoTime();
            integrator.solve(problem, tree);
            best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
        }
        double[][][] paths = new double[batch][OBSERVATIONS][2];
        for (int i = 0; i < OBSERVATIONS; i++) {
            double[] y = tape.observed(i);
            for (int b = 0; b < batch; b++) {
                paths[b][i][0] = y[2 * b];
                paths[b][i][1] = y[2 * b + 1];
            }
        }
        Moments pred = moments(paths);
        Moments target = data();
        double mse = 0;
        for (int i = 0; i < OBSERVATIONS; i++) {
            for (int c = 0; c < 2; c++) {
                double dm = target.mean()[i][c] - pred.mean()[i][c];
                double dv = target.variance()[i][c] - pred.variance()[i][c];
                mse += (dm * dm + dv * dv) / (2 * OBSERVATIONS);
            }
        }
        return new Evaluation(mse, tape.driftEvaluations(), best, pred);
    }
}
