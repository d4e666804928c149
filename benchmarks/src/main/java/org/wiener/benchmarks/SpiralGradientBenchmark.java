package org.wiener.benchmarks;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.wiener.control.PidController;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.SaveAt;
import org.wiener.integrate.Solution;
import org.wiener.nde.DiscreteAdjoint;
import org.wiener.nde.Mlp;
import org.wiener.nde.ObservationLoss;
import org.wiener.nde.Regularizer;
import org.wiener.nde.SpiralOdeExperiment;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.Tsit5;

/**
 * The cost of one exact gradient of task loss + λ·regularizer for the spiral neural ODE
 * ({@code docs/regularization.md}) against one forward solve, in microseconds per call. Issue 6's target:
 * gradient ≤ 4 × forward.
 *
 * <p>The model is the spiral MLP(u³), 2 → 50 → 2, tanh, after 300 Adam iterations without
 * regularization from seed 1 (trained in the set-up, so that the dynamics and the step count, about a hundred
 * steps at rtol = atol = 1.4e−8, are those of training rather than of the nearly linear initial network).
 * {@code forwardSolve} is the {@code Integrator} solve of training (Tsit5, PID controller, steps clipped to
 * the 29 observation times), {@code gradient} is {@code DiscreteAdjoint.evaluate} with the MSE loss on the
 * same solve, the regularizer of the parameter, and gradients with respect to θ (252 parameters) and y₀.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SpiralGradientBenchmark {

    @Param({"none", "error", "stiffness", "local-unbiased"})
    public String regularizer;

    private Mlp mlp;
    private double[] theta;
    private double[] saveTimes;
    private double[][] data;
    private Integrator integrator;
    private SdeProblem problem;
    private DiscreteAdjoint adjoint;
    private ObservationLoss mse;
    private Regularizer reg;
    private double[] thetaBar;
    private double[] y0Bar;
    private final double[] y0 = {2.0, 0.0};

    @Setup
    public void setUp() {
        double tol = SpiralOdeExperiment.DEFAULT.tolerance();
        mlp = SpiralOdeExperiment.model();
        theta = new SpiralOdeExperiment().trainModel(Regularizer.NONE, 1, 300, null).theta();
        double[] obs = SpiralOdeExperiment.observationTimes();
        saveTimes = Arrays.copyOfRange(obs, 1, obs.length);
        data = SpiralOdeExperiment.trueStates(saveTimes);
        double[] th = theta;
        problem = SdeProblem.builder().drift((t, y, out) -> mlp.evaluate(t, y, th, out)).initialState(y0)
                .interval(0.0, 1.5).build();
        integrator = Integrator.builder().solver(new Tsit5()).controller(PidController.builder(tol, tol).build())
                .saveAt(SaveAt.times(saveTimes)).build();
        adjoint = DiscreteAdjoint.builder(mlp).solver(new Tsit5()).tolerances(tol, tol).build();
        int count = 2 * obs.length;
        mse = (states, bar) -> {
            double sum = 0;
            for (int k = 0; k < states.length; k++) {
                for (int i = 0; i < 2; i++) {
                    double d = states[k][i] - data[k][i];
                    sum += d * d;
                    bar[k][i] = 2 * d / count;
                }
            }
            return sum / count;
        };
        reg = Regularizer.bySpelling(regularizer);
        thetaBar = new double[mlp.parameterCount()];
        y0Bar = new double[2];
        Solution s = integrator.solve(problem);
        System.out.println("\nspiral model after 300 iterations: " + s.stats().acceptedSteps() + " accepted steps, "
                + s.stats().driftEvaluations() + " evaluations per forward solve");
    }

    @Benchmark
    public Solution forwardSolve() {
        return integrator.solve(problem);
    }

    @Benchmark
    public double gradient() {
        Arrays.fill(thetaBar, 0.0);
        Arrays.fill(y0Bar, 0.0);
        return adjoint.evaluate(theta, 0.0, y0, saveTimes, mse, reg, 0.01, 0.37, thetaBar, y0Bar).loss();
    }
}
