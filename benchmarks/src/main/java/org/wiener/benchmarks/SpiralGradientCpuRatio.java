package org.wiener.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

import org.wiener.control.PidController;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.SaveAt;
import org.wiener.nde.DiscreteAdjoint;
import org.wiener.nde.Mlp;
import org.wiener.nde.ObservationLoss;
import org.wiener.nde.Regularizer;
import org.wiener.nde.SpiralOdeExperiment;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.Tsit5;

/**
 * The ratio of {@link SpiralGradientBenchmark} measured in thread CPU time, robust to a loaded machine
 * (wall-clock JMH scores on a shared machine scatter by factors): same model and calls, alternating
 * 10 forward solves and 10 gradients per round, 10 warm-up rounds then 60 measured; prints the median
 * ratio and its quartiles per regularizer.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.wiener.benchmarks.SpiralGradientCpuRatio
 * </pre>
 */
public final class SpiralGradientCpuRatio {

    private SpiralGradientCpuRatio() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        double tol = SpiralOdeExperiment.DEFAULT.tolerance();
        Mlp mlp = SpiralOdeExperiment.model();
        double[] theta = new SpiralOdeExperiment().trainModel(Regularizer.NONE, 1, 300, null).theta();
        double[] obs = SpiralOdeExperiment.observationTimes();
        double[] save = Arrays.copyOfRange(obs, 1, obs.length);
        double[][] data = SpiralOdeExperiment.trueStates(save);
        SdeProblem problem = SdeProblem.builder().drift((t, y, out) -> mlp.evaluate(t, y, theta, out))
                .initialState(2.0, 0.0).interval(0.0, 1.5).build();
        Integrator integrator = Integrator.builder().solver(new Tsit5())
                .controller(PidController.builder(tol, tol).build()).saveAt(SaveAt.times(save)).build();
        DiscreteAdjoint adjoint = DiscreteAdjoint.builder(mlp).tolerances(tol, tol).build();
        int count = 2 * obs.length;
        ObservationLoss mse = (states, bar) -> {
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
        double[] thetaBar = new double[mlp.parameterCount()];
        double[] y0Bar = new double[2];
        double[] y0 = {2.0, 0.0};
        System.out.println("spiral model after 300 iterations: " + integrator.solve(problem).stats());
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double sink = 0;
        for (Regularizer r : Regularizer.values()) {
            int rounds = 60;
            double[] ratios = new double[rounds];
            double forward = 0;
            double gradient = 0;
            for (int round = -10; round < rounds; round++) {
                long c0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < 10; i++) {
                    sink += integrator.solve(problem).finalState()[0];
                }
                long c1 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < 10; i++) {
                    Arrays.fill(thetaBar, 0.0);
                    Arrays.fill(y0Bar, 0.0);
                    sink += adjoint.evaluate(theta, 0.0, y0, save, mse, r, 0.01, 0.37, thetaBar, y0Bar).loss();
                }
                long c2 = mx.getCurrentThreadCpuTime();
                if (round >= 0) {
                    ratios[round] = (double) (c2 - c1) / (c1 - c0);
                    forward += (c1 - c0) / 1e4;
                    gradient += (c2 - c1) / 1e4;
                }
            }
            Arrays.sort(ratios);
            System.out.printf(Locale.ROOT, "%-15s forward %.0f us, gradient %.0f us (CPU time per call); "
                    + "gradient/forward median %.2f, quartiles %.2f-%.2f%n", r.spelling(), forward / rounds,
                    gradient / rounds, ratios[rounds / 2], ratios[rounds / 4], ratios[3 * rounds / 4]);
        }
        if (sink == 42.0) {
            System.out.println(); // keeps the results alive
        }
    }
}
