package org.wiener.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/** AS 241 normals and open-interval uniforms against known quantiles and exact identities. */
class NormalsTest {

    /** Check values of randomness.md §8.2: p, and the double nearest to the exact quantile of p. */
    private static final double[][] QUANTILES = {
        {0.5, 0.0},
        {0.975, 1.9599639845400538},
        {0.025, -1.9599639845400543},
        {0.9, 1.2815515655446006},
        {0.1, -1.2815515655446004},
        {0.75, 0.6744897501960817},
        {0.995, 2.5758293035489004},
        {0.999, 3.090232306167813},
        {1e-10, -6.361340902404057},
        {0x1.0p-53, -8.209536151601387},
        {1.0 - 0x1.0p-53, 8.209536151601387},
        {1e-300, -37.0470962993612},
    };

    @Test
    void inverseCdfMatchesKnownQuantilesWithinAFewUlps() {
        for (double[] row : QUANTILES) {
            double x = Normals.inverseCdf(row[0]);
            // AS 241 is accurate to about 1e-16 relative: allow 4 ulps of the exact quantile.
            double allowed = 4 * Math.ulp(row[1]);
            assertEquals(row[1], x, allowed, "quantile of p = " + row[0]);
        }
    }

    @Test
    void fromBitsIsInverseCdfOfTheUniformBitForBit() {
        // fromBits skips inverseCdf's argument check and goes straight to AS 241: it must give the same bits in
        // all three branches (central |p - 0.5| <= 0.425, tail r <= 5, far tail r > 5 where p < e^-25).
        SplittableRandom random = new SplittableRandom(11);
        int central = 0;
        int tail = 0;
        int farTail = 0;
        for (int i = 0; i < 300_000; i++) {
            long bits = random.nextLong();
            if (i % 3 == 1) {
                bits >>>= 20 + random.nextInt(44); // small uniforms: the tails, down to 2^-53
            } else if (i % 3 == 2) {
                bits = ~(bits >>> (20 + random.nextInt(44))); // uniforms close to 1: the upper tails
            }
            double p = Uniforms.open(bits);
            double q = Math.abs(p - 0.5);
            double rTail = Math.sqrt(-Math.log(Math.min(p, 1.0 - p)));
            if (q <= 0.425) {
                central++;
            } else if (rTail <= 5.0) {
                tail++;
            } else {
                farTail++;
            }
            assertEquals(Double.doubleToRawLongBits(Normals.inverseCdf(p)),
                    Double.doubleToRawLongBits(Normals.fromBits(bits)),
                    "bits " + Long.toHexString(bits));
        }
        assertTrue(central > 1000 && tail > 1000 && farTail > 1000,
                "branches covered: " + central + ", " + tail + ", " + farTail);
    }

    @Test
    void normalOfComplementedBitsIsExactlyNegated() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 100000; i++) {
            long bits = rnd.nextLong();
            assertEquals(-Normals.fromBits(bits), Normals.fromBits(~bits), "bits " + Long.toHexString(bits));
        }
    }

    @Test
    void uniformsStayInsideTheOpenInterval() {
        assertEquals(Uniforms.MIN, Uniforms.open(0L));
        assertEquals(Uniforms.MAX, Uniforms.open(-1L));
        assertTrue(Uniforms.MAX < 1.0);
        assertEquals(8.209536151601387, Normals.fromBits(-1L), 4 * Math.ulp(8.2));
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 100000; i++) {
            double u = Uniforms.open(rnd.nextLong());
            assertTrue(u > 0.0 && u < 1.0);
            // odd multiple of 2^-53, so 1 - u is exact
            long m = (long) (u * 0x1.0p53);
            assertEquals(1L, m & 1L);
            assertEquals(u, 1.0 - (1.0 - u));
        }
    }

    @Test
    void streamOfNormalsIsStandardNormal() {
        CounterStream stream = new CounterStream(2024, 1);
        int n = 200000;
        double[] x = new double[n];
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            x[i] = stream.nextNormal();
            sum += x[i];
            sumSq += x[i] * x[i];
        }
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new NormalDistribution(0, 1), x, false);
        // Fixed seed: deterministic; a correct sampler fails this only with probability 1e-4.
        assertTrue(p > 1e-4, "KS p-value " + p);
        // mean has sd 1/sqrt(n), variance has sd sqrt(2/n): five standard deviations.
        assertEquals(0.0, sum / n, 5 / Math.sqrt(n));
        assertEquals(1.0, sumSq / n, 5 * Math.sqrt(2.0 / n));
    }

    @Test
    void rejectsProbabilitiesOutsideTheOpenInterval() {
        for (double p : new double[] {0.0, 1.0, -0.5, 2.0, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Normals.inverseCdf(p));
            assertEquals("p must be in the open interval (0, 1), got " + p, e.getMessage());
        }
    }
}
