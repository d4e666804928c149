package org.wiener.random;

/**
 * A sequential stream of 64-bit words, uniforms and normals over Philox4x64-10 with key
 * (seed, stream) and counter (0, 1, 2, ...).
 *
 * <p>For code that wants "the next number" (initialising weights, shuffling mini-batches, drawing
 * initial MCMC states) while keeping the counter-based guarantees: the {@code n}-th value depends
 * only on (seed, stream, n), and {@link #skipTo(long)} jumps anywhere in constant time. Instances are
 * mutable and not thread-safe; give each thread its own stream. The Brownian paths do not use this
 * class: they address their blocks directly.
 */
public final class CounterStream {

    private final long seed;
    private final long stream;
    private final long[] block = new long[4];
    private long nextBlock;
    private int used = 4;

    /**
     * A stream positioned at its first word.
     *
     * @param seed the key's first word
     * @param stream the key's second word, separating independent streams of one seed
     */
    public CounterStream(long seed, long stream) {
        this.seed = seed;
        this.stream = stream;
    }

    /**
     * Positions the stream so that the next word is word {@code index}.
     *
     * @param index a non-negative word index
     */
    public void skipTo(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        nextBlock = index >>> 2;
        used = 4;
        int within = (int) (index & 3);
        if (within != 0) {
            refill();
            used = within;
        }
    }

    /** @return the next 64 random bits */
    public long nextLong() {
        if (used == 4) {
            refill();
        }
        return block[used++];
    }

    /** @return the next uniform in the open interval (0, 1) */
    public double nextUniform() {
        return Uniforms.open(nextLong());
    }

    /** @return the next standard normal (AS 241, one word per normal) */
    public double nextNormal() {
        return Normals.fromBits(nextLong());
    }

    /**
     * A uniform integer in [0, bound), by Lemire's multiply-shift with rejection (unbiased).
     *
     * @param bound a positive bound
     * @return an integer in [0, bound)
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0, got " + bound);
        }
        long threshold = (1L << 32) % bound;
        while (true) {
            long x = nextLong() >>> 32;
            long m = x * bound;
            if ((m & 0xFFFFFFFFL) >= threshold) {
                return (int) (m >>> 32);
            }
        }
    }

    private void refill() {
        Philox4x64.block(seed, stream, nextBlock++, 0L, 0L, 0L, block, 0);
        used = 0;
    }
}
