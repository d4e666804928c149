package org.wiener.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.wiener.study.OrderFit;
import org.wiener.study.StepMode;
import org.wiener.study.WeakOrderStudy;
import org.wiener.study.WeakResult;
import org.wiener.study.WeakRow;

import picocli.CommandLine.Command;

/**
 * {@code wiener weak-order}: a weak-order convergence study ({@link WeakOrderStudy}): the biases of
 * E[x] and E[x²] of the first state component at t1 against a same-path reference, written to
 * {@code DIR/weak-order.csv}, {@code DIR/weak-order-fits.csv} and plots.
 */
@Command(name = "weak-order", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Weak-order convergence study: per solver and level, the biases of E[x] and E[x^2] at t1 "
                + "(first component; paired with the reference on the same path) with their standard errors, "
                + "and the fitted weak orders with 95%% bootstrap intervals.",
                "Writes to DIR: weak-order.csv (a row per solver and level), weak-order-fits.csv, "
                        + "weak-order.png and .svg (|bias| against step or tolerance), weak-order-work.png and .svg "
                        + "(|bias| against mean steps).",
                "A fit means something only over levels whose biases clearly exceed their standard errors."},
        footer = {"", "Example:", "  wiener weak-order --problem gbm --solver euler,heun \\",
                "      --levels 2:6 --paths 10000 --out results/gbm-weak"})
public final class WeakOrderCommand extends AbstractStudyCommand {

    /** The CSV header; one row per solver, mode and level. */
    static final String[] HEADER = {"solver", "mode", "level", "step_or_tolerance", "mean_steps", "mean_evaluations",
        "mean_bias", "mean_error", "mean_standard_error", "second_moment_bias", "second_moment_error",
        "second_moment_standard_error", "seconds"};

    /** The header of the fits' CSV: one row per solver, mode and moment (x or x^2). */
    static final String[] FITS_HEADER = {"solver", "mode", "moment", "order_vs_step", "order_vs_step_low",
        "order_vs_step_high", "order_vs_work", "order_vs_work_low", "order_vs_work_high", "declared_weak_order"};

    @Override
    int run(Setup setup, ProgressBar bar) {
        WeakOrderStudy study = configure(WeakOrderStudy.builder(setup.problem()), setup, bar).build();
        WeakResult result = runWithBar(study::run, bar);
        PrintStream out = System.out;
        List<Path> files = write(setup, result);
        out.print(table(result.rows()).toText());
        out.println();
        out.printf(Locale.ROOT, "problem %s (%s noise), %s steps, %d paths, seed %d, reference: %s%n",
                result.problem(), setup.problem().noiseType(), CliSupport.modeName(result.mode()), result.paths(),
                result.seed(), result.reference());
        for (int i = 0; i < result.fits().size(); i++) {
            OrderFit f = result.fits().get(i);
            OrderFit g = result.secondMomentFits().get(i);
            out.println(fitLine(f, "weak order") + " (E[x]); " + String.format(Locale.ROOT,
                    "%s [%s, %s] vs %s (E[x^2]) (declared %s)", CliSupport.fixed3(g.orderVsStep()),
                    CliSupport.fixed3(g.orderVsStepLow()), CliSupport.fixed3(g.orderVsStepHigh()),
                    g.mode() == StepMode.CONSTANT ? "step" : "tolerance",
                    CliSupport.order(theory(setup, f.solver(), true))));
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
    static TextTable table(List<WeakRow> rows) {
        boolean constant = rows.isEmpty() || rows.get(0).mode() == StepMode.CONSTANT;
        TextTable table = new TextTable("solver", "mode", "level", constant ? "step" : "tolerance", "mean steps",
                "|bias x|", "se", "|bias x^2|", "se", "seconds").rightAlign(2, 3, 4, 5, 6, 7, 8, 9);
        for (WeakRow r : rows) {
            table.add(r.solver(), CliSupport.modeName(r.mode()), Integer.toString(r.level()),
                    CliSupport.sci(r.stepOrTolerance(), 3), String.format(Locale.ROOT, "%.1f", r.meanSteps()),
                    CliSupport.sci(r.meanError(), 4), CliSupport.sci(r.meanStandardError(), 2),
                    CliSupport.sci(r.secondMomentError(), 4), CliSupport.sci(r.secondMomentStandardError(), 2),
                    String.format(Locale.ROOT, "%.3f", r.seconds()));
        }
        return table;
    }

    private static List<Path> write(Setup setup, WeakResult result) {
        Path dir = setup.out();
        Path csv = dir.resolve("weak-order.csv");
        AtomicFiles.writeText(csv, w -> {
            Csv.row(w, HEADER);
            for (WeakRow r : result.rows()) {
                Csv.row(w, r.solver(), CliSupport.modeName(r.mode()), Integer.toString(r.level()),
                        Csv.number(r.stepOrTolerance()), Csv.number(r.meanSteps()), Csv.number(r.meanEvaluations()),
                        Csv.number(r.meanBias()), Csv.number(r.meanError()), Csv.number(r.meanStandardError()),
                        Csv.number(r.secondMomentBias()), Csv.number(r.secondMomentError()),
                        Csv.number(r.secondMomentStandardError()), Csv.number(r.seconds()));
            }
        });
        Path fits = dir.resolve("weak-order-fits.csv");
        AtomicFiles.writeText(fits, w -> {
            Csv.row(w, FITS_HEADER);
            for (int moment = 1; moment <= 2; moment++) {
                for (OrderFit f : moment == 1 ? result.fits() : result.secondMomentFits()) {
                    Csv.row(w, f.solver(), CliSupport.modeName(f.mode()), moment == 1 ? "x" : "x^2",
                            Csv.number(f.orderVsStep()), Csv.number(f.orderVsStepLow()),
                            Csv.number(f.orderVsStepHigh()), Csv.number(f.orderVsWork()),
                            Csv.number(f.orderVsWorkLow()), Csv.number(f.orderVsWorkHigh()),
                            Csv.number(theory(setup, f.solver(), true)));
                }
            }
        });
        List<Plots.Series> vsStep = new ArrayList<>();
        List<Plots.Series> vsWork = new ArrayList<>();
        for (OrderFit f : result.fits()) {
            List<WeakRow> rows = result.rows().stream().filter(r -> r.solver().equals(f.solver())).toList();
            double[] step = rows.stream().mapToDouble(WeakRow::stepOrTolerance).toArray();
            double[] work = rows.stream().mapToDouble(WeakRow::meanSteps).toArray();
            double[] first = rows.stream().mapToDouble(WeakRow::meanError).toArray();
            double[] second = rows.stream().mapToDouble(WeakRow::secondMomentError).toArray();
            vsStep.add(new Plots.Series(f.solver() + ": |bias E[x]|", step, first));
            vsStep.add(new Plots.Series(f.solver() + ": |bias E[x^2]|", step, second));
            vsWork.add(new Plots.Series(f.solver() + ": |bias E[x]|", work, first));
            vsWork.add(new Plots.Series(f.solver() + ": |bias E[x^2]|", work, second));
        }
        boolean constant = result.mode() == StepMode.CONSTANT;
        String title = String.format(Locale.ROOT, "Weak error on %s: %s steps, %d paths", result.problem(),
                CliSupport.modeName(result.mode()), result.paths());
        List<Path> files = new ArrayList<>(List.of(csv, fits));
        files.addAll(Plots.write(Plots.logLog(title, constant ? "step size h" : "tolerance", "|bias| at t1", vsStep),
                dir, "weak-order"));
        files.addAll(Plots.write(Plots.logLog(title, "mean steps per path", "|bias| at t1", vsWork), dir,
                "weak-order-work"));
        return files;
    }
}
