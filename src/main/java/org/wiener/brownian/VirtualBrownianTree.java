package org.wiener.brownian;

import org.wiener.random.Normals;
import org.wiener.random.Philox4x64;

/**
 * A Brownian sample path, with its space-time and space-time-time Lévy areas, fixed by one seed
 * and queried over any interval in any order without being stored: the Virtual Brownian Tree of
 * Li, Wong, Chen and Duvenaud (2020), with the exact midpoint and final-level conditional laws of
 * Jelinčič, Foster and Kidger, "Single-seed generation of Brownian paths and integrals for adaptive
 * and high order SDE solvers" (arXiv:2405.06464, Theorems 3.5 and 3.7) and Foster's thesis (2020,
 * Theorems 6.1.4 and 6.1.6).
 *
 * <pre>{@code
 * VirtualBrownianTree tree = VirtualBrownianTree.builder()
 *     .interval(0.0, 1.0).dimension(2).tolerance(1e-6)
 *     .levyArea(LevyArea.SPACE_TIME_TIME)
 *     .seed(42).build();
 * BrownianIncrement inc = tree.increment(0.25, 0.5);   // inc.w(), inc.h(), inc.k()
 * }</pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Exact law.</b> The interval is bisected into dyadic nodes down to leaves of length at most
 *   {@code tolerance}; node midpoints and the value at a query inside a leaf are drawn from their exact
 *   conditional laws. For query times at least {@code tolerance} apart, the joint law of all returned
 *   (W, H, K) is exactly that of Brownian motion. Two query times inside one leaf share that leaf's
 *   normals, so their joint law is not exact: keep {@code tolerance} below the smallest step.</li>
 *   <li><b>Determinism.</b> Every normal is a pure function of (seed, level, node index, purpose,
 *   component) through Philox4x64-10 and AS 241 with {@code StrictMath}. An answer depends only on
 *   (seed, interval, tolerance, dimension, Lévy level, query): never on earlier queries, the thread,
 *   the cache size, or the JDK. Component j of a d-dimensional tree equals component j of any wider
 *   tree with the same other parameters.</li>
 *   <li><b>The level is part of the path's identity.</b> The midpoint rule for W uses H, so the same seed
 *   at another Lévy level gives another W path.</li>
 *   <li><b>Very short intervals.</b> As in the reference implementation, H is returned as 0 for an
 *   interval shorter than 2<sup>-52</sup>·(t1 - t0) and K as 0 for one shorter than
 *   2<sup>-26</sup>·(t1 - t0) (about 1.5e-8 of the interval), where rounding would dominate them.</li>
 *   <li><b>Reversal.</b> {@code increment(t, s)} for {@code s < t} is {@code increment(s, t)} with dt,
 *   W, H and K all negated (what a reverse-time solve needs).</li>
 * </ul>
 *
 * <h2>Cost</h2>
 * A query walks from the root to a leaf: {@code levels()} node draws of 1, 2 or 3 normals per
 * component. Each thread keeps the path of its last descent and a small direct-mapped cache of
 * recently drawn nodes, so the adjacent and shrinking queries of a solver mostly reuse work; the
 * pieces of an interval are combined by Chen concatenation from the two descents' common node, not by
 * subtracting large point values. A query end at t0 or t1 needs no leaf draw: the draw there is exactly
 * the leaf itself (or empty), so the leaf is used as it is. None of this changes a bit of any answer
 * (tested, the shortcuts against the general code).
 *
 * <p>Instances are immutable (but for a per-thread lookup hint that never changes an answer) and thread-safe.
 */
public final class VirtualBrownianTree implements BrownianPath {

    /** Finest supported leaf, relative to the interval: finer leaves than double spacing mean nothing. */
    public static final int MAX_LEVELS = 52;

    private static final long PURPOSE_ROOT = 1L << 32;
    private static final long PURPOSE_MIDPOINT = 2L << 32;
    private static final long PURPOSE_FINAL = 3L << 32;
    private static final double INV_SQRT12 = 1.0 / Math.sqrt(12.0);
    private static final double INV_SQRT720 = 1.0 / Math.sqrt(720.0);
    private static final int DEFAULT_CACHE_SIZE = 256;
    /** Leaf draws each cursor remembers (see {@code Cursor.memoR}). */
    private static final int MEMO = 4;
    private static final double EPS = Math.ulp(1.0);
    private static final long NEGATIVE_ZERO_BITS = Double.doubleToRawLongBits(-0.0);

    private final double t0;
    private final double t1;
    private final double span;
    private final double sqrtSpan;
    /** 1/span when span is a power of two (exact), else 0: see {@link #normalise}. */
    private final double inverseSpan;
    private final double tolerance;
    private final int dimension;
    private final LevyArea levyArea;
    private final long seed;
    private final int levels;
    private final int cacheSize;
    /** False only in tests: answers through the general code alone, to compare the shortcuts with it bit for bit. */
    private final boolean shortcuts;

    /** NEG_POW2[k] = 2^-k exactly, for k = 0 .. MAX_LEVELS + 1 (the level search needs no scalb). */
    private static final double[] NEG_POW2 = new double[MAX_LEVELS + 2];

    static {
        for (int k = 0; k < NEG_POW2.length; k++) {
            NEG_POW2[k] = Math.scalb(1.0, -k);
        }
    }

    /**
     * The per-level constants every tree of one (levels, Lévy level) uses, built once and shared: a fresh
     * tree per path (an ensemble) then allocates and computes nothing but its own few fields.
     */
    private static final Shape[][] SHAPES = new Shape[LevyArea.values().length][MAX_LEVELS + 1];

    /** Constants that depend only on (levels, Lévy level) (see {@link Shape}). */
    private final Shape shape;

    /**
     * Each thread's working memory for its few most recently queried trees. One static slot rather than
     * one ThreadLocal per tree: per-tree ThreadLocals keep dead trees' caches alive in every thread that
     * used them (an ensemble of 10^5 paths on a thread pool would hold gigabytes).
     */
    private static final ThreadLocal<Cursor[]> CURSORS = ThreadLocal.withInitial(() -> new Cursor[4]);

    /**
     * The cursor of this tree's last query: a hint that spares a thread that queries the tree again (a
     * solve, an ensemble path) the thread-local lookup. Deliberately unsynchronised: it is used only after
     * checking that it belongs to the calling thread ({@code Cursor.thread}, a final field, so a hint written
     * by another thread is seen correctly and rejected) and still serves this tree; the cursor's other fields
     * were then written by this very thread. A live tree keeps at most this one cursor (and its thread) reachable.
     */
    private Cursor lastCursor;

    private VirtualBrownianTree(Builder b) {
        this.t0 = b.t0;
        this.t1 = b.t1;
        this.span = b.t1 - b.t0;
        this.sqrtSpan = Math.sqrt(span);
        this.tolerance = b.tolerance;
        this.dimension = b.dimension;
        this.levyArea = b.levyArea;
        this.seed = b.seed;
        this.cacheSize = b.cacheSize;
        this.shortcuts = b.shortcuts;
        this.inverseSpan = shortcuts ? exactInverse(span) : 0.0;
        double tolN = tolerance / span;
        int l = 0;
        while (l < MAX_LEVELS && NEG_POW2[l] > tolN) {
            l++;
        }
        this.levels = l;
        this.shape = Shape.of(l, levyArea);
    }

    /** @return a builder; interval, dimension, tolerance, Lévy level and seed must be set */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public double t0() {
        return t0;
    }

    @Override
    public double t1() {
        return t1;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public LevyArea levyArea() {
        return levyArea;
    }

    /** @return the tolerance (in time units) the tree was built with */
    public double tolerance() {
        return tolerance;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @return the number of bisection levels: leaves have length (t1 - t0)·2<sup>-levels</sup> */
    public int levels() {
        return levels;
    }

    /** @return the leaf length in time units, at most {@link #tolerance()} */
    public double leafLength() {
        return span * shape.scale[levels];
    }

    /** @return the number of nodes each thread's cache holds (0: no reuse at all) */
    public int cacheSize() {
        return cacheSize;
    }

    @Override
    public void increment(double s, double t, MutableBrownianIncrement out) {
        Checks.time("s", s, t0, t1);
        Checks.time("t", t, t0, t1);
        Checks.holder(out, dimension, levyArea);
        if (s > t) {
            fillIncrement(t, s, out);
            out.negate();
        } else {
            fillIncrement(s, t, out);
        }
    }

    @Override
    public void value(double t, double[] out) {
        Checks.time("t", t, t0, t1);
        Checks.values(out, dimension);
        double r = normalise(t);
        if (r == 0.0) {
            java.util.Arrays.fill(out, 0.0);
            return;
        }
        double[] result = cursor().interval(0.0, r);
        for (int j = 0; j < dimension; j++) {
            out[j] = sqrtSpan * result[3 * j];
        }
    }

    private void fillIncrement(double s, double t, MutableBrownianIncrement out) {
        double rs = normalise(s);
        double ru = normalise(t);
        out.setDt(t - s);
        double[] w = out.w();
        double[] h = out.h();
        double[] k = out.k();
        if (rs == ru) {
            java.util.Arrays.fill(w, 0.0);
            java.util.Arrays.fill(h, 0.0);
            java.util.Arrays.fill(k, 0.0);
            return;
        }
        double[] result = cursor().interval(rs, ru);
        double hN = ru - rs;
        for (int j = 0; j < dimension; j++) {
            w[j] = sqrtSpan * result[3 * j];
        }
        // The guards of the reference implementation (brownian.md §2): below them rounding dominates
        // H (normalised length < eps) and K (length² < eps), so they are returned as 0.
        boolean keepH = hN >= EPS;
        boolean keepK = hN * hN >= EPS;
        for (int j = 0; j < h.length; j++) {
            h[j] = keepH ? sqrtSpan * (result[3 * j + 1] / hN) : 0.0;
        }
        for (int j = 0; j < k.length; j++) {
            k[j] = keepK ? sqrtSpan * (result[3 * j + 2] / hN / hN) : 0.0;
        }
    }

    /** This thread's cursor for this tree: the last one used, or found among its recent ones, or a reused or new one. */
    private Cursor cursor() {
        Cursor last = lastCursor;
        if (last != null && last.thread == Thread.currentThread() && last.owner == this) {
            return last;
        }
        Cursor c = pooledCursor();
        lastCursor = c;
        return c;
    }

    private Cursor pooledCursor() {
        Cursor[] recent = CURSORS.get();
        for (int i = 0; i < recent.length; i++) {
            Cursor c = recent[i];
            if (c != null && c.owner == this) {
                if (i > 0) {
                    System.arraycopy(recent, 0, recent, 1, i);
                    recent[0] = c;
                }
                return c;
            }
        }
        Cursor victim = recent[recent.length - 1];
        System.arraycopy(recent, 0, recent, 1, recent.length - 1);
        if (victim != null && victim.fits(this)) {
            victim.bind(this);
        } else {
            victim = new Cursor(this);
        }
        recent[0] = victim;
        return victim;
    }

    private double normalise(double t) {
        // Dividing by a power of two and multiplying by its exact reciprocal are the same correctly rounded
        // operation on the same real number, so the common spans (1, 2^k) skip the division.
        return inverseSpan != 0.0 ? (t - t0) * inverseSpan : (t - t0) / span;
    }

    /** 1/x when that is exact and x is a power of two (x = 2^k, |k| &le; 1000), else 0. */
    private static double exactInverse(double x) {
        int k = Math.getExponent(x);
        return Math.abs(k) <= 1000 && x == Math.scalb(1.0, k) ? Math.scalb(1.0, -k) : 0.0;
    }

    /**
     * Where a descent to r ends, a pure function of r: the level at which r is the midpoint of a node,
     * or {@code levels} when r lies inside a leaf (including r = 0 and r = 1). Deciding this from r alone,
     * rather than from where a cached descent happens to start, keeps every answer independent of the cache.
     */
    private static int terminalLevel(double r, int levels, double leafCount) {
        // m = r·2^levels is exact and at most 2^52, so (long) m is its integer part and m is a whole
        // number exactly when it equals it (Math.rint is a Java call on JDK 17, not an instruction).
        double m = r * leafCount;
        long whole = (long) m;
        if (m == 0.0 || m != whole) {
            return levels;
        }
        int e = levels - 1 - Long.numberOfTrailingZeros(whole);
        return e < 0 ? levels : e;
    }

    /** The leaf containing r, with ties going left (r on a boundary belongs to the leaf it ends). */
    private static long leafIndex(double r, double leafCount) {
        // ceil(m) - 1 for m = r·2^levels > 0 (exact, at most 2^52), without the Java call Math.ceil is on
        // JDK 17: the integer part, less one when m is a whole number (a boundary goes to the leaf it ends).
        double m = r * leafCount;
        long whole = (long) m;
        return m > whole || whole == 0L ? whole : whole - 1L;
    }

    /**
     * The per-level constants of one (levels, Lévy level): immutable once built, so one instance serves
     * every tree of that shape on every thread. Publication through the racy {@code SHAPES} table is safe
     * because every field is final (JLS 17.5); two threads racing to build one shape build equal ones.
     */
    private static final class Shape {
        /** scale[k] = 2^-k: the length of a node at level k on the normalised interval [0, 1]. */
        final double[] scale;
        /**
         * invScale[k] = 2^k = 1/scale[k], exactly. Dividing by a power of two and multiplying by its exact
         * reciprocal are the same correctly rounded operation on the same real number, so the draws below use
         * the cheaper multiplication and keep every bit.
         */
        final double[] invScale;
        /** 2^levels: scaling r in [0, 1] by it is exact, so it gives the bits {@code Math.scalb(r, levels)} gives. */
        final double leafCount;
        // Per-level standard deviations of the midpoint draws (brownian.md §4) for a node of length 2^-l.
        final double[] midSdW;
        final double[] midSdN;
        final double[] midSdX1;
        final double[] midSdX2;

        private Shape(int levels, LevyArea levyArea) {
            scale = new double[levels + 2];
            invScale = new double[levels + 2];
            midSdW = new double[levels + 1];
            midSdN = new double[levels + 1];
            midSdX1 = new double[levels + 1];
            midSdX2 = new double[levels + 1];
            for (int k = 0; k < scale.length; k++) {
                scale[k] = Math.scalb(1.0, -k);
                invScale[k] = Math.scalb(1.0, k);
            }
            leafCount = invScale[levels];
            for (int k = 0; k <= levels; k++) {
                double h = scale[k];
                midSdW[k] = levyArea == LevyArea.NONE ? Math.sqrt(h) / 2.0 : Math.sqrt(h / 16.0);
                midSdN[k] = Math.sqrt(h / 12.0);
                midSdX1[k] = Math.sqrt(h / 768.0);
                midSdX2[k] = Math.sqrt(h / 2880.0);
            }
        }

        static Shape of(int levels, LevyArea levyArea) {
            Shape[] row = SHAPES[levyArea.ordinal()];
            Shape s = row[levels];
            if (s == null) {
                s = new Shape(levels, levyArea);
                row[levels] = s;
            }
            return s;
        }
    }

    /**
     * Per-thread working memory: the path of the last descent (one node per level, with both
     * children once its midpoint is drawn, each read where it was drawn: its cache slot or its level's
     * private pair), a direct-mapped cache of drawn nodes, and scratch arrays.
     * Everything it holds is a pure function of the tree and a node, so it never changes an answer.
     * A thread keeps a few cursors (see {@code CURSORS}); a cursor is rebound to another tree of the
     * same shape rather than reallocated.
     */
    private static final class Cursor {
        /** The thread whose pool holds this cursor: the only thread that ever uses it. */
        private final Thread thread = Thread.currentThread();
        private VirtualBrownianTree owner;
        private long seed;
        private boolean shortcuts;
        private final int levels;
        private final int dimension;
        private LevyArea levyArea;
        private double[] scale;
        private double[] invScale;
        private double[] midSdW;
        private double[] midSdN;
        private double[] midSdX1;
        private double[] midSdX2;
        private double leafCount;
        private final int stride;
        private final long[] idx;
        private final boolean[] drawn;
        /**
         * Every drawn node in one array: the root at 0, then one private pair (left half, right half) per
         * level at {@link #privateOff}(l), then the cache's slots of one pair each from {@code cacheBase}.
         * The halves of the path's node at level l are at {@code halfOff[l]}: in its cache slot, or in the
         * level's private pair when it has no slot (no cache, or a slot that holds one of its ancestors).
         * A node is read where it was drawn, never copied: a cache hit only moves an offset.
         */
        private final double[] halves;
        private final int pair;
        private final int cacheBase;
        /** halfOff[l]: where the halves of the path's node at level l are (valid while drawn[l]). */
        private final int[] halfOff;
        private int top = -1;
        private final long[] block = new long[4];
        private final double[] leafS;
        private final double[] leafU;
        private final double[] accB;
        private final double[] accA;
        private final double[] result;
        /**
         * The last MEMO leaf draws (time r and triples), most recent first. Four, not two: a step-doubling
         * solver queries [t, t + h], [t, t + h/2] and [t + h/2, t + h], which revisits t and t + h after a
         * new end in between; with two entries both were drawn again.
         */
        private final double[] memoR = new double[MEMO];
        private final double[] memo;
        private final double[] factor = new double[6];
        private final int slots;
        private final long[] cacheIdx;
        /**
         * Each slot's node level, tagged with the binding it was drawn under: generation &lt;&lt; 8 | level
         * (levels &le; 52). A new binding only bumps {@code generation}, which empties the whole cache at
         * once instead of clearing every slot for every tree of an ensemble.
         */
        private final long[] cacheTag;
        /** Counts bindings from 1, so the zeros of a fresh {@code cacheTag} match no binding. */
        private long generation;

        Cursor(VirtualBrownianTree tree) {
            levels = tree.levels;
            dimension = tree.dimension;
            stride = 3 * dimension;
            idx = new long[levels + 1];
            drawn = new boolean[levels + 1];
            pair = 2 * stride;
            slots = slotsFor(tree.cacheSize, stride);
            cacheBase = (levels + 2) * pair;
            halves = new double[cacheBase + slots * pair];
            halfOff = new int[levels + 1];
            leafS = new double[stride];
            leafU = new double[stride];
            accB = new double[stride];
            accA = new double[stride];
            result = new double[stride];
            memo = new double[MEMO * stride];
            cacheIdx = new long[slots];
            cacheTag = new long[slots];
            bind(tree);
        }

        /** Whether this cursor's arrays have the shape {@code tree} needs. */
        boolean fits(VirtualBrownianTree tree) {
            return tree.levels == levels && tree.dimension == dimension && slotsFor(tree.cacheSize, stride) == slots;
        }

        /** Serves {@code tree} from now on, forgetting everything about the previous tree. */
        void bind(VirtualBrownianTree tree) {
            owner = tree;
            seed = tree.seed;
            shortcuts = tree.shortcuts;
            levyArea = tree.levyArea;
            Shape shape = tree.shape;
            scale = shape.scale;
            invScale = shape.invScale;
            leafCount = shape.leafCount;
            midSdW = shape.midSdW;
            midSdN = shape.midSdN;
            midSdX1 = shape.midSdX1;
            midSdX2 = shape.midSdX2;
            top = -1;
            java.util.Arrays.fill(memoR, Double.NaN);
            generation++;
        }

        /** Cache slots: a power of two, bounded to about 2 MB of nodes whatever the dimension. */
        private static int slotsFor(int cacheSize, int stride) {
            int bounded = Math.min(cacheSize, Math.max(16, (1 << 18) / (2 * stride)));
            if (bounded <= 0) {
                return 0;
            }
            int n = Integer.highestOneBit(bounded);
            return n < bounded ? n << 1 : n;
        }

        /** The (W, H̄, K̄) triples of [rs, ru] on the normalised interval, 0 &le; rs &lt; ru &le; 1. */
        double[] interval(double rs, double ru) {
            long is = leafIndex(rs, leafCount);
            long iu = leafIndex(ru, leafCount);
            int common = is == iu ? levels : levels - (64 - Long.numberOfLeadingZeros(is ^ iu));
            int es = terminalLevel(rs, levels, leafCount);
            int eu = terminalLevel(ru, levels, leafCount);
            descend(rs, es, leafS);
            if (common == levels) {
                // Both ends in one leaf: either ru ends the leaf, or both lie inside it.
                if (ru == (is + 1) * scale[levels]) {
                    climbFromStart(rs, es, levels);
                    copy(accB, 0, result, 0, stride);
                    return result;
                }
                double as = rs - is * scale[levels];
                descend(ru, eu, leafU);
                double au = ru - is * scale[levels];
                afterStart(result, leafU, 0, au, rs, as);
                return result;
            }
            // The two descents share the node N at level common; rs lies in its left half, ru in its right.
            long n = is >>> (levels - common);
            double mid = (2 * n + 1) * scale[common + 1];
            boolean emptyStart = es == common;
            if (!emptyStart) {
                climbFromStart(rs, es, common + 1);
            }
            if (eu <= common) {
                // ru ends N (it is the midpoint of an ancestor): [mid, ru] is N's right half, drawn by rs's descent.
                copy(halves, leftOff(common) + stride, accA, 0, stride);
            } else {
                descend(ru, eu, leafU);
                climbFromEnd(ru, eu, common + 1);
            }
            if (emptyStart) {
                copy(accA, 0, result, 0, stride);
            } else {
                Chen.concat(result, 0, accB, 0, mid - rs, accA, 0, ru - mid, dimension);
            }
            return result;
        }

        /**
         * dst ← the piece [rs, e] of a leaf, from {@code whole} = [leaf start, e] of length hWhole and leafS =
         * [leaf start, rs] of length as (Chen.splitOff).
         *
         * <p>Shortcut: at rs = 0 the head is empty. Its draw is then all signed zeros, and every operation of
         * splitOff adds or subtracts a signed zero (or a product with a zero length) to a component of whole,
         * which returns that component exactly unless it is -0.0 (-0.0 - 0.0 is -0.0 but -0.0 - (-0.0) is +0.0).
         * So whole is copied, skipping the leaf draw (a Philox block and 1 to 3 normals), unless it holds a -0.0.
         * {@code descend} leaves leafS undrawn at r = 0 for this reason; the general branch draws it here.
         */
        private void afterStart(double[] dst, double[] whole, int wholeOff, double hWhole, double rs, double as) {
            if (rs == 0.0) {
                if (shortcuts && noNegativeZero(whole, wholeOff)) {
                    copy(whole, wholeOff, dst, 0, stride);
                    return;
                }
                drawFinal(0.0, leafS);
            }
            Chen.splitOff(dst, 0, whole, wholeOff, hWhole, leafS, 0, as, dimension);
        }

        /** Whether none of the stride values of {@code x} from {@code off} is -0.0 (see {@link #afterStart}). */
        private boolean noNegativeZero(double[] x, int off) {
            for (int i = 0; i < stride; i++) {
                if (Double.doubleToRawLongBits(x[off + i]) == NEGATIVE_ZERO_BITS) {
                    return false;
                }
            }
            return true;
        }

        /** accB ← [rs, right end of the path's node at level target], from the descent just made. */
        private void climbFromStart(double rs, int terminal, int target) {
            int from;
            if (terminal == levels) {
                double hLeaf = scale[levels];
                double as = rs - idx[levels] * hLeaf;
                afterStart(accB, halves, nodeOff(levels), hLeaf, rs, as);
                from = levels - 1;
            } else {
                copy(halves, leftOff(terminal) + stride, accB, 0, stride);
                from = terminal - 1;
            }
            for (int l = from; l >= target; l--) {
                if ((idx[l + 1] & 1L) == 0L) {
                    double len = (idx[l + 1] + 1) * scale[l + 1] - rs;
                    Chen.concat(accB, 0, accB, 0, len, halves, leftOff(l) + stride, scale[l + 1], dimension);
                }
            }
        }

        /** accA ← [left end of the path's node at level target, ru], from the descent just made. */
        private void climbFromEnd(double ru, int terminal, int target) {
            int from;
            if (terminal == levels) {
                copy(leafU, 0, accA, 0, stride);
                from = levels - 1;
            } else {
                copy(halves, leftOff(terminal), accA, 0, stride);
                from = terminal - 1;
            }
            for (int l = from; l >= target; l--) {
                if ((idx[l + 1] & 1L) == 1L) {
                    double len = ru - idx[l + 1] * scale[l + 1];
                    Chen.concat(accA, 0, halves, leftOff(l), scale[l + 1], accA, 0, len, dimension);
                }
            }
        }

        /**
         * Walks from the deepest node the last descent shares with r down to level {@code stop}
         * ({@link #terminalLevel}): there r is the midpoint of the path's node, whose halves are then
         * drawn; or, when {@code stop == levels}, r lies in a leaf and {@code leaf} receives the triples
         * of [leaf start, r].
         */
        private void descend(double r, int stop, double[] leaf) {
            long target = leafIndex(r, leafCount);
            int l;
            if (slots == 0 || top < 0) {
                drawRoot();
                l = 0;
            } else {
                long x = (idx[top] << (levels - top)) ^ target;
                l = Math.min(Math.min(top, stop), levels - (64 - Long.numberOfLeadingZeros(x)));
            }
            while (l < stop) {
                if (!drawn[l]) {
                    drawMidpoint(l);
                }
                long i = idx[l];
                boolean goRight = r > (2 * i + 1) * scale[l + 1];
                idx[l + 1] = 2 * i + (goRight ? 1 : 0);
                drawn[l + 1] = false;
                l++;
            }
            top = stop;
            if (stop < levels) {
                if (!drawn[stop]) {
                    drawMidpoint(stop);
                }
                return;
            }
            if (r == 0.0) {
                // [0, 0] is only ever the empty head of a piece starting at 0: afterStart draws it if it must.
                return;
            }
            int hit = -1;
            if (slots > 0) {
                for (int e = 0; e < MEMO; e++) {
                    if (r == memoR[e]) {
                        hit = e;
                        break;
                    }
                }
            }
            if (hit >= 0) {
                copy(memo, hit * stride, leaf, 0, stride);
            } else {
                drawFinal(r, leaf);
                if (slots > 0) {
                    // Remember the most recent leaf draws: a solver's next step starts where this one ended.
                    for (int e = MEMO - 1; e > 0; e--) {
                        memoR[e] = memoR[e - 1];
                        copy(memo, (e - 1) * stride, memo, e * stride, stride);
                    }
                    memoR[0] = r;
                    copy(leaf, 0, memo, 0, stride);
                }
            }
        }

        /** Offset in {@code halves} of the left half of the path's node at level l (its right half follows). */
        private int leftOff(int l) {
            return halfOff[l];
        }

        /** Offset in {@code halves} of level l's private pair, used when the node at level l has no cache slot. */
        private int privateOff(int l) {
            return (l + 1) * pair;
        }

        /**
         * Offset in {@code halves} of the path's node at level l: the root, or the half of its parent it is
         * (even index: left, odd: right). Valid while the parent's halves are those the descent went through.
         */
        private int nodeOff(int l) {
            return l == 0 ? 0 : halfOff[l - 1] + (int) (idx[l] & 1L) * stride;
        }

        private void drawRoot() {
            idx[0] = 0;
            drawn[0] = false;
            top = 0;
            for (int j = 0; j < dimension; j++) {
                Philox4x64.block(seed, 0L, 0L, PURPOSE_ROOT, j, 0L, block, 0);
                int o = 3 * j;
                halves[o] = Normals.fromBits(block[0]);
                halves[o + 1] = levyArea.hasSpaceTime() ? Normals.fromBits(block[1]) * INV_SQRT12 : 0.0;
                halves[o + 2] = levyArea.hasSpaceTimeTime() ? Normals.fromBits(block[2]) * INV_SQRT720 : 0.0;
            }
        }

        /**
         * Makes the halves of the path's node at level l available at {@code halfOff[l]}: found in the node
         * cache, or drawn (brownian.md §4) straight into the node's cache slot.
         */
        private void drawMidpoint(int l) {
            long i = idx[l];
            int src = nodeOff(l);
            int lo = privateOff(l);
            if (slots > 0) {
                int slot = (int) mix(i, l) & (slots - 1);
                int slotOff = cacheBase + slot * pair;
                long tag = cacheTag[slot];
                long mine = generation << 8 | l;
                if (tag == mine && cacheIdx[slot] == i) {
                    halfOff[l] = slotOff;
                    drawn[l] = true;
                    return;
                }
                // The slot's occupant may be an ancestor on the path (this node's parent among them), whose
                // halves this descent still reads: then the node goes to its level's private pair instead.
                int occupant = (int) (tag & 0xFF);
                boolean ancestor = tag >>> 8 == generation && occupant < l && halfOff[occupant] == slotOff;
                if (!ancestor) {
                    cacheTag[slot] = mine;
                    cacheIdx[slot] = i;
                    lo = slotOff;
                }
            }
            halfOff[l] = lo;
            int ro = lo + stride;
            double h = scale[l];
            long counter1 = PURPOSE_MIDPOINT | l;
            switch (levyArea) {
                case NONE:
                    for (int j = 0; j < dimension; j++) {
                        Philox4x64.block(seed, 0L, i, counter1, j, 0L, block, 0);
                        int o = 3 * j;
                        double halfW = 0.5 * halves[src + o];
                        double z = midSdW[l] * Normals.fromBits(block[0]);
                        halves[lo + o] = halfW + z;
                        halves[ro + o] = halfW - z;
                    }
                    break;
                case SPACE_TIME: {
                    double wFromH = 1.5 * invScale[l];
                    double quarter = 0.25 * h;
                    for (int j = 0; j < dimension; j++) {
                        Philox4x64.block(seed, 0L, i, counter1, j, 0L, block, 0);
                        int o = 3 * j;
                        double w = halves[src + o];
                        double hb = halves[src + o + 1];
                        double z = midSdW[l] * Normals.fromBits(block[0]);
                        double n = midSdN[l] * Normals.fromBits(block[1]);
                        double wl = 0.5 * w + wFromH * hb + z;
                        halves[lo + o] = wl;
                        halves[ro + o] = w - wl;
                        double hCommon = 0.125 * hb - quarter * z;
                        halves[lo + o + 1] = hCommon + quarter * n;
                        halves[ro + o + 1] = hCommon - quarter * n;
                    }
                    break;
                }
                default: {
                    double wFromH = 1.5 * invScale[l];
                    double quarter = 0.25 * h;
                    double hFromK = 15.0 * (0.125 * invScale[l]);
                    double half = 0.5 * h;
                    double h2 = h * h;
                    double eighthH2 = 0.125 * h2;
                    double quarterH2 = 0.25 * h2;
                    for (int j = 0; j < dimension; j++) {
                        Philox4x64.block(seed, 0L, i, counter1, j, 0L, block, 0);
                        int o = 3 * j;
                        double w = halves[src + o];
                        double hb = halves[src + o + 1];
                        double kb = halves[src + o + 2];
                        double z = midSdW[l] * Normals.fromBits(block[0]);
                        double x1 = midSdX1[l] * Normals.fromBits(block[1]);
                        double x2 = midSdX2[l] * Normals.fromBits(block[2]);
                        double wl = 0.5 * w + wFromH * hb + z;
                        halves[lo + o] = wl;
                        halves[ro + o] = w - wl;
                        double hCommon = 0.125 * hb - quarter * z;
                        double hSplit = hFromK * kb + half * x1;
                        halves[lo + o + 1] = hCommon + hSplit;
                        halves[ro + o + 1] = hCommon - hSplit;
                        double kCommon = kb / 32.0 - eighthH2 * x1;
                        halves[lo + o + 2] = kCommon + quarterH2 * x2;
                        halves[ro + o + 2] = kCommon - quarterH2 * x2;
                    }
                    break;
                }
            }
            drawn[l] = true;
        }

        /**
         * Draws [leaf start, r] from its exact conditional law given the leaf's (W, H̄, K̄)
         * (brownian.md §5), with the leaf's own stream.
         */
        private void drawFinal(double r, double[] out) {
            long i = idx[levels];
            double h = scale[levels];
            // 1/h, 1/h³, 1/h⁴, 1/h⁵ are exact powers of two (see invScale).
            double invH = invScale[levels];
            double a = Math.max(0.0, r - i * h);
            double b = Math.max(0.0, h - a);
            int off = nodeOff(levels);
            if (b == 0.0 && shortcuts && noNegativeZero(halves, off)) {
                // r ends the leaf (r = 1): a = h exactly, so the means are 1 and exact powers of two (2^levels
                // for H, 4^levels for K, undone by the final a and a² factors), every variance and Cholesky
                // factor is exactly zero, and each component below is the leaf's own plus signed zeros. That is
                // the leaf itself, unless a component is -0.0 (see afterStart): copy it, skipping the draw.
                boolean hasH = levyArea.hasSpaceTime();
                boolean hasK = levyArea.hasSpaceTimeTime();
                for (int j = 0; j < dimension; j++) {
                    int o = off + 3 * j;
                    out[3 * j] = halves[o];
                    out[3 * j + 1] = hasH ? halves[o + 1] : 0.0;
                    out[3 * j + 2] = hasK ? halves[o + 2] : 0.0;
                }
                return;
            }
            long counter1 = PURPOSE_FINAL | levels;
            double[] f = factor;
            switch (levyArea) {
                case NONE: {
                    double mw = a * invH;
                    double sd = Math.sqrt(a * b * invH);
                    for (int j = 0; j < dimension; j++) {
                        Philox4x64.block(seed, 0L, i, counter1, j, 0L, block, 0);
                        out[3 * j] = mw * halves[off + 3 * j] + sd * Normals.fromBits(block[0]);
                        out[3 * j + 1] = 0.0;
                        out[3 * j + 2] = 0.0;
                    }
                    break;
                }
                case SPACE_TIME: {
                    double h3 = h * h * h;
                    double invH3 = invH * invH * invH;
                    double mwW = a * invH;
                    double mwH = 6.0 * a * b * invH3;
                    double mhH = a * a * invH3;
                    double varW = a * b * (a * a - a * b + b * b) * invH3;
                    double varH = a * b * (3.0 * a * a + 3.0 * a * b + b * b) / (12.0 * h3);
                    double cov = -a * a * a * b * (0.5 * invH3);
                    cholesky2(varW, cov, varH, f);
                    for (int j = 0; j < dimension; j++) {
                        Philox4x64.block(seed, 0L, i, counter1, j, 0L, block, 0);
                        int o = off + 3 * j;
                        double z0 = Normals.fromBits(block[0]);
                        double z1 = Normals.fromBits(block[1]);
                        double w = mwW * halves[o] + mwH * halves[o + 1] + f[0] * z0;
                        double hh = mhH * halves[o + 1] + f[1] * z0 + f[2] * z1;
                        out[3 * j] = w;
                        out[3 * j + 1] = a * hh;
                        out[3 * j + 2] = 0.0;
                    }
                    break;
                }
                default: {
                    double h2 = h * h;
                    double h3 = h2 * h;
                    double h4 = h2 * h2;
                    double h5 = h4 * h;
                    double invH3 = invH * invH * invH;
                    double invH4 = invH3 * invH;
                    double invH5 = invH4 * invH;
                    double x = a * invH;
                    double mwW = x;
                    double mwH = 6.0 * a * b * invH3;
                    double mwK = 120.0 * a * b * (0.5 - x) * invH4;
                    double mhH = a * a * invH3;
                    double mhK = 30.0 * a * a * b * invH5;
                    double mkK = a * a * a * invH5;
                    double a2 = a * a;
                    double b2 = b * b;
                    double amb = a - b;
                    double varW = a * b * (amb * amb * amb * amb + 4.0 * a2 * b2) * invH5;
                    double covWH = -a2 * a * b * (a2 - 3.0 * a * b + 6.0 * b2) * (0.5 * invH5);
                    double covWK = a2 * a2 * b * amb / (12.0 * h5);
                    double varH = a / 12.0 * (1.0 - a2 * a * (a2 + 2.0 * a * b + 16.0 * b2) * invH5);
                    double covHK = -a2 * a2 * a * b / (24.0 * h5);
                    double varK = a / 720.0 * (1.0 - a2 * a2 * a * invH5);
                    cholesky3(varW, covWH, covWK, varH, covHK, varK, f);
                    for (int j = 0; j < dimension; j++) {
                        Philox4x64.block(seed, 0L, i, counter1, j, 0L, block, 0);
                        int o = off + 3 * j;
                        double z0 = Normals.fromBits(block[0]);
                        double z1 = Normals.fromBits(block[1]);
                        double z2 = Normals.fromBits(block[2]);
                        double w = mwW * halves[o] + mwH * halves[o + 1] + mwK * halves[o + 2] + f[0] * z0;
                        double hh = mhH * halves[o + 1] + mhK * halves[o + 2] + f[1] * z0 + f[2] * z1;
                        double kk = mkK * halves[o + 2] + f[3] * z0 + f[4] * z1 + f[5] * z2;
                        out[3 * j] = w;
                        out[3 * j + 1] = a * hh;
                        out[3 * j + 2] = a2 * kk;
                    }
                    break;
                }
            }
        }
    }

    /** Lower Cholesky factor (l11, l21, l22) of a 2×2 covariance; zero pivots give zero columns. */
    static void cholesky2(double v11, double c12, double v22, double[] f) {
        double l11 = Math.sqrt(Math.max(v11, 0.0));
        double l21 = l11 > 0.0 ? c12 / l11 : 0.0;
        f[0] = l11;
        f[1] = l21;
        f[2] = Math.sqrt(Math.max(v22 - l21 * l21, 0.0));
    }

    /**
     * Lower Cholesky factor (l11, l21, l22, l31, l32, l33) of a 3×3 covariance that may be singular
     * (at the ends of a leaf): zero or negative pivots give zero columns.
     */
    static void cholesky3(double v11, double c12, double c13, double v22, double c23, double v33, double[] f) {
        double l11 = Math.sqrt(Math.max(v11, 0.0));
        double l21 = l11 > 0.0 ? c12 / l11 : 0.0;
        double l31 = l11 > 0.0 ? c13 / l11 : 0.0;
        double l22 = Math.sqrt(Math.max(v22 - l21 * l21, 0.0));
        double l32 = l22 > 0.0 ? (c23 - l31 * l21) / l22 : 0.0;
        double l33 = Math.sqrt(Math.max(v33 - l31 * l31 - l32 * l32, 0.0));
        f[0] = l11;
        f[1] = l21;
        f[2] = l22;
        f[3] = l31;
        f[4] = l32;
        f[5] = l33;
    }

    /**
     * Copies one node's triples (3·dimension doubles). A plain loop: for the few doubles of a node it is
     * cheaper than {@code System.arraycopy}'s call, and it moves the same bits.
     */
    private static void copy(double[] src, int srcOff, double[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = src[srcOff + i];
        }
    }

    private static long mix(long i, int level) {
        long z = i * 0x9E3779B97F4A7C15L + level * 0xC2B2AE3D27D4EB4FL;
        return z ^ (z >>> 29);
    }

    /** Builds a {@link VirtualBrownianTree}; every setter validates its argument. */
    public static final class Builder {
        private double t0 = Double.NaN;
        private double t1 = Double.NaN;
        private int dimension = 1;
        private double tolerance = Double.NaN;
        private LevyArea levyArea = LevyArea.NONE;
        private long seed;
        private boolean seedSet;
        private int cacheSize = DEFAULT_CACHE_SIZE;
        private boolean shortcuts = true;

        private Builder() {
        }

        /**
         * Answers through the general code alone, without the shortcuts for query ends at 0 and at the end of
         * the interval. The answers are the same bits either way; tests use this to check that they are.
         *
         * @return this builder
         */
        Builder generalPathOnly() {
            this.shortcuts = false;
            return this;
        }

        /**
         * @param t0 start of the interval, finite
         * @param t1 end of the interval, finite and greater than {@code t0}
         * @return this builder
         */
        public Builder interval(double t0, double t1) {
            Checks.interval(t0, t1);
            this.t0 = t0;
            this.t1 = t1;
            return this;
        }

        /**
         * @param dimension number of independent Brownian components, at least 1
         * @return this builder
         */
        public Builder dimension(int dimension) {
            Checks.dimension(dimension);
            this.dimension = dimension;
            return this;
        }

        /**
         * @param tolerance the largest leaf length in time units, &gt; 0 (and at least
         *     (t1 - t0)·2<sup>-52</sup>); keep it below the smallest step a solver will take
         * @return this builder
         */
        public Builder tolerance(double tolerance) {
            if (!(tolerance > 0.0)) {
                throw new IllegalArgumentException("tolerance must be > 0, got " + tolerance);
            }
            this.tolerance = tolerance;
            return this;
        }

        /**
         * @param levyArea NONE, SPACE_TIME or SPACE_TIME_TIME
         * @return this builder
         */
        public Builder levyArea(LevyArea levyArea) {
            Checks.levyArea(levyArea);
            this.levyArea = levyArea;
            return this;
        }

        /**
         * @param seed the seed that fixes the whole path
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            this.seedSet = true;
            return this;
        }

        /**
         * Sets how many drawn nodes each querying thread remembers (default 256, and never more than
         * about 2 MB of them; 0 turns off all reuse, including the last descent). Answers are
         * bit-identical for every value; only speed changes.
         *
         * @param cacheSize a non-negative number of nodes (rounded up to a power of two)
         * @return this builder
         */
        public Builder cacheSize(int cacheSize) {
            if (cacheSize < 0 || cacheSize > (1 << 24)) {
                throw new IllegalArgumentException("cacheSize must be in [0, 16777216], got " + cacheSize);
            }
            this.cacheSize = cacheSize;
            return this;
        }

        /** @return the tree */
        public VirtualBrownianTree build() {
            Checks.intervalSet(t0);
            if (Double.isNaN(tolerance)) {
                throw new IllegalArgumentException("tolerance must be set: call tolerance(tol)");
            }
            Checks.seedSet(seedSet);
            double minTol = (t1 - t0) * Math.scalb(1.0, -MAX_LEVELS);
            if (tolerance < minTol) {
                throw new IllegalArgumentException("tolerance must be >= (t1 - t0)*2^-" + MAX_LEVELS + " = "
                        + minTol + " (finer leaves than the spacing of doubles cannot be resolved), got " + tolerance);
            }
            return new VirtualBrownianTree(this);
        }
    }
}
