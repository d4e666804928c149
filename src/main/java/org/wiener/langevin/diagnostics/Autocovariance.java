package org.wiener.langevin.diagnostics;

/**
 * The biased autocovariance estimate of one chain, γ̂(t) = (1/N) Σ_{s=0}^{N−1−t} (y_s − ȳ)(y_{s+t} − ȳ),
 * for every lag t = 0 … N − 1, computed by FFT: zero-pad the centred chain to a power of two M ≥ 2N
 * (so the circular correlation equals the linear one), take |F|², transform back and divide by M·N.
 *
 * <p>The "biased" 1/N denominator is the one Geyer (1992) recommends and Stan uses. Stan's C++
 * ({@code stan/analyze/mcmc/autocovariance.hpp}) returns exactly this. The R versions in rstan 2.21's
 * {@code monitor.R} and in {@code posterior} divide by 2N² instead of by the padded length times N,
 * which agrees with this estimate only when N is of the form 2ᵃ3ᵇ5ᶜ (their FFT length is then 2N) and
 * is otherwise larger by the factor (next such size)/N; we follow the C++ definition.
 *
 * <p>A plain iterative radix-2 Cooley–Tukey transform with one twiddle table per chain length from
 * {@link StrictMath}, so the result is bit-reproducible.
 */
final class Autocovariance {

    private final int n;
    private final int size;
    private final double[] cos; // cos(2πk/size), k < size/2
    private final double[] sin; // sin(2πk/size), k < size/2
    private final double[] re;
    private final double[] im;

    /**
     * Prepares the transform for chains of length n (twiddle table and scratch, reused across chains;
     * an instance is therefore not thread-safe).
     *
     * @param n the chain length (≥ 1)
     */
    Autocovariance(int n) {
        this.n = n;
        int m = 1;
        while (m < 2 * n) {
            m <<= 1;
        }
        size = m;
        cos = new double[size / 2];
        sin = new double[size / 2];
        for (int k = 0; k < size / 2; k++) {
            // Twiddles from the angle directly (not by repeated multiplication), so no rounding drift.
            double angle = 2.0 * Math.PI * k / size;
            cos[k] = StrictMath.cos(angle);
            sin[k] = StrictMath.sin(angle);
        }
        re = new double[size];
        im = new double[size];
    }

    /**
     * @param chain the draws of one chain (length N ≥ 1, finite)
     * @return γ̂(0 … N − 1)
     */
    static double[] biased(double[] chain) {
        return new Autocovariance(chain.length).of(chain);
    }

    /**
     * @param chain a chain of the prepared length
     * @return γ̂(0 … N − 1), a new array
     */
    double[] of(double[] chain) {
        double mean = Moments.mean(chain);
        java.util.Arrays.fill(re, 0.0);
        java.util.Arrays.fill(im, 0.0);
        for (int i = 0; i < n; i++) {
            re[i] = chain[i] - mean;
        }
        transform(false);
        for (int i = 0; i < size; i++) {
            re[i] = re[i] * re[i] + im[i] * im[i];
            im[i] = 0.0;
        }
        transform(true);
        double[] acov = new double[n];
        double scale = 1.0 / ((double) size * n);
        for (int t = 0; t < n; t++) {
            acov[t] = re[t] * scale;
        }
        return acov;
    }

    /** In-place unnormalised complex DFT (forward e^{−2πi jk/M}; inverse with conjugate twiddles). */
    private void transform(boolean inverse) {
        for (int i = 1, j = 0; i < size; i++) {
            int bit = size >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        double sign = inverse ? 1.0 : -1.0;
        for (int length = 2; length <= size; length <<= 1) {
            int half = length >> 1;
            int stride = size / length;
            for (int start = 0; start < size; start += length) {
                for (int k = 0; k < half; k++) {
                    double c = cos[k * stride];
                    double s = sign * sin[k * stride];
                    int a = start + k;
                    int b = a + half;
                    double br = re[b] * c - im[b] * s;
                    double bi = re[b] * s + im[b] * c;
                    re[b] = re[a] - br;
                    im[b] = im[a] - bi;
                    re[a] += br;
                    im[a] += bi;
                }
            }
        }
    }
}
