package org.wiener.brownian;

import org.wiener.random.Normals;
import org.wiener.random.Philox4x64;

/**
 * A Brownian path known only on a uniform grid t<sub>k</sub> = t0 + k·(t1 - t0)/n, with every
 * cell's (W, H, K) precomputed: the fastest source for constant-step Monte Carlo, for users who do
 * not need adaptive steps.
 *
 * <p>Two ways to make one:
 * <ul>
 *   <li>{@link #builder()} draws the n cells independently from their exact laws, with one
 *   Philox4x64-10 block per cell and component (seed-deterministic, nothing to descend);</li>
 *   <li>{@link #of(BrownianPath, int)} copies the cells of another path, for example a
 *   {@link VirtualBrownianTree}, so a constant-step solve sees exactly the tree's numbers.</li>
 * </ul>
 * Queries must start and end on grid points (within 1e-9 of a step, to forgive rounding in
 * {@code t0 + k*dt}); a query over several cells combines them by Chen's relations. Instances are
 * immutable and thread-safe; queries do not allocate.
 */
public final class FixedGridBrownianPath implements BrownianPath {

    private static final long PURPOSE_GRID = 4L << 32;
    private static final double GRID_SLACK = 1e-9;

    private final double t0;
    private final double t1;
    private final int steps;
    private final double step;
    private final int dimension;
    private final LevyArea levyArea;
    /** Per cell and component: W, H, K over the cell (un-barred, time units), at 3·(k·d + j). */
    private final double[] cells;

    private FixedGridBrownianPath(double t0, double t1, int steps, int dimension, LevyArea levyArea, double[] cells) {
        this.t0 = t0;
        this.t1 = t1;
        this.steps = steps;
        this.step = (t1 - t0) / steps;
        this.dimension = dimension;
        this.levyArea = levyArea;
        this.cells = cells;
    }

    /** @return a builder for a path with independently drawn cells */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The cells of {@code source} on the uniform grid of {@code steps} cells over its interval.
     *
     * @param source the path to copy, queried once per cell
     * @param steps the number of cells, at least 1
     * @return a path whose single-cell increments equal {@code source}'s bit for bit
     */
    public static FixedGridBrownianPath of(BrownianPath source, int steps) {
        if (source == null) {
            throw new IllegalArgumentException("source must not be null");
        }
        checkSteps(steps);
        int d = source.dimension();
        LevyArea level = source.levyArea();
        double[] cells = new double[3 * steps * d];
        MutableBrownianIncrement inc = new MutableBrownianIncrement(d, level);
        double a = source.t0();
        double b = source.t1();
        for (int k = 0; k < steps; k++) {
            source.increment(gridTime(a, b, steps, k), gridTime(a, b, steps, k + 1), inc);
            for (int j = 0; j < d; j++) {
                int o = 3 * (k * d + j);
                cells[o] = inc.w()[j];
                cells[o + 1] = level.hasSpaceTime() ? inc.h()[j] : 0.0;
                cells[o + 2] = level.hasSpaceTimeTime() ? inc.k()[j] : 0.0;
            }
        }
        return new FixedGridBrownianPath(a, b, steps, d, level, cells);
    }

    private static double gridTime(double t0, double t1, int steps, int k) {
        return k == steps ? t1 : t0 + k * ((t1 - t0) / steps);
    }

    private static void checkSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
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

    /** @return the number of grid cells */
    public int steps() {
        return steps;
    }

    /**
     * @param k a grid index in [0, steps]
     * @return the grid time t<sub>k</sub> (exactly t1 for k = steps)
     */
    public double time(int k) {
        if (k < 0 || k > steps) {
            throw new IllegalArgumentException("k must be in [0, " + steps + "], got " + k);
        }
        return gridTime(t0, t1, steps, k);
    }

    @Override
    public boolean supportsArbitraryTimes() {
        return false;
    }

    @Override
    public void increment(double s, double t, MutableBrownianIncrement out) {
        int a = gridIndex("s", s);
        int b = gridIndex("t", t);
        Checks.holder(out, dimension, levyArea);
        boolean reversed = a > b;
        int from = Math.min(a, b);
        int to = Math.max(a, b);
        out.setDt(time(to) - time(from));
        double[] w = out.w();
        double[] h = out.h();
        double[] k = out.k();
        if (to - from == 1) {
            // One cell: its stored values, untouched, so of(source) reproduces the source bit for bit.
            for (int j = 0; j < dimension; j++) {
                int o = 3 * (from * dimension + j);
                w[j] = cells[o];
                if (h.length > 0) {
                    h[j] = cells[o + 1];
                }
                if (k.length > 0) {
                    k[j] = cells[o + 2];
                }
            }
            if (reversed) {
                out.negate();
            }
            return;
        }
        for (int j = 0; j < dimension; j++) {
            double accW = 0.0;
            double accH = 0.0;
            double accK = 0.0;
            double len = 0.0;
            for (int c = from; c < to; c++) {
                int o = 3 * (c * dimension + j);
                double cw = cells[o];
                double cellLen = gridTime(t0, t1, steps, c + 1) - gridTime(t0, t1, steps, c);
                double ch = cells[o + 1] * cellLen;
                double ck = cells[o + 2] * cellLen * cellLen;
                if (c == from) {
                    accW = cw;
                    accH = ch;
                    accK = ck;
                } else {
                    // Chen concatenation of barred areas (docs/brownian.md); see Chen.concat.
                    double bridge = cellLen * accW - len * cw;
                    accK = accK + ck + 0.5 * cellLen * accH - 0.5 * len * ch + (cellLen - len) / 12.0 * bridge;
                    accH = accH + ch + 0.5 * bridge;
                    accW = accW + cw;
                }
                len += cellLen;
            }
            w[j] = accW;
            if (h.length > 0) {
                h[j] = len > 0 ? accH / len : 0.0;
            }
            if (k.length > 0) {
                k[j] = len > 0 ? accK / len / len : 0.0;
            }
        }
        if (reversed) {
            out.negate();
        }
    }

    @Override
    public void value(double t, double[] out) {
        int b = gridIndex("t", t);
        Checks.values(out, dimension);
        for (int j = 0; j < dimension; j++) {
            double acc = 0.0;
            for (int c = 0; c < b; c++) {
                acc = c == 0 ? cells[3 * j] : acc + cells[3 * (c * dimension + j)];
            }
            out[j] = acc;
        }
    }

    private int gridIndex(String name, double t) {
        Checks.time(name, t, t0, t1);
        long k = Math.round((t - t0) / step);
        if (k < 0 || k > steps || Math.abs(t - gridTime(t0, t1, steps, (int) k)) > GRID_SLACK * step) {
            throw new IllegalArgumentException(name + " must be a grid time t0 + k*" + step
                    + " of this fixed-grid path, got " + t);
        }
        return (int) k;
    }

    /** Builds a path with independently drawn cells; interval, steps and seed must be set. */
    public static final class Builder {
        private double t0 = Double.NaN;
        private double t1 = Double.NaN;
        private int steps;
        private int dimension = 1;
        private LevyArea levyArea = LevyArea.NONE;
        private long seed;
        private boolean seedSet;

        private Builder() {
        }

        /**
         * @param t0 start, finite
         * @param t1 end, finite and greater than {@code t0}
         * @return this builder
         */
        public Builder interval(double t0, double t1) {
            Checks.interval(t0, t1);
            this.t0 = t0;
            this.t1 = t1;
            return this;
        }

        /**
         * @param steps number of grid cells, at least 1
         * @return this builder
         */
        public Builder steps(int steps) {
            checkSteps(steps);
            this.steps = steps;
            return this;
        }

        /**
         * @param dimension number of Brownian components, at least 1
         * @return this builder
         */
        public Builder dimension(int dimension) {
            Checks.dimension(dimension);
            this.dimension = dimension;
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
         * @param seed the seed fixing all cells
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            this.seedSet = true;
            return this;
        }

        /** @return the path, with all cells drawn */
        public FixedGridBrownianPath build() {
            Checks.intervalSet(t0);
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be set: call steps(n)");
            }
            Checks.seedSet(seedSet);
            double[] cells = new double[3 * steps * dimension];
            long[] block = new long[4];
            for (int c = 0; c < steps; c++) {
                double len = gridTime(t0, t1, steps, c + 1) - gridTime(t0, t1, steps, c);
                double sd = Math.sqrt(len);
                for (int j = 0; j < dimension; j++) {
                    Philox4x64.block(seed, 0L, c, PURPOSE_GRID, j, 0L, block, 0);
                    int o = 3 * (c * dimension + j);
                    cells[o] = sd * Normals.fromBits(block[0]);
                    if (levyArea.hasSpaceTime()) {
                        cells[o + 1] = sd * Math.sqrt(1.0 / 12.0) * Normals.fromBits(block[1]);
                    }
                    if (levyArea.hasSpaceTimeTime()) {
                        cells[o + 2] = sd * Math.sqrt(1.0 / 720.0) * Normals.fromBits(block[2]);
                    }
                }
            }
            return new FixedGridBrownianPath(t0, t1, steps, dimension, levyArea, cells);
        }
    }
}
