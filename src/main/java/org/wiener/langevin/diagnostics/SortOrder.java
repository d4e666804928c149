package org.wiener.langevin.diagnostics;

/**
 * The ascending sort order of doubles by an LSD radix sort (eight passes of 8 bits) on their order-preserving
 * 64-bit keys: O(n), stable, no worst case (ties and sorted input cost the same), and sequential memory
 * access, which matters for the half-million-draw rank normalisations of many-chain runs.
 *
 * <p>Keys: −0.0 is mapped to +0.0 (R treats them as ties), then negative values have all bits flipped and
 * non-negative values the sign bit, so unsigned key order is numeric order. Values must not be NaN.
 */
final class SortOrder {

    private SortOrder() {
    }

    /**
     * @param values the values (not NaN)
     * @return the permutation p with values[p[0]] ≤ values[p[1]] ≤ …; equal values keep their input order
     */
    static int[] ascending(double[] values) {
        int n = values.length;
        long[] keys = new long[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToLongBits(values[i] + 0.0);
            keys[i] = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
            order[i] = i;
        }
        long[] keysOut = new long[n];
        int[] orderOut = new int[n];
        int[] count = new int[257];
        for (int shift = 0; shift < 64; shift += 8) {
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) ((keys[i] >>> shift) & 0xFF) + 1]++;
            }
            if (count[((int) ((keys[0] >>> shift) & 0xFF)) + 1] == n) {
                continue; // every key has the same digit here: the pass would not move anything
            }
            for (int b = 0; b < 256; b++) {
                count[b + 1] += count[b];
            }
            for (int i = 0; i < n; i++) {
                int digit = (int) ((keys[i] >>> shift) & 0xFF);
                int target = count[digit]++;
                keysOut[target] = keys[i];
                orderOut[target] = order[i];
            }
            long[] k = keys;
            keys = keysOut;
            keysOut = k;
            int[] o = order;
            order = orderOut;
            orderOut = o;
        }
        return order;
    }
}
