package org.wiener.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.wiener.study.OrderFit;
import org.wiener.study.StepMode;
import org.wiener.study.StrongOrderStudy;
import org.wiener.study.StudyResult;
import org.wiener.study.StudyRow;

import picocli.CommandLine.Command;

/**
 * {@code wiener strong-order}: a strong-order convergence study ({@link StrongOrderStudy}) of one or more
 * solvers on a test problem, written to {@code DIR/strong-order.csv}, {@code DIR/strong-order-fits.csv}
 * and plots, with a table and the fitted orders on stdout.
 */
@Command(name = "strong-order", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Strong-order convergence study: RMS strong error of each solver at each level on one "
                + "Brownian tree per path, and the fitted order with a 95%% bootstrap interval.",
                "Writes to DIR: strong-order.csv (a row per solver and level), strong-order-fits.csv, "
                        + "strong-order.png and .svg (error against step or tolerance), strong-order-work.png and "
                        + ".svg (error against mean steps), work-precision-evaluations.png/.svg and "
                        + "work-precision-seconds.png/.svg (error against evaluations and against seconds, all "
                        + "solvers on one plot)."},
        footer = {"", "Example:", "  wiener strong-order --problem gbm --solver euler,heun \\",
                "      --levels 3:8 --paths 1000 --seed 1 --out results/gbm"})
public final class StrongOrderCommand extends AbstractStudyCommand {

    /** The CSV header; one row per solver, mode and level. */
    static final String[] HEADER = {"solver", "mode", "level", "step_or_tolerance", "mean_steps", "mean_evaluations",
        "rms_error", "seconds"};

    /** The header of the fits' CSV; one row per solver and mode. */
    static final String[] FITS_HEADER = {"solver", "mode", "order_vs_step", "order_vs_step_low", "order_vs_step_high",
        "order_vs_work", "order_vs_work_low", "order_vs_work_high", "declared_order"};

    @Override
    int run(Setup setup, ProgressBar bar) {
        StrongOrderStudy study = configure(StrongOrderStudy.builder(setup.problem()), setup, bar).build();
        StudyResult result = runWithBar(study::run, bar);
        PrintStream out = System.out;
        List<Path> files = write(setup, result);
        out.print(table(result.rows()).toText());
        out.println();
        out.printf(Locale.ROOT, "problem %s (%s noise), %s steps, %d paths, seed %d, reference: %s, tree tolerance %s%n",
                result.problem(), setup.problem().noiseType(), CliSupport.modeName(result.mode()), result.paths(),
                result.seed(), result.reference(), CliSupport.sci(result.treeTolerance(), 3));
        for (OrderFit f : result.fits()) {
            out.println(fitLine(f, "order") + " (declared " + CliSupport.order(theory(setup, f.solver(), false)) + ")");
        }
        warnFailures(System.err, result.failedSolves(), result.failures());
        for (Path file : files) {
            out.println("wrote " + file);
        }
        return 0;
    }

    /**
     * @param rows the study's rows
     * @return the terminal table
     */
    static TextTable table(List<StudyRow> rows) {
        boolean constant = rows.isEmpty() || rows.get(0).mode() == StepMode.CONSTANT;
        TextTable table = new TextTable("solver", "mode", "level", constant ? "step" : "tolerance", "mean steps",
                "mean evals", "rms error", "seconds").rightAlign(2, 3, 4, 5, 6, 7);
        for (StudyRow r : rows) {
            table.add(r.solver(), CliSupport.modeName(r.mode()), Integer.toString(r.level()),
                    CliSupport.sci(r.stepOrTolerance(), 3), String.format(Locale.ROOT, "%.1f", r.meanSteps()),
                    String.format(Locale.ROOT, "%.1f", r.meanEvaluations()), CliSupport.sci(r.rmsError(), 4),
                    String.format(Locale.ROOT, "%.3f", r.seconds()));
        }
        return table;
    }

    private static List<Path> write(Setup setup, StudyResult result) {
        Path dir = setup.out();
        Path csv = dir.resolve("strong-order.csv");
        AtomicFiles.writeText(csv, w -> {
            Csv.row(w, HEADER);
            for (StudyRow r : result.rows()) {
                Csv.row(w, r.solver(), CliSupport.modeName(r.mode()), Integer.toString(r.level()),
                        Csv.number(r.stepOrTolerance()), Csv.number(r.meanSteps()), Csv.number(r.meanEvaluations()),
                        Csv.number(r.rmsError()), Csv.number(r.seconds()));
            }
        });
        Path fits = dir.resolve("strong-order-fits.csv");
        AtomicFiles.writeText(fits, w -> {
            Csv.row(w, FITS_HEADER);
            for (OrderFit f : result.fits()) {
                Csv.row(w, f.solver(), CliSupport.modeName(f.mode()), Csv.number(f.orderVsStep()),
                        Csv.number(f.orderVsStepLow()), Csv.number(f.orderVsStepHigh()), Csv.number(f.orderVsWork()),
                        Csv.number(f.orderVsWorkLow()), Csv.number(f.orderVsWorkHigh()),
                        Csv.number(theory(setup, f.solver(), false)));
            }
        });
        List<Plots.Series> vsStep = new ArrayList<>();
        List<Plots.Series> vsWork = new ArrayList<>();
        List<Plots.Series> vsEvaluations = new ArrayList<>();
        List<Plots.Series> vsSeconds = new ArrayList<>();
        List<Double> orders = new ArrayList<>();
        for (OrderFit f : result.fits()) {
            List<StudyRow> rows = result.rows(f.solver());
            double[] step = rows.stream().mapToDouble(StudyRow::stepOrTolerance).toArray();
            double[] work = rows.stream().mapToDouble(StudyRow::meanSteps).toArray();
            double[] error = rows.stream().mapToDouble(StudyRow::rmsError).toArray();
            String label = String.format(Locale.ROOT, "%s: order %s", f.solver(), CliSupport.fixed3(f.orderVsStep()));
            vsStep.add(new Plots.Series(label, step, error));
            vsWork.add(new Plots.Series(String.format(Locale.ROOT, "%s: order %s", f.solver(),
                    CliSupport.fixed3(f.orderVsWork())), work, error));
            // Work-precision: the same errors against evaluations and against seconds (per path).
            double[] evaluations = rows.stream().mapToDouble(StudyRow::meanEvaluations).toArray();
            double[] seconds = rows.stream().mapToDouble(r -> r.seconds() / result.paths()).toArray();
            vsEvaluations.add(new Plots.Series(f.solver(), evaluations, error));
            vsSeconds.add(new Plots.Series(f.solver(), seconds, error));
            orders.add(theory(setup, f.solver(), false));
        }
        boolean constant = result.mode() == StepMode.CONSTANT;
        String title = String.format(Locale.ROOT, "Strong error on %s: %s steps, %d paths", result.problem(),
                CliSupport.modeName(result.mode()), result.paths());
        List<Plots.Series> stepSeries = new ArrayList<>(vsStep);
        if (constant) {
            stepSeries.addAll(referenceLines(vsStep, orders, false));
        }
        List<Plots.Series> workSeries = new ArrayList<>(vsWork);
        workSeries.addAll(referenceLines(vsWork, orders, true));
        List<Path> files = new ArrayList<>(List.of(csv, fits));
        files.addAll(Plots.write(Plots.logLog(title, constant ? "step size h" : "tolerance",
                "RMS strong error", stepSeries), dir, "strong-order"));
        files.addAll(Plots.write(Plots.logLog(title, "mean steps per path", "RMS strong error", workSeries), dir,
                "strong-order-work"));
        files.addAll(Plots.write(Plots.logLog("Work-precision on " + result.problem(),
                "mean vector-field evaluations per path", "RMS strong error", vsEvaluations), dir,
                "work-precision-evaluations"));
        files.addAll(Plots.write(Plots.logLog("Work-precision on " + result.problem(),
                "seconds per path (summed over threads)", "RMS strong error", vsSeconds), dir,
                "work-precision-seconds"));
        return files;
    }
}
