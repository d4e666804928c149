package org.wiener.random;

/**
 * The natural logarithm of fdlibm 5.3 ({@code e_log.c}), the algorithm that {@link StrictMath#log}
 * is specified to reproduce bit for bit, written in Java so that the JIT compiles it inline.
 *
 * <p>Why: on JDK 17 {@code StrictMath.log} is a native call costing several times a whole AS 241
 * evaluation, and a tail normal needs one. JDK 21 and later ship a Java port of the same algorithm;
 * this is ours for JDK 17. The tests compare it with {@code StrictMath.log} bit for bit on millions of
 * arguments, so normals stay identical to the {@code StrictMath} definition on every JVM.
 *
 * <p>Method (from fdlibm): write x = 2<sup>k</sup>(1 + f) with √2/2 &lt; 1 + f &lt; √2, then
 * log(1 + f) = 2s + 2s R(s²) with s = f/(2 + f), R a degree-14 minimax polynomial, and
 * log x = k·ln2 + log(1 + f), with ln2 split in two parts for exactness.
 */
final class FdlibmLog {

    private static final double LN2_HI = Double.longBitsToDouble(0x3fe62e42fee00000L);
    private static final double LN2_LO = Double.longBitsToDouble(0x3dea39ef35793c76L);
    private static final double TWO54 = Double.longBitsToDouble(0x4350000000000000L);
    private static final double LG1 = Double.longBitsToDouble(0x3FE5555555555593L);
    private static final double LG2 = Double.longBitsToDouble(0x3FD999999997FA04L);
    private static final double LG3 = Double.longBitsToDouble(0x3FD2492494229359L);
    private static final double LG4 = Double.longBitsToDouble(0x3FCC71C51D8E78AFL);
    private static final double LG5 = Double.longBitsToDouble(0x3FC7466496CB03DEL);
    private static final double LG6 = Double.longBitsToDouble(0x3FC39A09D078C69FL);
    private static final double LG7 = Double.longBitsToDouble(0x3FC2F112DF3E5244L);

    private FdlibmLog() {
    }

    /**
     * @param x any double
     * @return the same value as {@code StrictMath.log(x)}
     */
    static double log(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int hx = (int) (bits >> 32);
        int lx = (int) bits;
        int k = 0;
        if (hx < 0x00100000) {
            if (((hx & 0x7fffffff) | lx) == 0) {
                return Double.NEGATIVE_INFINITY;
            }
            if (hx < 0) {
                return Double.NaN;
            }
            k -= 54;
            x *= TWO54; // subnormal: scale up
            bits = Double.doubleToRawLongBits(x);
            hx = (int) (bits >> 32);
        }
        if (hx >= 0x7ff00000) {
            return x + x;
        }
        k += (hx >> 20) - 1023;
        hx &= 0x000fffff;
        int i = (hx + 0x95f64) & 0x100000;
        // normalise x or x/2 into [sqrt(2)/2, sqrt(2))
        x = Double.longBitsToDouble(((long) (hx | (i ^ 0x3ff00000)) << 32) | (bits & 0xffffffffL));
        k += i >> 20;
        double f = x - 1.0;
        if ((0x000fffff & (2 + hx)) < 3) { // |f| < 2^-20
            if (f == 0.0) {
                if (k == 0) {
                    return 0.0;
                }
                double dk = k;
                return dk * LN2_HI + dk * LN2_LO;
            }
            double r = f * f * (0.5 - 0.33333333333333333 * f);
            if (k == 0) {
                return f - r;
            }
            double dk = k;
            return dk * LN2_HI - ((r - dk * LN2_LO) - f);
        }
        double s = f / (2.0 + f);
        double dk = k;
        double z = s * s;
        int ii = hx - 0x6147a;
        double w = z * z;
        int j = 0x6b851 - hx;
        double t1 = w * (LG2 + w * (LG4 + w * LG6));
        double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
        ii |= j;
        double r = t2 + t1;
        if (ii > 0) {
            double hfsq = 0.5 * f * f;
            if (k == 0) {
                return f - (hfsq - s * (hfsq + r));
            }
            return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
        }
        if (k == 0) {
            return f - s * (f - r);
        }
        return dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f);
    }
}
