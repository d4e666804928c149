import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.wiener.nde.Regularizer;
import org.wiener.nde.SpiralSdeExperiment;
import org.wiener.nde.TrainingIteration;
import org.wiener.nde.TrainingResult;

/**
 * The spiral neural SDE of Pal et al. (ICML 2021, {@code regularization.md} §8): vanilla against
 * error-estimate regularized training, with exact discrete gradients through adaptive SPaRK solves.
 *
 * <p>Default arguments run a smoke-size version in seconds (200 data trajectories, batches of 20,
 * 3 iterations, seed 1). The grid of {@code docs/regularization.md}:
 * {@code java -cp "target/classes:$(cat target/classpath.txt)" examples/SpiralSdeExample.java
 * --data 10000 --batch 100 --iterations 250 --seeds 1,2,3 --out target/spiral-sde}
 * writes per-run {@code train-<reg>-<seed>.csv}, {@code summary.csv}, {@code moments.csv} and two PNG
 * plots into the output directory.
 */
public class SpiralSdeExample {

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int data = 200;
        int batch = 20;
        int iterations = 3;
        String seeds = "1";
        Path out = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--data" -> data = Integer.parseInt(args[i + 1]);
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                case "--iterations" -> iterations = Integer.parseInt(args[i + 1]);
                case "--seeds" -> seeds = args[i + 1];
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; allowed: --data, --batch, --iterations, --seeds, --out");
            }
        }
        SpiralSdeExperiment experiment = new SpiralSdeExperiment(data, batch, iterations);
        long t0 = System.nanoTime();
        SpiralSdeExperiment.Moments target = experiment.data();
        System.out.printf(Locale.ROOT, "data: %d trajectories in %.1f s%n", data, (System.nanoTime() - t0) * 1e-9);
        if (out != null) {
            Files.createDirectories(out);
        }
        StringBuilder summary = new StringBuilder("regularizer,seed,mse,prediction_nfe,free_running_nfe,"
                + "train_seconds,prediction_seconds\n");
        List<double[]> lossCurves = new ArrayList<>();
        List<String> curveNames = new ArrayList<>();
        StringBuilder moments = new StringBuilder("regularizer,seed,t,mean1,mean2,var1,var2\n");
        double[] obs = SpiralSdeExperiment.observationTimes();
        for (int i = 0; i < obs.length; i++) {
            moments.append(String.format(Locale.ROOT, "data,0,%.6f,%.8g,%.8g,%.8g,%.8g%n", obs[i],
                    target.mean()[i][0], target.mean()[i][1], target.variance()[i][0], target.variance()[i][1]));
        }
        for (Regularizer reg : new Regularizer[] {Regularizer.NONE, Regularizer.ERROR}) {
            for (String s : seeds.split(",")) {
                long seed = Long.parseLong(s.trim());
                List<TrainingIteration> rows = new ArrayList<>();
                SpiralSdeExperiment.Trained trained = experiment.trainModel(reg, seed, iterations, rows::add);
                TrainingResult r = trained.result();
                long free = experiment.freeRunningNfe(trained.theta());
                System.out.printf(Locale.ROOT, "%s seed %d: MSE %.5f, prediction NFE %d (free-running %d), "
                        + "train %.1f s, predict %.4f s%n", reg.spelling(), seed, r.finalLoss(), r.predictionNfe(),
                        free, r.trainSeconds(), r.predictionSeconds());
                summary.append(String.format(Locale.ROOT, "%s,%d,%.8g,%d,%d,%.3f,%.5f%n", reg.spelling(), seed,
                        r.finalLoss(), r.predictionNfe(), free, r.trainSeconds(), r.predictionSeconds()));
                SpiralSdeExperiment.Moments pred = experiment.predict(trained.theta());
                for (int i = 0; i < obs.length; i++) {
                    moments.append(String.format(Locale.ROOT, "%s,%d,%.6f,%.8g,%.8g,%.8g,%.8g%n", reg.spelling(),
                            seed, obs[i], pred.mean()[i][0], pred.mean()[i][1], pred.variance()[i][0],
                            pred.variance()[i][1]));
                }
                double[] curve = rows.stream().mapToDouble(TrainingIteration::taskLoss).toArray();
                lossCurves.add(curve);
                curveNames.add(reg.spelling() + " seed " + seed);
                if (out != null) {
                    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(
                            out.resolve("train-" + reg.spelling() + "-" + seed + ".csv")))) {
                        w.println("iteration,loss,task_loss,regularization,lambda,nfe,seconds");
                        for (TrainingIteration it : rows) {
                            w.printf(Locale.ROOT, "%d,%.8g,%.8g,%.8g,%.4g,%d,%.3f%n", it.iteration(), it.loss(),
                                    it.taskLoss(), it.regularization(), it.lambda(), it.nfe(), it.seconds());
                        }
                    }
                }
            }
        }
        System.out.print(summary);
        if (out != null) {
            Files.writeString(out.resolve("summary.csv"), summary);
            Files.writeString(out.resolve("moments.csv"), moments);
            XYChart chart = new XYChartBuilder().width(960).height(600).title("Spiral neural SDE: training loss")
                    .xAxisTitle("iteration").yAxisTitle("task loss (moment MSE)").build();
            chart.getStyler().setYAxisLogarithmic(true);
            for (int k = 0; k < lossCurves.size(); k++) {
                double[] c = lossCurves.get(k);
                double[] x = new double[c.length];
                for (int i = 0; i < c.length; i++) {
                    x[i] = i + 1;
                }
                XYSeries series = chart.addSeries(curveNames.get(k), x, c);
                series.setMarker(SeriesMarkers.NONE);
            }
            BitmapEncoder.saveBitmap(chart, out.resolve("spiral_sde_loss").toString(), BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
