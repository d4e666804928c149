package org.wiener.random;

/**
 * Standard normal deviates that are bit-reproducible on every JVM: the inverse normal CDF of
 * Wichura's Algorithm AS 241 (PPND16, Applied Statistics 37(3), 477–484, 1988), relative accuracy
 * about 1e-16, applied to one uniform of {@link Uniforms#open(long)}.
 *
 * <p>Only the logarithm of {@link StrictMath#log} (through {@code FdlibmLog}, a bit-identical Java port) and
 * {@link Math#sqrt} (correctly rounded) are used, so the same bits
 * give the same normal on JDK 17 and JDK 25 and on every CPU. One uniform gives exactly one normal,
 * so a (key, counter) pair maps to a fixed set of normals. Because the uniforms are odd multiples of
 * 2<sup>-53</sup>, {@code p - 0.5} and {@code 1 - p} are exact and the normal of {@code 1 - p} is
 * exactly the negative of the normal of {@code p}. The largest magnitude reachable from
 * {@link Uniforms} is 8.2095361516013868.
 */
public final class Normals {

    // Coefficients of AS 241 (PPND16), as published; the tests check known quantiles.
    private static final double A0 = 3.3871328727963666080e0;
    private static final double A1 = 1.3314166789178437745e+2;
    private static final double A2 = 1.9715909503065514427e+3;
    private static final double A3 = 1.3731693765509461125e+4;
    private static final double A4 = 4.5921953931549871457e+4;
    private static final double A5 = 6.7265770927008700853e+4;
    private static final double A6 = 3.3430575583588128105e+4;
    private static final double A7 = 2.5090809287301226727e+3;
    private static final double B1 = 4.2313330701600911252e+1;
    private static final double B2 = 6.8718700749205790830e+2;
    private static final double B3 = 5.3941960214247511077e+3;
    private static final double B4 = 2.1213794301586595867e+4;
    private static final double B5 = 3.9307895800092710610e+4;
    private static final double B6 = 2.8729085735721942674e+4;
    private static final double B7 = 5.2264952788528545610e+3;
    private static final double C0 = 1.42343711074968357734e0;
    private static final double C1 = 4.63033784615654529590e0;
    private static final double C2 = 5.76949722146069140550e0;
    private static final double C3 = 3.64784832476320460504e0;
    private static final double C4 = 1.27045825245236838258e0;
    private static final double C5 = 2.41780725177450611770e-1;
    private static final double C6 = 2.27238449892691845833e-2;
    private static final double C7 = 7.74545014278341407640e-4;
    private static final double D1 = 2.05319162663775882187e0;
    private static final double D2 = 1.67638483018380384940e0;
    private static final double D3 = 6.89767334985100004550e-1;
    private static final double D4 = 1.48103976427480074590e-1;
    private static final double D5 = 1.51986665636164571966e-2;
    private static final double D6 = 5.47593808499534494600e-4;
    private static final double D7 = 1.05075007164441684324e-9;
    private static final double E0 = 6.65790464350110377720e0;
    private static final double E1 = 5.46378491116411436990e0;
    private static final double E2 = 1.78482653991729133580e0;
    private static final double E3 = 2.96560571828504891230e-1;
    private static final double E4 = 2.65321895265761230930e-2;
    private static final double E5 = 1.24266094738807843860e-3;
    private static final double E6 = 2.71155556874348757815e-5;
    private static final double E7 = 2.01033439929228813265e-7;
    private static final double F1 = 5.99832206555887937690e-1;
    private static final double F2 = 1.36929880922735805310e-1;
    private static final double F3 = 1.48753612908506148525e-2;
    private static final double F4 = 7.86869131145613259100e-4;
    private static final double F5 = 1.84631831751005468180e-5;
    private static final double F6 = 1.42151175831644588870e-7;
    private static final double F7 = 2.04426310338993978564e-15;

    private Normals() {
    }

    /**
     * A standard normal from 64 random bits: {@code inverseCdf(Uniforms.open(bits))}.
     *
     * @param bits random bits
     * @return a standard normal deviate, finite and at most 8.21 in magnitude
     */
    public static double fromBits(long bits) {
        // Uniforms.open is always in (0, 1): no argument check needed.
        return quantile(Uniforms.open(bits));
    }

    /**
     * The standard normal quantile Φ<sup>-1</sup>(p) by AS 241.
     *
     * @param p a probability in the open interval (0, 1)
     * @return the quantile
     * @throws IllegalArgumentException if {@code p} is not in (0, 1)
     */
    public static double inverseCdf(double p) {
        if (!(p > 0.0 && p < 1.0)) {
            throw new IllegalArgumentException("p must be in the open interval (0, 1), got " + p);
        }
        return quantile(p);
    }

    /**
     * AS 241 for p in (0, 1). Split into a small central part and an out-of-line tail so that the JIT
     * inlines the common case (|p - 0.5| &le; 0.425, 85 % of draws) into its callers: the whole method is
     * above HotSpot's inlining limit. Same operations in the same order, so the same bits.
     */
    private static double quantile(double p) {
        double q = p - 0.5;
        if (Math.abs(q) <= 0.425) {
            double r = 0.180625 - q * q;
            return q * (((((((A7 * r + A6) * r + A5) * r + A4) * r + A3) * r + A2) * r + A1) * r + A0)
                    / (((((((B7 * r + B6) * r + B5) * r + B4) * r + B3) * r + B2) * r + B1) * r + 1.0);
        }
        return tail(p, q);
    }

    /** AS 241 for |p - 0.5| &gt; 0.425, through r = sqrt(-log(min(p, 1 - p))). */
    private static double tail(double p, double q) {
        double r = Math.sqrt(-FdlibmLog.log(q < 0.0 ? p : 1.0 - p));
        double x;
        if (r <= 5.0) {
            r -= 1.6;
            x = (((((((C7 * r + C6) * r + C5) * r + C4) * r + C3) * r + C2) * r + C1) * r + C0)
                    / (((((((D7 * r + D6) * r + D5) * r + D4) * r + D3) * r + D2) * r + D1) * r + 1.0);
        } else {
            r -= 5.0;
            x = (((((((E7 * r + E6) * r + E5) * r + E4) * r + E3) * r + E2) * r + E1) * r + E0)
                    / (((((((F7 * r + F6) * r + F5) * r + F4) * r + F3) * r + F2) * r + F1) * r + 1.0);
        }
        return q < 0.0 ? -x : x;
    }
}
