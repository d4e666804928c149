package org.wiener.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.StepControl;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.SaveAt;
import org.wiener.integrate.Solution;
import org.wiener.integrate.Status;
import org.wiener.integrate.StepRecord;
import org.wiener.random.Seeds;
import org.wiener.sde.Calculus;
import org.wiener.sde.SdeProblem;

/**
 * Paper A's CIR controller ({@code step-control.md} §7, {@code cir_adaptive.py}) on scripted inputs, and
 * its decisions as the driver applies them on real solves.
 */
class CirControllerTest {

    private static final double DTMIN = 0x1p-15;
    private static final SdeProblem PROBLEM = CirProblems.cir(1, 1, 1.5, 1, 4);

    private static double d(double ctol, double y) {
        return Math.min(1.0, Math.max(DTMIN, Math.pow(ctol * Math.max(y, 0), 2.0 / 3.0)));
    }

    @Test
    void desiredStepIsTheClippedTwoThirdsPower() {
        CirController c = new CirController(0.25);
        assertEquals(DTMIN, c.dtmin());
        assertEquals(1.0, c.dtmax());
        assertEquals(Math.pow(0.25, 2.0 / 3.0), c.desiredStep(1.0), 1e-15);
        assertEquals(Math.pow(0.05, 2.0 / 3.0), c.desiredStep(0.2), 1e-15);
        assertEquals(1.0, c.desiredStep(8.0)); // (0.25·8)^(2/3) = 1.587 > dtmax
        assertEquals(DTMIN, c.desiredStep(0.0));
        assertEquals(DTMIN, c.desiredStep(-0.5)); // max(y, 0)
        assertEquals(DTMIN, c.desiredStep(1e-9)); // (2.5e-10)^(2/3) = 4e-7 < dtmin
        assertEquals(DTMIN, c.desiredStep(Double.NaN));
        CirController bounded = new CirController(1.0, 0.01, 0.1);
        assertEquals(0.1, bounded.desiredStep(1.0));
        assertEquals(0.01, bounded.desiredStep(1e-4));
        assertEquals(Math.pow(0.01, 2.0 / 3.0), bounded.desiredStep(0.01), 1e-15);
        assertFalse(c.isAdaptive());
    }

    @Test
    void scriptedProposalsAndDecisions() {
        double ctol = 0.25;
        StepControl s = new CirController(ctol).start(PROBLEM, 1.9);
        // first step from y0
        assertEquals(d(ctol, 1.0), s.firstStepEnd(0.0, new double[] {1.0}, null), 1e-15);

        // accepted: h = d(1) = 0.397 < 1.1·d(min(1, 0.9)) = 0.407; next from y1 = 0.9
        double h = d(ctol, 1.0);
        assertTrue(s.decide(0.0, h, new double[] {1.0}, new double[] {0.9}, null));
        assertEquals(h + d(ctol, 0.9), s.nextStepEnd(), 1e-15);
        assertTrue(Double.isNaN(s.scaledError()));
        assertNull(s.failure());

        // rejected: h = 0.4 ≥ 1.1·d(0.2) = 0.149; retried from t0 with d(min(y0, y1)) = d(0.2)
        assertFalse(s.decide(1.0, 1.4, new double[] {1.0}, new double[] {0.2}, null));
        assertEquals(1.0 + d(ctol, 0.2), s.nextStepEnd(), 1e-15);

        // the accept rule is strict: h = 1.1·d(y_min) is rejected, a hair less is accepted
        double limit = 1.1 * d(ctol, 0.5);
        assertFalse(s.decide(0.0, limit, new double[] {0.5}, new double[] {0.7}, null));
        assertEquals(d(ctol, 0.5), s.nextStepEnd(), 1e-15);
        assertTrue(s.decide(0.0, Math.nextDown(limit), new double[] {0.5}, new double[] {0.7}, null));

        // after acceptance the next step comes from y1, not from min(y0, y1)
        assertTrue(s.decide(2.0, 2.1, new double[] {0.5}, new double[] {2.0}, null));
        assertEquals(2.1 + d(ctol, 2.0), s.nextStepEnd(), 1e-15);

        // a rise is judged by y0: y_min = min(y0, y1) = y0
        assertFalse(s.decide(2.0, 2.2, new double[] {0.05}, new double[] {3.0}, null)); // 0.2 ≥ 1.1·d(0.05) = 0.058
        assertEquals(2.0 + d(ctol, 0.05), s.nextStepEnd(), 1e-15);

        // at zero (or below): dtmin, and a dtmin step is always accepted
        assertFalse(s.decide(3.0, 3.1, new double[] {0.3}, new double[] {-0.01}, null));
        assertEquals(3.0 + DTMIN, s.nextStepEnd(), 1e-15);
        assertTrue(s.decide(3.0, 3.0 + DTMIN, new double[] {0.3}, new double[] {-0.01}, null));
        assertTrue(s.atDtmin());
        assertEquals(3.0 + 2 * DTMIN, s.nextStepEnd(), 1e-15); // y1 < 0: dtmin again
        assertTrue(s.decide(3.0 + DTMIN, 3.0 + 2 * DTMIN, new double[] {-0.01}, new double[] {1e-4}, null));
        assertTrue(s.atDtmin());
        assertEquals(3.0 + 2 * DTMIN + d(ctol, 1e-4), s.nextStepEnd(), 1e-15);
        assertTrue(s.decide(3.5, 3.6, new double[] {1.0}, new double[] {1.0}, null));
        assertFalse(s.atDtmin());

        // proposals are clipped to t1 = 4
        assertTrue(s.decide(3.9, 3.95, new double[] {8.0}, new double[] {8.0}, null));
        assertEquals(4.0, s.nextStepEnd());

        // a non-finite candidate: rejected and halved above dtmin ...
        assertFalse(s.decide(1.0, 1.25, new double[] {1.0}, new double[] {Double.NaN}, null));
        assertEquals(1.125, s.nextStepEnd(), 1e-15);
        assertFalse(s.decide(1.0, 1.0 + 3 * DTMIN / 2, new double[] {1.0}, new double[] {Double.POSITIVE_INFINITY}, null));
        assertEquals(1.0 + DTMIN, s.nextStepEnd(), 1e-15);
        // ... accepted at dtmin, so that the driver stops with NON_FINITE_STATE instead of looping
        assertTrue(s.decide(1.0, 1.0 + DTMIN, new double[] {1.0}, new double[] {Double.NaN}, null));
        assertNull(s.failure());
    }

    @Test
    void refusesBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new CirController(0.0));
        assertThrows(IllegalArgumentException.class, () -> new CirController(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new CirController(1.0, 0.0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new CirController(1.0, 0.5, 0.1));
        SdeProblem twoD = SdeProblem.builder().drift((t, y, out) -> {
            out[0] = 0;
            out[1] = 0;
        }).diagonalDiffusion((t, y, out) -> {
            out[0] = 1;
            out[1] = 1;
        }, 2).calculus(Calculus.ITO).initialState(1, 1).interval(0, 1).build();
        assertThrows(IllegalArgumentException.class, () -> new CirController(1.0).start(twoD, 1.0));
    }

    /**
     * On real solves (medium and high volatility, HOStS and DIE, VirtualBrownianTree at tolerance 2^-16 as
     * in paper A), the recorded steps follow the rules: the first step is d(X0); every accepted step has
     * h &lt; 1.1·d(min(y0, y1)); after an accepted step ending at s with state y the next attempt has
     * length min(d(y), T − s); after a rejection at t the next attempt starts at t and is shorter.
     */
    @Test
    void driverFollowsTheControllerOnRealSolves() {
        double ctol = 0.5;
        CirController controller = new CirController(ctol);
        long rejected = 0;
        long accepted = 0;
        for (double sigma : new double[] {1.5, 2.2}) {
            SdeProblem problem = CirProblems.cir(1, 1, sigma, 1, 4);
            for (org.wiener.solver.Solver solver : new org.wiener.solver.Solver[] {new Hosts(1, 1, sigma),
                    new DriftImplicitEuler(1, 1, sigma)}) {
                Integrator integrator = Integrator.builder().solver(solver).controller(controller)
                        .saveAt(SaveAt.everyStep()).recordSteps(true).build();
                for (int path = 0; path < 4; path++) {
                    VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(0, 4).dimension(1)
                            .tolerance(0x1p-16).levyArea(LevyArea.SPACE_TIME).seed(Seeds.derive(2024, path)).build();
                    Solution sol = integrator.solve(problem, tree);
                    assertEquals(Status.SUCCESS, sol.status());
                    Map<Double, Double> stateAt = new HashMap<>();
                    for (int k = 0; k < sol.size(); k++) {
                        stateAt.put(sol.time(k), sol.state(k)[0]);
                    }
                    List<StepRecord> records = sol.records();
                    assertEquals(controller.desiredStep(1.0), records.get(0).h(), 1e-15);
                    for (int i = 0; i < records.size(); i++) {
                        StepRecord r = records.get(i);
                        double y0 = stateAt.get(r.t());
                        if (r.accepted()) {
                            accepted++;
                            double end = r.t() + r.h();
                            double y1 = stateAt.get(end);
                            assertTrue(r.h() < 1.1 * controller.desiredStep(Math.min(y0, y1)),
                                    "accepted step " + r + " breaks the accept rule");
                            if (i + 1 < records.size()) {
                                StepRecord next = records.get(i + 1);
                                assertEquals(end, next.t());
                                assertEquals(Math.min(controller.desiredStep(y1), 4.0 - end), next.h(), 1e-12);
                            }
                        } else {
                            rejected++;
                            StepRecord next = records.get(i + 1);
                            assertEquals(r.t(), next.t());
                            assertTrue(next.h() < r.h() / 1.1 * (1 + 1e-12), "retry " + next + " after " + r);
                        }
                    }
                }
            }
        }
        System.out.printf("CirControllerTest: ctol = %s, 16 solves: %d accepted, %d rejected steps%n", ctol,
                accepted, rejected);
        assertTrue(rejected > 0, "the solves should exercise rejections");
    }
}
