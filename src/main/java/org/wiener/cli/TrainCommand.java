package org.wiener.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.wiener.nde.Experiment;
import org.wiener.nde.Regularizer;
import org.wiener.nde.SpiralOdeExperiment;
import org.wiener.nde.SpiralSdeExperiment;
import org.wiener.nde.TrainingIteration;
import org.wiener.nde.TrainingResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wiener train}: trains one neural differential equation of {@code docs/regularization.md} with
 * or without a solver-heuristic regularizer, writes {@code DIR/train.csv} (one row per iteration:
 * {@code iteration,loss,task_loss,regularization,lambda,nfe,seconds}) and prints as its last line
 * {@code final loss L, prediction NFE N}. For spiral-ode it also writes {@code DIR/trajectory.csv}
 * (the learned and the true trajectory on a fine grid).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a neural differential equation with a solver-heuristic regularizer "
                + "(Pal et al. 2021, 2023) and write DIR/train.csv "
                + "(columns iteration,loss,task_loss,regularization,lambda,nfe,seconds).",
                "The last line printed is 'final loss L, prediction NFE N'."},
        footer = {"", "Examples:", "  wiener train --experiment spiral-ode --regularizer error --seed 1 --out results/ode-error",
                "  wiener train --experiment spiral-ode --regularizer none --seed 1 --out results/ode --iterations 50",
                "  wiener train --experiment spiral-sde --regularizer error --seed 1 --out results/sde-error",
                "  (spiral-sde accepts none, error, local-unbiased and local-biased)"})
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--experiment", required = true, paramLabel = "spiral-ode|spiral-sde",
            description = "The experiment.")
    private String experimentName;

    @Option(names = "--regularizer", defaultValue = "none",
            paramLabel = "none|error|stiffness|local-unbiased|local-biased",
            description = "The regularizer. Default: ${DEFAULT-VALUE}.")
    private String regularizerName;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "X",
            description = "Seed of initialisation and random draws. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    private Path out;

    @Option(names = "--iterations", paramLabel = "N",
            description = "Optimisation iterations, >= 1 (default: the experiment's).")
    private Integer iterations;

    /**
     * @param name an experiment name
     * @return the experiment
     * @throws IllegalArgumentException naming the value and the allowed names
     */
    static Experiment experiment(String name) {
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
        switch (key) {
            case "spiral-ode":
                return new SpiralOdeExperiment();
            case "spiral-sde":
                return new SpiralSdeExperiment();
            default:
                throw new IllegalArgumentException("experiment = " + name + " is not known; allowed: spiral-ode, "
                        + "spiral-sde");
        }
    }

    @Override
    public Integer call() {
        Experiment experiment = experiment(experimentName);
        Regularizer regularizer = Regularizer.bySpelling(regularizerName);
        int n = iterations == null ? experiment.defaultIterations() : CliSupport.atLeastOne("--iterations", iterations);
        Path dir = CliSupport.outDir(out);
        List<TrainingIteration> rows = new ArrayList<>();
        int every = Math.max(1, n / 10);
        TrainingResult result;
        double[] theta = null;
        try {
            java.util.function.Consumer<TrainingIteration> listener = it -> {
                rows.add(it);
                if (it.iteration() % every == 0 || it.iteration() == n) {
                    System.out.printf(Locale.ROOT, "iteration %d/%d: loss %.6g (task %.6g, regularization %.4g), "
                            + "NFE %d, %.1f s%n", it.iteration(), n, it.loss(), it.taskLoss(), it.regularization(),
                            it.nfe(), it.seconds());
                }
            };
            if (experiment instanceof SpiralOdeExperiment) {
                SpiralOdeExperiment.Trained trained = ((SpiralOdeExperiment) experiment).trainModel(regularizer, seed, n,
                        listener);
                result = trained.result();
                theta = trained.theta();
            } else {
                result = experiment.train(regularizer, seed, n, listener);
            }
        } catch (IllegalStateException e) {
            writeCsv(dir, rows);
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        writeCsv(dir, rows);
        if (theta != null) {
            writeTrajectory(dir, (SpiralOdeExperiment) experiment, theta);
        }
        System.out.printf(Locale.ROOT, "%s, regularizer %s, seed %d: train %.2f s, prediction %.3g s%n",
                result.experiment(), regularizer.spelling(), seed, result.trainSeconds(), result.predictionSeconds());
        System.out.println("wrote " + dir.resolve("train.csv"));
        System.out.printf(Locale.ROOT, "final loss %.6g, prediction NFE %d%n", result.finalLoss(), result.predictionNfe());
        return 0;
    }

    private static void writeCsv(Path dir, List<TrainingIteration> rows) {
        AtomicFiles.writeText(dir.resolve("train.csv"), w -> {
            Csv.row(w, "iteration", "loss", "task_loss", "regularization", "lambda", "nfe", "seconds");
            for (TrainingIteration it : rows) {
                Csv.row(w, Integer.toString(it.iteration()), Csv.number(it.loss()), Csv.number(it.taskLoss()),
                        Csv.number(it.regularization()), Csv.number(it.lambda()), Long.toString(it.nfe()),
                        Csv.number(it.seconds()));
            }
        });
    }

    private static void writeTrajectory(Path dir, SpiralOdeExperiment experiment, double[] theta) {
        int points = 150;
        double[] times = new double[points];
        for (int k = 0; k < points; k++) {
            times[k] = 1.5 * (k + 1) / points;
        }
        double[][] truth = SpiralOdeExperiment.trueStates(times);
        double[][] model = SpiralOdeExperiment.modelStates(SpiralOdeExperiment.model(), theta,
                experiment.settings().tolerance(), times);
        AtomicFiles.writeText(dir.resolve("trajectory.csv"), w -> {
            Csv.row(w, "t", "true_u1", "true_u2", "model_u1", "model_u2");
            Csv.row(w, "0.0", "2.0", "0.0", "2.0", "0.0");
            for (int k = 0; k < points; k++) {
                Csv.row(w, Csv.number(times[k]), Csv.number(truth[k][0]), Csv.number(truth[k][1]),
                        Csv.number(model[k][0]), Csv.number(model[k][1]));
            }
        });
    }
}
