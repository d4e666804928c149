package org.wiener.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wrong flags and values: one line on stderr starting "error: ", exit code 2, and no output files. */
class BadFlagsTest {

    @TempDir
    Path dir;

    /** strong-order with valid flags, except those given as flag-value pairs, which replace or add to them. */
    private Cli.Run strong(String... overrides) {
        java.util.Map<String, String> flags = new java.util.LinkedHashMap<>();
        flags.put("--problem", "gbm");
        flags.put("--solver", "heun");
        flags.put("--levels", "2:3");
        flags.put("--paths", "4");
        flags.put("--out", dir.resolve("out").toString());
        for (int i = 0; i < overrides.length; i += 2) {
            flags.put(overrides[i], overrides[i + 1]);
        }
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("strong-order", "--quiet"));
        flags.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        return Cli.run(args.toArray(new String[0]));
    }

    @Test
    void unknownProblemNamesTheChoices() {
        strong("--problem", "gbn").usageError("--problem must be one of [", "gbm", "got 'gbn'");
    }

    @Test
    void unknownSolverNamesTheChoices() {
        strong("--solver", "heun,hune").usageError("--solver must be among [", "euler", "got 'hune'");
    }

    @Test
    void repeatedSolverIsRefused() {
        strong("--solver", "heun,heun").usageError("--solver lists 'heun' twice");
    }

    @Test
    void levelsMustBeL1ColonL2WithL1AtMostL2() {
        strong("--levels", "5:3").usageError("Invalid value for option '--levels'", "L1 must be <= L2", "'5:3'");
        strong("--levels", "4").usageError("Invalid value for option '--levels'", "expected L1:L2");
        strong("--levels", "a:b").usageError("Invalid value for option '--levels'", "two integers");
        strong("--levels", "-1:3").usageError("Invalid value for option '--levels'", "L1 must be >= 0");
    }

    @Test
    void pathsAndThreadsMustBePositive() {
        strong("--paths", "0").usageError("--paths must be >= 1, got 0");
        strong("--threads", "0").usageError("--threads must be >= 1, got 0");
        strong("--paths", "many").usageError("'many'", "--paths");
    }

    @Test
    void modeMustBeConstantOrAdaptive() {
        strong("--mode", "fast").usageError("Invalid value for option '--mode'", "expected constant or adaptive",
                "'fast'");
    }

    @Test
    void combinationsThatCannotWorkAreRefusedBeforeAnyWork() {
        strong("--mode", "adaptive", "--solver", "euler").usageError("euler does not converge under adaptive");
        strong("--mode", "adaptive", "--solver", "euler_heun").usageError("euler_heun_doubled");
        strong("--solver", "hosts").usageError("hosts is a scheme for the CIR problems", "'gbm'");
        strong("--solver", "shark").usageError("shark does not apply to SCALAR noise");
        strong("--solver", "tsit5").usageError("tsit5 solves ODEs only");
    }

    @Test
    void missingRequiredOptionsAndUnknownFlags() {
        Cli.run("strong-order", "--solver", "heun").usageError("Missing required option: '--problem=NAME'");
        strong("--path", "3").usageError("Unknown option");
    }

    @Test
    void weakOrderChecksTheSameFlags() {
        Cli.run("weak-order", "--problem", "gbm", "--solver", "heun", "--levels", "3:2")
                .usageError("L1 must be <= L2");
        Cli.run("weak-order", "--problem", "gbm", "--solver", "heun", "--threads", "-2")
                .usageError("--threads must be >= 1, got -2");
    }

    @Test
    void simulateChecksItsSaveTimesAndLevel() {
        String out = dir.resolve("out").toString();
        Cli.run("simulate", "--problem", "gbm", "--solver", "heun", "--save-times", "0.5,0.2", "--out", out)
                .usageError("--save-times must increase strictly");
        Cli.run("simulate", "--problem", "gbm", "--solver", "heun", "--save-times", "0,2", "--out", out)
                .usageError("--save-times must lie in [t0, t1] = [0.0, 1.0], got 2.0");
        Cli.run("simulate", "--problem", "gbm", "--solver", "heun", "--saves", "0", "--out", out)
                .usageError("--saves must be >= 1, got 0");
        Cli.run("simulate", "--problem", "gbm", "--solver", "heun", "--saves", "3", "--save-times", "1", "--out", out)
                .usageError("exclude each other");
        Cli.run("simulate", "--problem", "gbm", "--solver", "heun", "--level", "99", "--out", out)
                .usageError("--level must be in [0, 30], got 99");
        Cli.run("simulate", "--problem", "gbm", "--solver", "heun", "--paths", "0", "--out", out)
                .usageError("--paths must be >= 1, got 0");
        Cli.run("simulate", "--problem", "gbm", "--solver", "euler", "--mode", "adaptive", "--out", out)
                .usageError("euler does not converge under adaptive");
    }

    @Test
    void solverOrdersChecksItsFlags() {
        String out = dir.resolve("out").toString();
        Cli.run("solver-orders", "--paths", "0", "--out", out).usageError("--paths must be >= 1, got 0");
        Cli.run("solver-orders", "--additive-problem", "gbm", "--out", out)
                .usageError("--additive-problem needs a problem with additive noise");
        Cli.run("solver-orders", "--general-problem", "nope", "--out", out)
                .usageError("--general-problem must be one of [");
        Cli.run("solver-orders", "--solver", "tsit5", "--out", out).usageError("none of [tsit5] applies");
    }

    @Test
    void failuresWriteNoFiles() {
        strong("--paths", "0");
        strong("--mode", "adaptive", "--solver", "euler");
        assertFalse(Files.exists(dir.resolve("out")), "no output directory after failures");
    }
}
