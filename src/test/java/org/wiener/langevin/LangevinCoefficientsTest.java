package org.wiener.langevin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wiener.langevin.LangevinCoefficients.Kind;

/**
 * The coefficient tables of {@link LangevinCoefficients} ({@code langevin.md} §3.1, §4.1, §5.1, UBU's chh½):
 * closed forms and degree-5 Taylor polynomials against long power series written independently (general n-th
 * terms derived by hand from the closed forms, summed to 40 terms), their agreement at the switch points, the
 * per-component switch, and the noise weights against the least-squares projections of the exact
 * Ornstein–Uhlenbeck noise integrals onto (W, H, K) (quadrature; {@code brownian.md} kernels).
 */
class LangevinCoefficientsTest {

    private static final double EPS = Math.ulp(1.0);
    private static final List<String> REPORT = new ArrayList<>();

    /** The k-th term (k ≥ 0) of the series S(x) with coefficient = h^offset · S(γh). */
    private static double term(Kind kind, int k, double x) {
        switch (kind) {
            case BETA:
                return Math.pow(-x, k) / factorial(k);
            case A:
            case AA:
                return Math.pow(-x, k) / factorial(k + 1);
            case B:
                return Math.pow(-x, k) / factorial(k + 2);
            case CHH: {
                int n = k + 3; // 6 Σ_{n≥3} (−1)^n (2 − n) x^{n−3}/n!
                return 6.0 * sign(n) * (2 - n) * Math.pow(x, k) / factorial(n);
            }
            case CKK: {
                int n = k + 4; // 60 Σ_{n≥4} (−1)^n (n − 3)(n − 4) x^{n−4}/n!  (series of ckk/h)
                return 60.0 * sign(n) * (n - 3) * (n - 4) * Math.pow(x, k) / factorial(n);
            }
            case CHH_HALF: {
                int n = k + 3; // 6 Σ_{n≥3} (−½)^n · 2(1 − n) x^{n−3}/n!
                return 6.0 * Math.pow(-0.5, n) * 2.0 * (1 - n) * Math.pow(x, k) / factorial(n);
            }
            default:
                throw new AssertionError(kind);
        }
    }

    private static double sign(int n) {
        return n % 2 == 0 ? 1.0 : -1.0;
    }

    private static double factorial(int n) {
        double f = 1.0;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }

    private static boolean hasH(Kind kind) {
        return kind != Kind.BETA && kind != Kind.AA;
    }

    /** The coefficient by its long series (exact to a few ulps for γh ≤ 1: the first term dominates). */
    static double series(Kind kind, double c, double h) {
        double x = c * h;
        double s = 0.0;
        for (int k = 39; k >= 0; k--) {
            s += term(kind, k, x);
        }
        return hasH(kind) ? h * s : s;
    }

    /** The first term the degree-5 Taylor polynomial (in h) omits: the h^6 term. */
    private static double omitted(Kind kind, double c, double h) {
        double x = c * h;
        int k = hasH(kind) ? 5 : 6;
        double t = term(kind, k, x);
        return hasH(kind) ? h * t : t;
    }

    /** The closed form's relative rounding error bound: cancellation grows like ε/x^p (see LangevinCoefficients). */
    private static double closedBound(Kind kind, double x) {
        switch (kind) {
            case BETA:
            case A:
            case AA:
                return 8 * EPS;
            case B:
                return 8 * EPS * 2.0 / x;         // (expm1(−α) + α) ≈ α²/2 out of terms ≈ α
            case CHH:
                return 8 * EPS * 12.0 / (x * x);   // ≈ α³/6 out of 2α
            case CHH_HALF:
                return 8 * EPS * 24.0 / (x * x);   // ≈ α³/12 out of 2α
            case CKK:
                return 8 * EPS * 720.0 / Math.pow(x, 4); // ≈ α⁵/60 out of 12α
            default:
                throw new AssertionError(kind);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void taylorPolynomialsMatchTheSeriesUpToTheOmittedTerm(Kind kind) {
        for (double c : new double[] {0.3, 1.0, 2.0, 7.5}) {
            for (double x : new double[] {1e-6, 1e-4, 1e-3, 0.01, 0.05, 0.1, 0.3}) {
                double h = x / c;
                double exact = series(kind, c, h);
                double taylor = kind.taylor(c, h);
                double bound = 1.5 * Math.abs(omitted(kind, c, h)) + 4 * EPS * Math.abs(exact);
                assertTrue(Math.abs(taylor - exact) <= bound, () -> kind + " Taylor at γ=" + c + ", γh=" + x + ": "
                        + taylor + " vs series " + exact + ", bound " + bound);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void closedFormsMatchTheSeriesWithinTheirCancellation(Kind kind) {
        for (double c : new double[] {0.3, 1.0, 2.0, 7.5}) {
            for (double x : new double[] {1e-3, 0.01, 0.1, 0.5, 1.0}) {
                double h = x / c;
                double exact = series(kind, c, h);
                double closed = kind.closed(c, h);
                double rel = Math.abs(closed - exact) / Math.abs(exact);
                assertTrue(rel <= closedBound(kind, x), () -> kind + " closed form at γ=" + c + ", γh=" + x
                        + ": relative error " + rel + " > " + closedBound(kind, x));
            }
        }
    }

    /**
     * At the switch point γh = threshold both evaluations must agree. At 0.01 (the order tests') BETA, A, B and AA
     * agree to 1e−12 relative; CHH and CHH_HALF are limited by the closed form's cancellation (≈ 12–24ε/α², a few
     * 1e−12), CKK by its much worse cancellation (≈ 720ε/α⁴ ≈ 1e−5 at α = 0.01); at 0.1 (the default) every
     * coefficient is limited by the Taylor truncation (BETA ≈ α⁶/720 ≈ 1.4e−9). The measured values are printed;
     * each must lie within the sum of the two error bounds.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void taylorAndClosedFormAgreeAtTheSwitchPoints(Kind kind) {
        for (double threshold : new double[] {0.01, 0.1}) {
            double worst = 0.0;
            for (double c : new double[] {0.5, 0.8, 2.0}) {
                double h = threshold / c;
                double taylor = kind.taylor(c, h);
                double closed = kind.closed(c, h);
                double rel = Math.abs(taylor - closed) / Math.abs(closed);
                double bound = 1.5 * Math.abs(omitted(kind, c, h) / closed) + closedBound(kind, threshold) + 4 * EPS;
                assertTrue(rel <= bound, () -> kind + " at γh=" + threshold + ": Taylor " + taylor + " vs closed "
                        + closed + ", relative difference " + rel + " > " + bound);
                worst = Math.max(worst, rel);
            }
            if (threshold == 0.01 && (kind == Kind.BETA || kind == Kind.A || kind == Kind.B || kind == Kind.AA)) {
                assertTrue(worst <= 1e-12, kind + " at γh=0.01: " + worst);
            }
            synchronized (REPORT) {
                REPORT.add(String.format("%-9s switch γh=%-4s: max relative |Taylor − closed| = %.2e", kind, threshold,
                        worst));
            }
        }
    }

    @Test
    void derivedCoefficientsAreScaledBaseCoefficients() {
        double c = 1.3;
        double h = 0.4;
        double alpha = c * h;
        for (double theta : new double[] {LangevinCoefficients.QUICSORT_LEFT, LangevinCoefficients.QUICSORT_RIGHT,
            0.5, 1.0}) {
            double beta = Math.exp(-theta * alpha);
            assertEquals(beta, LangevinCoefficients.Term.beta(theta).value(c, h, false), 1e-15);
            assertEquals((1 - beta) / c, LangevinCoefficients.Term.a(theta).value(c, h, false), 1e-15);
            // b_θ = (β_θ + θα − 1)/(γ²h) (langevin.md §5.1); b½ = (β½ + α/2 − 1)/(αγ) (§4.1) is the θ = ½ case.
            assertEquals((beta + theta * alpha - 1) / (c * c * h), LangevinCoefficients.Term.b(theta).value(c, h, false),
                    1e-15);
        }
        double small = 0.01;
        for (double theta : new double[] {LangevinCoefficients.QUICSORT_LEFT, 0.5, 1.0 / 3}) {
            // Taylor of b_θ: the b1 coefficients times θ^(k+1) (langevin.md §5.1), written out.
            double[] b1 = {0, 0.5, -c / 6, c * c / 24, -c * c * c / 120, c * c * c * c / 720};
            double[] a1 = {0, 1, -c / 2, c * c / 6, -c * c * c / 24, c * c * c * c / 120};
            double tb = 0;
            double ta = 0;
            for (int k = 0; k <= 5; k++) {
                tb += b1[k] * Math.pow(theta, k + 1) * Math.pow(small, k);
                ta += a1[k] * Math.pow(theta, k) * Math.pow(small, k);
            }
            assertEquals(tb, LangevinCoefficients.Term.b(theta).value(c, small, true), 1e-17);
            assertEquals(ta, LangevinCoefficients.Term.a(theta).value(c, small, true), 1e-17);
        }
        // a_⅓ of QUICSORT: 0, 1/3, −c/18, c²/162, −c³/1944, c⁴/29160 (langevin.md §5.1).
        double[] third = {0, 1.0 / 3, -c / 18, c * c / 162, -c * c * c / 1944, c * c * c * c / 29160};
        double t3 = 0;
        for (int k = 0; k <= 5; k++) {
            t3 += third[k] * Math.pow(small, k);
        }
        assertEquals(t3, LangevinCoefficients.Term.a(1.0 / 3).value(c, small, true), 1e-17);
    }

    @Test
    void theSwitchIsPerComponentAndTheTableIsRecomputedOnlyWhenTheStepChanges() {
        double[] gamma = {0.05, 5.0};
        LangevinCoefficients.Cache cache = new LangevinCoefficients.Cache(Align.TERMS, gamma, 0.1);
        double h = 0.5; // γh = 0.025 (Taylor) and 2.5 (closed form)
        double[][] v = cache.get(h);
        assertEquals(Kind.BETA.taylor(0.05, h), v[Align.BETA][0], 0.0);
        assertEquals(Kind.BETA.closed(5.0, h), v[Align.BETA][1], 0.0);
        assertEquals(Kind.CHH.taylor(0.05, h), v[Align.CHH][0], 0.0);
        assertEquals(Kind.CHH.closed(5.0, h), v[Align.CHH][1], 0.0);
        assertEquals(1, cache.computations());
        cache.get(h * (1 + 1e-11)); // within Diffrax's tolerance: reused
        assertEquals(1, cache.computations());
        cache.get(h / 2); // the second slot (step doubling's half steps)
        cache.get(h);
        cache.get(h / 2);
        assertEquals(2, cache.computations());
        cache.get(h / 4);
        assertEquals(3, cache.computations());
        assertEquals(Kind.BETA.closed(5.0, h / 4), cache.get(h / 4)[Align.BETA][1], 0.0);
    }

    /**
     * The noise weights are the least-squares projections of the exact OU noise integrals onto (W, H, K): over
     * [0, h], the position noise is ∫ φ_x(s) dW_s with φ_x(s) = (1 − e^{−γ(h−s)})/γ and the velocity noise
     * ∫ e^{−γ(h−s)} dW_s; the weight of X ∈ {W, H, K} is ∫φκ_X / ∫κ_X², with κ_W = 1, κ_H = ½ − s/h,
     * κ_K = 1/12 − s(h − s)/(2h²). UBU's midpoint weights project ∫_0^{h/2} (1 − e^{−γ(h/2−s)})/γ dW_s.
     */
    @Test
    void noiseWeightsAreProjectionsOfTheExactNoiseIntegrals() {
        for (double c : new double[] {0.4, 2.0}) {
            for (double h : new double[] {0.05, 0.7}) {
                double hh = h;
                GaussIntegrator gl = new GaussIntegratorFactory().legendre(30, 0.0, h);
                java.util.function.DoubleUnaryOperator px = s -> (1 - Math.exp(-c * (hh - s))) / c;
                java.util.function.DoubleUnaryOperator pv = s -> Math.exp(-c * (hh - s));
                java.util.function.DoubleUnaryOperator pxHalf = s -> s < hh / 2 ? (1 - Math.exp(-c * (hh / 2 - s))) / c : 0;
                java.util.function.DoubleUnaryOperator kh = s -> 0.5 - s / hh;
                java.util.function.DoubleUnaryOperator kk = s -> 1.0 / 12 - s * (hh - s) / (2 * hh * hh);
                double wx = gl.integrate(s -> px.applyAsDouble(s)) / h;
                double hx = gl.integrate(s -> px.applyAsDouble(s) * kh.applyAsDouble(s)) / (h / 12);
                double kx = gl.integrate(s -> px.applyAsDouble(s) * kk.applyAsDouble(s)) / (h / 720);
                double wv = gl.integrate(s -> pv.applyAsDouble(s)) / h;
                double hv = gl.integrate(s -> pv.applyAsDouble(s) * kh.applyAsDouble(s)) / (h / 12);
                double kv = gl.integrate(s -> pv.applyAsDouble(s) * kk.applyAsDouble(s)) / (h / 720);
                GaussIntegrator half = new GaussIntegratorFactory().legendre(30, 0.0, h / 2);
                double wHalf = half.integrate(s -> pxHalf.applyAsDouble(s)) / h;
                double hHalf = half.integrate(s -> pxHalf.applyAsDouble(s) * kh.applyAsDouble(s)) / (h / 12);
                // Relative tolerance: quadrature and rounding (1e−12) plus the closed form's cancellation.
                double x = c * h;
                assertEquals(wx, Kind.B.closed(c, h), tol(Kind.B, x) * Math.abs(wx), "b1 = weight of W in x");
                assertEquals(hx, Kind.CHH.closed(c, h), tol(Kind.CHH, x) * Math.abs(hx), "chh = weight of H in x");
                assertEquals(kx, Kind.CKK.closed(c, h), tol(Kind.CKK, x) * Math.abs(kx), "ckk = weight of K in x");
                assertEquals(wv, Kind.AA.closed(c, h), tol(Kind.AA, x) * Math.abs(wv), "aa = weight of W in v");
                assertEquals(hv, -c * Kind.CHH.closed(c, h), tol(Kind.CHH, x) * Math.abs(hv), "−γ·chh = weight of H in v");
                assertEquals(kv, -c * Kind.CKK.closed(c, h), tol(Kind.CKK, x) * Math.abs(kv), "−γ·ckk = weight of K in v");
                assertEquals(wHalf, LangevinCoefficients.Term.b(0.5).value(c, h, false), tol(Kind.B, x / 2) * Math.abs(wHalf),
                        "b½ = weight of W in UBU's midpoint");
                assertEquals(hHalf, Kind.CHH_HALF.closed(c, h), tol(Kind.CHH_HALF, x) * Math.abs(hHalf),
                        "chh½ = weight of H in UBU's midpoint");
            }
        }
    }

    private static double tol(Kind kind, double x) {
        return 1e-12 + closedBound(kind, x);
    }

    @AfterAll
    static void printReport() {
        REPORT.forEach(System.out::println);
    }
}
