package org.wiener.brownian;

/**
 * A reusable holder for one Brownian increment, filled by
 * {@link BrownianPath#increment(double, double, MutableBrownianIncrement)} without allocating.
 *
 * <p>{@link #w()}, {@link #h()} and {@link #k()} return the live arrays (not copies), so a solver can
 * read them in its inner loop; they are overwritten by the next query. Not thread-safe: give each
 * thread its own holder. {@link #snapshot()} makes an immutable {@link BrownianIncrement}.
 */
public final class MutableBrownianIncrement {

    private final LevyArea levyArea;
    private final double[] w;
    private final double[] h;
    private final double[] k;
    private double dt;

    /**
     * A holder for increments of the given dimension and level.
     *
     * @param dimension the number of Brownian components, at least 1
     * @param levyArea the level to hold; a path fills what this holder has room for
     */
    public MutableBrownianIncrement(int dimension, LevyArea levyArea) {
        Checks.dimension(dimension);
        Checks.levyArea(levyArea);
        this.levyArea = levyArea;
        this.w = new double[dimension];
        this.h = new double[levyArea.hasSpaceTime() ? dimension : 0];
        this.k = new double[levyArea.hasSpaceTimeTime() ? dimension : 0];
    }

    /** @return the number of Brownian components */
    public int dimension() {
        return w.length;
    }

    /** @return the level this holder has room for */
    public LevyArea levyArea() {
        return levyArea;
    }

    /** @return the signed interval length of the last increment written */
    public double dt() {
        return dt;
    }

    /**
     * Sets the interval length; for implementations of {@link BrownianPath}.
     *
     * @param dt the signed interval length
     */
    public void setDt(double dt) {
        this.dt = dt;
    }

    /** @return the live array of increments W (length {@link #dimension()}) */
    public double[] w() {
        return w;
    }

    /** @return the live array of space-time areas H (empty below {@code SPACE_TIME}) */
    public double[] h() {
        return h;
    }

    /** @return the live array of space-time-time areas K (empty below {@code SPACE_TIME_TIME}) */
    public double[] k() {
        return k;
    }

    /** Negates dt, W, H and K in place (the reversed increment). */
    public void negate() {
        dt = -dt;
        for (int i = 0; i < w.length; i++) {
            w[i] = -w[i];
        }
        for (int i = 0; i < h.length; i++) {
            h[i] = -h[i];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] = -k[i];
        }
    }

    /** @return an immutable copy of the current contents */
    public BrownianIncrement snapshot() {
        return new BrownianIncrement(dt, w, h, k);
    }
}
