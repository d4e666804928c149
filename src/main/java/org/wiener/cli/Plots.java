package org.wiener.cli;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Log–log plots of study results with XChart, written atomically as PNG and SVG through XChart's
 * {@code ChartEncoder} (which replaces the deprecated single-chart methods of {@code BitmapEncoder} and
 * {@code VectorGraphicsEncoder} in XChart 4.0.3). XChart's SVG export uses its optional VectorGraphics2D
 * library, which the pom adds (and the CLI jar shades). Runs headless.
 */
final class Plots {

    /** Width of the images, in pixels. */
    static final int WIDTH = 960;
    /** Height of the images, in pixels. */
    static final int HEIGHT = 600;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * One series of a plot.
     *
     * @param name the legend entry
     * @param x abscissae
     * @param y ordinates
     * @param dashed whether to draw it dashed without markers (a reference line)
     */
    record Series(String name, double[] x, double[] y, boolean dashed) {
        Series(String name, double[] x, double[] y) {
            this(name, x, y, false);
        }
    }

    private Plots() {
    }

    /**
     * Builds a log–log chart. Points that a log axis cannot show (non-positive or non-finite) are left
     * out, and series left empty are dropped.
     *
     * @param title the title
     * @param xTitle the x axis title
     * @param yTitle the y axis title
     * @param series the series
     * @return the chart
     */
    static XYChart logLog(String title, String xTitle, String yTitle, List<Series> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        XYStyler styler = chart.getStyler();
        styler.setXAxisLogarithmic(true);
        styler.setYAxisLogarithmic(true);
        styler.setPlotGridLinesColor(new Color(0xDD, 0xDD, 0xDD));
        styler.setXAxisDecimalPattern("0.###E0");
        styler.setYAxisDecimalPattern("0.###E0");
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        int added = 0;
        double[] xRange = {Double.POSITIVE_INFINITY, 0};
        double[] yRange = {Double.POSITIVE_INFINITY, 0};
        for (Series s : series) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < Math.min(s.x().length, s.y().length); i++) {
                double x = s.x()[i];
                double y = s.y()[i];
                if (x > 0 && y > 0 && Double.isFinite(x) && Double.isFinite(y)) {
                    xs.add(x);
                    ys.add(y);
                    xRange[0] = Math.min(xRange[0], x);
                    xRange[1] = Math.max(xRange[1], x);
                    yRange[0] = Math.min(yRange[0], y);
                    yRange[1] = Math.max(yRange[1], y);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries added1 = chart.addSeries(s.name(), xs, ys);
            if (s.dashed()) {
                added1.setMarker(SeriesMarkers.NONE);
                added1.setLineStyle(new java.awt.BasicStroke(1.2f, java.awt.BasicStroke.CAP_BUTT,
                        java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
                added1.setLineColor(Color.GRAY);
            }
            added++;
        }
        // Label every 1-9 mantissa on short ranges; only decades beyond two decades, where that would crowd.
        styler.setXAxisLogarithmicDecadeOnly(xRange[1] > 100 * xRange[0]);
        styler.setYAxisLogarithmicDecadeOnly(yRange[1] > 100 * yRange[0]);
        if (added == 0) {
            // XChart cannot draw an empty log chart; show a placeholder instead of failing.
            chart.getStyler().setXAxisLogarithmic(false).setYAxisLogarithmic(false);
            chart.setTitle(title + " (no positive finite data)");
            chart.addSeries("no data", new double[] {0, 1}, new double[] {0, 0}).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /**
     * Writes {@code dir/base.png} and {@code dir/base.svg}, each atomically.
     *
     * @param chart the chart
     * @param dir the directory (created if missing)
     * @param base the file name without extension
     * @return the two files written
     */
    static List<Path> write(XYChart chart, Path dir, String base) {
        Path png = dir.resolve(base + ".png");
        Path svg = dir.resolve(base + ".svg");
        writePng(chart, png);
        writeSvg(chart, svg);
        return List.of(png, svg);
    }

    /**
     * @param chart the chart
     * @param file the PNG file, written atomically
     */
    static void writePng(XYChart chart, Path file) {
        AtomicFiles.write(file, out -> ChartEncoder.saveChart(chart, out, "png"));
    }

    /**
     * @param chart the chart
     * @param file the SVG file, written atomically
     */
    static void writeSvg(XYChart chart, Path file) {
        AtomicFiles.write(file, out -> svg(chart, out));
    }

    private static void svg(XYChart chart, OutputStream out) throws IOException {
        ChartEncoder.saveChart(chart, out, "svg");
    }
}
