import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.wiener.nde.Regularizer;
import org.wiener.nde.SpiralOdeExperiment;
import org.wiener.nde.TrainingIteration;
import org.wiener.nde.TrainingResult;

/**
 * The spiral neural ODE grid of docs/regularization.md: every regularizer × seeds 1..S, with the
 * default settings of {@code SpiralOdeExperiment}. Prints the summary table (mean ± sd over seeds) and,
 * with an output directory, writes per-run CSVs and the PNG plots.
 *
 * <pre>
 * java -cp "target/classes:$(cat target/classpath.txt)" examples/SpiralOdeRegularization.java 2000 3 docs/images
 * </pre>
 * Arguments: iterations (default 3, a smoke run), seeds (default 1), output directory (default or "-": none),
 * Adam's learning rate and the error regularizer's λ (defaults: those of {@code SpiralOdeExperiment.DEFAULT}).
 * DiffEqFlux's spiral tutorial protocol of docs/regularization.md is {@code 300 3 - 0.05 0.01}.
 */
public class SpiralOdeRegularization {

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Path out = args.length > 2 && !args[2].equals("-") ? Path.of(args[2]) : null;
        SpiralOdeExperiment.Settings d = SpiralOdeExperiment.DEFAULT;
        double learningRate = args.length > 3 ? Double.parseDouble(args[3]) : d.learningRate();
        double lambdaError = args.length > 4 ? Double.parseDouble(args[4]) : d.lambdaError();
        SpiralOdeExperiment experiment = new SpiralOdeExperiment(new SpiralOdeExperiment.Settings(d.tolerance(),
                learningRate, iterations, lambdaError, d.lambdaStiffness(), d.lambdaLocal()));
        System.out.println("settings: " + experiment.settings() + ", iterations " + iterations + ", seeds 1.." + seeds);
        Regularizer[] regs = Regularizer.values();
        TrainingResult[][] results = new TrainingResult[regs.length][seeds];
        double[][][] thetas = new double[regs.length][seeds][];
        for (int r = 0; r < regs.length; r++) {
            for (int s = 0; s < seeds; s++) {
                SpiralOdeExperiment.Trained trained = experiment.trainModel(regs[r], s + 1, iterations, null);
                results[r][s] = trained.result();
                thetas[r][s] = trained.theta();
                TrainingResult x = trained.result();
                System.out.printf(Locale.ROOT, "%-15s seed %d: final loss %.4e, prediction NFE %d, train %.1f s, "
                        + "predict %.3f ms%n", regs[r].spelling(), s + 1, x.finalLoss(), x.predictionNfe(),
                        x.trainSeconds(), 1e3 * x.predictionSeconds());
            }
        }
        double vanillaNfe = mean(results[0], TrainingResult::predictionNfe);
        double vanillaLoss = mean(results[0], TrainingResult::finalLoss);
        System.out.println();
        System.out.println("| Regularizer | Final loss (MSE) | Prediction NFE | NFE ratio | Loss ratio | Train (s) | Predict (ms) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int r = 0; r < regs.length; r++) {
            TrainingResult[] row = results[r];
            System.out.printf(Locale.ROOT, "| %s | %.3e ± %.2e | %.1f ± %.1f | %.3f | %.2f | %.1f ± %.1f | %.3f ± %.3f |%n",
                    regs[r].spelling(), mean(row, TrainingResult::finalLoss), sd(row, TrainingResult::finalLoss),
                    mean(row, TrainingResult::predictionNfe), sd(row, TrainingResult::predictionNfe),
                    mean(row, TrainingResult::predictionNfe) / vanillaNfe,
                    mean(row, TrainingResult::finalLoss) / vanillaLoss,
                    mean(row, TrainingResult::trainSeconds), sd(row, TrainingResult::trainSeconds),
                    1e3 * mean(row, TrainingResult::predictionSeconds), 1e3 * sd(row, TrainingResult::predictionSeconds));
        }
        if (out == null) {
            return;
        }
        Files.createDirectories(out);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("spiral-ode-runs.csv")))) {
            w.println("regularizer,seed,final_loss,prediction_nfe,train_seconds,predict_seconds");
            for (int r = 0; r < regs.length; r++) {
                for (int s = 0; s < seeds; s++) {
                    TrainingResult x = results[r][s];
                    w.printf(Locale.ROOT, "%s,%d,%s,%d,%s,%s%n", regs[r].spelling(), s + 1, x.finalLoss(),
                            x.predictionNfe(), x.trainSeconds(), x.predictionSeconds());
                }
            }
        }
        // Loss curves and NFE over training, seed 1 of each regularizer (NFE smoothed over 25 iterations).
        XYChart loss = chart("Spiral neural ODE: task loss (seed 1)", "iteration", "task loss (MSE)", true);
        XYChart nfe = chart("Spiral neural ODE: NFE of the training solve (seed 1, 25-iteration mean)", "iteration",
                "NFE", false);
        for (int r = 0; r < regs.length; r++) {
            List<TrainingIteration> its = results[r][0].iterations();
            double[] x = new double[its.size()];
            double[] y = new double[its.size()];
            double[] z = new double[its.size()];
            double window = 0;
            for (int i = 0; i < its.size(); i++) {
                x[i] = its.get(i).iteration();
                y[i] = its.get(i).taskLoss();
                window += its.get(i).nfe();
                if (i >= 25) {
                    window -= its.get(i - 25).nfe();
                }
                z[i] = window / Math.min(i + 1, 25);
            }
            line(loss, regs[r].spelling(), x, y);
            line(nfe, regs[r].spelling(), x, z);
        }
        save(loss, out.resolve("spiral-ode-loss.png"));
        save(nfe, out.resolve("spiral-ode-nfe.png"));
        // Learned against true trajectories (seed 1), in the phase plane.
        XYChart phase = chart("Spiral neural ODE: learned vs true trajectory (seed 1)", "u1", "u2", false);
        int points = 300;
        double[] times = new double[points];
        for (int k = 0; k < points; k++) {
            times[k] = 1.5 * (k + 1) / points;
        }
        double[][] truth = SpiralOdeExperiment.trueStates(times);
        line(phase, "true", column(truth, 0), column(truth, 1));
        for (int r = 0; r < regs.length; r++) {
            double[][] m = SpiralOdeExperiment.modelStates(SpiralOdeExperiment.model(), thetas[r][0],
                    experiment.settings().tolerance(), times);
            line(phase, regs[r].spelling(), column(m, 0), column(m, 1));
        }
        double[] obsT = SpiralOdeExperiment.observationTimes();
        double[][] obs = SpiralOdeExperiment.trueStates(java.util.Arrays.copyOfRange(obsT, 1, obsT.length));
        XYSeries dots = phase.addSeries("observations", column(obs, 0), column(obs, 1));
        dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        save(phase, out.resolve("spiral-ode-trajectories.png"));
        System.out.println("wrote " + out.toAbsolutePath());
    }

    interface Metric {
        double of(TrainingResult r);
    }

    static double mean(TrainingResult[] rows, Metric m) {
        double s = 0;
        for (TrainingResult r : rows) {
            s += m.of(r);
        }
        return s / rows.length;
    }

    static double sd(TrainingResult[] rows, Metric m) {
        if (rows.length < 2) {
            return 0;
        }
        double mu = mean(rows, m);
        double s = 0;
        for (TrainingResult r : rows) {
            s += (m.of(r) - mu) * (m.of(r) - mu);
        }
        return Math.sqrt(s / (rows.length - 1));
    }

    static double[] column(double[][] rows, int c) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][c];
        }
        return out;
    }

    static XYChart chart(String title, String x, String y, boolean logY) {
        XYChart chart = new XYChartBuilder().width(960).height(600).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(4);
        return chart;
    }

    static void line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
    }

    static void save(XYChart chart, Path file) throws IOException {
        try (OutputStream o = Files.newOutputStream(file)) {
            ChartEncoder.saveChart(chart, o, "png");
        }
    }
}
