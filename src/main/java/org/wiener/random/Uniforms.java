package org.wiener.random;

/**
 * Uniform doubles in the open interval (0, 1) from 64 random bits.
 *
 * <p>The top 53 bits are taken with the lowest of them forced to 1 and scaled by 2<sup>-53</sup>:
 * the result is an odd multiple of 2<sup>-53</sup> between 2<sup>-53</sup> and
 * 1 - 2<sup>-53</sup>. Zero and one are impossible, so {@code log(u)} and {@code log(1 - u)} are
 * finite, and {@code 1 - u} and {@code u - 0.5} are exact. (The tempting {@code k·2^-53 + 2^-54}
 * rounds to exactly 1.0 for the largest k.)
 */
public final class Uniforms {

    /** The smallest uniform this class can return, 2<sup>-53</sup>. */
    public static final double MIN = 0x1.0p-53;
    /** The largest uniform this class can return, 1 - 2<sup>-53</sup>. */
    public static final double MAX = 1.0 - 0x1.0p-53;

    private Uniforms() {
    }

    /**
     * Maps 64 random bits to a uniform in (0, 1).
     *
     * @param bits random bits; only the top 53 are used
     * @return an odd multiple of 2<sup>-53</sup> in [2<sup>-53</sup>, 1 - 2<sup>-53</sup>]
     */
    public static double open(long bits) {
        return ((bits >>> 11) | 1L) * 0x1.0p-53;
    }
}
