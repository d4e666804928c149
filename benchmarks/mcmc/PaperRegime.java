import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.wiener.langevin.LangevinSampler;
import org.wiener.langevin.LangevinSolvers;
import org.wiener.langevin.SamplerResult;
import org.wiener.langevin.diagnostics.EnergyDistance;
import org.wiener.langevin.target.LogisticRegression;

/**
 * The many-short-chains regime of paper A (reference/langevin.md §10.5–10.6): 256 chains started at 0 with
 * no warm-up and no preconditioner (inverse mass 1), the cross-chain sample at each output compared with a
 * long Stan run by the energy distance, against the mean number of gradient evaluations per chain so far.
 * LMC methods as in the paper: QUICSORT with constant steps dt0 = 0.07 and HalfSolver(QUICSORT) (here
 * quicsort_doubled) with PID atol 0.1, dtmin = dt0/10, dtmax = 50·dt0; chain_sep 0.5, 64 outputs. NUTS: the
 * iterations of nuts_short.R (256 chains, 20 warm-up iterations kept, 32 more), x = mean cumulative leapfrog
 * steps. The noise floor is the energy distance between 256 reference draws and the reference sample.
 *
 * <p>Run after the build and the R scripts (see docs/mcmc.md):
 * {@code java -cp "target/classes:$(cat target/classpath.txt)" benchmarks/mcmc/PaperRegime.java pima target/mcmc docs/images}
 */
public class PaperRegime {

    static final int CHAINS = 256;
    static final int OUTPUTS = 64;

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: PaperRegime.java NAME OUT_DIR IMAGES_DIR [DATA_DIR]");
            System.exit(2);
        }
        String name = args[0];
        Path out = Path.of(args[1]);
        Path images = Path.of(args[2]);
        Path data = Path.of(args.length > 3 ? args[3] : "/work/shared/data").resolve(name + ".csv");
        LogisticRegression target = LogisticRegression.fromCsv(data);
        int d = target.dimension();
        double[][] refAll = readMatrix(out.resolve("reference_" + name + "_draws.csv"), 0);
        // Reference: the even rows; noise floor: 256 of the odd rows against it.
        List<double[]> ref = new ArrayList<>();
        List<double[]> floorSample = new ArrayList<>();
        for (int i = 0; i < refAll.length; i++) {
            (i % 2 == 0 ? ref : floorSample).add(refAll[i]);
        }
        double[][] reference = ref.toArray(new double[0][]);
        double floor = EnergyDistance.of(floorSample.subList(0, CHAINS).toArray(new double[0][]), reference);

        StringBuilder csv = new StringBuilder("method,output,gradient_evaluations,energy_distance\n");
        List<Object[]> series = new ArrayList<>();

        // NUTS: rows chain, iter, n_leapfrog, parameters...
        double[][] nuts = readMatrix(out.resolve("nuts_short_" + name + ".csv"), 0);
        int iters = 0;
        for (double[] row : nuts) {
            iters = Math.max(iters, (int) row[1] + 1);
        }
        double[][][] state = new double[iters][CHAINS][];
        double[] leapfrog = new double[iters];
        for (double[] row : nuts) {
            int c = (int) row[0];
            int it = (int) row[1];
            state[it][c] = java.util.Arrays.copyOfRange(row, 3, 3 + d);
            leapfrog[it] += row[2] / CHAINS;
        }
        double[] nx = new double[iters];
        double[] ny = new double[iters];
        double cumulative = 0;
        for (int it = 0; it < iters; it++) {
            cumulative += leapfrog[it];
            nx[it] = cumulative;
            ny[it] = EnergyDistance.of(state[it], reference);
            csv.append(String.format(Locale.ROOT, "nuts,%d,%.1f,%.6g%n", it, nx[it], ny[it]));
        }
        series.add(new Object[] {"NUTS (rstan, 20 warm-up iterations kept)", nx, ny});

        String[][] methods = {{"QUICSORT, constant step 0.07", "quicsort", "step", "0.07"},
            {"QUICSORT doubled, PID atol 0.1", "quicsort_doubled", "tolerance", "0.1"}};
        for (String[] m : methods) {
            LangevinSampler.Builder b = LangevinSampler.builder().solver(LangevinSolvers.byName(m[1])).chains(CHAINS)
                    .draws(OUTPUTS).warmup(0).chainSeparation(0.5).seed(1).threads(2).paperSteps(true);
            if (m[2].equals("step")) {
                b.step(Double.parseDouble(m[3]));
            } else {
                b.tolerance(Double.parseDouble(m[3]));
            }
            SamplerResult r = b.build().sample(target);
            if (!r.completed()) {
                throw new IllegalStateException(m[0] + ": " + r.message());
            }
            double[][][] draws = r.draws();
            int points = OUTPUTS / 2;
            double[] x = new double[points];
            double[] y = new double[points];
            for (int p = 0; p < points; p++) {
                int k = 2 * p + 1; // every second output, as in the paper
                double[][] sample = new double[CHAINS][];
                double grads = 0;
                for (int c = 0; c < CHAINS; c++) {
                    sample[c] = draws[c][k];
                    grads += r.gradientEvaluationsAtDraw(c)[k];
                }
                x[p] = grads / CHAINS;
                y[p] = EnergyDistance.of(sample, reference);
                csv.append(String.format(Locale.ROOT, "%s,%d,%.1f,%.6g%n", m[1], k, x[p], y[p]));
            }
            series.add(new Object[] {"Wiener " + m[0], x, y});
            System.out.printf(Locale.ROOT, "%s %s: %d gradient evaluations per chain, final energy distance %.3g%n",
                    name, m[0], r.totalGradientEvaluations() / CHAINS, y[points - 1]);
        }
        System.out.printf(Locale.ROOT, "%s NUTS: %.0f leapfrog steps per chain, final energy distance %.3g; floor %.3g%n",
                name, nx[iters - 1], ny[iters - 1], floor);
        csv.append(String.format(Locale.ROOT, "floor,0,0,%.6g%n", floor));
        Files.writeString(out.resolve("paper_regime_" + name + ".csv"), csv.toString());

        XYChart chart = new XYChartBuilder().width(900).height(560)
                .title(name + ": 256 short chains from 0, energy distance to a long Stan run")
                .xAxisTitle("gradient evaluations per chain").yAxisTitle("energy distance").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xDD, 0xDD, 0xDD));
        double xmin = Double.POSITIVE_INFINITY;
        double xmax = 0;
        for (Object[] s : series) {
            double[] x = (double[]) s[1];
            double[] y = (double[]) s[2];
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                if (x[i] > 0 && y[i] > 0) {
                    xs.add(x[i]);
                    ys.add(y[i]);
                    xmin = Math.min(xmin, x[i]);
                    xmax = Math.max(xmax, x[i]);
                }
            }
            chart.addSeries((String) s[0], xs, ys);
        }
        chart.addSeries("noise floor (256 reference draws)", new double[] {xmin, xmax}, new double[] {floor, floor})
                .setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE).setLineColor(Color.GRAY);
        Files.createDirectories(images);
        try (var png = Files.newOutputStream(images.resolve("mcmc_energy_" + name + ".png"))) {
            ChartEncoder.saveChart(chart, png, "png");
        }
    }

    /** Reads a numeric CSV with a header (R's write.csv: quoted names, no row names). */
    static double[][] readMatrix(Path file, int skipColumns) {
        try {
            List<String> lines = Files.readAllLines(file);
            double[][] rows = new double[lines.size() - 1][];
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split(",");
                rows[i - 1] = new double[f.length - skipColumns];
                for (int j = skipColumns; j < f.length; j++) {
                    rows[i - 1][j - skipColumns] = Double.parseDouble(f[j]);
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
