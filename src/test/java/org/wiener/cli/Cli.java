package org.wiener.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Runs the command line in-process with stdout and stderr captured, and checks its output files. */
final class Cli {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private Cli() {
    }

    /** The outcome of one run. */
    record Run(int code, String out, String err) {
        /** Asserts exit code 0, with the streams in the message. */
        Run ok() {
            assertEquals(0, code, () -> "exit code; stderr:\n" + err + "\nstdout:\n" + out);
            return this;
        }

        /**
         * Asserts a usage failure: exit code 2 and one line on stderr starting "error: " and containing
         * every fragment.
         */
        Run usageError(String... fragments) {
            assertEquals(2, code, () -> "exit code; stderr:\n" + err + "\nstdout:\n" + out);
            String line = err.strip();
            assertTrue(line.startsWith("error: "), err);
            assertEquals(1, line.lines().count(), err);
            for (String f : fragments) {
                assertTrue(line.contains(f), () -> "expected '" + f + "' in: " + line);
            }
            return this;
        }
    }

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = WienerCommand.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /**
     * Reads a CSV written by the command line (no quoted fields expected) and checks its header and its
     * number of data rows.
     *
     * @return the data rows, split at commas
     */
    static List<String[]> csv(Path file, String[] header, int rows) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertTrue(!lines.isEmpty(), file + " is empty");
        assertArrayEquals(header, lines.get(0).split(",", -1), "header of " + file);
        List<String[]> data = lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
        assertEquals(rows, data.size(), () -> "rows of " + file + ":\n" + String.join("\n", lines));
        for (String[] row : data) {
            assertEquals(header.length, row.length, () -> "fields in " + Arrays.toString(row));
        }
        return data;
    }

    /** Asserts that every listed column of every row parses as a double, and returns column {@code c}. */
    static double[] numbers(List<String[]> rows, int c) {
        return rows.stream().mapToDouble(r -> Double.parseDouble(r[c])).toArray();
    }

    static void assertNumeric(List<String[]> rows, int... columns) {
        for (String[] row : rows) {
            for (int c : columns) {
                try {
                    Double.parseDouble(row[c]);
                } catch (NumberFormatException e) {
                    throw new AssertionError("column " + c + " of " + Arrays.toString(row) + " is not a number", e);
                }
            }
        }
    }

    static void assertPng(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length > 1000, file + " has " + bytes.length + " bytes");
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8), file + " lacks the PNG signature");
    }

    static void assertSvg(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains("<svg"), file + " has no <svg");
        assertTrue(text.strip().endsWith("</svg>"), file + " is not closed");
        assertTrue(text.contains("<path"), file + " draws nothing");
    }

    /** Asserts that no temporary file of the atomic writer is left in the directory. */
    static void assertNoTempFiles(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            List<String> temps = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
            assertTrue(temps.isEmpty(), "left behind: " + temps);
        }
    }
}
