package org.wiener.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wiener.solver.OdeTestKit.adaptive;
import static org.wiener.solver.OdeTestKit.diff;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.nonstiff.EmbeddedRungeKuttaIntegrator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;
import org.junit.jupiter.api.Test;
import org.wiener.integrate.StepObserver;
import org.wiener.solver.OdeTestKit.AdaptiveResult;
import org.wiener.solver.OdeTestKit.Attempt;
import org.wiener.solver.OdeTestKit.Problem;

/**
 * Dopri5 and Dopri8 against Hipparchus's DormandPrince54Integrator and DormandPrince853Integrator on the
 * shapes of Hipparchus's classic test problems, step for step: with the test loop reproducing Hipparchus's
 * step-size law and the same initial step, both take the same attempts, accept the same ones and end at the
 * same state to rounding. Also checks that the observed Hipparchus integrators report every attempt.
 */
class ErkHipparchusAgreementTest {

    static Problem[] problems() {
        return new Problem[] {
            OdeTestKit.decay(),
            OdeTestKit.polynomialForcing(),
            OdeTestKit.kepler(0.5, 2 * Math.PI),
            OdeTestKit.oscillator(3.0),
            OdeTestKit.vanDerPol(1.0, 10.0),
            OdeTestKit.vanDerPol(5.0, 10.0)};
    }

    /** One reported attempt. */
    static final class Report {
        final double t;
        final double h;
        final boolean accepted;
        final double scaledError;
        final double[] error;
        final double stiffness;

        Report(double t, double h, boolean accepted, double scaledError, double[] error, double stiffness) {
            this.t = t;
            this.h = h;
            this.accepted = accepted;
            this.scaledError = scaledError;
            this.error = error.clone();
            this.stiffness = stiffness;
        }
    }

    static StepObserver recorder(List<Report> into) {
        return (t, h, accepted, scaledError, error, stiffness) ->
            into.add(new Report(t, h, accepted, scaledError, error, stiffness));
    }

    private static void compare(String what, Problem p, double tol, List<Report> hip, double[] yHip,
                                AdaptiveResult ours, double[] ref) {
        assertEquals(hip.size(), ours.attempts.size(), what + ": number of attempts");
        double maxDh = 0.0;
        double maxDerr = 0.0;
        for (int i = 0; i < hip.size(); i++) {
            Report a = hip.get(i);
            Attempt b = ours.attempts.get(i);
            assertEquals(a.accepted, b.accepted, what + ": accept/reject of attempt " + i);
            maxDh = Math.max(maxDh, Math.abs(a.h - b.h) / Math.abs(a.h));
            maxDerr = Math.max(maxDerr, Math.abs(a.scaledError - b.scaledError) / Math.max(1e-3, a.scaledError));
            assertEquals(a.stiffness, b.stiffness, 1e-6 * Math.max(1.0, a.stiffness), what + ": stiffness " + i);
        }
        double dy = diff(ours.y, yHip);
        double errOurs = diff(ours.y, ref);
        double errHip = diff(yHip, ref);
        System.out.printf("%s %s tol=%.0e: %d attempts (%d rejected), max rel. step difference %.1e, "
                + "max rel. scaled-error difference %.1e, |ours − Hipparchus| = %.1e, error ours %.2e, Hipparchus %.2e%n",
                what, p, tol, hip.size(), ours.rejected(), maxDh, maxDerr, dy, errOurs, errHip);
        assertTrue(maxDh <= 1e-5, what + ": step sizes drifted by " + maxDh);
        assertTrue(maxDerr <= 1e-4, what + ": scaled errors differ by " + maxDerr);
        assertTrue(dy <= Math.max(1e-12, 1e-2 * tol), what + ": final states differ by " + dy);
        assertTrue(errOurs <= 1.01 * errHip + 1e-12, what + ": ours " + errOurs + " vs Hipparchus " + errHip);
    }

    @Test
    void dopri5TakesTheStepsOfDormandPrince54() {
        for (Problem p : problems()) {
            double[] ref = p.exact != null ? p.exactAtEnd()
                    : OdeTestKit.hipparchus(new DormandPrince853Integrator(1e-12, 100.0, 1e-14, 1e-14), p);
            for (double tol : new double[] {1e-4, 1e-7, 1e-10}) {
                List<Report> hip = new ArrayList<>();
                ObservedDormandPrince54Integrator integrator =
                        new ObservedDormandPrince54Integrator(1e-12, 100.0, tol, tol, recorder(hip));
                integrator.setInitialStepSize(1e-3);
                double[] yHip = OdeTestKit.hipparchus(integrator, p);
                AdaptiveResult ours = adaptive(new Dopri5(), p, OdeTestKit.rms(tol, tol), 5.0, 1e-3, 1e-12, 100.0);
                compare("dopri5", p, tol, hip, yHip, ours, ref);
                assertEquals(6L * hip.size() + 1, integrator.getEvaluations());
                assertEquals(integrator.getEvaluations(), ours.evaluations, "same drift evaluations");
            }
        }
    }

    @Test
    void dopri8TakesTheStepsOfDormandPrince853() {
        for (Problem p : problems()) {
            double[] ref = p.exact != null ? p.exactAtEnd()
                    : OdeTestKit.hipparchus(new DormandPrince853Integrator(1e-12, 100.0, 1e-14, 1e-14), p);
            for (double tol : new double[] {1e-4, 1e-7, 1e-10}) {
                List<Report> hip = new ArrayList<>();
                ObservedDormandPrince853Integrator integrator =
                        new ObservedDormandPrince853Integrator(1e-12, 100.0, tol, tol, recorder(hip));
                integrator.setInitialStepSize(1e-3);
                double[] yHip = OdeTestKit.hipparchus(integrator, p);
                AdaptiveResult ours = adaptive(new Dopri8(), p,
                    (st, y0, y1, err) -> ((Dopri8.Dopri8Stepper) st).scaledError(y0, y1, tol, tol), 8.0, 1e-3, 1e-12,
                    100.0);
                compare("dopri8", p, tol, hip, yHip, ours, ref);
                // Hipparchus also evaluates its three dense-output stages on every attempt
                assertEquals(15L * hip.size() + 1, integrator.getEvaluations());
                assertEquals(12L * hip.size() + 1, ours.evaluations);
            }
        }
    }

    /**
     * With one tolerance for all components, Dopri8's error vector (φ from unscaled sums) has exactly
     * Hairer's scaled norm, so the plain RMS controller reproduces Hipparchus too.
     */
    @Test
    void dopri8ErrorVectorGivesHairersNormForUniformScales() {
        Problem p = OdeTestKit.decay();
        double tol = 1e-8;
        List<Report> hip = new ArrayList<>();
        ObservedDormandPrince853Integrator integrator =
                new ObservedDormandPrince853Integrator(1e-12, 100.0, new double[] {tol, tol}, new double[] {0.0, 0.0},
                    recorder(hip));
        integrator.setInitialStepSize(1e-3);
        double[] yHip = OdeTestKit.hipparchus(integrator, p);
        AdaptiveResult ours = adaptive(new Dopri8(), p, OdeTestKit.rms(tol, 0.0), 8.0, 1e-3, 1e-12, 100.0);
        compare("dopri8 (vector norm, absolute tolerance)", p, tol, hip, yHip, ours, p.exactAtEnd());
    }

    /** Every attempt is reported, rejected ones included, consistently with Hipparchus's own bookkeeping. */
    @Test
    void observedIntegratorsReportEveryAttempt() {
        Problem p = OdeTestKit.vanDerPol(5.0, 10.0);
        double[] absTol = {1e-8, 1e-6};
        double[] relTol = {1e-7, 1e-5};
        for (int variant = 0; variant < 2; variant++) {
            List<Report> reports = new ArrayList<>();
            EmbeddedRungeKuttaIntegrator integrator = variant == 0
                    ? new ObservedDormandPrince54Integrator(1e-12, 100.0, absTol, relTol, recorder(reports))
                    : new ObservedDormandPrince853Integrator(1e-12, 100.0, absTol, relTol, recorder(reports));
            // a too large first step forces rejections at the start, the relaxation oscillation later ones
            integrator.setInitialStepSize(0.5);
            int[] handled = {0};
            integrator.addStepHandler(new ODEStepHandler() {
                @Override
                public void handleStep(ODEStateInterpolator interpolator) {
                    handled[0]++;
                }
            });
            ODEStateAndDerivative end = integrator.integrate(p.hipparchus(), new ODEState(p.t0, p.y0.clone()), p.t1);
            long accepted = reports.stream().filter(r -> r.accepted).count();
            long rejected = reports.size() - accepted;
            String what = integrator.getName();
            System.out.printf("observed %s: %d attempts, %d accepted, %d rejected, %d evaluations%n", what,
                    reports.size(), accepted, rejected, integrator.getEvaluations());
            assertTrue(rejected >= 3, what + ": expected rejections, got " + rejected);
            assertTrue(!reports.get(0).accepted, what + ": the first, too large, attempt must be rejected");
            assertEquals(handled[0], accepted, what + ": accepted attempts = steps handed to the step handler");
            int perAttempt = variant == 0 ? 6 : 15;
            assertEquals((long) perAttempt * reports.size() + 1, integrator.getEvaluations(), what);
            double t = p.t0;
            for (Report r : reports) {
                assertEquals(t, r.t, 0.0, what + ": attempts start where the last accepted one ended");
                assertEquals(r.scaledError < 1.0, r.accepted);
                assertEquals(2, r.error.length);
                assertTrue(r.stiffness >= 0.0 && Double.isFinite(r.stiffness));
                if (r.accepted) {
                    t += r.h;
                }
            }
            assertEquals(p.t1, t, 1e-12);
            assertEquals(p.t1, end.getTime(), 0.0);
        }
    }

    /** The reported error vector's scaled RMS norm is exactly the scaled error Hipparchus computed. */
    @Test
    void reportedErrorVectorHasTheReportedNorm() {
        Problem p = OdeTestKit.kepler(0.5, 2 * Math.PI);
        double[] absTol = {1e-9, 1e-7, 1e-8, 1e-6};
        double[] relTol = {1e-8, 1e-6, 1e-9, 1e-5};
        for (int variant = 0; variant < 2; variant++) {
            List<double[]> starts = new ArrayList<>();
            double[][] y0Holder = {p.y0.clone()};
            List<Report> reports = new ArrayList<>();
            StepObserver both = (t, h, accepted, scaledError, error, stiffness) -> {
                reports.add(new Report(t, h, accepted, scaledError, error, stiffness));
                starts.add(y0Holder[0].clone());
            };
            EmbeddedRungeKuttaIntegrator integrator = variant == 0
                    ? new ObservedDormandPrince54Integrator(1e-12, 100.0, absTol, relTol, both)
                    : new ObservedDormandPrince853Integrator(1e-12, 100.0, absTol, relTol, both);
            integrator.setInitialStepSize(1e-2);
            List<double[]> ends = new ArrayList<>();
            integrator.addStepHandler(new ODEStepHandler() {
                @Override
                public void handleStep(ODEStateInterpolator interpolator) {
                    ends.add(interpolator.getCurrentState().getPrimaryState());
                    y0Holder[0] = interpolator.getCurrentState().getPrimaryState();
                }
            });
            integrator.integrate(p.hipparchus(), new ODEState(p.t0, p.y0.clone()), p.t1);
            int accepted = 0;
            for (int i = 0; i < reports.size(); i++) {
                Report r = reports.get(i);
                if (!r.accepted) {
                    continue;
                }
                double[] y0 = starts.get(i);
                double[] y1 = ends.get(accepted++);
                double s = 0.0;
                for (int k = 0; k < 4; k++) {
                    double q = r.error[k] / (absTol[k] + relTol[k] * Math.max(Math.abs(y0[k]), Math.abs(y1[k])));
                    s += q * q;
                }
                double norm = Math.sqrt(s / 4);
                assertEquals(r.scaledError, norm, 1e-12 * r.scaledError, integrator.getName() + " attempt " + i);
            }
            assertTrue(accepted > 10);
        }
    }

    @Test
    void observerIsRequired() {
        assertThrows(IllegalArgumentException.class,
            () -> new ObservedDormandPrince54Integrator(1e-6, 1.0, 1e-6, 1e-6, null));
        assertThrows(IllegalArgumentException.class,
            () -> new ObservedDormandPrince853Integrator(1e-6, 1.0, 1e-6, 1e-6, null));
    }
}
