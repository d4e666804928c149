package org.wiener.brownian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exact (non-statistical) checks of the algebra behind the Virtual Brownian Tree, against the kernel
 * (Itô-integral) representation of brownian.md §1.3, in which every (W, H̄, K̄) over an interval is a
 * Wiener integral of a polynomial kernel, so any joint law is an explicit Gaussian:
 * <ol>
 *   <li>{@link Chen#concat} and {@link Chen#splitOff} map the kernels of the pieces to the kernel of the
 *   whole (the relations are linear, so a pointwise identity of kernels is the identity of the random
 *   variables);</li>
 *   <li>the documented midpoint rules (§4.1–§4.3) and final-level rules (§5.1–§5.3) that the tree
 *   implements equal exact Gaussian conditioning computed with 60-digit {@link BigDecimal} integration
 *   of the kernels;</li>
 *   <li>{@link VirtualBrownianTree#cholesky3} reproduces the §5.3 covariance and gives zeros at the
 *   singular ends of a leaf;</li>
 *   <li>the tree's answers are additive under Chen concatenation and exactly antisymmetric under reversal;</li>
 *   <li>values at dyadic node times agree whichever neighbouring query reaches them;</li>
 *   <li>very short intervals follow the eps guards of §2 (required by §7): H = 0 when the normalised
 *   length is below machine epsilon, K = 0 when its square is.</li>
 * </ol>
 * The nested {@link KernelOracle} is also the oracle of {@link TreeConditionalLawTest}.
 */
class TreeAlgebraTest {

    // ------------------------------------------------------------------------------------------------
    // The oracle
    // ------------------------------------------------------------------------------------------------

    /**
     * brownian.md §1.3 in exact arithmetic: a functional ∫_a^b p(τ) dW_τ with a polynomial kernel p,
     * covariances by the Itô isometry (exact polynomial integration, 60 significant digits), and
     * Gaussian conditioning.
     */
    static final class KernelOracle {
        static final MathContext MC = new MathContext(60);
        private static final BigDecimal HALF = new BigDecimal("0.5");
        private static final BigDecimal TWELVE = BigDecimal.valueOf(12);

        private KernelOracle() {
        }

        /** ∫_a^b (c[0] + c[1]τ + c[2]τ² + …) dW_τ. */
        static final class Functional {
            final BigDecimal a;
            final BigDecimal b;
            final BigDecimal[] c;

            Functional(BigDecimal a, BigDecimal b, BigDecimal... c) {
                this.a = a;
                this.b = b;
                this.c = c;
            }
        }

        /** W_{a,b}: kernel 1. */
        static Functional w(double a, double b) {
            return new Functional(new BigDecimal(a), new BigDecimal(b), BigDecimal.ONE);
        }

        /** H̄_{a,b}: kernel m − τ. */
        static Functional hBar(double a, double b) {
            BigDecimal ba = new BigDecimal(a);
            BigDecimal bb = new BigDecimal(b);
            BigDecimal m = ba.add(bb).multiply(HALF);
            return new Functional(ba, bb, m, BigDecimal.ONE.negate());
        }

        /** K̄_{a,b}: kernel m(b − τ) − (b² − τ²)/2 + L²/12 = (mb − b²/2 + L²/12) − mτ + τ²/2. */
        static Functional kBar(double a, double b) {
            BigDecimal ba = new BigDecimal(a);
            BigDecimal bb = new BigDecimal(b);
            BigDecimal m = ba.add(bb).multiply(HALF);
            BigDecimal len = bb.subtract(ba);
            BigDecimal c0 = m.multiply(bb).subtract(bb.multiply(bb).multiply(HALF))
                    .add(len.multiply(len).divide(TWELVE, MC));
            return new Functional(ba, bb, c0, m.negate(), HALF);
        }

        /** The first {@code count} of (W, H̄, K̄) over [a, b]. */
        static Functional[] triple(double a, double b, int count) {
            Functional[] all = {w(a, b), hBar(a, b), kBar(a, b)};
            Functional[] out = new Functional[count];
            System.arraycopy(all, 0, out, 0, count);
            return out;
        }

        /** Concatenates arrays of functionals. */
        static Functional[] join(Functional[]... parts) {
            List<Functional> all = new ArrayList<>();
            for (Functional[] p : parts) {
                all.addAll(List.of(p));
            }
            return all.toArray(new Functional[0]);
        }

        /** Cov(∫f dW, ∫g dW) = ∫ over the overlap of f·g (Itô isometry), exactly. */
        static BigDecimal cov(Functional f, Functional g) {
            BigDecimal lo = f.a.max(g.a);
            BigDecimal hi = f.b.min(g.b);
            if (lo.compareTo(hi) >= 0) {
                return BigDecimal.ZERO;
            }
            BigDecimal[] p = new BigDecimal[f.c.length + g.c.length - 1];
            java.util.Arrays.fill(p, BigDecimal.ZERO);
            for (int i = 0; i < f.c.length; i++) {
                for (int j = 0; j < g.c.length; j++) {
                    p[i + j] = p[i + j].add(f.c[i].multiply(g.c[j]));
                }
            }
            BigDecimal sum = BigDecimal.ZERO;
            for (int k = 0; k < p.length; k++) {
                BigDecimal diff = hi.pow(k + 1).subtract(lo.pow(k + 1));
                sum = sum.add(p[k].multiply(diff).divide(BigDecimal.valueOf(k + 1), MC), MC);
            }
            return sum;
        }

        static BigDecimal[][] cov(Functional[] x, Functional[] y) {
            BigDecimal[][] c = new BigDecimal[x.length][y.length];
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < y.length; j++) {
                    c[i][j] = cov(x[i], y[j]);
                }
            }
            return c;
        }

        /**
         * Law of x given y: E[x | y] = B·y and Cov[x | y] = C, with B = Σxy Σyy⁻¹ and
         * C = Σxx − B Σyx.
         *
         * @return {B, C}
         */
        static BigDecimal[][][] condition(Functional[] x, Functional[] y) {
            BigDecimal[][] sxx = cov(x, x);
            BigDecimal[][] sxy = cov(x, y);
            BigDecimal[][] syy = cov(y, y);
            int p = x.length;
            int q = y.length;
            // B Σyy = Σxy, Σyy symmetric: solve Σyy Bᵀ = Σyx column by column.
            BigDecimal[][] bt = solve(syy, transpose(sxy));
            BigDecimal[][] b = transpose(bt);
            BigDecimal[][] c = new BigDecimal[p][p];
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    BigDecimal s = sxx[i][j];
                    for (int k = 0; k < q; k++) {
                        s = s.subtract(b[i][k].multiply(sxy[j][k]), MC);
                    }
                    c[i][j] = s;
                }
            }
            return new BigDecimal[][][] {b, c};
        }

        static BigDecimal[][] transpose(BigDecimal[][] m) {
            BigDecimal[][] t = new BigDecimal[m[0].length][m.length];
            for (int i = 0; i < m.length; i++) {
                for (int j = 0; j < m[0].length; j++) {
                    t[j][i] = m[i][j];
                }
            }
            return t;
        }

        /** Solves A X = R by Gaussian elimination with partial pivoting, 60 digits. */
        static BigDecimal[][] solve(BigDecimal[][] a, BigDecimal[][] r) {
            int n = a.length;
            int m = r[0].length;
            BigDecimal[][] aa = new BigDecimal[n][];
            BigDecimal[][] rr = new BigDecimal[n][];
            for (int i = 0; i < n; i++) {
                aa[i] = a[i].clone();
                rr[i] = r[i].clone();
            }
            for (int col = 0; col < n; col++) {
                int piv = col;
                for (int i = col + 1; i < n; i++) {
                    if (aa[i][col].abs().compareTo(aa[piv][col].abs()) > 0) {
                        piv = i;
                    }
                }
                BigDecimal[] tmp = aa[col];
                aa[col] = aa[piv];
                aa[piv] = tmp;
                tmp = rr[col];
                rr[col] = rr[piv];
                rr[piv] = tmp;
                for (int i = col + 1; i < n; i++) {
                    BigDecimal f = aa[i][col].divide(aa[col][col], MC);
                    for (int j = col; j < n; j++) {
                        aa[i][j] = aa[i][j].subtract(f.multiply(aa[col][j]), MC);
                    }
                    for (int j = 0; j < m; j++) {
                        rr[i][j] = rr[i][j].subtract(f.multiply(rr[col][j]), MC);
                    }
                }
            }
            BigDecimal[][] x = new BigDecimal[n][m];
            for (int j = 0; j < m; j++) {
                for (int i = n - 1; i >= 0; i--) {
                    BigDecimal s = rr[i][j];
                    for (int k = i + 1; k < n; k++) {
                        s = s.subtract(aa[i][k].multiply(x[k][j]), MC);
                    }
                    x[i][j] = s.divide(aa[i][i], MC);
                }
            }
            return x;
        }

        static double[][] toDouble(BigDecimal[][] m) {
            double[][] d = new double[m.length][m[0].length];
            for (int i = 0; i < m.length; i++) {
                for (int j = 0; j < m[0].length; j++) {
                    d[i][j] = m[i][j].doubleValue();
                }
            }
            return d;
        }

        /** The kernels of (W, H̄, K̄)_{a,b} at τ, in double, written exactly as in §1.3 (0 outside [a, b]). */
        static double[] kernelsAt(double a, double b, double tau) {
            if (tau < a || tau > b) {
                return new double[] {0.0, 0.0, 0.0};
            }
            double m = 0.5 * (a + b);
            double len = b - a;
            return new double[] {1.0, m - tau, m * (b - tau) - (b * b - tau * tau) / 2.0 + len * len / 12.0};
        }
    }

    // ------------------------------------------------------------------------------------------------
    // (0) The oracle itself
    // ------------------------------------------------------------------------------------------------

    @Test
    void oracleReproducesTheUnconditionalLaws() {
        // §1.3: (Var W, Var H̄, Var K̄) over an interval of length u are (u, u³/12, u⁵/720), all independent.
        double a = -0.3;
        double u = 1.7;
        BigDecimal[][] c = KernelOracle.cov(KernelOracle.triple(a, a + u, 3), KernelOracle.triple(a, a + u, 3));
        double len = (a + u) - a;
        double[] expected = {len, Math.pow(len, 3) / 12.0, Math.pow(len, 5) / 720.0};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double want = i == j ? expected[i] : 0.0;
                assertEquals(want, c[i][j].doubleValue(), 1e-15 * expected[i], "entry " + i + "," + j);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // (i) Chen relations against the kernels
    // ------------------------------------------------------------------------------------------------

    @Test
    void chenConcatAndSplitOffMatchTheKernelRepresentation() {
        SplittableRandom rnd = new SplittableRandom(11);
        double worstConcat = 0;
        double worstSplit = 0;
        for (int trial = 0; trial < 2000; trial++) {
            double a = -3.0 + 6.0 * rnd.nextDouble();
            double b = a + 4.0 * rnd.nextDouble();
            double c = b + 4.0 * rnd.nextDouble();
            // Two components, each at its own τ, so that the per-component offsets are exercised too.
            double[] x = new double[6];
            double[] y = new double[6];
            double[] whole = new double[6];
            for (int j = 0; j < 2; j++) {
                double tau = a + (c - a) * rnd.nextDouble();
                System.arraycopy(KernelOracle.kernelsAt(a, b, tau), 0, x, 3 * j, 3);
                System.arraycopy(KernelOracle.kernelsAt(b, c, tau), 0, y, 3 * j, 3);
                System.arraycopy(KernelOracle.kernelsAt(a, c, tau), 0, whole, 3 * j, 3);
            }
            double len = c - a;
            // Kernel magnitudes are at most 1, len, len² (up to small factors): compare at that scale.
            double[] scale = {1.0, Math.max(1.0, len), Math.max(1.0, len * len)};
            double[] dst = new double[6];
            Chen.concat(dst, 0, x, 0, b - a, y, 0, c - b, 2);
            double[] tail = new double[6];
            Chen.splitOff(tail, 0, whole, 0, c - a, x, 0, b - a, 2);
            for (int i = 0; i < 6; i++) {
                double s = scale[i % 3];
                worstConcat = Math.max(worstConcat, Math.abs(dst[i] - whole[i]) / s);
                worstSplit = Math.max(worstSplit, Math.abs(tail[i] - y[i]) / s);
            }
        }
        assertTrue(worstConcat < 1e-12, "Chen.concat vs kernel of the whole: worst scaled error " + worstConcat);
        assertTrue(worstSplit < 1e-12, "Chen.splitOff vs kernel of the tail: worst scaled error " + worstSplit);
    }

    @Test
    void splitOffInvertsConcatAndConcatMayWorkInPlace() {
        SplittableRandom rnd = new SplittableRandom(12);
        for (int trial = 0; trial < 2000; trial++) {
            double hx = 0.01 + rnd.nextDouble();
            double hy = 0.01 + rnd.nextDouble();
            double[] x = {rnd.nextGaussian() * Math.sqrt(hx), rnd.nextGaussian() * Math.sqrt(hx * hx * hx / 12),
                rnd.nextGaussian() * Math.sqrt(Math.pow(hx, 5) / 720)};
            double[] y = {rnd.nextGaussian() * Math.sqrt(hy), rnd.nextGaussian() * Math.sqrt(hy * hy * hy / 12),
                rnd.nextGaussian() * Math.sqrt(Math.pow(hy, 5) / 720)};
            double[] whole = new double[3];
            Chen.concat(whole, 0, x, 0, hx, y, 0, hy, 1);
            double[] back = new double[3];
            Chen.splitOff(back, 0, whole, 0, hx + hy, x, 0, hx, 1);
            double h = hx + hy;
            double[] scale = {Math.sqrt(h), Math.sqrt(h * h * h), Math.sqrt(Math.pow(h, 5))};
            for (int i = 0; i < 3; i++) {
                assertEquals(y[i], back[i], 1e-14 * scale[i], "splitOff(concat(x, y), x) component " + i);
            }
            double[] inPlace = x.clone();
            Chen.concat(inPlace, 0, inPlace, 0, hx, y, 0, hy, 1);
            for (int i = 0; i < 3; i++) {
                assertEquals(whole[i], inPlace[i], 0.0, "concat with dst == x, component " + i);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // (ii) Midpoint and final-level algebra against exact conditioning
    // ------------------------------------------------------------------------------------------------

    /** Max over entries of |got − want| / scale, with scale_ij = sqrt(s_i s_j). */
    private static double scaledError(double[][] got, double[][] want, double[] rowScale, double[] colScale) {
        double worst = 0;
        for (int i = 0; i < got.length; i++) {
            for (int j = 0; j < got[0].length; j++) {
                double s = Math.sqrt(rowScale[i] * colScale[j]);
                worst = Math.max(worst, Math.abs(got[i][j] - want[i][j]) / s);
            }
        }
        return worst;
    }

    private static double[] unconditionalVariances(double len, int count, int repeat) {
        double[] v = new double[count * repeat];
        for (int r = 0; r < repeat; r++) {
            double[] base = {len, Math.pow(len, 3) / 12.0, Math.pow(len, 5) / 720.0};
            System.arraycopy(base, 0, v, r * count, count);
        }
        return v;
    }

    /**
     * The midpoint tables of §4.1–§4.3 in barred form, as a linear map: outputs (the triples of [s, t] then
     * [t, u]) = M·(triple of [s, u]) + N·ξ, with ξ independent centred normals of variances v.
     */
    private static double[][][] midpointTable(LevyArea level, double h) {
        switch (level) {
            case NONE: {
                double[][] m = {{0.5}, {0.5}};
                double[][] n = {{Math.sqrt(h) / 2}, {-Math.sqrt(h) / 2}};
                return new double[][][] {m, n, {{1.0}}};
            }
            case SPACE_TIME: {
                double[][] m = {
                    {0.5, 3 / (2 * h)}, {0, 1.0 / 8},
                    {0.5, -3 / (2 * h)}, {0, 1.0 / 8}};
                double[][] n = {{1, 0}, {-h / 4, h / 4}, {-1, 0}, {-h / 4, -h / 4}};
                return new double[][][] {m, n, {{h / 16, h / 12}}};
            }
            default: {
                double[][] m = {
                    {0.5, 3 / (2 * h), 0}, {0, 1.0 / 8, 15 / (8 * h)}, {0, 0, 1.0 / 32},
                    {0.5, -3 / (2 * h), 0}, {0, 1.0 / 8, -15 / (8 * h)}, {0, 0, 1.0 / 32}};
                double[][] n = {
                    {1, 0, 0}, {-h / 4, h / 2, 0}, {0, -h * h / 8, h * h / 4},
                    {-1, 0, 0}, {-h / 4, -h / 2, 0}, {0, -h * h / 8, -h * h / 4}};
                return new double[][][] {m, n, {{h / 16, h / 768, h / 2880}}};
            }
        }
    }

    @ParameterizedTest
    @EnumSource(LevyArea.class)
    void midpointRuleIsExactConditioning(LevyArea level) {
        int count = level.ordinal() + 1;
        for (double[] su : new double[][] {{0.0, 1.0}, {0.3, 0.67}, {-2.0, -2.0 + 3 * 0x1.0p-7}, {1.0, 4.5}}) {
            double s = su[0];
            double u = su[1];
            double h = u - s;
            double t = s + h / 2;
            KernelOracle.Functional[] x = KernelOracle.join(KernelOracle.triple(s, t, count), KernelOracle.triple(t, u, count));
            BigDecimal[][][] bc = KernelOracle.condition(x, KernelOracle.triple(s, u, count));
            double[][] bOracle = KernelOracle.toDouble(bc[0]);
            double[][] cOracle = KernelOracle.toDouble(bc[1]);
            double[][][] table = midpointTable(level, h);
            double[][] m = table[0];
            double[][] n = table[1];
            double[] v = table[2][0];
            double[][] cTable = new double[2 * count][2 * count];
            for (int i = 0; i < 2 * count; i++) {
                for (int j = 0; j < 2 * count; j++) {
                    for (int k = 0; k < v.length; k++) {
                        cTable[i][j] += n[i][k] * n[j][k] * v[k];
                    }
                }
            }
            double[] xVar = unconditionalVariances(h / 2, count, 2);
            double[] yVar = unconditionalVariances(h, count, 1);
            double[] yInv = new double[count];
            for (int i = 0; i < count; i++) {
                yInv[i] = 1.0 / yVar[i];
            }
            String where = level + " on [" + s + ", " + u + "]";
            // Mean coefficients in natural units sqrt(Var x_i / Var y_j); covariances in units sqrt(Var x_i Var x_j).
            assertTrue(scaledError(m, bOracle, xVar, yInv) < 1e-12,
                    where + ": midpoint mean coefficients differ from exact conditioning: " + scaledError(m, bOracle, xVar, yInv));
            assertTrue(scaledError(cTable, cOracle, xVar, xVar) < 1e-12,
                    where + ": midpoint covariance differs from exact conditioning: " + scaledError(cTable, cOracle, xVar, xVar));
            if (level == LevyArea.SPACE_TIME_TIME) {
                // The 3×3 matrix printed in §4.3 for the left half.
                double[][] printed = {
                    {h / 16, -h * h / 64, 0},
                    {-h * h / 64, 13 * Math.pow(h, 3) / 3072, -Math.pow(h, 4) / 12288},
                    {0, -Math.pow(h, 4) / 12288, 31 * Math.pow(h, 5) / 737280}};
                double[][] left = new double[3][3];
                for (int i = 0; i < 3; i++) {
                    System.arraycopy(cOracle[i], 0, left[i], 0, 3);
                }
                assertTrue(scaledError(printed, left, xVar, xVar) < 1e-12, where + ": §4.3 printed matrix");
            }
        }
    }

    /** §5.1–§5.3 moment forms: mean coefficients (rows: W, H̄, K̄ of [s, r], barred) and covariance. */
    private static double[][][] finalLevelFormulas(LevyArea level, double a, double h) {
        double b = h - a;
        switch (level) {
            case NONE:
                return new double[][][] {{{a / h}}, {{a * b / h}}};
            case SPACE_TIME: {
                double h3 = h * h * h;
                // Un-barred H of [s, r]; barred H̄ = a·H, so H rows scale by a and H entries of Cov by a.
                double[][] mean = {{a / h, 6 * a * b / h3}, {0, a * (a * a / h3)}};
                double varW = a * b * (a * a - a * b + b * b) / h3;
                double varH = a * b * (3 * a * a + 3 * a * b + b * b) / (12 * h3);
                double cov = -a * a * a * b / (2 * h3);
                return new double[][][] {mean, {{varW, a * cov}, {a * cov, a * a * varH}}};
            }
            default: {
                double h3 = h * h * h;
                double h4 = h3 * h;
                double h5 = h4 * h;
                double[][] mean = {
                    {a / h, 6 * a * b / h3, 120 * a * b * (0.5 - a / h) / h4},
                    {0, a * (a * a / h3), a * (30 * a * a * b / h5)},
                    {0, 0, a * a * (a * a * a / h5)}};
                double varW = a * b * (Math.pow(a - b, 4) + 4 * a * a * b * b) / h5;
                double covWH = -a * a * a * b * (a * a - 3 * a * b + 6 * b * b) / (2 * h5);
                double covWK = Math.pow(a, 4) * b * (a - b) / (12 * h5);
                double varH = a / 12 * (1 - a * a * a * (a * a + 2 * a * b + 16 * b * b) / h5);
                double covHK = -Math.pow(a, 5) * b / (24 * h5);
                double varK = a / 720 * (1 - Math.pow(a, 5) / h5);
                double[][] cov = {
                    {varW, a * covWH, a * a * covWK},
                    {a * covWH, a * a * varH, a * a * a * covHK},
                    {a * a * covWK, a * a * a * covHK, Math.pow(a, 4) * varK}};
                return new double[][][] {mean, cov};
            }
        }
    }

    @ParameterizedTest
    @EnumSource(LevyArea.class)
    void finalLevelRuleIsExactConditioning(LevyArea level) {
        int count = level.ordinal() + 1;
        for (double h : new double[] {1.0, 0.37, 3 * 0x1.0p-9}) {
            for (double x : new double[] {1e-3, 0.1, 0.25, 0.3, 0.5, 0.61, 0.77, 0.999}) {
                double s = 0.2;
                double a = x * h;
                double r = s + a;
                double u = s + h;
                a = r - s; // the exact double distance used below and by the oracle
                double hh = u - s;
                BigDecimal[][][] bc = KernelOracle.condition(KernelOracle.triple(s, r, count), KernelOracle.triple(s, u, count));
                double[][] bOracle = KernelOracle.toDouble(bc[0]);
                double[][] cOracle = KernelOracle.toDouble(bc[1]);
                double[][][] formulas = finalLevelFormulas(level, a, hh);
                // Scales: conditional variances (the formulas must be right relative to what is sampled).
                double[] cScale = new double[count];
                for (int i = 0; i < count; i++) {
                    cScale[i] = cOracle[i][i];
                }
                double[] xVar = unconditionalVariances(a, count, 1);
                double[] yInv = unconditionalVariances(hh, count, 1);
                for (int i = 0; i < count; i++) {
                    yInv[i] = 1.0 / yInv[i];
                }
                String where = level + ", a/h = " + x + ", h = " + h;
                double meanErr = scaledError(formulas[0], bOracle, xVar, yInv);
                double covErr = scaledError(formulas[1], cOracle, cScale, cScale);
                assertTrue(meanErr < 1e-12, where + ": conditional mean coefficients, scaled error " + meanErr);
                assertTrue(covErr < 1e-10, where + ": conditional covariance, error relative to the conditional sd's " + covErr);
            }
        }
    }

    @Test
    void fosterClosedFormSquareRootOfSection52MatchesTheMomentForm() {
        // §5.2: W = (a/h)W + (6ab/h³)H̄ + (2(A+B)/h)X₁, H̄ = (a³/h³)H̄ − A X₁ + C X₂.
        for (double x : new double[] {0.05, 0.3, 0.5, 0.8}) {
            double h = 0.7;
            double s = 0.1;
            double r = s + x * h;
            double a = r - s;
            double b = h - a;
            double d = Math.sqrt(a * a * a + b * b * b);
            double capA = a * a * a * Math.sqrt(a * b) / (2 * h * d);
            double capB = b * b * b * Math.sqrt(a * b) / (2 * h * d);
            double capC = Math.sqrt(3 * a * a * a * b * b * b) / (6 * d);
            double[][] cov = {
                {4 * (capA + capB) * (capA + capB) / (h * h), -2 * (capA + capB) * capA / h},
                {-2 * (capA + capB) * capA / h, capA * capA + capC * capC}};
            BigDecimal[][][] bc = KernelOracle.condition(KernelOracle.triple(s, r, 2), KernelOracle.triple(s, s + h, 2));
            double[][] cOracle = KernelOracle.toDouble(bc[1]);
            double[] scale = {cOracle[0][0], cOracle[1][1]};
            double err = scaledError(cov, cOracle, scale, scale);
            assertTrue(err < 1e-10, "a/h = " + x + ": A, B, C square root gives covariance off by " + err);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // (iii) cholesky3
    // ------------------------------------------------------------------------------------------------

    /** §5.3 covariance (un-barred) as (varW, covWH, covWK, varH, covHK, varK). */
    private static double[] section53(double a, double h) {
        double b = Math.max(0.0, h - a);
        double h5 = Math.pow(h, 5);
        return new double[] {
            a * b * (Math.pow(a - b, 4) + 4 * a * a * b * b) / h5,
            -a * a * a * b * (a * a - 3 * a * b + 6 * b * b) / (2 * h5),
            Math.pow(a, 4) * b * (a - b) / (12 * h5),
            a / 12 * (1 - a * a * a * (a * a + 2 * a * b + 16 * b * b) / h5),
            -Math.pow(a, 5) * b / (24 * h5),
            a / 720 * (1 - Math.pow(a, 5) / h5)};
    }

    @Test
    void cholesky3ReproducesTheMatrixItFactors() {
        double[] f = new double[6];
        for (double h : new double[] {1.0, 0x1.0p-10, 0.3}) {
            for (double x : new double[] {1e-6, 1e-3, 0.2, 0.5, 0.7, 0.999, 1 - 1e-6}) {
                double a = x * h;
                boolean extreme = x < 1e-4 || x > 1 - 1e-4;
                double[] c;
                double relTol;
                if (extreme) {
                    // Within 1e-6 of an end of the leaf, the §5.3 matrix is singular to within the rounding of
                    // its own double entries (1 − a⁵/h⁵ cancels 6 digits), and a clamped pivot may drop up to
                    // that rounding: check the factor reproduces the tree's own input to 1e-9 relative.
                    c = section53(a, h);
                    relTol = 1e-9;
                } else {
                    // The exact §5.3 matrix (60-digit oracle, un-barred), rounded once to double: Cholesky is
                    // backward stable, |L·Lᵀ − C|_ij ≤ O(eps)·sqrt(C_ii C_jj).
                    double s = 0.0;
                    BigDecimal[][] co = KernelOracle.condition(KernelOracle.triple(s, s + a, 3),
                            KernelOracle.triple(s, s + h, 3))[1];
                    double[][] cd = KernelOracle.toDouble(co);
                    c = new double[] {cd[0][0], cd[0][1] / a, cd[0][2] / (a * a), cd[1][1] / (a * a),
                        cd[1][2] / (a * a * a), cd[2][2] / (a * a * a * a)};
                    double[] formula = section53(a, h);
                    int[][] ij = {{0, 0}, {0, 1}, {0, 2}, {1, 1}, {1, 2}, {2, 2}};
                    double[] diag = {c[0], c[3], c[5]};
                    for (int i = 0; i < 6; i++) {
                        double scale = Math.sqrt(diag[ij[i][0]] * diag[ij[i][1]]);
                        assertEquals(c[i], formula[i], 1e-10 * scale, "§5.3 formula entry " + i + " at a/h = " + x);
                    }
                    relTol = 1e-13;
                }
                VirtualBrownianTree.cholesky3(c[0], c[1], c[2], c[3], c[4], c[5], f);
                double[][] cm = {{c[0], c[1], c[2]}, {c[1], c[3], c[4]}, {c[2], c[4], c[5]}};
                double[][] l = {{f[0], 0, 0}, {f[1], f[2], 0}, {f[3], f[4], f[5]}};
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        double llt = 0;
                        for (int k = 0; k < 3; k++) {
                            llt += l[i][k] * l[j][k];
                        }
                        double tol = relTol * Math.sqrt(cm[i][i] * cm[j][j]);
                        assertEquals(cm[i][j], llt, tol, "h = " + h + ", a/h = " + x + ", entry " + i + "," + j);
                    }
                }
                for (double v : f) {
                    assertTrue(Double.isFinite(v), "finite factor at a/h = " + x);
                }
            }
        }
        // A generic positive definite matrix as well (not only the §5.3 family).
        double[][] g = {{4.0, 1.2, -0.6}, {1.2, 3.0, 0.5}, {-0.6, 0.5, 2.0}};
        VirtualBrownianTree.cholesky3(g[0][0], g[0][1], g[0][2], g[1][1], g[1][2], g[2][2], f);
        double[][] l = {{f[0], 0, 0}, {f[1], f[2], 0}, {f[3], f[4], f[5]}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double llt = 0;
                for (int k = 0; k < 3; k++) {
                    llt += l[i][k] * l[j][k];
                }
                assertEquals(g[i][j], llt, 1e-14, "generic matrix entry " + i + "," + j);
            }
        }
    }

    @Test
    void cholesky3GivesZerosAtTheEndsOfALeaf() {
        double[] f = new double[6];
        for (double h : new double[] {1.0, 0x1.0p-10}) {
            for (double a : new double[] {0.0, h}) { // a = 0 (left end) and b = 0 (right end)
                double[] c = section53(a, h);
                for (double v : c) {
                    assertEquals(0.0, v, 0.0, "§5.3 covariance vanishes at a = " + a + ", h = " + h);
                }
                java.util.Arrays.fill(f, Double.NaN);
                VirtualBrownianTree.cholesky3(c[0], c[1], c[2], c[3], c[4], c[5], f);
                for (int i = 0; i < 6; i++) {
                    assertEquals(0.0, f[i], 0.0, "factor entry " + i + " at a = " + a + ", h = " + h);
                }
            }
        }
        // Zero first pivot with a positive rest: the zero column must not produce NaN.
        VirtualBrownianTree.cholesky3(0.0, 0.0, 0.0, 2.0, 0.5, 1.0, f);
        assertEquals(0.0, f[0], 0.0);
        assertEquals(0.0, f[1], 0.0);
        assertEquals(0.0, f[3], 0.0);
        assertEquals(Math.sqrt(2.0), f[2], 1e-15);
        assertEquals(0.5 / Math.sqrt(2.0), f[4], 1e-15);
        assertEquals(Math.sqrt(1.0 - 0.125), f[5], 1e-15);
    }

    // ------------------------------------------------------------------------------------------------
    // (iv) Additivity and reversal of the tree's answers
    // ------------------------------------------------------------------------------------------------

    private static VirtualBrownianTree tree(double t0, double t1, double tol, LevyArea level, int dim, long seed, int cache) {
        return VirtualBrownianTree.builder().interval(t0, t1).tolerance(tol).levyArea(level).dimension(dim)
                .seed(seed).cacheSize(cache).build();
    }

    /** Allowed |Chen(pieces) − whole| in units of the whole's sd: rounding only (see the additivity test). */
    private static final double ADDITIVITY_TOL = 1e-10;

    /** The barred triples of an increment (H̄ = dt·H, K̄ = dt²·K), zeros where the level has none. */
    static double[] barred(BrownianIncrement inc) {
        int d = inc.dimension();
        double[] out = new double[3 * d];
        double dt = inc.dt();
        for (int j = 0; j < d; j++) {
            out[3 * j] = inc.w(j);
            out[3 * j + 1] = inc.levyArea().hasSpaceTime() ? dt * inc.h(j) : 0.0;
            out[3 * j + 2] = inc.levyArea().hasSpaceTimeTime() ? dt * dt * inc.k(j) : 0.0;
        }
        return out;
    }

    /**
     * |Chen(inc(a,b), inc(b,c)) − inc(a,c)| in units of the sd of each quantity over [a, c]
     * (sqrt(h), sqrt(h³/12), sqrt(h⁵/720)), floored at the leaf length where pieces are computed.
     */
    private static double additivityError(BrownianPath p, double a, double b, double c, double floor) {
        double[] x = barred(p.increment(a, b));
        double[] y = barred(p.increment(b, c));
        double[] whole = barred(p.increment(a, c));
        double[] chen = new double[whole.length];
        Chen.concat(chen, 0, x, 0, b - a, y, 0, c - b, p.dimension());
        double h = Math.max(c - a, floor);
        double[] sd = {Math.sqrt(h), Math.sqrt(h * h * h / 12), Math.sqrt(Math.pow(h, 5) / 720)};
        // Only the quantities of the path's level are additive: below SPACE_TIME_TIME the Chen formula
        // would build H̄ (or K̄) of the whole from W (and H̄) of the pieces, which the path does not carry.
        int count = p.levyArea().ordinal() + 1;
        double worst = 0;
        for (int i = 0; i < whole.length; i++) {
            if (i % 3 < count) {
                worst = Math.max(worst, Math.abs(chen[i] - whole[i]) / sd[i % 3]);
            }
        }
        return worst;
    }

    @ParameterizedTest
    @EnumSource(LevyArea.class)
    void incrementsAreAdditiveUnderChen(LevyArea level) {
        SplittableRandom rnd = new SplittableRandom(21);
        for (double[] iv : new double[][] {{0.0, 5.0}, {-1.3, 2.2}}) {
            double span = iv[1] - iv[0];
            for (int cache : new int[] {256, 1}) {
                for (long seed = 0; seed < 5; seed++) {
                    VirtualBrownianTree t = tree(iv[0], iv[1], span * 0x1.0p-10, level, 2, seed, cache);
                    double worst = 0;
                    for (int q = 0; q < 400; q++) {
                        double[] p = {iv[0] + span * rnd.nextDouble(), iv[0] + span * rnd.nextDouble(),
                            iv[0] + span * rnd.nextDouble()};
                        if (q % 4 == 0) {
                            // Close points: the three times within a few leaves.
                            p[1] = Math.min(iv[1], p[0] + 3 * t.leafLength() * rnd.nextDouble());
                            p[2] = Math.min(iv[1], p[0] + 3 * t.leafLength() * rnd.nextDouble());
                        }
                        java.util.Arrays.sort(p);
                        if (p[0] == p[1] || p[1] == p[2]) {
                            continue;
                        }
                        worst = Math.max(worst, additivityError(t, p[0], p[1], p[2], t.leafLength()));
                    }
                    // Rounding only. The dominant rounding is the conversion between barred and un-barred
                    // areas: the tree divides by the normalised length ru − rs, we multiply by dt = t − s, and
                    // the two differ relatively by about eps·span/h (≈ 2e-13 at h = one leaf). A scan of 80
                    // trees × 2000 triples gave at most 1.6e-12 sd; an algebraic error would be of order 1 sd.
                    assertTrue(worst < ADDITIVITY_TOL, level + " tree on " + java.util.Arrays.toString(iv) + " seed " + seed
                            + " cache " + cache + ": worst additivity error (in sd units) " + worst);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(LevyArea.class)
    void reversedIncrementIsTheExactNegation(LevyArea level) {
        SplittableRandom rnd = new SplittableRandom(22);
        VirtualBrownianTree t = tree(-1.3, 2.2, 3.5 * 0x1.0p-10, level, 3, 9, 256);
        MutableBrownianIncrement fwd = new MutableBrownianIncrement(3, level);
        MutableBrownianIncrement bwd = new MutableBrownianIncrement(3, level);
        for (int q = 0; q < 2000; q++) {
            double s = -1.3 + 3.5 * rnd.nextDouble();
            double u = q % 10 == 0 ? s : -1.3 + 3.5 * rnd.nextDouble();
            if (q % 7 == 0) {
                u = q % 2 == 0 ? 2.2 : -1.3;
            }
            t.increment(s, u, fwd);
            t.increment(u, s, bwd);
            if (s == u) {
                // An empty interval has no direction: both are +0 everywhere.
                assertEquals(0.0, fwd.dt(), 0.0);
                assertEquals(0.0, bwd.dt(), 0.0);
                for (int j = 0; j < 3; j++) {
                    assertEquals(0.0, fwd.w()[j], 0.0, "empty interval w");
                    assertEquals(0.0, bwd.w()[j], 0.0, "empty interval w");
                }
                continue;
            }
            String where = "increment(" + u + ", " + s + ") vs increment(" + s + ", " + u + ")";
            assertEquals(Double.doubleToRawLongBits(-fwd.dt()), Double.doubleToRawLongBits(bwd.dt()), where + " dt");
            for (int j = 0; j < 3; j++) {
                assertEquals(Double.doubleToRawLongBits(-fwd.w()[j]), Double.doubleToRawLongBits(bwd.w()[j]), where + " w");
                if (level.hasSpaceTime()) {
                    assertEquals(Double.doubleToRawLongBits(-fwd.h()[j]), Double.doubleToRawLongBits(bwd.h()[j]), where + " h");
                }
                if (level.hasSpaceTimeTime()) {
                    assertEquals(Double.doubleToRawLongBits(-fwd.k()[j]), Double.doubleToRawLongBits(bwd.k()[j]), where + " k");
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // (v) Dyadic nodes reached from either side; values on the leaf grid
    // ------------------------------------------------------------------------------------------------

    /**
     * On a 4-level tree over [1, 3] (leaves of 1/8, every node time exact in binary), for every interior
     * node t*: the pieces [x, t*] from the left neighbouring leaf and [t*, y] from the right one, combined
     * by Chen with [t0, x] and [t0, t*], give [t0, t*] and [t0, y]; W at t* is the same from both sides;
     * and the W of the leaves, summed in order, give value() at every grid point. Checked for every
     * cache size class (0: no reuse, 1, default), since reuse changes how a descent reaches a node.
     */
    @ParameterizedTest
    @EnumSource(LevyArea.class)
    void dyadicNodeValuesAgreeFromBothSides(LevyArea level) {
        List<String> failures = new ArrayList<>();
        double t0 = 1.0;
        double t1 = 3.0;
        for (int cache : new int[] {0, 1, 256}) {
            for (long seed = 0; seed < 4; seed++) {
                VirtualBrownianTree t = tree(t0, t1, 0.2, level, 1, seed, cache);
                assertEquals(4, t.levels());
                double leaf = t.leafLength();
                assertEquals(0.125, leaf, 0.0);
                for (int k = 1; k < 16; k++) {
                    double node = t0 + k * leaf;
                    double x = node - 0.37 * leaf;
                    double y = node + 0.61 * leaf;
                    double fromLeft = t.value(x)[0] + t.increment(x, node).w(0);
                    double fromRight = t.value(y)[0] - t.increment(node, y).w(0);
                    double direct = t.value(node)[0];
                    String where = "cache " + cache + ", seed " + seed + ", node " + node;
                    if (Math.abs(fromLeft - direct) > 1e-13 || Math.abs(fromRight - direct) > 1e-13) {
                        failures.add(where + ": W(node) direct " + direct + ", via left leaf " + fromLeft
                                + ", via right leaf " + fromRight);
                    }
                    double e1 = additivityError(t, t0, x, node, leaf);
                    double e2 = additivityError(t, t0, node, y, leaf);
                    double e3 = additivityError(t, x, node, y, leaf);
                    if (Math.max(e1, Math.max(e2, e3)) > ADDITIVITY_TOL) {
                        failures.add(where + ": Chen additivity through the node fails, errors (sd units) "
                                + e1 + ", " + e2 + ", " + e3);
                    }
                }
                // Leaf-by-leaf sums against value() at every grid point.
                double sum = 0;
                for (int k = 0; k < 16; k++) {
                    sum += t.increment(t0 + k * leaf, t0 + (k + 1) * leaf).w(0);
                    double v = t.value(t0 + (k + 1) * leaf)[0];
                    if (Math.abs(sum - v) > 1e-13) {
                        failures.add("cache " + cache + ", seed " + seed + ": sum of the first " + (k + 1)
                                + " leaf increments " + sum + " but value(" + (t0 + (k + 1) * leaf) + ") = " + v);
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            java.util.Map<String, Long> byCache = new java.util.TreeMap<>();
            for (String msg : failures) {
                byCache.merge(msg.substring(0, msg.indexOf(',')), 1L, Long::sum);
            }
            fail(failures.size() + " inconsistencies at dyadic nodes " + byCache + ", e.g.:\n  "
                    + String.join("\n  ", failures.subList(0, Math.min(8, failures.size()))));
        }
    }

    // ------------------------------------------------------------------------------------------------
    // (vi) eps guards for very short intervals
    // ------------------------------------------------------------------------------------------------

    /**
     * brownian.md §2 (and §7: "keep ... the eps guards of §2"): with normalised length δ = (u − s)/(t1 − t0),
     * H = H̄/δ is replaced by 0 when δ &lt; eps and K = K̄/δ² by 0 when δ² &lt; eps (eps = 2⁻⁵² for double), and
     * the same for point values H_{0,r}, K_{0,r}. Without them, the division amplifies rounding and the leaf's
     * smooth interpolation: on a tree over [0, 1] with leaves of 2⁻¹⁰, a 1-ulp interval gave |H| ≈ 3·10⁸ sd and
     * |K| ≈ 10²⁶ sd, and an interval of 10⁻¹⁰ gave |K| ≈ 10¹¹ sd.
     */
    @Test
    void veryShortIntervalsFollowTheEpsGuardsOfSection2() {
        double eps = Math.ulp(1.0);
        SplittableRandom rnd = new SplittableRandom(31);
        List<String> failures = new ArrayList<>();
        for (long seed = 0; seed < 3; seed++) {
            VirtualBrownianTree t = tree(0.0, 1.0, 0x1.0p-10, LevyArea.SPACE_TIME_TIME, 1, seed, 256);
            for (int q = 0; q < 50; q++) {
                double s = 0.05 + 0.9 * rnd.nextDouble();
                double[] ends = {Math.nextUp(s), s + 1e-10, 1e-10};
                double[] starts = {s, s, 0.0};
                for (int c = 0; c < 3; c++) {
                    BrownianIncrement inc = t.increment(starts[c], ends[c]);
                    double delta = ends[c] - starts[c];
                    String where = "seed " + seed + ", [" + starts[c] + ", " + ends[c] + "] (normalised length " + delta + ")";
                    if (delta < eps && inc.h(0) != 0.0) {
                        failures.add(where + ": H = " + inc.h(0) + ", sd " + Math.sqrt(delta / 12) + ", guard requires 0");
                    }
                    if (delta * delta < eps && inc.k(0) != 0.0) {
                        failures.add(where + ": K = " + inc.k(0) + ", sd " + Math.sqrt(delta / 720) + ", guard requires 0");
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " answers ignore the eps guards of brownian.md §2, e.g.\n  "
                    + String.join("\n  ", failures.subList(0, Math.min(6, failures.size()))));
        }
    }
}
