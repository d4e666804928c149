package org.wiener.solver;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wiener.solver.OdeTestKit.adaptive;
import static org.wiener.solver.OdeTestKit.diff;
import static org.wiener.solver.OdeTestKit.fixed;
import static org.wiener.solver.OdeTestKit.rms;

import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;
import org.wiener.solver.OdeTestKit.AdaptiveResult;
import org.wiener.solver.OdeTestKit.Problem;

/**
 * Observed convergence orders with fixed steps (5, 5, 8 within ±0.3 in the asymptotic range, where the error
 * is well above rounding), and Tsit5's adaptive accuracy against exact solutions (Hipparchus has no Tsit5).
 */
class ErkConvergenceTest {

    /** y' = −y on [0, 10]; the error is measured relative to e^−10. */
    static Problem linear() {
        return new Problem("y'=-y", (t, y, out) -> out[0] = -y[0], 0.0, 10.0, new double[] {1.0},
            t -> new double[] {Math.exp(-t)});
    }

    /** Logistic y' = y(1 − y), y(0) = 0.01, on [0, 10]. */
    static Problem logistic() {
        return new Problem("logistic", (t, y, out) -> out[0] = y[0] * (1.0 - y[0]), 0.0, 10.0, new double[] {0.01},
            t -> new double[] {1.0 / (1.0 + 99.0 * Math.exp(-t))});
    }

    static double relativeError(double[] y, double[] exact) {
        double e = 0.0;
        for (int i = 0; i < y.length; i++) {
            e = Math.max(e, Math.abs(y[i] - exact[i]) / Math.abs(exact[i]));
        }
        return e;
    }

    /**
     * Checks log2(e(N)/e(2N)) for the consecutive step counts given.
     *
     * @return the observed orders
     */
    static double[] assertOrder(Solver solver, Problem p, boolean relative, double expected, int... steps) {
        double[] errors = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            double[] y = fixed(solver, p, steps[i]);
            errors[i] = relative ? relativeError(y, p.exactAtEnd()) : diff(y, p.exactAtEnd());
        }
        double[] orders = new double[steps.length - 1];
        StringBuilder report = new StringBuilder(solver.properties().name() + " on " + p + ":");
        for (int i = 0; i + 1 < steps.length; i++) {
            orders[i] = Math.log(errors[i] / errors[i + 1]) / Math.log((double) steps[i + 1] / steps[i]);
            report.append(String.format(" N=%d→%d err %.2e→%.2e order %.3f;", steps[i], steps[i + 1], errors[i],
                    errors[i + 1], orders[i]));
        }
        System.out.println(report);
        for (int i = 0; i < orders.length; i++) {
            assertTrue(errors[i + 1] > 1e-14, "below the rounding floor: " + report);
            assertTrue(Math.abs(orders[i] - expected) <= 0.3, report.toString());
        }
        return orders;
    }

    @Test
    void tsit5IsOfOrderFive() {
        assertOrder(new Tsit5(), linear(), true, 5.0, 256, 512, 1024);
        assertOrder(new Tsit5(), OdeTestKit.kepler(0.1, 2 * Math.PI), false, 5.0, 256, 512, 1024);
    }

    @Test
    void dopri5IsOfOrderFive() {
        assertOrder(new Dopri5(), linear(), true, 5.0, 128, 256, 512);
        assertOrder(new Dopri5(), OdeTestKit.kepler(0.1, 2 * Math.PI), false, 5.0, 256, 512, 1024);
    }

    @Test
    void dopri8IsOfOrderEight() {
        assertOrder(new Dopri8(), linear(), true, 8.0, 16, 32, 64);
        assertOrder(new Dopri8(), logistic(), false, 8.0, 8, 16, 32);
    }

    /**
     * Tsit5 with the Hipparchus-style loop of {@link OdeTestKit#adaptive} and the RMS norm
     * (atol = rtol = tol): the global error stays within a problem-dependent multiple of tol (the local
     * tolerance does not bound the global error; the eccentric Kepler orbit accumulates most) and falls
     * with tol.
     */
    @Test
    void tsit5AdaptiveSolutionsMeetTheTolerances() {
        Object[][] cases = {
            {OdeTestKit.decay(), 2.0},
            {OdeTestKit.polynomialForcing(), 2.0},
            {OdeTestKit.oscillator(3.0), 50.0},
            {OdeTestKit.kepler(0.5, 2 * Math.PI), 400.0},
            {OdeTestKit.vanDerPol(1.0, 10.0), 30.0},
            {OdeTestKit.vanDerPol(5.0, 10.0), 30.0}};
        for (Object[] c : cases) {
            Problem p = (Problem) c[0];
            double factor = (Double) c[1];
            double[] ref = p.exact != null ? p.exactAtEnd()
                    : OdeTestKit.hipparchus(new DormandPrince853Integrator(1e-12, 100.0, 1e-14, 1e-14), p);
            double previous = Double.POSITIVE_INFINITY;
            for (double tol : new double[] {1e-4, 1e-7, 1e-10}) {
                AdaptiveResult r = adaptive(new Tsit5(), p, rms(tol, tol), 5.0, 1e-3, 1e-12, 100.0);
                double err = diff(r.y, ref);
                System.out.printf("tsit5 %s tol=%.0e: %d attempts (%d rejected), %d evaluations, error %.2e = %.2f tol%n",
                        p, tol, r.attempts.size(), r.rejected(), r.evaluations, err, err / tol);
                assertTrue(err <= factor * tol, p + " tol " + tol + ": error " + err);
                assertTrue(err < previous, p + ": error did not fall with tol");
                previous = err;
                assertTrue(r.evaluations == 6L * r.attempts.size() + 1, "6 evaluations per attempt + 1");
            }
        }
    }
}
