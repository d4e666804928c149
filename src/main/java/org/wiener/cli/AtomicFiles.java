package org.wiener.cli;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes result files atomically: the content goes to a temporary file in the target's directory, which
 * is then renamed over the target with {@code ATOMIC_MOVE}. A reader (or a crash, or a failing producer)
 * therefore never sees a half-written file under the final name: either the old file or the complete
 * new one. The directory is created if missing; the temporary file is deleted if anything fails.
 */
public final class AtomicFiles {

    /** Produces a file's bytes. */
    @FunctionalInterface
    public interface Producer {
        /**
         * @param out where to write; buffered, closed by the caller
         * @throws IOException on failure, which abandons the file
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Produces a file's text (UTF-8). */
    @FunctionalInterface
    public interface TextProducer {
        /**
         * @param out where to write; buffered, closed by the caller
         * @throws IOException on failure, which abandons the file
         */
        void writeTo(Writer out) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} atomically.
     *
     * @param target the final file
     * @param producer writes the content; if it throws, the target is left as it was
     * @throws UncheckedIOException if writing or the move fails
     */
    public static void write(Path target, Producer producer) {
        Path file = target.toAbsolutePath().normalize();
        Path dir = file.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            // A fresh hidden name in the same directory (so the rename is atomic), created with the default
            // permissions like any other output file (createTempFile would make it owner-only).
            temp = dir.resolve("." + file.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), 1 << 16)) {
                producer.writeTo(out);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the failure that brought us here is the one to report
                }
            }
        }
    }

    /**
     * Writes a UTF-8 text file atomically.
     *
     * @param target the final file
     * @param producer writes the text; if it throws, the target is left as it was
     */
    public static void writeText(Path target, TextProducer producer) {
        write(target, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            producer.writeTo(writer);
            writer.flush();
        });
    }

    /**
     * Writes a UTF-8 string atomically.
     *
     * @param target the final file
     * @param text the content
     */
    public static void writeString(Path target, String text) {
        writeText(target, out -> out.write(text));
    }
}
