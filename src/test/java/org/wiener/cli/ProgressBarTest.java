package org.wiener.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The progress bar: its drawing, its rate limit and its silence when quiet. */
class ProgressBarTest {

    @Test
    void drawsABarAndEndsWithAFullBarAndANewline() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        bar.update(52, 100);
        String first = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("\r[" + "#".repeat(15) + " ".repeat(15) + "]  52%", first);
        bar.finish();
        bar.finish();
        String all = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(all.endsWith("\r[" + "#".repeat(30) + "] 100%" + System.lineSeparator()), all);
    }

    @Test
    void redrawsAtMostTenTimesPerSecond() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        long start = System.nanoTime();
        for (int i = 0; i <= 100_000; i++) {
            bar.update(i, 100_000);
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        bar.finish();
        long draws = bytes.toString(StandardCharsets.UTF_8).chars().filter(c -> c == '\r').count();
        assertTrue(draws <= 2 + 10 * seconds + 1, draws + " draws in " + seconds + " s");
    }

    @Test
    void quietDrawsNothing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        bar.update(1, 2);
        bar.finish();
        assertEquals(0, bytes.size());
    }

    @Test
    void abandonEndsTheLineWithoutClaimingCompletion() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        bar.update(3, 10);
        bar.abandon();
        String all = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(all.endsWith("]  30%" + System.lineSeparator()), all);
    }

    @Test
    void percentIsClamped() {
        assertEquals(0, ProgressBar.percent(-5, 10));
        assertEquals(100, ProgressBar.percent(15, 10));
        assertEquals(100, ProgressBar.percent(0, 0));
    }
}
