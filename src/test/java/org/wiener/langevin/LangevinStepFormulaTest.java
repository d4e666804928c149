package org.wiener.langevin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.solver.Solver;
import org.wiener.solver.Stepper;

/**
 * One step of each solver against its formulas in {@code langevin.md} (§3.2, §4.2, §5.2; UBU from paper A's fork),
 * written out here from the reference with the coefficients in the reference's own closed forms (plain
 * {@code Math.exp}, no regrouping), on d = 2 with different γ and u per component, the double-well gradient
 * ∇f = 4x(x² − 1), and a fixed increment (W, H, K). γh = 0.4 and 1.5, above the Taylor threshold, so the
 * solvers use closed forms too; the agreement is to rounding.
 */
class LangevinStepFormulaTest {

    private static final double[] G = {0.8, 3.0};
    private static final double[] U = {0.2, 1.5};
    private static final double[] X0 = {0.3, -1.2};
    private static final double[] V0 = {0.5, 0.1};
    private static final double[] W = {0.4, -0.7};
    private static final double[] H = {0.1, 0.05};
    private static final double[] K = {0.02, -0.01};
    private static final double T0 = 1.0;
    private static final double STEP = 0.5;
    private static final double TOL = 1e-13;

    private static double grad(double x) {
        return 4.0 * x * (x * x - 1.0);
    }

    private static double beta(double c, double h) {
        return Math.exp(-c * h);
    }

    private static double a(double c, double h) {
        return (1 - Math.exp(-c * h)) / c;
    }

    /** b_θ = (β_θ + θα − 1)/(γ²h). */
    private static double b(double c, double h, double theta) {
        return (Math.exp(-theta * c * h) + theta * c * h - 1) / (c * c * h);
    }

    private static double chh(double c, double h) {
        double al = c * h;
        return 6 * (Math.exp(-al) * (al + 2) + al - 2) / (al * al * c);
    }

    private static double ckk(double c, double h) {
        double al = c * h;
        return 60 * (Math.exp(-al) * (al * (al + 6) + 12) - al * (al - 6) - 12) / (al * al * al * c);
    }

    private static double chhHalf(double c, double h) {
        double al = c * h;
        return 6 * (Math.exp(-al / 2) * (al + 2) + al * al / 4 - 2) / (al * al * c);
    }

    private static double rho(int i) {
        return Math.sqrt(2 * G[i] * U[i]);
    }

    private static double[] step(Solver solver, double[] error) {
        LangevinProblem p = LangevinProblem.builder().target(LangevinTestSupport.doubleWell(2)).friction(G)
                .inverseMass(U).initialPosition(X0).initialVelocity(V0).interval(T0, T0 + 1).build();
        Stepper stepper = solver.newStepper(p.toSdeProblem());
        MutableBrownianIncrement inc = new MutableBrownianIncrement(2, LevyArea.SPACE_TIME_TIME);
        inc.setDt(STEP);
        System.arraycopy(W, 0, inc.w(), 0, 2);
        System.arraycopy(H, 0, inc.h(), 0, 2);
        System.arraycopy(K, 0, inc.k(), 0, 2);
        double[] y0 = {X0[0], X0[1], V0[0], V0[1]};
        stepper.reset(T0, y0);
        double[] y1 = new double[4];
        stepper.step(T0, T0 + STEP, y0, inc, y1, error);
        return y1;
    }

    @Test
    void alignStep() {
        double h = STEP;
        double[] expected = new double[4];
        double[] err = new double[4];
        for (int i = 0; i < 2; i++) {
            double c = G[i];
            double f0 = grad(X0[i]);
            double a1 = a(c, h);
            double b1 = b(c, h, 1.0); // (β + α − 1)/(γα)
            double x1 = X0[i] + a1 * V0[i] - b1 * U[i] * h * f0 + rho(i) * (b1 * W[i] + chh(c, h) * H[i]);
            double f1 = grad(x1);
            double v1 = beta(c, h) * V0[i] - U[i] * ((a1 - b1) * f0 + b1 * f1)
                    + rho(i) * (a1 / h * W[i] - c * chh(c, h) * H[i]);
            expected[i] = x1;
            expected[2 + i] = v1;
            err[2 + i] = -U[i] * b1 * (f1 - f0);
        }
        double[] error = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        assertArrayEquals(expected, step(new Align(), error), TOL);
        assertArrayEquals(err, error, TOL);
    }

    @Test
    void shouldStep() {
        double h = STEP;
        double[] expected = new double[4];
        for (int i = 0; i < 2; i++) {
            double c = G[i];
            double r = rho(i);
            double f0 = grad(X0[i]);
            double betaHalf = beta(c, h / 2);
            double aHalf = a(c, h / 2);
            double al = c * h;
            double bHalf = (betaHalf + al / 2 - 1) / (al * c); // full α in the denominator (§4.1)
            double b1 = b(c, h, 1.0);
            double vTilde = V0[i] + r * (H[i] + 6 * K[i]);
            double x1 = X0[i] + aHalf * vTilde + bHalf * (-U[i] * h * f0 + r * (W[i] - 12 * K[i]));
            double f1 = grad(x1);
            double xp = X0[i] + a(c, h) * V0[i] - U[i] * h * b1 * (f0 / 3 + 2 * f1 / 3)
                    + r * (b1 * W[i] + chh(c, h) * H[i] + ckk(c, h) * K[i]);
            double fp = grad(xp);
            double vp = beta(c, h) * V0[i] - U[i] * h * (beta(c, h) * f0 / 6 + 2.0 / 3 * betaHalf * f1 + fp / 6)
                    + r * (a(c, h) / h * W[i] - c * (chh(c, h) * H[i] + ckk(c, h) * K[i]));
            expected[i] = xp;
            expected[2 + i] = vp;
        }
        assertArrayEquals(expected, step(new Should(), null), TOL);
    }

    @Test
    void quicsortStep() {
        double h = STEP;
        double l = 0.5 - Math.sqrt(3) / 6;
        double rr = 0.5 + Math.sqrt(3) / 6;
        assertEquals(0.21132486540518713, l, 1e-17);
        assertEquals(0.7886751345948129, rr, 1e-16);
        double[] expected = new double[4];
        for (int i = 0; i < 2; i++) {
            double c = G[i];
            double r = rho(i);
            double rhoWk = r * (W[i] - 12 * K[i]);
            double vTilde = V0[i] + r * (H[i] + 6 * K[i]);
            double x1 = X0[i] + a(c, l * h) * vTilde + b(c, h, l) * rhoWk;
            double f1 = U[i] * h * grad(x1);
            double aThird = (1 - Math.exp(-c * h / 3)) / c;
            double x2 = X0[i] + a(c, rr * h) * vTilde + b(c, h, rr) * rhoWk - aThird * f1;
            double f2 = U[i] * h * grad(x2);
            double xp = X0[i] + a(c, h) * vTilde + b(c, h, 1.0) * rhoWk - 0.5 * (a(c, rr * h) * f1 + a(c, l * h) * f2);
            double vTildeP = beta(c, h) * vTilde - 0.5 * (beta(c, rr * h) * f1 + beta(c, l * h) * f2)
                    + (1 - Math.exp(-c * h)) / (c * h) * rhoWk;
            expected[i] = xp;
            expected[2 + i] = vTildeP - r * (H[i] - 6 * K[i]);
        }
        assertArrayEquals(expected, step(new Quicsort(), null), TOL);
    }

    @Test
    void ubuStep() {
        double h = STEP;
        double[] expected = new double[4];
        for (int i = 0; i < 2; i++) {
            double c = G[i];
            double r = rho(i);
            double al = c * h;
            double betaHalf = beta(c, h / 2);
            double aHalf = a(c, h / 2);
            double bHalf = (betaHalf + al / 2 - 1) / (al * c);
            double z = X0[i] + aHalf * V0[i] + r * (bHalf * W[i] + chhHalf(c, h) * H[i]);
            double force = grad(z) * U[i] * h;
            double v1 = beta(c, h) * V0[i] - betaHalf * force + r * (a(c, h) / h * W[i] - c * chh(c, h) * H[i]);
            double x1 = X0[i] + a(c, h) * V0[i] - aHalf * force + r * (b(c, h, 1.0) * W[i] + chh(c, h) * H[i]);
            expected[i] = x1;
            expected[2 + i] = v1;
        }
        assertArrayEquals(expected, step(new Ubu(), null), TOL);
    }
}
