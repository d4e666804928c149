package org.wiener.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hipparchus.ode.ODEState;
import org.junit.jupiter.api.Test;
import org.wiener.solver.OdeTestKit.AdaptiveResult;
import org.wiener.solver.OdeTestKit.Problem;

/**
 * The Shampine–Hiebert stiffness estimate, reported as |h|·ρ / (stability size).
 *
 * <p>What is exact and what is not. For a scalar linear problem y' = λ(y − g(t)) + g'(t), the two stages at
 * c = 1 are evaluated at the same time, so k<sub>s</sub> − k<sub>σ</sub> = λ(Y<sub>s</sub> − Y<sub>σ</sub>)
 * and ρ = |λ| <i>identically</i>: the estimate is exact for every h up to rounding. The rounding error is
 * relative to |Y<sub>s</sub> − Y<sub>σ</sub>| = |h·Σ(a<sub>sj</sub> − a<sub>σj</sub>)k<sub>j</sub>|, which
 * vanishes like a power of λh (the two stages agree to high order), so the relative error is about
 * 2^−52·|y| / |Y<sub>s</sub> − Y<sub>σ</sub>|: it is accurate for |λ|h ≳ 0.1 (bound asserted below:
 * relative error ≤ 1e-6 for |λ|h ≥ 0.1 and ≤ 1e-9 for |λ|h ≥ 1) and meaningless for |λ|h → 0 (for Dopri8 at
 * |λ|h = 10^−3 the two stage inputs are equal in floating point and the estimate is 0). For a linear system
 * y' = Ay with A normal, ρ² is a weighted mean of the |λ<sub>i</sub>|², so ρ ≤ max|λ<sub>i</sub>| (up to
 * rounding), approached when the dominant mode dominates Y<sub>s</sub> − Y<sub>σ</sub>, i.e. when
 * |λ<sub>max</sub>|h is not small compared with the other |λ<sub>i</sub>|h.
 */
class ErkStiffnessTest {

    static Solver[] solvers() {
        return new Solver[] {new Tsit5(), new Dopri5(), new Dopri8()};
    }

    static double size(Solver s) {
        return s instanceof Tsit5 ? Tsit5.STABILITY_SIZE : s instanceof Dopri5 ? Dopri5.STABILITY_SIZE
                : Dopri8.STABILITY_SIZE;
    }

    static Problem forcedLinear(double lambda) {
        return new Problem("forced linear", (t, y, out) -> out[0] = lambda * (y[0] - Math.cos(t)) - Math.sin(t), 0.0,
            2.0, new double[] {0.0}, null);
    }

    @Test
    void scalarLinearProblemsGiveHTimesLambdaOverTheStabilitySize() {
        for (Solver s : solvers()) {
            double worst = 0.0;
            for (double lambda : new double[] {-10.0, -100.0, -1000.0, -1e5}) {
                for (double x : new double[] {0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 6.0}) {
                    double h = x / -lambda;
                    Stepper st = s.newStepper(forcedLinear(lambda).sde());
                    double[] y0 = {2.0};
                    st.reset(0.3, y0);
                    st.step(0.3, 0.3 + h, y0, null, new double[1], new double[1]);
                    double expected = h * -lambda / size(s);
                    double rel = Math.abs(st.stiffness() / expected - 1.0);
                    worst = Math.max(worst, rel);
                    assertTrue(rel <= (x >= 1.0 ? 1e-9 : 1e-6),
                        s.properties().name() + " λ=" + lambda + " |λ|h=" + x + ": relative error " + rel);
                }
            }
            System.out.printf("%s: scalar stiffness estimate, worst relative error for |λ|h in [0.1, 6]: %.1e%n",
                    s.properties().name(), worst);
        }
    }

    @Test
    void linearSystemsAreBoundedByAndApproachTheDominantEigenvalue() {
        Problem p = new Problem("diagonal", (t, y, out) -> {
            out[0] = -y[0];
            out[1] = -30.0 * y[1];
            out[2] = -1000.0 * y[2];
        }, 0.0, 1.0, new double[] {1.0, 1.0, 1.0}, null);
        for (Solver s : solvers()) {
            for (double x : new double[] {0.1, 0.5, 1.0, 2.0, 3.0, 5.0}) {
                double h = x / 1000.0;
                Stepper st = s.newStepper(p.sde());
                st.reset(0.0, p.y0);
                st.step(0.0, h, p.y0, null, new double[3], new double[3]);
                double rho = st.stiffness() * size(s) / h;
                assertTrue(rho <= 1000.0 * (1.0 + 1e-7), s.properties().name() + " ρ = " + rho + " > max|λ|");
                assertTrue(rho >= 1000.0 * (1.0 - 1e-7), s.properties().name() + " |λ|h=" + x + ": ρ = " + rho);
            }
        }
    }

    /**
     * On a stiff problem solved adaptively at moderate tolerance the step size is limited by stability, so the
     * reported stiffness of accepted steps sits at about 1 for every solver: the normalisation by each method's
     * stability size makes the values comparable across solvers.
     */
    @Test
    void stabilityLimitedStepsReportAboutOne() {
        Problem p = forcedLinear(-1000.0);
        for (Solver s : solvers()) {
            for (double tol : new double[] {1e-3, 1e-6}) {
                AdaptiveResult r = s instanceof Dopri8
                        ? OdeTestKit.adaptive(s, p,
                            (st, y0, y1, err) -> ((Dopri8.Dopri8Stepper) st).scaledError(y0, y1, tol, tol), 8.0, 1e-4,
                            1e-12, 10.0)
                        : OdeTestKit.adaptive(s, p, OdeTestKit.rms(tol, tol), 5.0, 1e-4, 1e-12, 10.0);
                double[] values = r.attempts.stream().filter(a -> a.accepted && a.t > 0.1)
                        .mapToDouble(a -> a.stiffness).sorted().toArray();
                double median = values[values.length / 2];
                System.out.printf("%s tol=%.0e on y'=-1000(y-cos t)-sin t: %d attempts (%d rejected), accepted "
                        + "stiffness min %.3f median %.3f max %.3f%n", s.properties().name(), tol, r.attempts.size(),
                        r.rejected(), values[0], median, values[values.length - 1]);
                assertTrue(median > 0.85 && median < 1.1, s.properties().name() + " median " + median);
                assertTrue(values[values.length - 1] < 2.0, s.properties().name() + " max " + values[values.length - 1]);
                // every estimate is h·1000/size: the estimate is exact for this scalar linear problem
                for (OdeTestKit.Attempt a : r.attempts) {
                    assertEquals(a.h * 1000.0 / size(s), a.stiffness, 1e-6 * a.stiffness + 1e-12);
                }
            }
        }
    }

    @Test
    void observedHipparchusIntegratorsReportTheSameEstimate() {
        Problem p = forcedLinear(-200.0);
        List<double[]> five = new ArrayList<>();
        List<double[]> eight = new ArrayList<>();
        ObservedDormandPrince54Integrator dp5 = new ObservedDormandPrince54Integrator(1e-12, 10.0, 1e-6, 1e-6,
            (t, h, acc, se, e, st) -> five.add(new double[] {h, st}));
        ObservedDormandPrince853Integrator dp8 = new ObservedDormandPrince853Integrator(1e-12, 10.0, 1e-6, 1e-6,
            (t, h, acc, se, e, st) -> eight.add(new double[] {h, st}));
        dp5.integrate(p.hipparchus(), new ODEState(p.t0, p.y0.clone()), 0.5);
        dp8.integrate(p.hipparchus(), new ODEState(p.t0, p.y0.clone()), 0.5);
        for (double[] r : five) {
            if (r[0] * 200.0 >= 0.1) {
                assertEquals(r[0] * 200.0 / Dopri5.STABILITY_SIZE, r[1], 1e-6 * r[1]);
            }
        }
        for (double[] r : eight) {
            if (r[0] * 200.0 >= 0.1) {
                assertEquals(r[0] * 200.0 / Dopri8.STABILITY_SIZE, r[1], 1e-6 * r[1]);
            }
        }
        assertTrue(five.stream().filter(r -> r[0] * 200.0 >= 0.1).count() > 10);
        assertTrue(eight.stream().filter(r -> r[0] * 200.0 >= 0.1).count() > 10);
        assertTrue(Arrays.stream(new int[] {five.size(), eight.size()}).allMatch(n -> n > 0));
    }
}
