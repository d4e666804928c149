package org.wiener.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.wiener.random.Normals;
import org.wiener.random.Philox4x64;

/**
 * One Philox4x64-10 block (four 64-bit words) three ways, and one normal:
 * <ul>
 *   <li>{@link #oursBlock}: our stateless {@code Philox4x64.block(k0, k1, c0, c1, c2, c3, out, 0)} at an
 *   arbitrary counter, which is what the tree does per node;</li>
 *   <li>{@link #commonsPerNodeConstruction}: Apache Commons RNG 1.7's stateful
 *   {@code org.apache.commons.rng.core.source64.Philox4x64} used as the tree would have to use it
 *   for random access: a new generator per node, seeded with (key, counter − 1) because it increments
 *   its counter before its first block, then four {@code nextLong()};</li>
 *   <li>{@link #commonsStreaming}: one Commons RNG generator streaming four {@code nextLong()} per
 *   block, the sequential limit (which the tree cannot use: it needs random access);</li>
 *   <li>{@link #normalFromBits}: {@code Normals.fromBits} (AS 241 with {@code StrictMath.log}) per
 *   normal.</li>
 * </ul>
 * Scores are nanoseconds per block (per normal for the last one).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PhiloxBenchmark {

    static final int N = 1024;
    /** Distinct random words for the normals: long enough that branch predictors cannot learn them. */
    static final int BITS = 1 << 16;

    private static final long K0 = 0x0123456789ABCDEFL;
    private static final long K1 = 0L;
    // A counter shaped like the tree's midpoint counter: (node index, purpose|level, component, 0).
    private static final long C1 = (2L << 32) | 20L;
    private static final long C2 = 3L;
    private static final long C3 = 0L;

    private final long[] out = new long[4];
    private long base;
    private org.apache.commons.rng.core.source64.Philox4x64 stream;
    private long[] bits;
    private int bitsOffset;

    @Setup(Level.Trial)
    public void setUp() {
        base = 1L << 20;
        stream = new org.apache.commons.rng.core.source64.Philox4x64(new long[] {K0, K1, 0L, C1, C2, C3});
        bits = new long[BITS];
        long[] b = new long[4];
        for (int i = 0; i < BITS; i += 4) {
            Philox4x64.block(42L, 0L, i, 0L, 0L, 0L, b, 0);
            System.arraycopy(b, 0, bits, i, 4);
        }
        // Sanity: the per-node Commons generator gives our block, bit for bit, including a borrow.
        for (long c0 : new long[] {0L, 1L, 12345L, -1L}) {
            Philox4x64.block(K0, K1, c0, C1, C2, C3, b, 0);
            org.apache.commons.rng.core.source64.Philox4x64 g = commonsAt(c0);
            for (int w = 0; w < 4; w++) {
                if (g.nextLong() != b[w]) {
                    throw new IllegalStateException("Commons RNG and ours disagree at c0=" + c0 + " word " + w);
                }
            }
        }
    }

    /** A new Commons generator whose first block is the block at counter (c0, C1, C2, C3). */
    private static org.apache.commons.rng.core.source64.Philox4x64 commonsAt(long c0) {
        // Commons RNG increments the 256-bit counter before its first block: seed it with counter - 1.
        long d0 = c0 - 1L;
        long d1 = C1;
        long d2 = C2;
        long d3 = C3;
        if (c0 == 0L) {
            d1--;
            if (C1 == 0L) {
                d2--;
                if (C2 == 0L) {
                    d3--;
                }
            }
        }
        return new org.apache.commons.rng.core.source64.Philox4x64(new long[] {K0, K1, d0, d1, d2, d3});
    }

    /** Ours: one stateless block per counter. */
    @Benchmark
    @OperationsPerInvocation(N)
    public void oursBlock(Blackhole bh) {
        long[] o = out;
        long c = base;
        for (int i = 0; i < N; i++) {
            Philox4x64.block(K0, K1, c + i, C1, C2, C3, o, 0);
            bh.consume(o[0] ^ o[1] ^ o[2] ^ o[3]);
        }
        base = c + N;
    }

    /** Commons RNG 1.7 as a random-access block function: a new generator per node, four nextLong. */
    @Benchmark
    @OperationsPerInvocation(N)
    public void commonsPerNodeConstruction(Blackhole bh) {
        long c = base;
        for (int i = 0; i < N; i++) {
            org.apache.commons.rng.core.source64.Philox4x64 g = commonsAt(c + i);
            bh.consume(g.nextLong() ^ g.nextLong() ^ g.nextLong() ^ g.nextLong());
        }
        base = c + N;
    }

    /** Commons RNG 1.7 streaming: one generator, four nextLong per block (the sequential limit). */
    @Benchmark
    @OperationsPerInvocation(N)
    public void commonsStreaming(Blackhole bh) {
        org.apache.commons.rng.core.source64.Philox4x64 g = stream;
        for (int i = 0; i < N; i++) {
            bh.consume(g.nextLong() ^ g.nextLong() ^ g.nextLong() ^ g.nextLong());
        }
    }

    /** One AS 241 normal from 64 random bits. */
    @Benchmark
    @OperationsPerInvocation(N)
    public void normalFromBits(Blackhole bh) {
        long[] b = bits;
        int off = bitsOffset;
        for (int i = 0; i < N; i++) {
            bh.consume(Normals.fromBits(b[off + i]));
        }
        bitsOffset = (off + N) & (BITS - 1);
    }
}
