package org.wiener.brownian;

/**
 * A d-dimensional Brownian sample path on [t0, t1] that answers increment queries; what solvers
 * consume.
 *
 * <p>Implementations are immutable and may be queried from many threads. The answer to a query
 * depends only on the path's parameters (including its seed) and the query, never on earlier
 * queries or on the thread.
 */
public interface BrownianPath {

    /** @return the start of the time interval */
    double t0();

    /** @return the end of the time interval */
    double t1();

    /** @return the number of independent Brownian components */
    int dimension();

    /** @return the richest Lévy area this path produces */
    LevyArea levyArea();

    /**
     * Writes the increment over [s, t] into {@code out} without allocating. For {@code s > t} the
     * result is the reversed increment: dt, W, H and K of [t, s] all negated. Fills the parts
     * {@code out} has room for, which must not exceed {@link #levyArea()}.
     *
     * @param s start of the interval, in [t0, t1]
     * @param t end of the interval, in [t0, t1]
     * @param out receives the increment; its dimension must equal {@link #dimension()}
     * @throws IllegalArgumentException if a time is outside [t0, t1] or NaN, or {@code out} does not fit
     */
    void increment(double s, double t, MutableBrownianIncrement out);

    /**
     * The increment over [s, t] as an immutable value, at this path's level.
     *
     * @param s start of the interval
     * @param t end of the interval
     * @return the increment
     */
    default BrownianIncrement increment(double s, double t) {
        MutableBrownianIncrement out = new MutableBrownianIncrement(dimension(), levyArea());
        increment(s, t, out);
        return out.snapshot();
    }

    /**
     * The value W<sub>t</sub> - W<sub>t0</sub>.
     *
     * @param t a time in [t0, t1]
     * @return the value, one entry per component
     */
    default double[] value(double t) {
        double[] out = new double[dimension()];
        value(t, out);
        return out;
    }

    /**
     * Writes W<sub>t</sub> - W<sub>t0</sub> into {@code out}. Equal, bit for bit, to the W of
     * {@code increment(t0(), t)}.
     *
     * @param t a time in [t0, t1]
     * @param out receives the value; length {@link #dimension()}
     */
    void value(double t, double[] out);

    /**
     * Whether the whole path is fixed by its seed, so that re-querying an interval (after a rejected
     * step, say) gives the same answer. Adaptive step control requires it.
     *
     * @return true for seed-deterministic paths
     */
    default boolean isSeedDeterministic() {
        return true;
    }

    /**
     * Whether the path answers queries at any times in [t0, t1] (adaptive solvers need that), or
     * only on a fixed grid.
     *
     * @return true if every time in [t0, t1] may be queried
     */
    default boolean supportsArbitraryTimes() {
        return true;
    }
}
