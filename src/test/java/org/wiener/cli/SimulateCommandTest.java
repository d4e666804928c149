package org.wiener.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** simulate end to end: the CSV's shape and values, save grids, determinism across thread counts. */
class SimulateCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesOneRowPerPathAndSaveTime() throws Exception {
        Cli.Run run = Cli.run("simulate", "--problem", "gbm", "--solver", "heun", "--paths", "5", "--save-times",
                "0,0.5,1", "--seed", "1", "--threads", "2", "--out", dir.toString()).ok();
        List<String[]> rows = Cli.csv(dir.resolve("simulate.csv"), new String[] {"path", "t", "x1"}, 5 * 3);
        Cli.assertNumeric(rows, 0, 1, 2);
        assertArrayEquals(new double[] {0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4}, Cli.numbers(rows, 0));
        double[] t = Cli.numbers(rows, 1);
        for (int i = 0; i < t.length; i++) {
            assertEquals(0.5 * (i % 3), t[i], 0.0);
        }
        assertEquals(1.0, Double.parseDouble(rows.get(0)[2]), 0.0); // X0 of gbm
        for (double x : Cli.numbers(rows, 2)) {
            assertTrue(x > 0, "gbm stays positive: " + x);
        }
        assertTrue(run.out().contains("wrote "), run.out());
        assertTrue(run.err().endsWith("] 100%" + System.lineSeparator()), run.err());
        Cli.assertNoTempFiles(dir);
    }

    @Test
    void uniformSavesOnATwoDimensionalProblemAdaptively() throws Exception {
        Cli.run("simulate", "--problem", "commutative", "--solver", "spark", "--mode", "adaptive", "--level", "6",
                "--paths", "3", "--saves", "4", "--quiet", "--out", dir.toString()).ok();
        List<String[]> rows = Cli.csv(dir.resolve("simulate.csv"), new String[] {"path", "t", "x1", "x2"}, 3 * 5);
        Cli.assertNumeric(rows, 0, 1, 2, 3);
        assertEquals(0.75, Double.parseDouble(rows.get(3)[1]), 0.0);
    }

    @Test
    void theCirSchemesRunAdaptivelyOnTheCirProblems() throws Exception {
        Cli.run("simulate", "--problem", "cir-high", "--solver", "hosts", "--mode", "adaptive", "--level", "4",
                "--paths", "3", "--save-times", "2,4", "--quiet", "--out", dir.toString()).ok();
        List<String[]> rows = Cli.csv(dir.resolve("simulate.csv"), new String[] {"path", "t", "x1"}, 3 * 2);
        Cli.assertNumeric(rows, 0, 1, 2);
    }

    @Test
    void theOutputDoesNotDependOnTheThreadCount() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        String[] common = {"simulate", "--problem", "ou", "--solver", "euler", "--paths", "7", "--saves", "3",
            "--level", "5", "--seed", "42", "--quiet", "--out"};
        Cli.run(concat(common, a.toString(), "--threads", "1")).ok();
        Cli.run(concat(common, b.toString(), "--threads", "4")).ok();
        assertEquals(Files.readString(a.resolve("simulate.csv")), Files.readString(b.resolve("simulate.csv")));
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
