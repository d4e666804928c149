package org.wiener.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wiener.solver.OdeTestKit.full;
import static org.wiener.solver.OdeTestKit.orderResiduals;
import static org.wiener.solver.OdeTestKit.realStabilityBoundary;
import static org.wiener.solver.OdeTestKit.trees;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;

/**
 * The tableaux of Tsit5, Dopri5 and Dopri8: sources, row sums, order conditions (rooted trees, evaluated in
 * 60-digit arithmetic on the double coefficients), and the stability sizes used by the stiffness estimates.
 */
class ErkTableauTest {

    /** Tsitouras' coefficients as printed (80+ digits) in Diffrax's {@code tsit5.py}; only the numbers. */
    static final String[] TSIT5_C = {"0", "0.161", "0.327", "0.9",
        "0.9800255409045096857298102862870245954942137979563024768854764293221195950761080302604", "1", "1"};
    static final String[][] TSIT5_A = {
        {},
        {"0.161"},
        {"-0.8480655492356988544426874250230774675121177393430391537369234245294192976164141156943e-2",
            "0.3354806554923569885444268742502307746751211773934303915373692342452941929761641411569"},
        {"2.897153057105493432130432594192938764924887287701866490314866693455023795137503079289",
            "-6.359448489975074843148159912383825625952700647415626703305928850207288721235210244366",
            "4.362295432869581411017727318190886861027813359713760212991062156752264926097707165077"},
        {"5.325864828439256604428877920840511317836476253097040101202360397727981648835607691791",
            "-11.74888356406282787774717033978577296188744178259862899288666928009020615663593781589",
            "7.495539342889836208304604784564358155658679161518186721010132816213648793440552049753",
            "-0.9249506636175524925650207933207191611349983406029535244034750452930469056411389539635e-1"},
        {"5.861455442946420028659251486982647890394337666164814434818157239052507339770711679748",
            "-12.92096931784710929170611868178335939541780751955743459166312250439928519268343184452",
            "8.159367898576158643180400794539253485181918321135053305748355423955009222648673734986",
            "-0.7158497328140099722453054252582973869127213147363544882721139659546372402303777878835e-1",
            "-0.2826905039406838290900305721271224146717633626879770007617876201276764571291579142206e-1"},
        {"0.9646076681806522951816731316512876333711995238157997181903319145764851595234062815396e-1", "0.01",
            "0.4798896504144995747752495322905965199130404621990332488332634944254542060153074523509",
            "1.379008574103741893192274821856872770756462643091360525934940067397245698027561293331",
            "-3.290069515436080679901047585711363850115683290894936158531296799594813811049925401677",
            "2.324710524099773982415355918398765796109060233222962411944060046314465391054716027841"}};
    static final String[] TSIT5_B_HAT = {
        "0.9468075576583945807478876255758922856117527357724631226139574065785592789071067303271e-1",
        "0.9183565540343253096776363936645313759813746240984095238905939532922955247253608687270e-2",
        "0.4877705284247615707855642599631228241516691959761363774365216240304071651579571959813",
        "1.234297566930478985655109673884237654035539930748192848315425833500484878378061439761",
        "-2.707712349983525454881109975059321670689605166938197378763992255714444407154902012702",
        "1.866628418170587035753719399566211498666255505244122593996591602841258328965767580089"};
    /** OrdinaryDiffEq's {@code btilde} (double precision), which is b̂ − b. */
    static final double[] ORDINARYDIFFEQ_BTILDE = {-0.00178001105222577714, -0.0008164344596567469,
        0.007880878010261995, -0.1447110071732629, 0.5823571654525552, -0.45808210592918697, 1.0 / 66.0};

    static double[] doubles(String[] s) {
        return Arrays.stream(s).mapToDouble(Double::parseDouble).toArray();
    }

    @Test
    void tsit5CoefficientsAreThePublishedOnes() {
        assertArrayEquals(doubles(TSIT5_C), Tsit5.c(), 0.0);
        double[][] a = Tsit5.a();
        for (int i = 0; i < 7; i++) {
            assertArrayEquals(doubles(TSIT5_A[i]), a[i], 0.0, "row " + i);
        }
        double[] b = Tsit5.b();
        assertArrayEquals(doubles(TSIT5_A[6]), Arrays.copyOf(b, 6), 0.0);
        assertEquals(0.0, b[6]);
        double[] bHat = Tsit5.bHat();
        assertArrayEquals(doubles(TSIT5_B_HAT), Arrays.copyOf(bHat, 6), 0.0);
        assertEquals(1.0 / 66.0, bHat[6]);
        // e = b − b̂ from the 80-digit values, correctly rounded
        double[] e = Tsit5.e();
        for (int i = 0; i < 6; i++) {
            double exact = new BigDecimal(TSIT5_A[6][i]).subtract(new BigDecimal(TSIT5_B_HAT[i])).doubleValue();
            assertEquals(exact, e[i], Math.ulp(exact), "e" + (i + 1));
            // OrdinaryDiffEq's btilde is the opposite vector (its first entry is off by a few ulps there)
            assertEquals(-ORDINARYDIFFEQ_BTILDE[i], e[i], 4e-15 * Math.max(1e-3, Math.abs(e[i])) + 1e-17, "btilde" + (i + 1));
        }
        assertEquals(-1.0 / 66.0, e[6]);
    }

    @Test
    void rootedTreeCountsAreRight() {
        List<List<OdeTestKit.Tree>> t = trees(8);
        int[] expected = {0, 1, 1, 2, 4, 9, 20, 48, 115};
        for (int k = 1; k <= 8; k++) {
            assertEquals(expected[k], t.get(k).size(), "trees of order " + k);
        }
    }

    private static void assertRowSums(double[] c, double[][] rows) {
        for (int i = 0; i < c.length; i++) {
            double s = 0.0;
            for (double v : rows[i]) {
                s += v;
            }
            assertEquals(c[i], s, 1e-14, "row sum " + i);
        }
    }

    /** Order conditions up to {@code order} hold to 1e-14, and those of order + 1 do not. */
    private static void assertOrder(String what, double[][] a, double[] w, int order, boolean homogeneous) {
        assertOrder(what, a, w, order, homogeneous, 1e-14);
    }

    private static void assertOrder(String what, double[][] a, double[] w, int order, boolean homogeneous,
                                    double tol) {
        double[] res = orderResiduals(a, w, order + 1, homogeneous);
        for (int k = 1; k <= order; k++) {
            assertTrue(res[k] <= tol, what + ": order-" + k + " conditions violated by " + res[k] + " > " + tol);
        }
        assertTrue(res[order + 1] > 1e-8, what + ": unexpectedly of order " + (order + 1) + " (" + res[order + 1] + ")");
    }

    @Test
    void tsit5OrderConditions() {
        double[][] a = full(Tsit5.a(), 7);
        assertRowSums(Tsit5.c(), Tsit5.a());
        // Tsitouras' coefficients reach |a| ≈ 12.9; rounded to doubles they satisfy the order-5 conditions to
        // 1.05e-14 (orders 1-4: ≤ 5.6e-15). The published 80-digit values satisfy them exactly
        // (tsit5PublishedValuesSatisfyTheConditionsExactly), so the excess is the doubles' rounding.
        assertOrder("tsit5 b", a, Tsit5.b(), 5, false, 1.2e-14);
        assertOrder("tsit5 b̂", a, Tsit5.bHat(), 4, false);
        assertOrder("tsit5 b − b̂", a, Tsit5.e(), 4, true);
    }

    @Test
    void tsit5PublishedValuesSatisfyTheConditionsExactly() {
        BigDecimal[][] a = new BigDecimal[7][7];
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                a[i][j] = j < TSIT5_A[i].length ? new BigDecimal(TSIT5_A[i][j]) : BigDecimal.ZERO;
            }
        }
        BigDecimal[] b = new BigDecimal[7];
        BigDecimal[] bHat = new BigDecimal[7];
        for (int i = 0; i < 6; i++) {
            b[i] = new BigDecimal(TSIT5_A[6][i]);
            bHat[i] = new BigDecimal(TSIT5_B_HAT[i]);
        }
        b[6] = BigDecimal.ZERO;
        bHat[6] = BigDecimal.ONE.divide(BigDecimal.valueOf(66), new java.math.MathContext(60));
        double[] rb = orderResiduals(a, b, 6, false, false);
        double[] rbHat = orderResiduals(a, bHat, 5, false, false);
        for (int k = 1; k <= 5; k++) {
            assertTrue(rb[k] < 1e-50, "b order " + k + ": " + rb[k]);
        }
        for (int k = 1; k <= 4; k++) {
            assertTrue(rbHat[k] < 1e-50, "b̂ order " + k + ": " + rbHat[k]);
        }
        assertTrue(rb[6] > 1e-5);
        assertTrue(rbHat[5] > 1e-5);
        for (int i = 0; i < 7; i++) {
            BigDecimal sum = BigDecimal.ZERO;
            for (int j = 0; j < 7; j++) {
                sum = sum.add(a[i][j]);
            }
            assertTrue(sum.subtract(new BigDecimal(TSIT5_C[i])).abs().doubleValue() < 1e-70, "row sum " + i);
        }
    }

    @Test
    void dopri5OrderConditions() {
        double[][] a = full(Dopri5.a(), 7);
        assertRowSums(Dopri5.c(), Dopri5.a());
        assertOrder("dopri5 b", a, Dopri5.b(), 5, false);
        assertOrder("dopri5 b̂", a, Dopri5.bHat(), 4, false);
        assertOrder("dopri5 b − b̂", a, Dopri5.e(), 4, true);
        double[] e = Dopri5.e();
        double[] b = Dopri5.b();
        double[] bHat = Dopri5.bHat();
        for (int i = 0; i < 7; i++) {
            assertEquals(b[i] - bHat[i], e[i], 1e-16);
        }
    }

    @Test
    void dopri8OrderConditions() {
        double[][] a = full(Dopri8.a(), 13);
        assertRowSums(Dopri8.c(), Dopri8.a());
        assertOrder("dopri8 b", a, Dopri8.b(), 8, false);
        // b̂5 = b − e5 is of order 5 and b̂3 = b − e3 of order 3: e5, e3 annihilate the lower trees
        assertOrder("dopri8 e5", a, Arrays.copyOf(Dopri8.e5(), 13), 5, true);
        assertOrder("dopri8 e3", a, Arrays.copyOf(Dopri8.e3(), 13), 3, true);
        // b̂3 is nonzero at stages 1, 9 and 12 only (Hairer's bhh1..3)
        double[] b = Dopri8.b();
        double[] e3 = Dopri8.e3();
        for (int i = 0; i < 12; i++) {
            double bhh = b[i] - e3[i];
            if (i == 0 || i == 8 || i == 11) {
                assertTrue(Math.abs(bhh) > 1e-3);
            } else {
                assertEquals(0.0, bhh, 1e-14, "bhh" + (i + 1));
            }
        }
        assertEquals(0.244094488188976377952755905512, b[0] - e3[0], 1e-15);
        assertEquals(0.733846688281611857341361741547, b[8] - e3[8], 1e-15);
        assertEquals(0.220588235294117647058823529412e-1, b[11] - e3[11], 1e-15);
    }

    private static double hipparchusConstant(Class<?> c, String name) throws ReflectiveOperationException {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.getDouble(null);
    }

    @Test
    void dopri5IsHipparchusDormandPrince54() throws ReflectiveOperationException {
        DormandPrince54Integrator h = new DormandPrince54Integrator(1e-6, 1.0, 1e-6, 1e-6);
        double[] c = Dopri5.c();
        double[][] a = Dopri5.a();
        double[] b = Dopri5.b();
        assertArrayEquals(h.getC(), Arrays.copyOfRange(c, 1, 7), 0.0);
        double[][] ha = h.getA();
        assertEquals(6, ha.length);
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(ha[i], a[i + 1], 0.0, "row " + (i + 2));
        }
        assertArrayEquals(h.getB(), b, 0.0);
        double[] e = Dopri5.e();
        String[] names = {"E1", null, "E3", "E4", "E5", "E6", "E7"};
        for (int i = 0; i < 7; i++) {
            double expected = names[i] == null ? 0.0 : hipparchusConstant(DormandPrince54Integrator.class, names[i]);
            assertEquals(expected, e[i], 0.0, "e" + (i + 1));
        }
    }

    @Test
    void dopri8IsHipparchusDormandPrince853() throws ReflectiveOperationException {
        DormandPrince853Integrator h = new DormandPrince853Integrator(1e-6, 1.0, 1e-6, 1e-6);
        double[] c = Dopri8.c();
        double[][] a = Dopri8.a();
        double[] b = Dopri8.b();
        double[] hc = h.getC();
        double[][] ha = h.getA();
        double[] hb = h.getB();
        // Hipparchus: 16 stages = our 13 + three dense-output stages
        assertEquals(15, hc.length);
        assertArrayEquals(Arrays.copyOfRange(hc, 0, 12), Arrays.copyOfRange(c, 1, 13), 0.0);
        for (int i = 0; i < 12; i++) {
            assertArrayEquals(ha[i], a[i + 1], 0.0, "row " + (i + 2));
        }
        assertArrayEquals(Arrays.copyOf(hb, 13), b, 0.0);
        for (int i = 13; i < 16; i++) {
            assertEquals(0.0, hb[i]);
        }
        double[] e5 = Dopri8.e5();
        double[] e3 = Dopri8.e3();
        int[] idx = {1, 6, 7, 8, 9, 10, 11, 12};
        for (int i : idx) {
            String suffix = String.format("%02d", i);
            assertEquals(hipparchusConstant(DormandPrince853Integrator.class, "E1_" + suffix), e5[i - 1], 0.0, "e5 " + i);
            assertEquals(hipparchusConstant(DormandPrince853Integrator.class, "E2_" + suffix), e3[i - 1], 0.0, "e3 " + i);
        }
        for (int i = 2; i <= 5; i++) {
            assertEquals(0.0, e5[i - 1]);
            assertEquals(0.0, e3[i - 1]);
        }
    }

    @Test
    void stabilitySizesAreTheRealAxisExtents() {
        // Tsit5 and DP5 reproduce OrdinaryDiffEq's alg_stability_size to its 4 decimals
        double tsit5 = realStabilityBoundary(full(Tsit5.a(), 7), Tsit5.b());
        double dopri5 = realStabilityBoundary(full(Dopri5.a(), 7), Dopri5.b());
        double dopri8 = realStabilityBoundary(full(Dopri8.a(), 12), Arrays.copyOf(Dopri8.b(), 12));
        assertEquals(Tsit5.STABILITY_SIZE, tsit5, 5e-5, "tsit5 " + tsit5);
        assertEquals(Dopri5.STABILITY_SIZE, dopri5, 5e-5, "dopri5 " + dopri5);
        assertEquals(Dopri8.STABILITY_SIZE, dopri8, 5e-5, "dopri8 " + dopri8);
        assertEquals(3.5068, tsit5, 5e-5);
        assertEquals(3.3066, dopri5, 5e-5);
    }
}
