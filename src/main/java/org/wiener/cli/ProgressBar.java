package org.wiener.cli;

import java.io.PrintStream;

/**
 * A progress bar on stderr, {@code \r[#####     ]  52%}, redrawn at most ten times per second and
 * finished with a newline; silent when quiet. Thread-safe: workers may report concurrently.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long MIN_INTERVAL_NANOS = 100_000_000L;

    private final PrintStream err;
    private final boolean quiet;
    private long lastDraw = Long.MIN_VALUE;
    private int lastPercent = -1;
    private boolean drawn;
    private boolean finished;

    /**
     * @param err where to draw (stderr)
     * @param quiet draw nothing
     */
    public ProgressBar(PrintStream err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    /**
     * Reports progress; draws if at least 0.1 s passed since the last drawing and the percentage changed.
     *
     * @param done units done
     * @param total units in all
     */
    public synchronized void update(long done, long total) {
        if (quiet || finished) {
            return;
        }
        int percent = percent(done, total);
        long now = System.nanoTime();
        if (percent == lastPercent || (drawn && now - lastDraw < MIN_INTERVAL_NANOS)) {
            return;
        }
        draw(percent);
        lastDraw = now;
    }

    /** Draws 100% (if anything was drawn) and ends the line. Idempotent. */
    public synchronized void finish() {
        if (quiet || finished) {
            return;
        }
        finished = true;
        if (drawn) {
            if (lastPercent != 100) {
                draw(100);
            }
            err.println();
            err.flush();
        }
    }

    /** Ends the line where the bar stands (after a failure), without claiming 100%. Idempotent. */
    public synchronized void abandon() {
        if (quiet || finished) {
            return;
        }
        finished = true;
        if (drawn) {
            err.println();
            err.flush();
        }
    }

    private void draw(int percent) {
        int filled = percent * WIDTH / 100;
        StringBuilder line = new StringBuilder(WIDTH + 8).append("\r[");
        for (int i = 0; i < WIDTH; i++) {
            line.append(i < filled ? '#' : ' ');
        }
        line.append("] ").append(String.format(java.util.Locale.ROOT, "%3d%%", percent));
        err.print(line);
        err.flush();
        drawn = true;
        lastPercent = percent;
    }

    /**
     * @param done units done
     * @param total units in all
     * @return the completed percentage, 0 to 100
     */
    static int percent(long done, long total) {
        if (total <= 0) {
            return 100;
        }
        long clamped = Math.max(0, Math.min(done, total));
        return (int) (clamped * 100 / total);
    }
}
