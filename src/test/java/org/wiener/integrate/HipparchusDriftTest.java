package org.wiener.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.ConstantStepSize;
import org.wiener.control.PidController;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.Solvers;

/** A Hipparchus {@link OrdinaryDifferentialEquation} used as the drift, with and without noise. */
class HipparchusDriftTest {

    /** The harmonic oscillator y'' = -y as a first-order Hipparchus system. */
    private static final OrdinaryDifferentialEquation OSCILLATOR = new OrdinaryDifferentialEquation() {
        @Override
        public int getDimension() {
            return 2;
        }

        @Override
        public double[] computeDerivatives(double t, double[] y) {
            return new double[] {y[1], -y[0]};
        }
    };

    @Test
    void withoutNoiseItMatchesHipparchusOwnSolution() {
        SdeProblem ode = SdeProblem.builder().drift(OSCILLATOR).initialState(1.0, 0.0).interval(0.0, 3.0).build();
        Solution ours = Integrator.builder().solver(Solvers.byName("dopri8"))
                .controller(PidController.builder(1e-11, 1e-11).build()).build().solve(ode);
        ODEStateAndDerivative theirs = new DormandPrince853Integrator(1e-8, 1.0, 1e-11, 1e-11)
                .integrate(OSCILLATOR, new ODEState(0.0, new double[] {1.0, 0.0}), 3.0);
        // Both solve to 1e-11: they agree with each other and with (cos t, -sin t) to well under 1e-8.
        assertEquals(theirs.getPrimaryState()[0], ours.finalState()[0], 1e-8);
        assertEquals(Math.cos(3.0), ours.finalState()[0], 1e-8);
        assertEquals(-Math.sin(3.0), ours.finalState()[1], 1e-8);
    }

    @Test
    void withAdditiveNoiseTheMeanFollowsTheDeterministicFlow() {
        // dy = A y dt + 0.1 dW on the velocity: linear, so E[y(T)] = (cos T, -sin T) exactly.
        SdeProblem sde = SdeProblem.builder().drift(OSCILLATOR)
                .diffusion((t, y, out) -> {
                    out[0] = 0.0;
                    out[1] = 0.1;
                }, NoiseType.ADDITIVE, 1)
                .initialState(1.0, 0.0).interval(0.0, 1.0).build();
        Integrator integrator = Integrator.builder().solver(Solvers.byName("shark"))
                .controller(new ConstantStepSize(1.0 / 64)).build();
        int paths = 2000;
        double sum = 0;
        double sumSq = 0;
        for (Solution s : Ensemble.solve(integrator, sde, paths, 11L, seed -> VirtualBrownianTree.builder()
                .interval(0, 1).tolerance(1.0 / 256).levyArea(LevyArea.SPACE_TIME).seed(seed).build(), 2)) {
            assertEquals(Status.SUCCESS, s.status());
            double x = s.finalState()[0];
            sum += x;
            sumSq += x * x;
        }
        double mean = sum / paths;
        double sd = Math.sqrt(sumSq / paths - mean * mean);
        assertTrue(sd > 0.01, "the noise must reach y0: sd " + sd);
        // Five standard errors of the mean, plus the scheme's bias at h = 1/64 (order h^2 ~ 2.5e-4).
        assertEquals(Math.cos(1.0), mean, 5 * sd / Math.sqrt(paths) + 1e-3);
    }

    @Test
    void aDimensionMismatchIsRefusedAtBuildTime() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SdeProblem.builder().drift(OSCILLATOR).initialState(1.0, 0.0, 0.0).interval(0, 1).build());
        assertEquals("the Hipparchus ODE's dimension 2 must equal the initial state's dimension 3", e.getMessage());
    }
}
