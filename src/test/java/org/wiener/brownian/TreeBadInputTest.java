package org.wiener.brownian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Invalid arguments to the tree and its builder fail fast with an {@link IllegalArgumentException} whose
 * message names the argument and contains the offending value, so that a user can tell what to fix:
 * bad intervals (t0 ≥ t1, non-finite bounds, infinite span), tolerances ≤ 0, NaN or below the
 * double-precision limit, dimension &lt; 1, a null Lévy level, a negative cache size, missing seed,
 * interval or tolerance, queries outside [t0, t1] or NaN, and output holders of the wrong dimension, of a
 * richer level than the tree, or null. Valid edge cases (queries at t0 and t1, a poorer holder) are
 * accepted.
 */
class TreeBadInputTest {

    private static VirtualBrownianTree.Builder valid() {
        return VirtualBrownianTree.builder().interval(0.0, 1.0).tolerance(1e-3).seed(1);
    }

    /** Asserts an IllegalArgumentException whose message starts with the argument name and contains every fragment. */
    private static void assertRejected(Executable call, String argument, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        String msg = e.getMessage();
        assertTrue(msg != null && msg.startsWith(argument), "message should name '" + argument + "' first: " + msg);
        for (String f : fragments) {
            assertTrue(msg.contains(f), "message should contain '" + f + "': " + msg);
        }
    }

    @Test
    void intervalMustBeFiniteAndIncreasing() {
        assertRejected(() -> VirtualBrownianTree.builder().interval(1.0, 1.0), "t0", "t0=1.0", "t1=1.0");
        assertRejected(() -> VirtualBrownianTree.builder().interval(2.0, 1.5), "t0", "2.0", "1.5");
        assertRejected(() -> VirtualBrownianTree.builder().interval(Double.NaN, 1.0), "t0", "NaN");
        assertRejected(() -> VirtualBrownianTree.builder().interval(0.0, Double.NaN), "t1", "NaN");
        assertRejected(() -> VirtualBrownianTree.builder().interval(Double.NEGATIVE_INFINITY, 0.0), "t0", "-Infinity");
        assertRejected(() -> VirtualBrownianTree.builder().interval(0.0, Double.POSITIVE_INFINITY), "t1", "Infinity");
        assertRejected(() -> VirtualBrownianTree.builder().interval(-1e308, 1e308), "t1 - t0", "-1.0E308", "1.0E308");
    }

    @Test
    void toleranceMustBePositiveAndResolvable() {
        assertRejected(() -> VirtualBrownianTree.builder().tolerance(0.0), "tolerance", "0.0");
        assertRejected(() -> VirtualBrownianTree.builder().tolerance(-0.5), "tolerance", "-0.5");
        assertRejected(() -> VirtualBrownianTree.builder().tolerance(Double.NaN), "tolerance", "NaN");
        assertRejected(() -> VirtualBrownianTree.builder().tolerance(Double.NEGATIVE_INFINITY), "tolerance", "-Infinity");
        // Finer than 2^-52 of the span: cannot be resolved in double precision.
        assertRejected(() -> valid().interval(0.0, 4.0).tolerance(1e-17).build(), "tolerance", "1.0E-17");
        // The finest allowed tolerance builds, at the maximum depth.
        assertEquals(VirtualBrownianTree.MAX_LEVELS,
                valid().interval(0.0, 4.0).tolerance(4.0 * 0x1.0p-52).build().levels());
    }

    @Test
    void dimensionLevelAndCacheSizeAreValidated() {
        assertRejected(() -> VirtualBrownianTree.builder().dimension(0), "dimension", "0");
        assertRejected(() -> VirtualBrownianTree.builder().dimension(-3), "dimension", "-3");
        assertRejected(() -> VirtualBrownianTree.builder().levyArea(null), "levyArea", "null");
        assertRejected(() -> VirtualBrownianTree.builder().cacheSize(-1), "cacheSize", "-1");
    }

    @Test
    void missingSettingsAreNamed() {
        assertRejected(() -> VirtualBrownianTree.builder().tolerance(1e-3).seed(1).build(), "interval");
        assertRejected(() -> VirtualBrownianTree.builder().interval(0.0, 1.0).seed(1).build(), "tolerance");
        assertRejected(() -> VirtualBrownianTree.builder().interval(0.0, 1.0).tolerance(1e-3).build(), "seed");
    }

    @Test
    void queriesOutsideTheIntervalOrNaNAreRejected() {
        VirtualBrownianTree tree = valid().interval(-1.0, 2.0).build();
        MutableBrownianIncrement out = new MutableBrownianIncrement(1, LevyArea.NONE);
        assertRejected(() -> tree.increment(-1.5, 0.5, out), "s", "-1.5", "[-1.0, 2.0]");
        assertRejected(() -> tree.increment(0.5, 2.25, out), "t", "2.25", "[-1.0, 2.0]");
        assertRejected(() -> tree.increment(Double.NaN, 0.5, out), "s", "NaN");
        assertRejected(() -> tree.increment(0.5, Double.NaN, out), "t", "NaN");
        assertRejected(() -> tree.increment(0.0, Double.POSITIVE_INFINITY), "t", "Infinity");
        assertRejected(() -> tree.increment(-1.0000001, 2.0), "s", "-1.0000001");
        assertRejected(() -> tree.value(2.0000001), "t", "2.0000001");
        assertRejected(() -> tree.value(Double.NaN), "t", "NaN");
        assertRejected(() -> tree.value(-3.0, new double[1]), "t", "-3.0");
        // The ends themselves are valid.
        tree.increment(-1.0, 2.0, out);
        assertEquals(3.0, out.dt(), 0.0);
        assertEquals(0.0, tree.value(-1.0)[0], 0.0);
        assertEquals(out.w()[0], tree.value(2.0)[0], 0.0);
    }

    @Test
    void outputHoldersMustFit() {
        VirtualBrownianTree tree = valid().dimension(2).levyArea(LevyArea.SPACE_TIME).build();
        assertRejected(() -> tree.increment(0.1, 0.2, new MutableBrownianIncrement(3, LevyArea.NONE)),
                "out.dimension()", "2", "3");
        assertRejected(() -> tree.increment(0.1, 0.2, new MutableBrownianIncrement(1, LevyArea.SPACE_TIME)),
                "out.dimension()", "1");
        assertRejected(() -> tree.increment(0.1, 0.2, new MutableBrownianIncrement(2, LevyArea.SPACE_TIME_TIME)),
                "out.levyArea()", "SPACE_TIME_TIME", "SPACE_TIME");
        assertRejected(() -> tree.increment(0.1, 0.2, null), "out", "null");
        assertRejected(() -> tree.value(0.5, new double[3]), "out", "2", "3");
        assertRejected(() -> tree.value(0.5, null), "out", "null");

        // A poorer holder is accepted and receives the same W as a full one.
        MutableBrownianIncrement poor = new MutableBrownianIncrement(2, LevyArea.NONE);
        MutableBrownianIncrement full = new MutableBrownianIncrement(2, LevyArea.SPACE_TIME);
        tree.increment(0.1, 0.7, poor);
        tree.increment(0.1, 0.7, full);
        assertEquals(0, poor.h().length);
        assertEquals(full.w()[0], poor.w()[0], 0.0);
        assertEquals(full.w()[1], poor.w()[1], 0.0);
    }
}
