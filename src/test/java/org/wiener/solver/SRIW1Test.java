package org.wiener.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.PidController;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.Solution;
import org.wiener.random.Seeds;
import org.wiener.sde.Calculus;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;

/**
 * SRIW1 beyond the scalar cases of {@link StrongOrderTest}: diagonal noise (order and component-by-component
 * agreement with scalar solves), the rejected noise classes, and its embedded error estimate (local order 1.5,
 * and adaptive solves that get more accurate as the tolerance falls).
 */
class SRIW1Test {

    private static final double[] A = {0.5, -0.3};
    private static final double[] B = {0.8, 0.5};
    private static final double[] Y0 = {1.0, 2.0};

    /** Two independent Itô GBMs dy_i = a_i y_i dt + b_i y_i dW_i as one diagonal-noise problem. */
    private static SdeProblem diagonalGbm() {
        return SdeProblem.builder()
                .drift((t, y, out) -> {
                    out[0] = A[0] * y[0];
                    out[1] = A[1] * y[1];
                })
                .diffusion((t, y, out) -> {
                    out[0] = B[0] * y[0];
                    out[1] = 0.0;
                    out[2] = 0.0;
                    out[3] = B[1] * y[1];
                }, NoiseType.DIAGONAL, 2)
                .calculus(Calculus.ITO).initialState(Y0.clone()).interval(0.0, 1.0).build();
    }

    private static SdeProblem scalarGbm(int component) {
        double a = A[component];
        double b = B[component];
        return SdeProblem.builder()
                .drift((t, y, out) -> out[0] = a * y[0])
                .diffusion((t, y, out) -> out[0] = b * y[0], NoiseType.SCALAR, 1)
                .calculus(Calculus.ITO).initialState(Y0[component]).interval(0.0, 1.0).build();
    }

    @Test
    void diagonalNoiseHasStrongOrderOnePointFive() {
        SolverTestSupport.Exact exact = (t, w, out) -> {
            for (int i = 0; i < 2; i++) {
                out[i] = Y0[i] * Math.exp((A[i] - 0.5 * B[i] * B[i]) * t + B[i] * w[i]);
            }
        };
        SolverTestSupport.Study st = SolverTestSupport.strongOrder("DIAGONAL sriw1", new SRIW1(), diagonalGbm(),
                LevyArea.SPACE_TIME, exact, 5, 9, 4, 480, 16, 0xD1A6L);
        // Same protocol and tolerance as StrongOrderTest: 0.15 (pre-asymptotic curvature) + 4 batch SEs.
        double tol = 0.15 + 4.0 * st.slopeStandardError;
        assertTrue(tol <= 0.3, () -> "sampling error too large for a sharp test: " + st);
        assertTrue(Math.abs(st.slope - 1.5) <= tol, () -> "strong order " + st.slope + " not within " + tol + ": " + st);
    }

    @Test
    void diagonalComponentsEqualScalarSolvesBitForBit() {
        // Component j of a 2-dimensional tree equals the 1-dimensional tree with the same seed, so each
        // component of the diagonal solve must be exactly the scalar solve of that component on its own.
        int steps = 37;
        for (int path = 0; path < 8; path++) {
            long seed = Seeds.derive(99L, path);
            VirtualBrownianTree wide = VirtualBrownianTree.builder().interval(0.0, 1.0).dimension(2)
                    .tolerance(1e-4).levyArea(LevyArea.SPACE_TIME).seed(seed).build();
            double[][] diag = SolverTestSupport.solve(new SRIW1(), diagonalGbm(), wide, steps, steps);
            VirtualBrownianTree narrow = VirtualBrownianTree.builder().interval(0.0, 1.0).dimension(1)
                    .tolerance(1e-4).levyArea(LevyArea.SPACE_TIME).seed(seed).build();
            double[][] first = SolverTestSupport.solve(new SRIW1(), scalarGbm(0), narrow, steps, steps);
            assertArrayEquals(new double[] {first[1][0]}, new double[] {diag[1][0]}, 0.0, "path " + path);
        }
    }

    @Test
    void rejectsNoiseThatIsNeitherScalarNorDiagonal() {
        SdeProblem commutative = SdeProblem.builder()
                .drift((t, y, out) -> out[0] = 0.0)
                .diffusion((t, y, out) -> {
                    out[0] = y[0];
                    out[1] = 0.5 * y[0];
                }, NoiseType.COMMUTATIVE, 2)
                .calculus(Calculus.ITO).initialState(1.0).interval(0.0, 1.0).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SRIW1().newStepper(commutative));
        assertTrue(e.getMessage().contains("sriw1") && e.getMessage().contains("COMMUTATIVE"), e.getMessage());
    }

    @Test
    void errorEstimateHasLocalOrderOnePointFive() {
        // One step from y = 1 of the scalar GBM at h = 2^-k: the estimate is y' minus an order-1 scheme, so its
        // RMS over many increments scales like h^1.5 (a leftover O(h) term, e.g. from a wrong β, gives slope 1).
        SdeProblem gbm = scalarGbm(0);
        int samples = 4000;
        int[] ks = {4, 6, 8, 10};
        double[] logH = new double[ks.length];
        double[] logRms = new double[ks.length];
        for (int a = 0; a < ks.length; a++) {
            double h = Math.scalb(1.0, -ks[a]);
            double sum = 0.0;
            for (int s = 0; s < samples; s++) {
                VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(0.0, 1.0).tolerance(h / 4)
                        .levyArea(LevyArea.SPACE_TIME).seed(Seeds.derive(7L, s)).build();
                MutableBrownianIncrement inc = new MutableBrownianIncrement(1, LevyArea.SPACE_TIME);
                tree.increment(0.0, h, inc);
                Stepper stepper = new SRIW1().newStepper(gbm);
                double[] y1 = new double[1];
                double[] err = new double[1];
                stepper.step(0.0, h, new double[] {1.0}, inc, y1, err);
                sum += err[0] * err[0];
            }
            logH[a] = Math.log(h);
            logRms[a] = 0.5 * Math.log(sum / samples);
        }
        double slope = (logRms[ks.length - 1] - logRms[0]) / (logH[ks.length - 1] - logH[0]);
        // The same 4000 paths at every h, so sampling noise in the slope is small (a few hundredths); 0.2 tells
        // 1.5 from the 1.0 of an estimate with an O(h) leftover.
        assertTrue(Math.abs(slope - 1.5) <= 0.2, () -> "local order of the error estimate " + slope);
    }

    @Test
    void adaptiveSolvesGetMoreAccurateAsTheToleranceFalls() {
        SdeProblem gbm = scalarGbm(0);
        double loose = rmsErrorAtOne(gbm, Math.scalb(1.0, -8));
        double tight = rmsErrorAtOne(gbm, Math.scalb(1.0, -12));
        // Measured about 8e-3 and 1e-3 over 4096 paths; with 1024 paths each RMS is within a few per cent, so
        // a factor 3 can only fail if the estimate does not steer the steps.
        assertTrue(tight < loose / 3.0, () -> "RMS error at tol 2^-8: " + loose + ", at 2^-12: " + tight);
    }

    private static double rmsErrorAtOne(SdeProblem gbm, double tol) {
        double dtmin = Math.scalb(1.0, -10);
        Integrator integrator = Integrator.builder().solver(new SRIW1())
                .controller(PidController.builder(tol, tol).stepBounds(dtmin, 1.0).build()).build();
        int paths = 1024;
        double sum = 0.0;
        double[] w = new double[1];
        for (int i = 0; i < paths; i++) {
            VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(0.0, 1.0).tolerance(dtmin / 2)
                    .levyArea(LevyArea.SPACE_TIME).seed(Seeds.derive(11L, i)).build();
            Solution s = integrator.solve(gbm, tree);
            tree.value(1.0, w);
            double exact = Y0[0] * Math.exp((A[0] - 0.5 * B[0] * B[0]) + B[0] * w[0]);
            double e = s.finalState()[0] - exact;
            sum += e * e;
        }
        return Math.sqrt(sum / paths);
    }
}
