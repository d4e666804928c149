package org.wiener.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sample end to end: the contract's file formats and columns, determinism across threads, bad flags. */
class SampleCommandTest {

    private static final String[] PIMA_PARAMETERS = {"w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "b"};

    @TempDir
    Path dir;

    private Path pima;

    @BeforeEach
    void copyBundledPima() throws Exception {
        pima = dir.resolve("pima.csv");
        try (InputStream in = SampleCommandTest.class.getResourceAsStream("/org/wiener/data/pima.csv")) {
            Files.copy(in, pima);
        }
    }

    /** A small pima run with the contract's flags; flag-value pairs in {@code overrides} replace or add to them. */
    private Cli.Run sample(Path out, String... overrides) {
        java.util.Map<String, String> flags = new java.util.LinkedHashMap<>();
        String[] base = {"--model", "logistic", "--data", pima.toString(), "--solver", "quicsort_doubled",
            "--chains", "2", "--draws", "60", "--warmup", "40", "--seed", "3", "--threads", "1", "--out", out.toString()};
        for (int i = 0; i < base.length; i += 2) {
            flags.put(base[i], base[i + 1]);
        }
        for (int i = 0; i < overrides.length; i += 2) {
            flags.put(overrides[i], overrides[i + 1]);
        }
        List<String> args = new java.util.ArrayList<>(List.of("sample"));
        flags.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        return Cli.run(args.toArray(new String[0]));
    }

    @Test
    void writesDrawsAndSummaryInTheContractsFormat() throws Exception {
        Path out = dir.resolve("run");
        Cli.Run run = sample(out).ok();
        String[] drawsHeader = new String[PIMA_PARAMETERS.length + 2];
        drawsHeader[0] = "chain";
        drawsHeader[1] = "draw";
        System.arraycopy(PIMA_PARAMETERS, 0, drawsHeader, 2, PIMA_PARAMETERS.length);
        List<String[]> draws = Cli.csv(out.resolve("draws.csv"), drawsHeader, 2 * 60);
        Cli.assertNumeric(draws, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertEquals("0", draws.get(0)[0]);
        assertEquals("0", draws.get(0)[1]);
        assertEquals("1", draws.get(119)[0]);
        assertEquals("59", draws.get(119)[1]);
        // Full precision: Double.toString round-trips, so most values have many digits.
        assertTrue(draws.get(5)[3].length() > 10, draws.get(5)[3]);

        List<String[]> summary = Cli.csv(out.resolve("summary.csv"),
                new String[] {"parameter", "mean", "sd", "q5", "q50", "q95", "rhat", "ess_bulk", "ess_tail"},
                PIMA_PARAMETERS.length);
        for (int j = 0; j < PIMA_PARAMETERS.length; j++) {
            assertEquals(PIMA_PARAMETERS[j], summary.get(j)[0]);
        }
        Cli.assertNumeric(summary, 1, 2, 3, 4, 5, 6, 7, 8);
        // The summary's mean is the mean of the draws written.
        double sum = 0;
        for (double x : Cli.numbers(draws, 3)) {
            sum += x;
        }
        assertEquals(sum / 120, Double.parseDouble(summary.get(1)[1]), 1e-12);
        // Glucose (w2) is the strongest predictor of diabetes in Pima: clearly positive.
        assertTrue(Double.parseDouble(summary.get(1)[3]) > 0.5, "q5 of w2");

        Matcher m = Pattern.compile("(?m)^gradient evaluations: (\\d+)").matcher(run.out());
        assertTrue(m.find(), run.out());
        List<String[]> runCsv = Cli.csv(out.resolve("run.csv"), new String[] {"model", "solver", "control", "chains",
            "draws", "warmup", "chain_sep", "friction", "seed", "threads", "gradient_evaluations",
            "warmup_gradient_evaluations", "accepted_steps", "rejected_steps", "min_ess_bulk", "wall_seconds",
            "completed", "stepping"}, 1);
        assertEquals(m.group(1), runCsv.get(0)[10]);
        assertEquals("dyadic", runCsv.get(0)[17]);
        assertTrue(Long.parseLong(runCsv.get(0)[11]) > 0, "warm-up gradients counted");
        assertTrue(Long.parseLong(m.group(1)) > Long.parseLong(runCsv.get(0)[11]));
        assertTrue(run.out().contains("R-hat") && run.out().contains("grads/ESS"), run.out());
        Cli.assertPng(out.resolve("trace_w1.png"));
        Cli.assertPng(out.resolve("density_b.png"));
        Cli.assertNoTempFiles(out);
    }

    @Test
    void theDrawsDoNotDependOnTheThreadCount() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        sample(a, "--plots", "0").ok();
        sample(b, "--plots", "0", "--threads", "2").ok();
        assertEquals(Files.readString(a.resolve("draws.csv")), Files.readString(b.resolve("draws.csv")));
        assertEquals(Files.readString(a.resolve("summary.csv")), Files.readString(b.resolve("summary.csv")));
    }

    @Test
    void constantStepsAndTheOtherModelsRun() throws Exception {
        Path out = dir.resolve("gauss");
        Cli.run("sample", "--model", "gaussian", "--solver", "quicsort", "--step", "0.25", "--chains", "2", "--draws",
                "30", "--warmup", "10", "--plots", "0", "--out", out.toString()).ok();
        Cli.csv(out.resolve("draws.csv"), new String[] {"chain", "draw", "x1", "x2", "x3", "x4", "x5"}, 60);
        // A user-supplied start: x5 (sd 10, time scale 10) barely moves in the 0.5 time units before the first draw.
        Path started = dir.resolve("started");
        Cli.run("sample", "--model", "gaussian", "--solver", "quicsort", "--step", "0.25", "--chains", "1", "--draws",
                "6", "--warmup", "0", "--plots", "0", "--init", "1,-1,2,0,50", "--out", started.toString()).ok();
        String[] first = Files.readAllLines(started.resolve("draws.csv")).get(1).split(",");
        assertEquals(50.0, Double.parseDouble(first[6]), 5.0, "x5 of the first draw, started at 50");
        Path funnel = dir.resolve("funnel");
        Cli.Run run = Cli.run("sample", "--model", "funnel", "--solver", "align", "--tolerance", "0.05", "--chains",
                "1", "--draws", "20", "--warmup", "10", "--plots", "0", "--friction", "2", "--chain-sep", "1",
                "--out", funnel.toString()).ok();
        assertTrue(run.out().contains("gradient evaluations: "), run.out());
        assertEquals(1 + 20, Files.readAllLines(funnel.resolve("draws.csv")).size());
        // The paper's stepping, with a looser warm-up: recorded in run.csv, other draws than Wiener's stepping.
        Path paper = dir.resolve("funnel-paper");
        Cli.run("sample", "--model", "funnel", "--solver", "align", "--tolerance", "0.05", "--warmup-tolerance", "0.2",
                "--chains", "1", "--draws", "20", "--warmup", "10", "--plots", "0", "--friction", "2", "--chain-sep", "1",
                "--paper-steps", "--out", paper.toString()).ok();
        List<String[]> runCsv = Cli.csv(paper.resolve("run.csv"), new String[] {"model", "solver", "control", "chains",
            "draws", "warmup", "chain_sep", "friction", "seed", "threads", "gradient_evaluations",
            "warmup_gradient_evaluations", "accepted_steps", "rejected_steps", "min_ess_bulk", "wall_seconds",
            "completed", "stepping"}, 1);
        assertEquals("paper", runCsv.get(0)[17]);
        assertFalse(Files.readString(paper.resolve("draws.csv")).equals(Files.readString(funnel.resolve("draws.csv"))));
    }

    @Test
    void badFlagsGiveOneErrorLineAndExitCode2() {
        Path out = dir.resolve("bad");
        sample(out, "--chains", "0").usageError("--chains must be >= 1, got 0");
        sample(out, "--draws", "5").usageError("--draws must be >= 6", "got 5");
        sample(out, "--warmup", "-1").usageError("--warmup must be >= 0, got -1");
        sample(out, "--tolerance", "0.1", "--step", "0.2").usageError("--tolerance and --step exclude each other");
        sample(out, "--solver", "nope").usageError("nope");
        sample(out, "--friction", "0").usageError("friction must be > 0");
        sample(out, "--solver", "quicsort", "--tolerance", "0.1").usageError("quicsort", "error estimate");
        sample(out, "--init", "0,0").usageError("--init must give the target's dimension 9 numbers, got 2");
        sample(out, "--init", "0,0,0,0,0,0,0,0,NaN").usageError("initial position", "finite");
        sample(out, "--solver", "ubu", "--step", "0.25", "--warmup-tolerance", "1").usageError("warmupTolerance",
                "adaptive steps");
        sample(out, "--warmup-tolerance", "0").usageError("warmupTolerance must be > 0", "got 0.0");
        Cli.run("sample", "--model", "logistic", "--out", out.toString()).usageError("--data");
        Cli.run("sample", "--model", "probit", "--out", out.toString()).usageError("--model must be one of", "probit");
        Cli.run("sample", "--model", "funnel", "--data", pima.toString(), "--out", out.toString())
                .usageError("--data applies to --model logistic only");
        assertFalse(Files.exists(out.resolve("draws.csv")), "no output after a usage error");
    }

    /** UBU with steps of 3 is unstable on the Gaussian's stiff coordinate (scale 0.1, no warm-up): it overflows. */
    @Test
    void aNonFiniteStateEndsTheRunWithExitCode3NamingChainAndTimeAndKeepsTheDraws() throws Exception {
        Path out = dir.resolve("diverged");
        Cli.Run run = Cli.run("sample", "--model", "gaussian", "--solver", "ubu", "--step", "3", "--chain-sep", "3",
                "--warmup", "0", "--draws", "1000", "--chains", "2", "--threads", "2", "--plots", "0",
                "--out", out.toString());
        assertEquals(3, run.code(), run.err());
        String err = run.err().strip();
        assertTrue(err.startsWith("error: chain "), err);
        assertTrue(err.contains(" stopped at t = ") && err.contains("non-finite"), err);
        assertTrue(run.out().contains("gradient evaluations: "), run.out());
        List<String> lines = Files.readAllLines(out.resolve("draws.csv"));
        assertEquals("chain,draw,x1,x2,x3,x4,x5", lines.get(0));
        assertTrue(lines.size() > 1 && lines.size() < 1 + 2000, "kept " + (lines.size() - 1) + " draws");
        assertFalse(Files.exists(out.resolve("summary.csv")));
    }

    @Test
    void missingValuesInTheDataAreRefused() throws Exception {
        Path broken = dir.resolve("broken.csv");
        List<String> lines = Files.readAllLines(pima);
        lines.set(3, lines.get(3).replaceFirst("^[^,]*,", "NA,"));
        Files.write(broken, lines);
        Cli.run("sample", "--model", "logistic", "--data", broken.toString(), "--out", dir.resolve("x").toString())
                .usageError("broken.csv");
    }

    @Test
    void theSameSeedGivesTheSameBitsAndAnotherSeedOthers() throws Exception {
        Path a = dir.resolve("s1");
        Path b = dir.resolve("s2");
        sample(a, "--plots", "0").ok();
        sample(b, "--plots", "0", "--seed", "4").ok();
        List<String> x = Files.readAllLines(a.resolve("draws.csv"));
        List<String> y = Files.readAllLines(b.resolve("draws.csv"));
        assertEquals(x.get(0), y.get(0));
        assertFalse(x.get(10).equals(y.get(10)), x.get(10));
        Path c = dir.resolve("s3");
        sample(c, "--plots", "0").ok();
        assertArrayEquals(Files.readAllBytes(a.resolve("draws.csv")), Files.readAllBytes(c.resolve("draws.csv")));
    }
}
