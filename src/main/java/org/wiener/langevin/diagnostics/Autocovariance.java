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
 * <p>A plain iterative radix-2 Cooley–Tukey transform with twiddles from {@link StrictMath}, so the
 * result is bit-reproducible. Stateless.
 */
final class Autocovariance {

    private Autocovariance() {
    }

    /**
     * @param chain the draws of one chain (length N ≥ 1, finite)
     * @return γ̂(0 … N − 1)
     */
    static double[] biased(double[] chain) {
        int n = chain.length;
        double mean = Moments.mean(chain);
        int size = 1;
        while (size < 2 * n) {
            size <<= 1;
        }
        double[] re = new double[size];
        double[] im = new double[size];
        for (int i = 0; i < n; i++) {
            re[i] = chain[i] - mean;
        }
        transform(re, im, false);
        for (int i = 0; i < size; i++) {
            re[i] = re[i] * re[i] + im[i] * im[i];
            im[i] = 0.0;
        }
        transform(re, im, true);
        double[] acov = new double[n];
        double scale = 1.0 / ((double) size * n);
        for (int t = 0; t < n; t++) {
            acov[t] = re[t] * scale;
        }
        return acov;
    }

    /** In-place unnormalised complex DFT of a power-of-two length (inverse: conjugate twiddles). */
    static void transform(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
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
        for (int length = 2; length <= n; length <<= 1) {
            double angle = (inverse ? 2.0 : -2.0) * Math.PI / length;
            int half = length >> 1;
            double[] cos = new double[half];
            double[] sin = new double[half];
            for (int k = 0; k < half; k++) {
                // Twiddles from the angle directly (not by repeated multiplication) to avoid drift.
                cos[k] = StrictMath.cos(angle * k);
                sin[k] = StrictMath.sin(angle * k);
            }
            for (int start = 0; start < n; start += length) {
                for (int k = 0; k < half; k++) {
                    int a = start + k;
                    int b = a + half;
                    double br = re[b] * cos[k] - im[b] * sin[k];
                    double bi = re[b] * sin[k] + im[b] * cos[k];
                    re[b] = re[a] - br;
                    im[b] = im[a] - bi;
                    re[a] += br;
                    im[a] += bi;
                }
            }
        }
    }
}
