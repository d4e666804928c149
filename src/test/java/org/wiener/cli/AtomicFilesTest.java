package org.wiener.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The atomic writer: a file appears under its final name complete, or not at all. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesTheContentAndCreatesMissingDirectories() throws Exception {
        Path file = dir.resolve("a/b/result.csv");
        AtomicFiles.writeText(file, w -> w.write("x,y\n1,2\n"));
        assertEquals("x,y\n1,2\n", Files.readString(file));
        Cli.assertNoTempFiles(file.getParent());
    }

    @Test
    void theFinalNameIsAbsentWhileWritingAndAfterAFailingProducer() throws Exception {
        Path file = dir.resolve("result.csv");
        boolean[] visibleWhileWriting = {true};
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeText(file, w -> {
            w.write("x,y\n");
            for (int i = 0; i < 100_000; i++) {
                w.write(i + "," + i + "\n");
            }
            w.flush();
            visibleWhileWriting[0] = Files.exists(file);
            throw new IOException("disk full (simulated)");
        }));
        assertTrue(e.getMessage().contains("disk full (simulated)"), e.getMessage());
        assertFalse(visibleWhileWriting[0], "the final name appeared before the content was complete");
        assertFalse(Files.exists(file), "a failed write left a file under the final name");
        Cli.assertNoTempFiles(dir);
    }

    @Test
    void aFailingProducerLeavesThePreviousFileIntact() throws Exception {
        Path file = dir.resolve("result.csv");
        AtomicFiles.writeString(file, "old\n");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(file, out -> {
            out.write("new, but half".getBytes(StandardCharsets.UTF_8));
            throw new IllegalStateException("producer bug");
        }));
        assertEquals("old\n", Files.readString(file));
        Cli.assertNoTempFiles(dir);
    }

    @Test
    void replacesAnExistingFile() throws Exception {
        Path file = dir.resolve("result.csv");
        AtomicFiles.writeString(file, "old\n");
        AtomicFiles.writeString(file, "new\n");
        assertEquals("new\n", Files.readString(file));
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsOneErrorLineWithExitCodeOne() throws Exception {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "a file where the output directory should be");
        Cli.Run run = Cli.run("simulate", "--problem", "gbm", "--solver", "euler", "--paths", "2", "--quiet",
                "--out", blocker.resolve("sub").toString());
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().startsWith("error: cannot write "), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }
}
