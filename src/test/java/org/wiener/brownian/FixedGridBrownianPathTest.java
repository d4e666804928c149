package org.wiener.brownian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The fixed-grid path: exact cell laws, Chen combination, bit-equality with its source, bad input. */
class FixedGridBrownianPathTest {

    @Test
    void copiesOfATreeReproduceItsCellsBitForBit() {
        VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(-1.0, 2.0).dimension(3)
                .tolerance(1e-4).levyArea(LevyArea.SPACE_TIME_TIME).seed(12).build();
        FixedGridBrownianPath grid = FixedGridBrownianPath.of(tree, 64);
        for (int k = 0; k < 64; k++) {
            BrownianIncrement fromTree = tree.increment(grid.time(k), grid.time(k + 1));
            assertEquals(fromTree, grid.increment(grid.time(k), grid.time(k + 1)), "cell " + k);
        }
        // Several cells: Chen's relations reproduce the tree's own answer to rounding.
        BrownianIncrement wide = grid.increment(grid.time(3), grid.time(40));
        BrownianIncrement exact = tree.increment(grid.time(3), grid.time(40));
        for (int j = 0; j < 3; j++) {
            assertEquals(exact.w(j), wide.w(j), 1e-12);
            assertEquals(exact.h(j), wide.h(j), 1e-12);
            assertEquals(exact.k(j), wide.k(j), 1e-11);
        }
        assertFalse(grid.supportsArbitraryTimes());
    }

    @Test
    void independentCellsHaveTheExactLaws() {
        // Variance of n standardized normals has relative sd sqrt(2/n); allow five sd.
        int n = 40000;
        double sw = 0;
        double sh = 0;
        double sk = 0;
        double wSum = 0;
        for (int seed = 0; seed < n / 8; seed++) {
            FixedGridBrownianPath path = FixedGridBrownianPath.builder().interval(0, 2).steps(8)
                    .levyArea(LevyArea.SPACE_TIME_TIME).seed(seed).build();
            for (int c = 0; c < 8; c++) {
                BrownianIncrement inc = path.increment(path.time(c), path.time(c + 1));
                double h = inc.dt();
                sw += inc.w(0) * inc.w(0) / h;
                sh += inc.h(0) * inc.h(0) / (h / 12);
                sk += inc.k(0) * inc.k(0) / (h / 720);
            }
            BrownianIncrement whole = path.increment(0, 2);
            wSum += whole.h(0) * whole.h(0) / (2.0 / 12);
        }
        double tol = 5 * Math.sqrt(2.0 / n);
        assertEquals(1.0, sw / n, tol);
        assertEquals(1.0, sh / n, tol);
        assertEquals(1.0, sk / n, tol);
        // H over the whole interval from Chen-combined cells must again be N(0, h/12).
        assertEquals(1.0, wSum / (n / 8), 5 * Math.sqrt(2.0 / (n / 8)));
    }

    @Test
    void valueEqualsTheIncrementFromT0AndReversalNegates() {
        FixedGridBrownianPath path = FixedGridBrownianPath.builder().interval(0, 1).steps(10).dimension(2)
                .levyArea(LevyArea.SPACE_TIME).seed(5).build();
        for (int k = 0; k <= 10; k++) {
            assertArrayEquals(path.increment(0, path.time(k)).w(), path.value(path.time(k)));
        }
        BrownianIncrement forward = path.increment(path.time(2), path.time(7));
        BrownianIncrement backward = path.increment(path.time(7), path.time(2));
        assertEquals(-forward.dt(), backward.dt());
        for (int j = 0; j < 2; j++) {
            assertEquals(-forward.w(j), backward.w(j));
            assertEquals(-forward.h(j), backward.h(j));
        }
    }

    @Test
    void rejectsOffGridTimesAndBadSettings() {
        FixedGridBrownianPath path = FixedGridBrownianPath.builder().interval(0, 1).steps(4).seed(1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> path.increment(0.1, 0.5));
        assertTrue(e.getMessage().startsWith("s must be a grid time") && e.getMessage().contains("0.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> path.increment(0.0, 1.5));
        assertTrue(e.getMessage().contains("t must be in [t0, t1]") && e.getMessage().contains("1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FixedGridBrownianPath.builder().steps(0));
        assertEquals("steps must be >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> FixedGridBrownianPath.builder().interval(0, 1).steps(3).build());
        assertEquals("seed must be set: call seed(seed)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FixedGridBrownianPath.builder().interval(1, 1));
        assertEquals("t0 must be < t1, got t0=1.0, t1=1.0", e.getMessage());
    }
}
