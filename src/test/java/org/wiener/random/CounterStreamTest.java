package org.wiener.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The sequential stream and seed derivation are pure functions of their inputs. */
class CounterStreamTest {

    @Test
    void wordsAreThePhiloxBlocksInCounterOrder() {
        CounterStream stream = new CounterStream(99, 4);
        long[] block = new long[4];
        for (long b = 0; b < 10; b++) {
            Philox4x64.block(99, 4, b, 0, 0, 0, block, 0);
            for (int w = 0; w < 4; w++) {
                assertEquals(block[w], stream.nextLong());
            }
        }
    }

    @Test
    void skipToGivesTheSameWordAsReadingUpToIt() {
        CounterStream sequential = new CounterStream(1, 2);
        long[] words = new long[37];
        for (int i = 0; i < words.length; i++) {
            words[i] = sequential.nextLong();
        }
        for (int i = 36; i >= 0; i -= 5) {
            CounterStream jumped = new CounterStream(1, 2);
            jumped.skipTo(i);
            assertEquals(words[i], jumped.nextLong(), "word " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> sequential.skipTo(-1));
    }

    @Test
    void nextIntIsUniformOverItsRange() {
        CounterStream stream = new CounterStream(8, 0);
        int bound = 7;
        int n = 70000;
        int[] counts = new int[bound];
        for (int i = 0; i < n; i++) {
            counts[stream.nextInt(bound)]++;
        }
        // each count is Binomial(n, 1/7): sd = sqrt(n p (1-p)) ~ 65; allow five sd
        double expected = n / (double) bound;
        double sd = Math.sqrt(n * (1.0 / bound) * (1 - 1.0 / bound));
        for (int c : counts) {
            assertEquals(expected, c, 5 * sd);
        }
        assertThrows(IllegalArgumentException.class, () -> stream.nextInt(0));
    }

    @Test
    void derivedSeedsArePureAndDistinct() {
        assertEquals(Seeds.derive(42, 7), Seeds.derive(42, 7));
        assertNotEquals(Seeds.derive(42, 7), Seeds.derive(42, 8));
        assertNotEquals(Seeds.derive(42, 7), Seeds.derive(43, 7));
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 10000; i++) {
            seen.add(Seeds.derive(0, i));
        }
        assertEquals(10000, seen.size());
    }
}
