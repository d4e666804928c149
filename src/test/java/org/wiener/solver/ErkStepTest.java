package org.wiener.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.util.Arrays;

import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wiener.sde.Drift;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;

/**
 * One step of each pair against a direct evaluation of its tableau, taken from an independent source
 * (Tsit5: the published digits; Dopri5 and Dopri8: Hipparchus's arrays and error constants); FSAL reuse,
 * evaluation counts, properties, argument checks and allocation.
 */
class ErkStepTest {

    /** A nonlinear, time-dependent right-hand side. */
    static final Drift F = (t, y, out) -> {
        out[0] = y[1] * Math.cos(t) - y[0] * y[0];
        out[1] = -y[0] * y[1] + Math.sin(2.0 * t);
        out[2] = y[0] - y[2] * y[2] * y[2];
    };
    static final double T0 = 0.3;
    static final double H = 0.2;
    static final double[] Y0 = {0.7, -0.4, 1.1};

    static SdeProblem problem() {
        return SdeProblem.builder().drift(F).initialState(Y0).interval(0.0, 1.0).build();
    }

    static Solver solver(String name) {
        switch (name) {
            case "tsit5":
                return new Tsit5();
            case "dopri5":
                return new Dopri5();
            case "dopri8":
                return new Dopri8();
            default:
                throw new IllegalArgumentException(name);
        }
    }

    static int stages(String name) {
        return name.equals("dopri8") ? 13 : 7;
    }

    static double hipparchusConstant(Class<?> c, String name) throws ReflectiveOperationException {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.getDouble(null);
    }

    /** A reference tableau: c, full A (s×s), b, and the error rows. */
    static final class Reference {
        double[] c;
        double[][] a;
        double[] b;
        double[][] e;
    }

    static Reference tsit5Reference() {
        Reference r = new Reference();
        r.c = ErkTableauTest.doubles(ErkTableauTest.TSIT5_C);
        r.a = new double[7][7];
        for (int i = 0; i < 7; i++) {
            double[] row = ErkTableauTest.doubles(ErkTableauTest.TSIT5_A[i]);
            System.arraycopy(row, 0, r.a[i], 0, row.length);
        }
        r.b = Arrays.copyOf(ErkTableauTest.doubles(ErkTableauTest.TSIT5_A[6]), 7);
        double[] e = new double[7];
        for (int i = 0; i < 6; i++) {
            e[i] = new java.math.BigDecimal(ErkTableauTest.TSIT5_A[6][i])
                    .subtract(new java.math.BigDecimal(ErkTableauTest.TSIT5_B_HAT[i])).doubleValue();
        }
        e[6] = -1.0 / 66.0;
        r.e = new double[][] {e};
        return r;
    }

    static Reference hipparchusReference(boolean eight) throws ReflectiveOperationException {
        Reference r = new Reference();
        int s = eight ? 13 : 7;
        double[] hc;
        double[][] ha;
        double[] hb;
        if (eight) {
            DormandPrince853Integrator h = new DormandPrince853Integrator(1e-6, 1.0, 1e-6, 1e-6);
            hc = h.getC();
            ha = h.getA();
            hb = h.getB();
        } else {
            DormandPrince54Integrator h = new DormandPrince54Integrator(1e-6, 1.0, 1e-6, 1e-6);
            hc = h.getC();
            ha = h.getA();
            hb = h.getB();
        }
        r.c = new double[s];
        System.arraycopy(hc, 0, r.c, 1, s - 1);
        r.a = new double[s][s];
        for (int i = 1; i < s; i++) {
            System.arraycopy(ha[i - 1], 0, r.a[i], 0, i);
        }
        r.b = Arrays.copyOf(hb, s);
        if (eight) {
            double[] e5 = new double[s];
            double[] e3 = new double[s];
            for (int i : new int[] {1, 6, 7, 8, 9, 10, 11, 12}) {
                String suffix = String.format("%02d", i);
                e5[i - 1] = hipparchusConstant(DormandPrince853Integrator.class, "E1_" + suffix);
                e3[i - 1] = hipparchusConstant(DormandPrince853Integrator.class, "E2_" + suffix);
            }
            r.e = new double[][] {e5, e3};
        } else {
            double[] e = new double[s];
            String[] names = {"E1", null, "E3", "E4", "E5", "E6", "E7"};
            for (int i = 0; i < s; i++) {
                e[i] = names[i] == null ? 0.0 : hipparchusConstant(DormandPrince54Integrator.class, names[i]);
            }
            r.e = new double[][] {e};
        }
        return r;
    }

    static Reference reference(String name) throws ReflectiveOperationException {
        return name.equals("tsit5") ? tsit5Reference() : hipparchusReference(name.equals("dopri8"));
    }

    /** |h|·Σ|w_j||k_j,i|, the rounding scale of a combination. */
    static double scale(double h, double[] w, double[][] k, int i) {
        double s = 0.0;
        for (int j = 0; j < w.length; j++) {
            s += Math.abs(w[j] * k[j][i]);
        }
        return Math.abs(h) * s;
    }

    @ParameterizedTest
    @ValueSource(strings = {"tsit5", "dopri5", "dopri8"})
    void oneStepEqualsTheTableauEvaluatedByHand(String name) throws ReflectiveOperationException {
        Reference r = reference(name);
        double[][] k = OdeTestKit.stages(F, r.c, r.a, T0, H, Y0);
        double[] y1Ref = OdeTestKit.combine(Y0, H, r.b, k);
        int s = r.c.length;
        // the FSAL stage is f at the new solution
        double[] fEnd = new double[3];
        F.evaluate(T0 + H, y1Ref, fEnd);
        for (int i = 0; i < 3; i++) {
            assertEquals(fEnd[i], k[s - 1][i], 1e-14 * Math.max(1.0, Math.abs(fEnd[i])));
        }
        double[] errRef = new double[3];
        double[] e5 = new double[3];
        double[] e3 = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < r.e[0].length; j++) {
                e5[i] += r.e[0][j] * k[j][i];
                if (r.e.length > 1) {
                    e3[i] += r.e[1][j] * k[j][i];
                }
            }
        }
        if (r.e.length == 1) {
            for (int i = 0; i < 3; i++) {
                errRef[i] = H * e5[i];
            }
        } else {
            double s5 = 0.0;
            double s3 = 0.0;
            for (int i = 0; i < 3; i++) {
                s5 += e5[i] * e5[i];
                s3 += e3[i] * e3[i];
            }
            double phi = Math.sqrt(s5 / (s5 + 0.01 * s3));
            for (int i = 0; i < 3; i++) {
                errRef[i] = H * phi * e5[i];
            }
        }
        // stiffness: stage s-1 (index s-2 for the 7-stage pairs, 11 for DOP853) shares c = 1 with stage s
        int other = s - 2;
        assertEquals(1.0, r.c[other]);
        assertEquals(1.0, r.c[s - 1]);
        double[] yOther = OdeTestKit.combine(Y0, H, Arrays.copyOf(r.a[other], s), k);
        double num = 0.0;
        double den = 0.0;
        for (int i = 0; i < 3; i++) {
            num += Math.pow(k[s - 1][i] - k[other][i], 2);
            den += Math.pow(y1Ref[i] - yOther[i], 2);
        }
        double size = name.equals("tsit5") ? 3.5068 : name.equals("dopri5") ? 3.3066 : 6.3937;
        double stiffRef = H * Math.sqrt(num / den) / size;

        Stepper stepper = solver(name).newStepper(problem());
        double[] y1 = new double[3];
        double[] err = new double[3];
        stepper.reset(T0, Y0);
        assertTrue(Double.isNaN(stepper.stiffness()));
        stepper.step(T0, T0 + H, Y0, null, y1, err);
        for (int i = 0; i < 3; i++) {
            assertEquals(y1Ref[i], y1[i], 1e-14 * Math.max(1.0, Math.abs(y1Ref[i])), name + " y1[" + i + "]");
            double tol = 1e-14 * Math.max(Math.abs(errRef[i]), scale(H, r.e[0], k, i));
            assertEquals(errRef[i], err[i], tol, name + " error[" + i + "]");
        }
        assertEquals(stiffRef, stepper.stiffness(), 1e-10 * stiffRef, name + " stiffness");
        if (stepper instanceof Dopri8.Dopri8Stepper) {
            double atol = 1e-7;
            double rtol = 1e-5;
            double q5 = 0.0;
            double q3 = 0.0;
            for (int i = 0; i < 3; i++) {
                double sc = atol + rtol * Math.max(Math.abs(Y0[i]), Math.abs(y1Ref[i]));
                q5 += Math.pow(e5[i] / sc, 2);
                q3 += Math.pow(e3[i] / sc, 2);
            }
            double hairer = H * q5 / Math.sqrt(3 * (q5 + 0.01 * q3));
            assertEquals(hairer, ((Dopri8.Dopri8Stepper) stepper).scaledError(Y0, y1, atol, rtol), 1e-12 * hairer);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tsit5", "dopri5", "dopri8"})
    void firstSameAsLastIsCountedAndCarriedOnlyOnAccept(String name) {
        int s = stages(name);
        Stepper st = solver(name).newStepper(problem());
        double[] y1 = new double[3];
        double[] y2 = new double[3];
        double[] err = new double[3];
        st.reset(T0, Y0);
        st.step(T0, T0 + H, Y0, null, y1, err);
        assertEquals(s, st.driftEvaluations(), "first step evaluates f(t0, y0) too");
        // a retry of the rejected step from the same (t0, y0) reuses f(t0, y0)
        st.step(T0, T0 + H / 2, Y0, null, y1, err);
        assertEquals(2L * s - 1, st.driftEvaluations());
        st.accept();
        // the accepted step's last stage starts the next step
        st.step(T0 + H / 2, T0 + H, y1, null, y2, err);
        assertEquals(3L * s - 2, st.driftEvaluations());
        double[] y2Fresh = new double[3];
        Stepper fresh = solver(name).newStepper(problem());
        fresh.reset(T0 + H / 2, y1);
        fresh.step(T0 + H / 2, T0 + H, y1, null, y2Fresh, new double[3]);
        assertArrayEquals(y2Fresh, y2, 0.0, "the carried derivative is f(t1, y1)");
        // without accept(), the last stage is not carried: starting from the rejected y2 re-evaluates
        st.step(T0 + H, T0 + 1.5 * H, y2, null, y1, err);
        assertEquals(4L * s - 2, st.driftEvaluations());
        st.accept();
        // a state changed behind the stepper's back (no reset) is noticed and re-evaluated
        double[] moved = y1.clone();
        moved[0] += 1e-3;
        st.step(T0 + 1.5 * H, T0 + 2 * H, moved, null, y2, err);
        assertEquals(5L * s - 2, st.driftEvaluations());
        st.accept();
        // reset drops the carried derivative
        st.reset(T0 + 2 * H, y2);
        st.step(T0 + 2 * H, T0 + 3 * H, y2, null, y1, err);
        assertEquals(6L * s - 2, st.driftEvaluations());
        assertEquals(0L, st.diffusionEvaluations());
        // a step without an error array is allowed (fixed steps)
        st.accept();
        st.step(T0 + 3 * H, T0 + 4 * H, y1, null, y2, null);
        assertEquals(7L * s - 3, st.driftEvaluations());
        st.accept();
        assertThrows(IllegalStateException.class, st::accept);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tsit5", "dopri5", "dopri8"})
    void propertiesAndArgumentChecks(String name) {
        Solver solver = solver(name);
        SolverProperties p = solver.properties();
        assertEquals(name, p.name());
        assertFalse(p.supportsSde());
        assertEquals(name.equals("dopri8") ? 8.0 : 5.0, p.odeOrder());
        assertEquals(p.odeOrder(), p.errorOrder(null));
        assertTrue(p.hasEmbeddedError());
        assertTrue(p.hasStiffnessEstimate());
        assertEquals(stages(name) - 1, p.driftEvaluations());
        assertEquals(0, p.diffusionEvaluations());
        for (NoiseType noise : NoiseType.values()) {
            assertFalse(p.supports(noise));
        }
        SdeProblem sde = SdeProblem.builder().drift(F).diffusion((t, y, out) -> out[0] = 0.1, NoiseType.ADDITIVE, 1)
                .initialState(Y0).interval(0.0, 1.0).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> solver.newStepper(sde));
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains("ODE"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> solver.newStepper(null));
    }

    @Test
    void stepsDoNotAllocate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean)) {
            return;
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        for (String name : new String[] {"tsit5", "dopri5", "dopri8"}) {
            Stepper st = solver(name).newStepper(problem());
            double[] y = Y0.clone();
            double[] y1 = new double[3];
            double[] err = new double[3];
            int steps = 20000;
            double h = 1e-4;
            st.reset(0.0, y);
            long before = 0;
            for (int pass = 0; pass < 2; pass++) {
                if (pass == 1) {
                    before = mx.getCurrentThreadAllocatedBytes();
                }
                for (int i = 0; i < steps; i++) {
                    double t = (pass * steps + i) * h;
                    st.step(t, t + h, y, null, y1, err);
                    if (i % 7 != 3) {
                        st.accept();
                        double[] tmp = y;
                        y = y1;
                        y1 = tmp;
                    } else {
                        st.step(t, t + h, y, null, y1, err);
                        st.accept();
                        double[] tmp = y;
                        y = y1;
                        y1 = tmp;
                    }
                    st.stiffness();
                }
            }
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 4096, name + " allocated " + allocated + " bytes in " + steps + " steps");
        }
    }
}
