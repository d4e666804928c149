import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import java.io.OutputStream;

import org.knowm.xchart.ChartEncoder;
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
 * (add {@code --step-to-observations true} to clip the steps to the observation times instead of
 * interpolating; {@code --tolerance} sets rtol = atol, default 0.3)
 * writes per-run {@code train-<reg>-<seed>.csv}, {@code summary.csv}, {@code moments.csv} and the PNG
 * plots {@code spiral_sde_training.png} (task loss and NFE per iteration) and {@code spiral_sde_moments.png}
 * (learned against observed moments) into the output directory; {@code --plot DIR} redraws the plots
 * from those CSV files.
 */
public class SpiralSdeExample {

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int data = 200;
        int batch = 20;
        int iterations = 3;
        String seeds = "1";
        Path out = null;
        double tolerance = SpiralSdeExperiment.CODE_TOLERANCE;
        boolean stepToObservations = false;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--data" -> data = Integer.parseInt(args[i + 1]);
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                case "--iterations" -> iterations = Integer.parseInt(args[i + 1]);
                case "--seeds" -> seeds = args[i + 1];
                case "--out" -> out = Path.of(args[i + 1]);
                case "--tolerance" -> tolerance = Double.parseDouble(args[i + 1]);
                case "--step-to-observations" -> stepToObservations = Boolean.parseBoolean(args[i + 1]);
                case "--plot" -> {
                    plot(Path.of(args[i + 1]));
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; allowed: --data, --batch, --iterations, --seeds, --tolerance, --step-to-observations, --out, --plot");
            }
        }
        SpiralSdeExperiment experiment = new SpiralSdeExperiment(data, batch, iterations, tolerance,
                stepToObservations);
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
            plot(out);
        }
    }

    /** Draws the two figures from the CSV files of a grid directory. */
    static void plot(Path dir) throws IOException {
        XYChart loss = chart("Spiral neural SDE: task loss per iteration", "iteration", "task loss (moment MSE)");
        loss.getStyler().setYAxisLogarithmic(true);
        XYChart nfe = chart("Spiral neural SDE: NFE of the training solve", "iteration", "drift evaluations");
        List<Path> runs;
        try (var files = Files.list(dir)) {
            runs = files.filter(p -> p.getFileName().toString().startsWith("train-")).sorted().toList();
        }
        for (Path run : runs) {
            List<String> lines = Files.readAllLines(run);
            int count = lines.size() - 1;
            double[] x = new double[count];
            double[] task = new double[count];
            double[] evals = new double[count];
            for (int i = 0; i < count; i++) {
                String[] f = lines.get(i + 1).split(",");
                x[i] = Double.parseDouble(f[0]);
                task[i] = Double.parseDouble(f[2]);
                evals[i] = Double.parseDouble(f[5]);
            }
            String name = run.getFileName().toString().replace("train-", "").replace(".csv", "");
            loss.addSeries(name, x, task).setMarker(SeriesMarkers.NONE);
            nfe.addSeries(name, x, smooth(evals, 10)).setMarker(SeriesMarkers.NONE);
        }
        save(loss, dir.resolve("spiral_sde_loss.png"));
        save(nfe, dir.resolve("spiral_sde_nfe.png"));
        // Moments: observed against the first seed of each regularizer.
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(dir.resolve("moments.csv"));
        String firstSeed = null;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (!f[0].equals("data")) {
                if (firstSeed == null) {
                    firstSeed = f[1];
                }
                if (!f[1].equals(firstSeed)) {
                    continue;
                }
            }
            double[] v = new double[5];
            for (int k = 0; k < 5; k++) {
                v[k] = Double.parseDouble(f[k + 2]);
            }
            series.computeIfAbsent(f[0], key -> new ArrayList<>()).add(v);
        }
        XYChart means = chart("Spiral neural SDE: observed (markers), vanilla (dashed), error-regularized (solid), seed "
                + firstSeed, "t", "value");
        String[] labels = {"mean u1", "mean u2", "var u1", "var u2"};
        java.awt.Color[] colors = {new java.awt.Color(0x1f77b4), new java.awt.Color(0xff7f0e),
            new java.awt.Color(0x2ca02c), new java.awt.Color(0xd62728)};
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            List<double[]> rows = e.getValue();
            double[] t = rows.stream().mapToDouble(r -> r[0]).toArray();
            for (int k = 0; k < 4; k++) {
                int col = k + 1;
                double[] y = rows.stream().mapToDouble(r -> r[col]).toArray();
                XYSeries s = means.addSeries(e.getKey() + ": " + labels[k], t, y);
                s.setLineColor(colors[k]);
                s.setMarkerColor(colors[k]);
                if (e.getKey().equals("data")) {
                    // Observations as markers only.
                    s.setMarker(SeriesMarkers.CIRCLE);
                    s.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.NONE);
                } else {
                    s.setMarker(SeriesMarkers.NONE);
                    s.setLineStyle(e.getKey().equals("none") ? org.knowm.xchart.style.lines.SeriesLines.DASH_DASH
                            : org.knowm.xchart.style.lines.SeriesLines.SOLID);
                }
            }
        }
        save(means, dir.resolve("spiral_sde_moments.png"));
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(960).height(600).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        return chart;
    }

    /** Moving average over a window (the per-iteration NFE is noisy). */
    private static double[] smooth(double[] v, int window) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int from = Math.max(0, i - window + 1);
            double s = 0;
            for (int k = from; k <= i; k++) {
                s += v[k];
            }
            out[i] = s / (i - from + 1);
        }
        return out;
    }

    private static void save(XYChart chart, Path file) throws IOException {
        try (OutputStream o = Files.newOutputStream(file)) {
            ChartEncoder.saveChart(chart, o, "png");
        }
    }
}
