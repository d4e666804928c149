package org.wiener.langevin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.control.ConstantStepSize;
import org.wiener.integrate.Ensemble;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.SaveAt;
import org.wiener.integrate.Solution;
import org.wiener.solver.Solver;
import org.wiener.solver.Stepper;

/**
 * The stationary law ({@code langevin.md} §1: x ~ target, v ~ N(0, u), independent) on a correlated Gaussian target
 * N(0, Σ), Σ = [[1, ½], [½, 2]], with γ = (1, 1.5) and u = (½, 2) per component.
 *
 * <p>On a Gaussian target every solver's step is an affine map y1 = M·y0 + N·(W, H, K), so the stationary covariance
 * P(h) of the <em>numerical</em> chain is exact: the solution of P = MPMᵀ + N·diag(h, h/12, h/720)·Nᵀ (M and N read
 * off the stepper by stepping unit vectors; solved by Smith's doubling). Its distance to the true covariance
 * diag(Σ, u) is the solver's stationary bias, measured without sampling error: it shrinks with order ≈ 2 for ALIGN
 * and UBU and ≈ 3 for ShOULD and QUICSORT.
 *
 * <p>Monte Carlo (the full solve: Integrator, tree, steppers): 4,000 independent paths from x0 = (1, −1), v0 = 0 over
 * [0, 16] (the eigenvalues of the drift matrix [[0, I], [−uΣ⁻¹, −γ]] have real parts −0.68 and −0.57: the start is
 * forgotten to e^(−0.57·16) ≈ 1e−4, far below the sampling error), the final states' mean and covariance compared entry by entry within 4 standard errors of a Gaussian
 * sample (SE of a mean sqrt(T_ii/n), of a covariance sqrt((T_ii·T_jj + T_ij²)/n)). At h = 1/8 against the true law
 * (the test checks that the exact bias of every entry is at most half its SE there, so it moves no z-score by more
 * than 0.5); at h = 1 for ALIGN and UBU (16,000 paths) against the exact P(h), whose bias exceeds 8 SE in its worst
 * entry, where the sample must show it (≥ 4 SE from the true value): the bias is both predicted and measured.
 */
class LangevinStationaryTest {

    private static final double[][] SIGMA = {{1.0, 0.5}, {0.5, 2.0}};
    private static final double[] GAMMA = {1.0, 1.5};
    private static final double[] U = {0.5, 2.0};
    private static final double T1 = 16.0;
    private static final int PATHS = 4000;
    private static final List<String> REPORT = new ArrayList<>();

    private static LangevinProblem problem() {
        return LangevinProblem.builder().target(LangevinTestSupport.gaussian(SIGMA)).friction(GAMMA).inverseMass(U)
                .initialPosition(new double[] {1.0, -1.0}).interval(0.0, T1).build();
    }

    private static RealMatrix truth() {
        RealMatrix t = MatrixUtils.createRealMatrix(4, 4);
        t.setSubMatrix(SIGMA, 0, 0);
        t.setEntry(2, 2, U[0]);
        t.setEntry(3, 3, U[1]);
        return t;
    }

    /** The exact stationary covariance of the solver's chain at step h, y = (x, v). */
    static RealMatrix chainCovariance(Solver solver, double h) {
        Stepper st = solver.newStepper(problem().toSdeProblem());
        MutableBrownianIncrement inc = new MutableBrownianIncrement(2, LevyArea.SPACE_TIME_TIME);
        inc.setDt(h);
        double[] y1 = new double[4];
        RealMatrix m = MatrixUtils.createRealMatrix(4, 4);
        for (int j = 0; j < 4; j++) {
            double[] y0 = new double[4];
            y0[j] = 1.0;
            st.reset(0.0, y0); // FSAL solvers: f0 = ∇f(x0) of this state
            st.step(0.0, h, y0, inc, y1, new double[4]);
            m.setColumn(j, y1);
        }
        RealMatrix n = MatrixUtils.createRealMatrix(4, 6);
        double[][] noise = {inc.w(), inc.h(), inc.k()};
        for (int k = 0; k < 6; k++) {
            noise[k / 2][k % 2] = 1.0;
            double[] y0 = new double[4];
            st.reset(0.0, y0);
            st.step(0.0, h, y0, inc, y1, new double[4]);
            n.setColumn(k, y1);
            noise[k / 2][k % 2] = 0.0;
        }
        RealMatrix q = MatrixUtils.createRealDiagonalMatrix(new double[] {h, h, h / 12, h / 12, h / 720, h / 720});
        RealMatrix p = n.multiply(q).multiplyTransposed(n);
        RealMatrix mk = m;
        for (int it = 0; it < 60; it++) { // Smith: P_{k+1} = P_k + M_k P_k M_kᵀ, M_{k+1} = M_k²
            p = p.add(mk.multiply(p).multiplyTransposed(mk));
            mk = mk.multiply(mk);
        }
        return p;
    }

    private static double maxAbsDifference(RealMatrix a, RealMatrix b) {
        double worst = 0.0;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                worst = Math.max(worst, Math.abs(a.getEntry(i, j) - b.getEntry(i, j)));
            }
        }
        return worst;
    }

    @ParameterizedTest(name = "{0}: stationary bias of order {1}")
    @CsvSource({"align, 2", "should, 3", "quicsort, 3", "ubu, 2"})
    void exactStationaryBiasShrinksWithTheStep(String name, double order) {
        double[] hs = {1.0, 0.5, 0.25, 0.125, 0.0625};
        double[] bias = new double[hs.length];
        StringBuilder sb = new StringBuilder(name + " exact stationary bias:");
        for (int i = 0; i < hs.length; i++) {
            bias[i] = maxAbsDifference(chainCovariance(LangevinSolvers.byName(name), hs[i]), truth());
            sb.append(String.format(" h=%s %.3e", hs[i], bias[i]));
        }
        double fineOrder = Math.log(bias[hs.length - 2] / bias[hs.length - 1]) / Math.log(2);
        sb.append(String.format("; order at the fine end %.2f", fineOrder));
        REPORT.add(sb.toString());
        for (int i = 1; i < hs.length; i++) {
            assertTrue(bias[i] < bias[i - 1], sb::toString);
        }
        // Deterministic (no sampling): the allowance covers only the pre-asymptotic drift of the ratio.
        assertTrue(Math.abs(fineOrder - order) <= 0.3, sb::toString);
    }

    @ParameterizedTest(name = "{0} at h = {1}")
    @CsvSource({"align, 0.125, false", "should, 0.125, false", "quicsort, 0.125, false", "ubu, 0.125, false",
        "align, 1.0, true", "ubu, 1.0, true"})
    void monteCarloMomentsMatchTheStationaryLaw(String name, double h, boolean biased) {
        Solver solver = LangevinSolvers.byName(name);
        Integrator integrator = Integrator.builder().solver(solver).controller(new ConstantStepSize(h))
                .saveAt(SaveAt.end()).build();
        int n = biased ? 4 * PATHS : PATHS; // the biased runs are short (16 steps): afford a smaller SE
        List<Solution> paths = Ensemble.solve(integrator, problem().toSdeProblem(), n, 0xC0FFEEL + (long) (h * 8),
                seed -> LangevinTestSupport.tree(seed, 2, 0.0, T1, h / 2, LevyArea.SPACE_TIME_TIME), 2);
        double[] mean = new double[4];
        for (Solution s : paths) {
            double[] y = s.finalState();
            for (int i = 0; i < 4; i++) {
                mean[i] += y[i] / n;
            }
        }
        RealMatrix cov = MatrixUtils.createRealMatrix(4, 4);
        for (Solution s : paths) {
            double[] y = s.finalState();
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    cov.addToEntry(i, j, (y[i] - mean[i]) * (y[j] - mean[j]) / (n - 1));
                }
            }
        }
        RealMatrix expected = biased ? chainCovariance(solver, h) : truth();
        RealMatrix target = truth();
        StringBuilder sb = new StringBuilder(String.format("%s h=%s: mean %s, cov", name, h,
                java.util.Arrays.toString(mean)));
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            double se = Math.sqrt(expected.getEntry(i, i) / n);
            if (Math.abs(mean[i]) > 4 * se) {
                failures.add("mean[" + i + "] = " + mean[i] + " > 4 SE = " + 4 * se);
            }
            for (int j = i; j < 4; j++) {
                double e = expected.getEntry(i, j);
                double sec = Math.sqrt((expected.getEntry(i, i) * expected.getEntry(j, j) + e * e) / n);
                double c = cov.getEntry(i, j);
                sb.append(String.format(" [%d%d] %.4f (exp %.4f, SE %.4f)", i, j, c, e, sec));
                if (Math.abs(c - e) > 4 * sec) {
                    failures.add("cov[" + i + "][" + j + "] = " + c + ", expected " + e + " ± 4·" + sec);
                }
            }
        }
        // The entry where the exact bias of the chain is largest against its standard error.
        RealMatrix exact = chainCovariance(solver, h);
        double worstZ = 0.0;
        int wi = 0;
        int wj = 0;
        for (int i = 0; i < 4; i++) {
            for (int j = i; j < 4; j++) {
                double t = target.getEntry(i, j);
                double se = Math.sqrt((target.getEntry(i, i) * target.getEntry(j, j) + t * t) / paths.size());
                double z = Math.abs(exact.getEntry(i, j) - t) / se;
                if (z > worstZ) {
                    worstZ = z;
                    wi = i;
                    wj = j;
                }
            }
        }
        double t = target.getEntry(wi, wj);
        double seT = Math.sqrt((target.getEntry(wi, wi) * target.getEntry(wj, wj) + t * t) / paths.size());
        double sampleZ = Math.abs(cov.getEntry(wi, wj) - t) / seT;
        sb.append(String.format("; largest exact bias: cov[%d][%d] %.4f vs %.4f = %.2f SE, sample at %.1f SE", wi, wj,
                exact.getEntry(wi, wj), t, worstZ, sampleZ));
        if (biased) {
            // The bias is predicted large against the sampling error, and the sample shows it.
            if (worstZ < 8) {
                failures.add("predicted bias not measurable: " + worstZ + " SE < 8");
            }
            if (sampleZ < 4) {
                failures.add("the sample does not show the predicted bias: " + sampleZ + " SE < 4");
            }
        } else if (worstZ > 0.5) {
            // Compared with the true law, the exact bias may shift an entry by at most half a standard error.
            failures.add("the exact bias is not negligible at this h: " + worstZ + " SE");
        }
        REPORT.add(sb.toString());
        assertTrue(failures.isEmpty(), () -> failures + "\n" + sb);
    }

    @AfterAll
    static void printReport() {
        REPORT.forEach(System.out::println);
    }
}
