package org.wiener.random;

/**
 * The Philox4x64-10 counter-based generator of Salmon, Moraes, Dror and Shaw ("Parallel Random
 * Numbers: As Easy as 1, 2, 3", SC'11) as a pure function (key, counter) → four 64-bit words.
 *
 * <p>There is no state: the same key and counter give the same block on every JVM, in any order and
 * on any thread. Ten rounds, multipliers {@code 0xD2E7470EE14C6C93} and {@code 0xCA5A826395121157},
 * Weyl key increments {@code 0x9E3779B97F4A7C15} and {@code 0xBB67AE8584CAA73B}. The output agrees
 * bit for bit with the Random123 known-answer vectors and with Apache Commons RNG 1.7's stateful
 * {@code Philox4x64} (see the tests).
 *
 * <p>We use our own kernel rather than Commons RNG at run time because the tree needs random access
 * to one block per node: Commons RNG's generator is a stream that must be constructed per block (with
 * the counter decremented first), which is as fast only when the JIT manages to remove the allocation.
 * {@code docs/performance.md} gives the JMH numbers of both.
 */
public final class Philox4x64 {

    /** Number of rounds (the Random123 default, and the only one Wiener uses). */
    public static final int ROUNDS = 10;

    private static final long M0 = 0xD2E7470EE14C6C93L;
    private static final long M1 = 0xCA5A826395121157L;
    private static final long W0 = 0x9E3779B97F4A7C15L;
    private static final long W1 = 0xBB67AE8584CAA73BL;

    private Philox4x64() {
    }

    /**
     * Computes one block.
     *
     * @param k0 key word 0
     * @param k1 key word 1
     * @param c0 counter word 0 (the lowest)
     * @param c1 counter word 1
     * @param c2 counter word 2
     * @param c3 counter word 3
     * @param out receives the four output words at {@code out[offset..offset+3]}
     * @param offset first index written
     */
    public static void block(long k0, long k1, long c0, long c1, long c2, long c3, long[] out, int offset) {
        // Ten rounds written out: the JIT then keeps everything in registers (about 20% faster than a loop).
        // Each round's xors take the product last, hi ^ (c ^ k): c and k are ready before the multiplication
        // ends, so only one xor follows it on the round-to-round chain (xor is associative: same words).
        long hi0;
        long lo0;
        long hi1;
        long lo1;
        hi0 = unsignedMultiplyHigh(M0, c0);
        lo0 = M0 * c0;
        hi1 = unsignedMultiplyHigh(M1, c2);
        lo1 = M1 * c2;
        c0 = hi1 ^ (c1 ^ k0);
        c1 = lo1;
        c2 = hi0 ^ (c3 ^ k1);
        c3 = lo0;
        k0 += W0;
        k1 += W1;
        hi0 = unsignedMultiplyHigh(M0, c0);
        lo0 = M0 * c0;
        hi1 = unsignedMultiplyHigh(M1, c2);
        lo1 = M1 * c2;
        c0 = hi1 ^ (c1 ^ k0);
        c1 = lo1;
        c2 = hi0 ^ (c3 ^ k1);
        c3 = lo0;
        k0 += W0;
        k1 += W1;
        hi0 = unsignedMultiplyHigh(M0, c0);
        lo0 = M0 * c0;
        hi1 = unsignedMultiplyHigh(M1, c2);
        lo1 = M1 * c2;
        c0 = hi1 ^ (c1 ^ k0);
        c1 = lo1;
        c2 = hi0 ^ (c3 ^ k1);
        c3 = lo0;
        k0 += W0;
        k1 += W1;
        hi0 = unsignedMultiplyHigh(M0, c0);
        lo0 = M0 * c0;
        hi1 = unsignedMultiplyHigh(M1, c2);
        lo1 = M1 * c2;
        c0 = hi1 ^ (c1 ^ k0);
        c1 = lo1;
        c2 = hi0 ^ (c3 ^ k1);
        c3 = lo0;
        k0 += W0;
        k1 += W1;
        hi0 = unsignedMultiplyHigh(M0, c0);
        lo0 = M0 * c0;
        hi1 = unsignedMultiplyHigh(M1, c2);
        lo1 = M1 * c2;
        c0 = hi1 ^ (c1 ^ k0);
        c1 = lo1;
        c2 = hi0 ^ (c3 ^ k1);
        c3 = lo0;
        k0 += W0;
        k1 += W1;
        hi0 = unsignedMultiplyHigh(M0, c0);
        lo0 = M0 * c0;
        hi1 = unsignedMultiplyHigh(M1, c2);
        lo1 = M1 * c2;
        c0 = hi1 ^ (c1 ^ k0);
        c1 = lo1;
        c2 = hi0 ^ (c3 ^ k1);
        c3 = lo0;
        k0 += W0;
        k1 += W1;
        hi0 = unsignedMultiplyHigh(M0, c0);
        lo0 = M0 * c0;
        hi1 = unsignedMultiplyHigh(M1, c2);
        lo1 = M1 * c2;
        c0 = hi1 ^ (c1 ^ k0);
        c1 = lo1;
        c2 = hi0 ^ (c3 ^ k1);
        c3 = lo0;
        k0 += W0;
        k1 += W1;
        hi0 = unsignedMultiplyHigh(M0, c0);
        lo0 = M0 * c0;
        hi1 = unsignedMultiplyHigh(M1, c2);
        lo1 = M1 * c2;
        c0 = hi1 ^ (c1 ^ k0);
        c1 = lo1;
        c2 = hi0 ^ (c3 ^ k1);
        c3 = lo0;
        k0 += W0;
        k1 += W1;
        hi0 = unsignedMultiplyHigh(M0, c0);
        lo0 = M0 * c0;
        hi1 = unsignedMultiplyHigh(M1, c2);
        lo1 = M1 * c2;
        c0 = hi1 ^ (c1 ^ k0);
        c1 = lo1;
        c2 = hi0 ^ (c3 ^ k1);
        c3 = lo0;
        k0 += W0;
        k1 += W1;
        hi0 = unsignedMultiplyHigh(M0, c0);
        lo0 = M0 * c0;
        hi1 = unsignedMultiplyHigh(M1, c2);
        lo1 = M1 * c2;
        c0 = hi1 ^ (c1 ^ k0);
        c1 = lo1;
        c2 = hi0 ^ (c3 ^ k1);
        c3 = lo0;
        out[offset] = c0;
        out[offset + 1] = c1;
        out[offset + 2] = c2;
        out[offset + 3] = c3;
    }

    /**
     * Computes one block from arrays, for tests and callers that hold counters as arrays.
     *
     * @param key two key words
     * @param counter four counter words, word 0 the lowest
     * @return the four output words
     */
    public static long[] block(long[] key, long[] counter) {
        if (key == null || key.length != 2) {
            throw new IllegalArgumentException("key must have 2 words, got "
                    + (key == null ? "null" : key.length));
        }
        if (counter == null || counter.length != 4) {
            throw new IllegalArgumentException("counter must have 4 words, got "
                    + (counter == null ? "null" : counter.length));
        }
        long[] out = new long[4];
        block(key[0], key[1], counter[0], counter[1], counter[2], counter[3], out, 0);
        return out;
    }

    /**
     * The high 64 bits of the unsigned 128-bit product. Java 17 has only the signed
     * {@link Math#multiplyHigh}; {@code Math.unsignedMultiplyHigh} arrived in JDK 18.
     */
    static long unsignedMultiplyHigh(long a, long b) {
        // The corrections are summed first (integer addition is associative, so the value is the same):
        // they do not wait for the multiplication, which then needs one addition, not two.
        return Math.multiplyHigh(a, b) + (((a >> 63) & b) + ((b >> 63) & a));
    }
}
