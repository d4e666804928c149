package org.wiener.random;

/**
 * Derivation of child seeds from a master seed, as a pure function.
 *
 * <p>Ensembles, Monte Carlo studies and MCMC chains give path (or chain) {@code i} the seed
 * {@code derive(master, i)}. The value is one Philox4x64-10 word keyed by the master seed, so
 * child seeds are well mixed (neighbouring indices do not give neighbouring seeds) and never depend
 * on the order in which they are requested or on the number of threads.
 */
public final class Seeds {

    /** Counter tag that keeps derived seeds apart from every stream a tree draws. */
    private static final long DERIVE_TAG = 0x5EED_5EED_0000_0001L;

    private Seeds() {
    }

    /**
     * The seed of child {@code index} of {@code master}.
     *
     * @param master the master seed
     * @param index the child's index (any long)
     * @return the child's seed
     */
    public static long derive(long master, long index) {
        long[] out = new long[4];
        Philox4x64.block(master, DERIVE_TAG, index, DERIVE_TAG, 0L, 0L, out, 0);
        return out[0];
    }
}
