package org.wiener.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.ConstantStepSize;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.Solution;
import org.wiener.integrate.Status;
import org.wiener.random.Seeds;
import org.wiener.sde.SdeProblem;

/**
 * The law of HOStS at a fine constant step against the exact CIR moments ({@code problems.md} §3.3),
 * medium volatility (a = b = 1, σ = 1.5):
 * E[X<sub>T</sub>] = b + (X<sub>0</sub> − b)e<sup>−aT</sup> and
 * Var[X<sub>T</sub>] = X<sub>0</sub>(σ²/a)(e<sup>−aT</sup> − e<sup>−2aT</sup>) + (bσ²/(2a))(1 − e<sup>−aT</sup>)².
 * This checks that the scheme converges to the <em>Itô</em> solution with the b it was given: using b̃ as
 * the mean (the Stratonovich drift taken as Itô) would give E[X<sub>4</sub>] ≈ 0.448 instead of 1.
 *
 * <p><b>Bound.</b> N = 10,000 independent tree paths, h = 1/32, tree tolerance h/8 (T·2<sup>−(ℓ+3)</sup>
 * for 2<sup>ℓ</sup> steps, {@code problems.md} §6.4). The sample mean must be within 4 standard errors
 * (sample sd/√N) of E[X<sub>T</sub>], and the sample variance within 4 of its standard errors
 * (√((m<sub>4</sub> − s⁴)/N), m<sub>4</sub> the sample fourth central moment) of Var[X<sub>T</sub>]; a
 * false failure from sampling alone is a &gt; 4σ event. No allowance is made for the time-discretisation
 * bias: in a 20,000-path exploration the means at h = 1/8, 1/32 and 1/128 on the same paths agreed within
 * 2·10<sup>−4</sup>, far below the standard error here (about 0.011).
 */
class CirMeanTest {

    private static final int PATHS = 10_000;
    private static final double SIGMA = 1.5;

    private static void check(double x0, double t1, long master) {
        SdeProblem problem = CirProblems.cir(1, 1, SIGMA, x0, t1);
        double h = 1.0 / 32;
        Integrator integrator = Integrator.builder().solver(new Hosts(1, 1, SIGMA)).controller(new ConstantStepSize(h))
                .build();
        double[] x = new double[PATHS];
        double sum = 0;
        for (int i = 0; i < PATHS; i++) {
            VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(0, t1).dimension(1).tolerance(h / 8)
                    .levyArea(LevyArea.SPACE_TIME).seed(Seeds.derive(master, i)).build();
            Solution sol = integrator.solve(problem, tree);
            assertEquals(Status.SUCCESS, sol.status());
            x[i] = sol.finalState()[0];
            sum += x[i];
        }
        double mean = sum / PATHS;
        double m2 = 0;
        double m4 = 0;
        for (double v : x) {
            double d = v - mean;
            m2 += d * d;
            m4 += d * d * d * d;
        }
        double var = m2 / (PATHS - 1);
        m4 /= PATHS;
        double se = Math.sqrt(var / PATHS);
        double seVar = Math.sqrt((m4 - var * var) / PATHS);
        double e = Math.exp(-t1);
        double exactMean = 1 + (x0 - 1) * e;
        double exactVar = x0 * SIGMA * SIGMA * (e - e * e) + SIGMA * SIGMA / 2 * (1 - e) * (1 - e);
        System.out.printf("CirMeanTest: X0=%.1f T=%.1f N=%d h=1/32: E[X_T] = %.5f (exact %.5f, SE %.5f, z = %+.2f); "
                        + "Var = %.4f (exact %.4f, SE %.4f, z = %+.2f)%n", x0, t1, PATHS, mean, exactMean, se,
                (mean - exactMean) / se, var, exactVar, seVar, (var - exactVar) / seVar);
        assertTrue(Math.abs(mean - exactMean) <= 4 * se, "mean " + mean + " vs " + exactMean + " (SE " + se + ")");
        assertTrue(Math.abs(var - exactVar) <= 4 * seVar, "variance " + var + " vs " + exactVar + " (SE " + seVar + ")");
    }

    /** Paper A's medium case itself: X0 = b, so E[X_t] = 1 at all times. */
    @Test
    void meanAndVarianceOfTheExperimentCase() {
        check(1.0, 4.0, 5678);
    }

    /** X0 ≠ b and a shorter horizon, so that the mean moves: E[X_1] = 1 + e^-1. */
    @Test
    void meanAndVarianceAwayFromEquilibrium() {
        check(2.0, 1.0, 8765);
    }
}
