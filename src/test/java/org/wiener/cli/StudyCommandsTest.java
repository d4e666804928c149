package org.wiener.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** strong-order, weak-order and solver-orders end to end on tiny sizes: CSV, plots, stdout, progress. */
class StudyCommandsTest {

    @TempDir
    Path dir;

    @Test
    void strongOrderWritesCsvFitsAndPlotsAndPrintsTheOrders() throws Exception {
        Path out = dir.resolve("not/yet/there");
        Cli.Run run = Cli.run("strong-order", "--problem", "gbm", "--solver", "euler,heun", "--mode", "constant",
                "--levels", "2:4", "--paths", "16", "--seed", "3", "--threads", "2", "--out", out.toString()).ok();

        List<String[]> rows = Cli.csv(out.resolve("strong-order.csv"), StrongOrderCommand.HEADER, 2 * 3);
        Cli.assertNumeric(rows, 2, 3, 4, 5, 6, 7);
        assertEquals("euler", rows.get(0)[0]);
        assertEquals("constant", rows.get(0)[1]);
        assertEquals("heun", rows.get(5)[0]);
        assertEquals(List.of(2.0, 3.0, 4.0), List.of(Double.parseDouble(rows.get(0)[2]),
                Double.parseDouble(rows.get(1)[2]), Double.parseDouble(rows.get(2)[2])));
        assertEquals(0.25, Double.parseDouble(rows.get(0)[3]), 0.0); // gbm on [0, 1]: step 2^-2
        assertEquals(4.0, Double.parseDouble(rows.get(0)[4]), 0.0); // 2^2 steps
        for (double e : Cli.numbers(rows, 6)) {
            assertTrue(e > 0 && e < 1, "rms error " + e);
        }
        List<String[]> fits = Cli.csv(out.resolve("strong-order-fits.csv"), StrongOrderCommand.FITS_HEADER, 2);
        Cli.assertNumeric(fits, 2, 3, 4, 5, 6, 7, 8);
        Cli.assertPng(out.resolve("strong-order.png"));
        Cli.assertSvg(out.resolve("strong-order.svg"));
        Cli.assertPng(out.resolve("strong-order-work.png"));
        Cli.assertSvg(out.resolve("strong-order-work.svg"));
        for (String workPrecision : new String[] {"work-precision-evaluations", "work-precision-seconds"}) {
            Cli.assertPng(out.resolve(workPrecision + ".png"));
            Cli.assertSvg(out.resolve(workPrecision + ".svg"));
        }
        Cli.assertNoTempFiles(out);

        assertTrue(run.out().contains("euler constant: order "), run.out());
        assertTrue(run.out().matches("(?s).*heun constant: order -?\\d+\\.\\d{3} \\[-?\\d+\\.\\d{3}, -?\\d+\\.\\d{3}\\] vs step; "
                + "-?\\d+\\.\\d{3} \\[-?\\d+\\.\\d{3}, -?\\d+\\.\\d{3}\\] vs work \\(declared 1\\).*"), run.out());
        assertTrue(run.out().contains("rms error"), run.out());
        // The progress bar: carriage returns, a full bar, one final newline.
        assertTrue(run.err().contains("\r["), run.err());
        assertTrue(run.err().endsWith("] 100%" + System.lineSeparator()), run.err());
    }

    @Test
    void strongOrderIsTheSameForAnyThreadCountAndQuietIsSilent() throws Exception {
        String[] args = {"strong-order", "--problem", "ou", "--solver", "heun", "--levels", "2:3", "--paths", "6",
            "--quiet"};
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Cli.Run run = Cli.run(concat(args, "--threads", "1", "--out", a.toString())).ok();
        assertEquals("", run.err());
        Cli.run(concat(args, "--threads", "3", "--out", b.toString())).ok();
        List<String[]> ra = Cli.csv(a.resolve("strong-order.csv"), StrongOrderCommand.HEADER, 2);
        List<String[]> rb = Cli.csv(b.resolve("strong-order.csv"), StrongOrderCommand.HEADER, 2);
        for (int i = 0; i < ra.size(); i++) {
            for (int c = 0; c < 7; c++) { // every column but seconds
                assertEquals(ra.get(i)[c], rb.get(i)[c], "row " + i + ", column " + StrongOrderCommand.HEADER[c]);
            }
        }
    }

    @Test
    void strongOrderAdaptiveWithTheCirSchemesUsesTheCirController() throws Exception {
        Cli.Run run = Cli.run("strong-order", "--problem", "cir-medium", "--solver", "hosts,die", "--mode", "adaptive",
                "--levels", "2:3", "--paths", "4", "--threads", "2", "--quiet", "--out", dir.toString()).ok();
        List<String[]> rows = Cli.csv(dir.resolve("strong-order.csv"), StrongOrderCommand.HEADER, 4);
        Cli.assertNumeric(rows, 2, 3, 4, 5, 6, 7);
        assertEquals("adaptive", rows.get(0)[1]);
        assertEquals(0.25, Double.parseDouble(rows.get(0)[3]), 0.0); // ctol = 2^-2
        assertTrue(run.out().contains("hosts adaptive: order "), run.out());
        assertTrue(run.out().contains("vs tolerance"), run.out());
        assertTrue(run.out().contains("tree tolerance 1.53e-05"), run.out()); // paper A: 2^-16
    }

    @Test
    void weakOrderWritesCsvAndPlots() throws Exception {
        Cli.Run run = Cli.run("weak-order", "--problem", "gbm", "--solver", "euler,heun", "--levels", "2:3",
                "--paths", "20", "--threads", "2", "--quiet", "--out", dir.toString()).ok();
        List<String[]> rows = Cli.csv(dir.resolve("weak-order.csv"), WeakOrderCommand.HEADER, 4);
        Cli.assertNumeric(rows, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        List<String[]> fits = Cli.csv(dir.resolve("weak-order-fits.csv"), WeakOrderCommand.FITS_HEADER, 4);
        Cli.assertNumeric(fits, 3, 4, 5, 6, 7, 8, 9);
        Cli.assertPng(dir.resolve("weak-order.png"));
        Cli.assertSvg(dir.resolve("weak-order.svg"));
        Cli.assertPng(dir.resolve("weak-order-work.png"));
        Cli.assertSvg(dir.resolve("weak-order-work.svg"));
        assertTrue(run.out().contains("heun constant: weak order "), run.out());
        assertTrue(run.out().contains("|bias x|"), run.out());
    }

    @Test
    void solverOrdersWritesCsvAndMarkdown() throws Exception {
        Cli.Run run = Cli.run("solver-orders", "--solver", "euler,heun,shark", "--levels", "2:3", "--paths", "6",
                "--threads", "2", "--quiet", "--out", dir.toString()).ok();
        // euler and heun: general, commutative, additive; shark: additive only.
        List<String[]> rows = Cli.csv(dir.resolve("solver-orders.csv"), SolverOrdersCommand.HEADER, 7);
        Cli.assertNumeric(rows, 5, 6, 7, 8, 9, 10, 11);
        for (String[] row : rows) {
            assertTrue(List.of("agrees", "higher", "lower").contains(row[12]), row[12]);
        }
        String md = Files.readString(dir.resolve("solver-orders.md"));
        assertTrue(md.contains("| name | calculus | general | commutative | additive |"), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| shark | Strat. | – | – | 1.5 · ")), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| euler | Itô | 0.5 · ")), md);
        assertTrue(run.out().contains("measured orders agree"), run.out());
        assertFalse(md.contains("ralston"), md);
    }

    @Test
    void eachCommandHasHelp() {
        for (String command : List.of("strong-order", "weak-order", "simulate", "problems", "solvers",
                "solver-orders", "tour")) {
            Cli.Run run = Cli.run(command, "--help").ok();
            assertTrue(run.out().startsWith("Usage: wiener " + command), run.out());
        }
        Cli.Run run = Cli.run("--help").ok();
        for (String command : List.of("strong-order", "weak-order", "simulate", "problems", "solvers",
                "solver-orders")) {
            assertTrue(run.out().contains("  " + command + " "), run.out());
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
