package org.wiener.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The command line end to end: the tour runs and reports identical bits; bad flags fail clearly. */
class WienerCommandTest {

    @Test
    void tourRunsAndFindsIdenticalBitsInEveryOrder() {
        Captured run = capture("tour", "--seconds", "0.01", "--seed", "7");
        assertEquals(0, run.code, run.err);
        assertTrue(run.out.contains("identical bits: yes"), run.out);
        assertTrue(run.out.contains("tree: seed 7, tolerance 2^-20, 20 levels"), run.out);
        assertTrue(run.out.contains("4. Convergence on one tree per path"), run.out);
        assertTrue(run.out.matches("(?s).*euler strong order \\d\\.\\d\\d \\[.*\\] \\(declared 0\\.5\\).*"), run.out);
        assertTrue(run.out.matches("(?s).*heun  strong order \\d\\.\\d\\d \\[.*\\] \\(declared 1\\).*"), run.out);
    }

    @Test
    void unknownFlagGivesOneLineOnStderrAndExitCodeTwo() {
        Captured run = capture("tour", "--sedd", "3");
        assertEquals(2, run.code);
        assertTrue(run.err.startsWith("error: Unknown options: '--sedd'"), run.err);
        assertEquals(1, run.err.strip().lines().count(), run.err);
    }

    @Test
    void badValueNamesTheOptionAndTheValue() {
        Captured run = capture("tour", "--seconds", "-1");
        assertEquals(2, run.code);
        assertEquals("error: --seconds must be in (0, 60], got -1.0", run.err.strip());
        run = capture("tour", "--seed", "abc");
        assertEquals(2, run.code);
        assertTrue(run.err.contains("'abc'") && run.err.contains("--seed"), run.err);
    }

    private static Captured capture(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = WienerCommand.execute(args);
            return new Captured(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private record Captured(int code, String out, String err) {
    }
}
