package org.wiener.brownian;

/** Argument checks shared by the paths, with messages that name the argument, its value and the range. */
final class Checks {

    private Checks() {
    }

    static void interval(double t0, double t1) {
        if (!Double.isFinite(t0)) {
            throw new IllegalArgumentException("t0 must be finite, got " + t0);
        }
        if (!Double.isFinite(t1)) {
            throw new IllegalArgumentException("t1 must be finite, got " + t1);
        }
        if (!(t0 < t1)) {
            throw new IllegalArgumentException("t0 must be < t1, got t0=" + t0 + ", t1=" + t1);
        }
        if (!Double.isFinite(t1 - t0)) {
            throw new IllegalArgumentException("t1 - t0 must be finite, got t0=" + t0 + ", t1=" + t1);
        }
    }

    static void dimension(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
    }

    static void levyArea(LevyArea levyArea) {
        if (levyArea == null) {
            throw new IllegalArgumentException("levyArea must be one of NONE, SPACE_TIME, SPACE_TIME_TIME, got null");
        }
    }

    static void time(String name, double t, double t0, double t1) {
        if (!(t >= t0 && t <= t1)) {
            throw new IllegalArgumentException(name + " must be in [t0, t1] = [" + t0 + ", " + t1 + "], got " + t);
        }
    }

    static void holder(MutableBrownianIncrement out, int dimension, LevyArea pathLevel) {
        if (out == null) {
            throw new IllegalArgumentException("out must not be null");
        }
        if (out.dimension() != dimension) {
            throw new IllegalArgumentException("out.dimension() must be " + dimension + ", got " + out.dimension());
        }
        if (!pathLevel.covers(out.levyArea())) {
            throw new IllegalArgumentException("out.levyArea() must be at most " + pathLevel
                    + " (this path's level), got " + out.levyArea());
        }
    }

    static void values(double[] out, int dimension) {
        if (out == null || out.length != dimension) {
            throw new IllegalArgumentException("out must have length " + dimension + ", got "
                    + (out == null ? "null" : out.length));
        }
    }

    static void seedSet(boolean seedSet) {
        if (!seedSet) {
            throw new IllegalArgumentException("seed must be set: call seed(seed)");
        }
    }

    static void intervalSet(double t0) {
        if (Double.isNaN(t0)) {
            throw new IllegalArgumentException("interval must be set: call interval(t0, t1)");
        }
    }
}
