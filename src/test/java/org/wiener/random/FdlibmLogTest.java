package org.wiener.random;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Our Java port of fdlibm's log must equal {@link StrictMath#log} bit for bit. */
class FdlibmLogTest {

    @Test
    void equalsStrictMathOnTheUniformsNormalsUse() {
        SplittableRandom rnd = new SplittableRandom(17);
        for (int i = 0; i < 3_000_000; i++) {
            double u = Uniforms.open(rnd.nextLong());
            assertBitEqual(u);
            assertBitEqual(1.0 - u);
        }
    }

    @Test
    void equalsStrictMathOverTheWholeRangeAndAtSpecialValues() {
        SplittableRandom rnd = new SplittableRandom(19);
        for (int i = 0; i < 2_000_000; i++) {
            assertBitEqual(Double.longBitsToDouble(rnd.nextLong() & Long.MAX_VALUE));
        }
        double[] special = {0.0, -0.0, -1.0, 1.0, 2.0, 0.5, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1 + 0x1.0p-52, 1 - 0x1.0p-53,
            1 + 0x1.0p-21, 1 - 0x1.0p-21, Math.sqrt(2), Math.sqrt(0.5), 0x1.0p-53, 1e-300, 4.9e-324 * 3};
        for (double x : special) {
            assertBitEqual(x);
        }
        for (int e = -1074; e <= 1023; e++) {
            double x = Math.scalb(1.0, e);
            assertBitEqual(x);
            assertBitEqual(Math.nextUp(x));
            assertBitEqual(Math.nextDown(x));
        }
    }

    private static void assertBitEqual(double x) {
        if (Double.isNaN(StrictMath.log(x))) {
            // Java does not specify NaN payloads; only NaN-ness is part of the contract.
            assertEquals(true, Double.isNaN(FdlibmLog.log(x)), () -> "log(" + x + ")");
            return;
        }
        assertEquals(Double.doubleToRawLongBits(StrictMath.log(x)), Double.doubleToRawLongBits(FdlibmLog.log(x)),
                () -> "log(" + x + ")");
    }
}
