package org.wiener.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.random.CounterStream;
import org.wiener.random.Normals;
import org.wiener.random.Philox4x64;

/**
 * The cost of one Brownian increment from the {@link VirtualBrownianTree} on [0, 1] with tolerance
 * 2<sup>-20</sup> (20 levels), against the limit of drawing the same normals with no tree at all.
 *
 * <p>Every score is in nanoseconds per increment ({@code @OperationsPerInvocation} is the number of
 * increments one invocation produces), except {@link #construction} and
 * {@link #constructionAndFirstQuery}, which are per tree.
 *
 * <p><b>Fresh tree per invocation.</b> The tree keeps a per-thread cursor and node cache, so running
 * the same sweep twice on one tree would find every node of the second sweep already cached. Each
 * tree benchmark therefore builds a new tree with a new seed at the start of its invocation (cheap:
 * building draws nothing; {@link #construction} and {@link #constructionAndFirstQuery} measure it)
 * and then produces 2<sup>16</sup> (or 4096) increments from it, so every invocation starts cold.
 * The measured loops use the allocation-free
 * {@link VirtualBrownianTree#increment(double, double, MutableBrownianIncrement)}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BrownianTreeBenchmark {

    /** Increments per invocation of the sweeps, the direct draws and the adaptive pattern. */
    static final int STEPS = 1 << 16;
    /** Accepted steps of the adaptive pattern (two queries each). */
    static final int ADAPTIVE_STEPS = 1 << 15;
    /** Random-order interval queries per invocation. */
    static final int QUERIES = 4096;
    /** Tree tolerance: 2^-20 on [0, 1], so 20 levels. */
    static final double TOLERANCE = 0x1.0p-20;

    private static final double INV_SQRT12 = 1.0 / Math.sqrt(12.0);
    private static final double INV_SQRT720 = 1.0 / Math.sqrt(720.0);
    // Counter tags for the tree-free draws (any fixed values; they only keep streams apart).
    private static final long PURPOSE_DIRECT = 7L << 32;
    private static final long PURPOSE_NORMALS_ONLY = 8L << 32;

    @Param({"1", "10"})
    public int dimension;

    @Param({"NONE", "SPACE_TIME", "SPACE_TIME_TIME"})
    public LevyArea levy;

    private MutableBrownianIncrement out;
    private final long[] block = new long[4];
    /** Normals per node and per component at this level: 1, 2 or 3. */
    private int normalsPerNode;
    /** The tree's number of levels (20). */
    private int levels;
    private double[] querySStart;
    private double[] queryEnd;
    private double[] adaptiveH;
    private long nextSeed;

    @Setup(Level.Trial)
    public void setUp() {
        out = new MutableBrownianIncrement(dimension, levy);
        normalsPerNode = levy == LevyArea.NONE ? 1 : levy == LevyArea.SPACE_TIME ? 2 : 3;
        levels = newTree(0L).levels();
        // Random pairs s < t in [0, 1] from a fixed-seed generator.
        CounterStream rnd = new CounterStream(20240517L, 1L);
        querySStart = new double[QUERIES];
        queryEnd = new double[QUERIES];
        for (int q = 0; q < QUERIES; q++) {
            double a;
            double b;
            do {
                a = rnd.nextUniform();
                b = rnd.nextUniform();
            } while (a == b);
            querySStart[q] = Math.min(a, b);
            queryEnd[q] = Math.max(a, b);
        }
        adaptiveH = new double[ADAPTIVE_STEPS];
        for (int k = 0; k < ADAPTIVE_STEPS; k++) {
            adaptiveH[k] = 0x1.0p-16 * (1.0 + 0.5 * Math.sin(k));
        }
        nextSeed = 1L;
    }

    private VirtualBrownianTree newTree(long seed) {
        return VirtualBrownianTree.builder()
                .interval(0.0, 1.0)
                .dimension(dimension)
                .tolerance(TOLERANCE)
                .levyArea(levy)
                .seed(seed)
                .build();
    }

    /** A new tree with a seed never used before in this trial: its per-thread cache starts empty. */
    private VirtualBrownianTree freshTree() {
        return newTree(nextSeed++);
    }

    /**
     * (a) The limit: the normals a fixed-grid method needs for an increment of length h = 2^-16, drawn
     * straight from the same generator with no tree: per component one Philox block and 1, 2 or 3
     * normals, scaled to W ~ N(0, h), H ~ N(0, h/12), K ~ N(0, h/720).
     */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public void directNormals(Blackhole bh) {
        long seed = nextSeed++;
        double h = 0x1.0p-16;
        double sdW = Math.sqrt(h);
        double sdH = sdW * INV_SQRT12;
        double sdK = sdW * INV_SQRT720;
        MutableBrownianIncrement o = out;
        double[] w = o.w();
        double[] hh = o.h();
        double[] kk = o.k();
        long[] b = block;
        int d = dimension;
        int m = normalsPerNode;
        for (int step = 0; step < STEPS; step++) {
            o.setDt(h);
            for (int j = 0; j < d; j++) {
                Philox4x64.block(seed, 0L, step, PURPOSE_DIRECT, j, 0L, b, 0);
                w[j] = sdW * Normals.fromBits(b[0]);
                if (m >= 2) {
                    hh[j] = sdH * Normals.fromBits(b[1]);
                    if (m == 3) {
                        kk[j] = sdK * Normals.fromBits(b[2]);
                    }
                }
            }
            bh.consume(o);
        }
    }

    /** (b) 4096 interval queries [s, t] at random times, in random order, on a fresh tree. */
    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public void randomOrderIntervals(Blackhole bh) {
        VirtualBrownianTree tree = freshTree();
        MutableBrownianIncrement o = out;
        double[] s = querySStart;
        double[] t = queryEnd;
        for (int q = 0; q < QUERIES; q++) {
            tree.increment(s[q], t[q], o);
            bh.consume(o);
        }
    }

    /**
     * (b') What (b) would cost if it were nothing but its random numbers: per query and per component,
     * the 2 × (levels + 1) Philox blocks of two full root-to-leaf descents (levels midpoint nodes and
     * one final draw each) and 1, 2 or 3 normals per block, so 2 × 21 × m normals.
     */
    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public void randomOrderNormalsOnly(Blackhole bh) {
        long seed = nextSeed++;
        long[] b = block;
        int d = dimension;
        int m = normalsPerNode;
        int blocks = 2 * (levels + 1);
        for (int q = 0; q < QUERIES; q++) {
            double acc = 0.0;
            for (int j = 0; j < d; j++) {
                for (int n = 0; n < blocks; n++) {
                    Philox4x64.block(seed, 0L, (long) q * blocks + n, PURPOSE_NORMALS_ONLY, j, 0L, b, 0);
                    acc += Normals.fromBits(b[0]);
                    if (m >= 2) {
                        acc += Normals.fromBits(b[1]);
                        if (m == 3) {
                            acc += Normals.fromBits(b[2]);
                        }
                    }
                }
            }
            bh.consume(acc);
        }
    }

    /** (c) A sweep of 2^16 adjacent dyadic steps [k·2^-16, (k+1)·2^-16] in order, on a fresh tree. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public void sweep(Blackhole bh) {
        VirtualBrownianTree tree = freshTree();
        MutableBrownianIncrement o = out;
        for (int k = 0; k < STEPS; k++) {
            tree.increment(k * 0x1.0p-16, (k + 1) * 0x1.0p-16, o);
            bh.consume(o);
        }
    }

    /**
     * (c') A sweep of 2^16 adjacent steps with non-dyadic times t_k = k / 65537 (clamped to 1), so every
     * endpoint lies inside a leaf and needs a final-level draw.
     */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public void sweepNonDyadic(Blackhole bh) {
        VirtualBrownianTree tree = freshTree();
        MutableBrownianIncrement o = out;
        double s = 0.0;
        for (int k = 0; k < STEPS; k++) {
            double t = Math.min((k + 1) / 65537.0, 1.0);
            tree.increment(s, t, o);
            bh.consume(o);
            s = t;
        }
    }

    /**
     * (d) The adaptive solver pattern: query [t, t + h], reject and re-query the shrunk step
     * [t, t + 0.6·h], accept it (t += 0.6·h), with h = 2^-16·(1 + 0.5·sin k) varying; 2^15 accepted
     * steps, each counted as two increments.
     */
    @Benchmark
    @OperationsPerInvocation(2 * ADAPTIVE_STEPS)
    public void adaptivePattern(Blackhole bh) {
        VirtualBrownianTree tree = freshTree();
        MutableBrownianIncrement o = out;
        double[] hs = adaptiveH;
        double t = 0.0;
        for (int k = 0; k < ADAPTIVE_STEPS && t < 1.0; k++) {
            double h = hs[k];
            tree.increment(t, Math.min(t + h, 1.0), o);
            bh.consume(o);
            double accepted = Math.min(t + 0.6 * h, 1.0);
            tree.increment(t, accepted, o);
            bh.consume(o);
            t = accepted;
        }
    }

    /** Building a tree (per tree, not per increment): what every invocation above pays once. */
    @Benchmark
    public VirtualBrownianTree construction() {
        return freshTree();
    }

    /**
     * Building a tree and making its first query (per tree): adds the per-thread cursor and cache
     * allocation and one cold descent, i.e. the whole one-off cost of a fresh tree.
     */
    @Benchmark
    public MutableBrownianIncrement constructionAndFirstQuery() {
        VirtualBrownianTree tree = freshTree();
        tree.increment(0.0, 0x1.0p-16, out);
        return out;
    }
}
