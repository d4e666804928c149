package org.wiener.nde;

import org.wiener.random.CounterStream;
import org.wiener.random.Seeds;

/**
 * Seeded mini-batches over a data set of {@code size} items: epoch e is a Fisher–Yates shuffle drawn
 * from a Philox stream keyed by {@code Seeds.derive(seed, e)}, cut into consecutive batches of
 * {@code batchSize} (the last batch of an epoch may be shorter). Batch b of the whole run is therefore a
 * pure function of (seed, size, batchSize, b), whatever was asked before.
 *
 * <p>Mutable (caches the current epoch's permutation), not thread-safe: one per training run.
 */
public final class MiniBatches {

    private final int size;
    private final int batchSize;
    private final long seed;
    private final int batchesPerEpoch;
    private final int[] permutation;
    private long cachedEpoch = -1;

    /**
     * @param size number of items, ≥ 1
     * @param batchSize items per batch, in [1, size]
     * @param seed the seed
     */
    public MiniBatches(int size, int batchSize, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, got " + size);
        }
        if (batchSize < 1 || batchSize > size) {
            throw new IllegalArgumentException("batchSize must be in [1, size = " + size + "], got " + batchSize);
        }
        this.size = size;
        this.batchSize = batchSize;
        this.seed = seed;
        this.batchesPerEpoch = (size + batchSize - 1) / batchSize;
        this.permutation = new int[size];
    }

    /** @return batches per epoch, ⌈size/batchSize⌉ */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /**
     * Writes the item indices of batch {@code batch} (counting from 0 over the whole run).
     *
     * @param batch the batch number ≥ 0
     * @param out receives the indices, length ≥ batchSize
     * @return how many indices were written
     */
    public int batch(long batch, int[] out) {
        if (batch < 0) {
            throw new IllegalArgumentException("batch must be >= 0, got " + batch);
        }
        if (out.length < batchSize) {
            throw new IllegalArgumentException("out.length must be >= batchSize = " + batchSize + ", got " + out.length);
        }
        long epoch = batch / batchesPerEpoch;
        if (epoch != cachedEpoch) {
            shuffle(epoch);
        }
        int start = (int) (batch % batchesPerEpoch) * batchSize;
        int count = Math.min(batchSize, size - start);
        System.arraycopy(permutation, start, out, 0, count);
        return count;
    }

    private void shuffle(long epoch) {
        for (int i = 0; i < size; i++) {
            permutation[i] = i;
        }
        CounterStream stream = new CounterStream(Seeds.derive(seed, epoch), 0L);
        for (int i = size - 1; i > 0; i--) {
            int j = stream.nextInt(i + 1);
            int tmp = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = tmp;
        }
        cachedEpoch = epoch;
    }
}
