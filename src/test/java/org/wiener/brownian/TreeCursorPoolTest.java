package org.wiener.brownian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A thread keeps working memory for its four most recent trees and rebinds it to the next tree of the
 * same shape: interleaving more trees than that on one thread must not change a bit of any answer.
 */
class TreeCursorPoolTest {

    @Test
    void interleavingManyTreesOnOneThreadGivesTheSameBitsAsQueryingEachAlone() {
        int trees = 7;
        int steps = 200;
        double[][] alone = new double[trees][steps];
        for (int k = 0; k < trees; k++) {
            VirtualBrownianTree tree = tree(k, k % 2 == 0 ? 1e-4 : 3e-4);
            for (int i = 0; i < steps; i++) {
                alone[k][i] = tree.increment(i / (double) steps, (i + 1) / (double) steps).k(0);
            }
        }
        VirtualBrownianTree[] all = new VirtualBrownianTree[trees];
        for (int k = 0; k < trees; k++) {
            all[k] = tree(k, k % 2 == 0 ? 1e-4 : 3e-4); // two shapes (levels), so rebinding and reallocation both occur
        }
        for (int i = 0; i < steps; i++) {
            for (int k = 0; k < trees; k++) {
                double interleaved = all[k].increment(i / (double) steps, (i + 1) / (double) steps).k(0);
                assertEquals(Double.doubleToRawLongBits(alone[k][i]), Double.doubleToRawLongBits(interleaved),
                        "tree " + k + ", step " + i);
            }
        }
    }

    private static VirtualBrownianTree tree(long seed, double tolerance) {
        return VirtualBrownianTree.builder().interval(0, 1).tolerance(tolerance)
                .levyArea(LevyArea.SPACE_TIME_TIME).seed(seed).build();
    }
}
