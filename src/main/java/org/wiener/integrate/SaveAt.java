package org.wiener.integrate;

import java.util.Arrays;

/**
 * Which states a {@link Solution} keeps: the end only, every accepted step, or given times (which
 * the driver then hits exactly by clipping steps, so no interpolation is involved).
 */
public final class SaveAt {

    private final boolean everyStep;
    private final double[] times;

    private SaveAt(boolean everyStep, double[] times) {
        this.everyStep = everyStep;
        this.times = times;
    }

    /** @return save t0 and t1 only */
    public static SaveAt end() {
        return new SaveAt(false, new double[0]);
    }

    /** @return save t0 and the end of every accepted step */
    public static SaveAt everyStep() {
        return new SaveAt(true, new double[0]);
    }

    /**
     * Save t0, the given times and t1; steps are clipped to land on each time exactly.
     *
     * @param times strictly increasing, finite
     * @return the save plan
     */
    public static SaveAt times(double... times) {
        if (times == null) {
            throw new IllegalArgumentException("times must not be null");
        }
        for (int i = 0; i < times.length; i++) {
            if (!Double.isFinite(times[i])) {
                throw new IllegalArgumentException("times[" + i + "] must be finite, got " + times[i]);
            }
            if (i > 0 && !(times[i] > times[i - 1])) {
                throw new IllegalArgumentException("times must increase strictly, got times[" + (i - 1) + "]="
                        + times[i - 1] + ", times[" + i + "]=" + times[i]);
            }
        }
        return new SaveAt(false, times.clone());
    }

    /** @return whether every accepted step is saved */
    public boolean isEveryStep() {
        return everyStep;
    }

    /** @return a copy of the requested times */
    public double[] times() {
        return times.clone();
    }

    /** @return the requested times in (t0, t1), in order (a plain loop: this runs once per solve) */
    double[] timesWithin(double t0, double t1) {
        if (times.length == 0) {
            return times; // empty, so nothing for the caller to change
        }
        double[] within = new double[times.length];
        int count = 0;
        for (double t : times) {
            if (t > t0 && t < t1) {
                within[count++] = t;
            }
        }
        return count == times.length ? within : Arrays.copyOf(within, count);
    }

    void check(double t0, double t1) {
        for (double t : times) {
            if (t < t0 || t > t1) {
                throw new IllegalArgumentException("save time " + t + " must be in [t0, t1] = [" + t0 + ", " + t1 + "]");
            }
        }
    }
}
