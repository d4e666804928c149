package org.wiener.brownian;

/**
 * How much of the Brownian path's fine structure an increment carries, in increasing order.
 *
 * <p>A solver declares the level it needs; a path at that level or richer can serve it
 * ({@link #covers(LevyArea)}). The level is part of a tree's identity: the same seed with another
 * level gives another W path, because the midpoint rule for W uses H (see {@code docs/brownian.md}).
 */
public enum LevyArea {
    /** Only the increment W<sub>s,t</sub> ~ N(0, h). */
    NONE,
    /** W and the space-time Lévy area H<sub>s,t</sub> ~ N(0, h/12), independent of W. */
    SPACE_TIME,
    /** W, H and the space-time-time Lévy area K<sub>s,t</sub> ~ N(0, h/720), all independent. */
    SPACE_TIME_TIME;

    /**
     * Whether a path of this level can answer queries that need {@code needed}.
     *
     * @param needed the level a consumer needs
     * @return true if this level is {@code needed} or richer
     */
    public boolean covers(LevyArea needed) {
        return ordinal() >= needed.ordinal();
    }

    /** @return whether increments at this level carry H */
    public boolean hasSpaceTime() {
        return this != NONE;
    }

    /** @return whether increments at this level carry K */
    public boolean hasSpaceTimeTime() {
        return this == SPACE_TIME_TIME;
    }
}
