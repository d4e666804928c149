package org.wiener.brownian;

import java.util.Arrays;

/**
 * An immutable Brownian increment over an interval [s, t] of length {@code dt = t - s}: the
 * increment W<sub>s,t</sub>, and at richer levels the space-time Lévy area H<sub>s,t</sub> and the
 * space-time-time Lévy area K<sub>s,t</sub>, one entry per Brownian component.
 *
 * <p>H and K are the un-barred areas of {@code docs/brownian.md}: over an interval of length h they
 * are N(0, h/12) and N(0, h/720) and independent of W. At a lower level {@link #h()} and
 * {@link #k()} are empty arrays. Array accessors return copies; the indexed accessors do not
 * allocate. For allocation-free use in a loop see {@link MutableBrownianIncrement}.
 */
public final class BrownianIncrement {

    private static final double[] EMPTY = new double[0];

    private final double dt;
    private final double[] w;
    private final double[] h;
    private final double[] k;

    /**
     * Creates an increment; the arrays are copied.
     *
     * @param dt the signed interval length t - s
     * @param w the increments W, one per component
     * @param h the space-time areas H (length 0 or {@code w.length})
     * @param k the space-time-time areas K (length 0, or {@code w.length} when {@code h} is present)
     */
    public BrownianIncrement(double dt, double[] w, double[] h, double[] k) {
        if (w == null || w.length == 0) {
            throw new IllegalArgumentException("w must have at least one component, got "
                    + (w == null ? "null" : "length 0"));
        }
        if (h == null || (h.length != 0 && h.length != w.length)) {
            throw new IllegalArgumentException("h must have length 0 or " + w.length + ", got "
                    + (h == null ? "null" : "length " + h.length));
        }
        if (k == null || (k.length != 0 && (k.length != w.length || h.length == 0))) {
            throw new IllegalArgumentException("k must have length 0 or " + w.length
                    + " (and only with h), got " + (k == null ? "null" : "length " + k.length));
        }
        this.dt = dt;
        this.w = w.clone();
        this.h = h.length == 0 ? EMPTY : h.clone();
        this.k = k.length == 0 ? EMPTY : k.clone();
    }

    /** @return the signed interval length t - s */
    public double dt() {
        return dt;
    }

    /** @return the number of Brownian components */
    public int dimension() {
        return w.length;
    }

    /** @return the level of Lévy area this increment carries */
    public LevyArea levyArea() {
        return k.length > 0 ? LevyArea.SPACE_TIME_TIME : h.length > 0 ? LevyArea.SPACE_TIME : LevyArea.NONE;
    }

    /** @return a copy of the increments W<sub>s,t</sub> */
    public double[] w() {
        return w.clone();
    }

    /** @return a copy of the space-time Lévy areas H<sub>s,t</sub> (empty below {@code SPACE_TIME}) */
    public double[] h() {
        return h.length == 0 ? EMPTY : h.clone();
    }

    /** @return a copy of the space-time-time Lévy areas K<sub>s,t</sub> (empty below {@code SPACE_TIME_TIME}) */
    public double[] k() {
        return k.length == 0 ? EMPTY : k.clone();
    }

    /**
     * @param component a component index
     * @return W<sub>s,t</sub> of that component
     */
    public double w(int component) {
        return w[component];
    }

    /**
     * @param component a component index
     * @return H<sub>s,t</sub> of that component
     */
    public double h(int component) {
        return h[component];
    }

    /**
     * @param component a component index
     * @return K<sub>s,t</sub> of that component
     */
    public double k(int component) {
        return k[component];
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BrownianIncrement)) {
            return false;
        }
        BrownianIncrement other = (BrownianIncrement) o;
        return Double.compare(dt, other.dt) == 0 && Arrays.equals(w, other.w)
                && Arrays.equals(h, other.h) && Arrays.equals(k, other.k);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Double.hashCode(dt) + Arrays.hashCode(w)) + Arrays.hashCode(h)) + Arrays.hashCode(k);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("BrownianIncrement[dt=").append(dt).append(", w=").append(Arrays.toString(w));
        if (h.length > 0) {
            sb.append(", h=").append(Arrays.toString(h));
        }
        if (k.length > 0) {
            sb.append(", k=").append(Arrays.toString(k));
        }
        return sb.append(']').toString();
    }
}
