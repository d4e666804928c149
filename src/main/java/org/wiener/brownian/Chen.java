package org.wiener.brownian;

/**
 * Chen relations for (W, H̄, K̄) triples, where H̄ = h·H and K̄ = h²·K are the barred areas of
 * {@code docs/brownian.md} §1.2. Arrays hold one triple per component at offsets 3j, 3j+1, 3j+2.
 *
 * <p>The barred areas are invariant under shifting time, so the relations only need the lengths of
 * the pieces. Concatenation adds pieces; no difference of large nearly-equal numbers is ever formed
 * except in {@link #splitOff}, which works at the scale of one leaf.
 */
final class Chen {

    private Chen() {
    }

    /**
     * [a, c] = [a, b] ⊕ [b, c]. {@code dst} may be the same array as {@code x} or {@code y}.
     *
     * @param dst receives the triples of [a, c] at {@code dstOff}
     * @param x triples of [a, b]
     * @param hx length of [a, b]
     * @param y triples of [b, c]
     * @param hy length of [b, c]
     */
    static void concat(double[] dst, int dstOff, double[] x, int xOff, double hx,
                       double[] y, int yOff, double hy, int dimension) {
        for (int j = 0; j < dimension; j++) {
            int a = xOff + 3 * j;
            int b = yOff + 3 * j;
            double w1 = x[a];
            double h1 = x[a + 1];
            double k1 = x[a + 2];
            double w2 = y[b];
            double h2 = y[b + 1];
            double k2 = y[b + 2];
            double bridge = hy * w1 - hx * w2;
            int c = dstOff + 3 * j;
            dst[c] = w1 + w2;
            dst[c + 1] = h1 + h2 + 0.5 * bridge;
            dst[c + 2] = k1 + k2 + 0.5 * hy * h1 - 0.5 * hx * h2 + (hy - hx) / 12.0 * bridge;
        }
    }

    /**
     * Given [p, q] and [p, s] with p ≤ s ≤ q, computes [s, q] (the inverse of {@link #concat}).
     *
     * @param dst receives the triples of [s, q]
     * @param whole triples of [p, q]
     * @param hWhole length of [p, q]
     * @param head triples of [p, s]
     * @param hHead length of [p, s]
     */
    static void splitOff(double[] dst, int dstOff, double[] whole, int wholeOff, double hWhole,
                         double[] head, int headOff, double hHead, int dimension) {
        double hTail = hWhole - hHead;
        for (int j = 0; j < dimension; j++) {
            int a = wholeOff + 3 * j;
            int b = headOff + 3 * j;
            double wY = head[b];
            double hY = head[b + 1];
            double kY = head[b + 2];
            double wZ = whole[a] - wY;
            double bridge = hTail * wY - hHead * wZ;
            double hZ = whole[a + 1] - hY - 0.5 * bridge;
            double kZ = whole[a + 2] - kY - 0.5 * hTail * hY + 0.5 * hHead * hZ - (hTail - hHead) / 12.0 * bridge;
            int c = dstOff + 3 * j;
            dst[c] = wZ;
            dst[c + 1] = hZ;
            dst[c + 2] = kZ;
        }
    }
}
