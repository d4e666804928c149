package org.wiener.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesTheCsvAndEndsWithTheContractLine() throws IOException {
        Path out = dir.resolve("ode");
        Cli.Run run = Cli.run("train", "--experiment", "spiral-ode", "--regularizer", "local-biased", "--seed", "3",
                "--out", out.toString(), "--iterations", "4").ok();
        List<String> lines = run.out().strip().lines().toList();
        Matcher m = Pattern.compile("final loss (\\S+), prediction NFE (\\d+)").matcher(lines.get(lines.size() - 1));
        assertTrue(m.matches(), lines.get(lines.size() - 1));
        double finalLoss = Double.parseDouble(m.group(1));
        assertTrue(finalLoss > 0 && Long.parseLong(m.group(2)) > 0);
        List<String> csv = Files.readAllLines(out.resolve("train.csv"));
        assertEquals("iteration,loss,task_loss,regularization,lambda,nfe,seconds", csv.get(0));
        assertEquals(5, csv.size());
        for (int i = 1; i <= 4; i++) {
            String[] f = csv.get(i).split(",");
            assertEquals(7, f.length);
            assertEquals(Integer.toString(i), f[0]);
            double loss = Double.parseDouble(f[1]);
            double task = Double.parseDouble(f[2]);
            double reg = Double.parseDouble(f[3]);
            double lambda = Double.parseDouble(f[4]);
            assertEquals(loss, task + lambda * reg, 1e-12 * loss, "loss = task + λ·R");
            assertTrue(reg > 0 && lambda > 0 && Long.parseLong(f[5]) > 0);
        }
        assertTrue(Files.readAllLines(out.resolve("trajectory.csv")).size() > 100);
        // Same seed, same numbers.
        Path again = dir.resolve("again");
        Cli.run("train", "--experiment", "spiral-ode", "--regularizer", "local-biased", "--seed", "3",
                "--out", again.toString(), "--iterations", "4").ok();
        List<String> csv2 = Files.readAllLines(again.resolve("train.csv"));
        for (int i = 1; i <= 4; i++) {
            assertEquals(csv.get(i).substring(0, csv.get(i).lastIndexOf(',')),
                    csv2.get(i).substring(0, csv2.get(i).lastIndexOf(',')));
        }
    }

    @Test
    void badFlags() {
        Cli.run("train", "--experiment", "spiral-ode", "--regularizer", "tayode", "--out", dir.toString())
                .usageError("regularizer = tayode", "local-unbiased");
        Cli.run("train", "--experiment", "mnist", "--out", dir.toString()).usageError("experiment = mnist",
                "spiral-ode");
        Cli.run("train", "--experiment", "spiral-ode", "--out", dir.toString(), "--iterations", "0")
                .usageError("--iterations");
        // spiral-sde resolves to the neural-SDE experiment, which takes none or error (checked before its data
        // are simulated; a real spiral-sde run simulates 10,000 data trajectories, too slow for a unit test).
        Cli.run("train", "--experiment", "spiral-sde", "--regularizer", "stiffness", "--out", dir.toString(),
                "--iterations", "1").usageError("stiffness", "spiral-sde");
    }
}
