package org.wiener.langevin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.wiener.langevin.diagnostics.Diagnostics;
import org.wiener.langevin.target.CorrelatedGaussian;
import org.wiener.langevin.target.LogDensity;

/** The multi-chain sampler: reproducibility, correctness on a Gaussian, exact gradient counts, failures. */
class LangevinSamplerTest {

    /** A badly scaled, correlated 3-d Gaussian: scales 0.2, 1, 5 and correlations 0.6. */
    private static CorrelatedGaussian gaussian() {
        double[] mean = {1.0, -2.0, 0.5};
        double[] s = {0.2, 1.0, 5.0};
        double[][] cov = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                cov[i][j] = s[i] * s[j] * (i == j ? 1.0 : 0.6);
            }
        }
        return new CorrelatedGaussian(mean, cov);
    }

    private static LangevinSampler.Builder adaptive() {
        return LangevinSampler.builder().solver(LangevinSolvers.byName("quicsort_doubled")).tolerance(0.1);
    }

    @Test
    void drawsAreBitIdenticalForEveryThreadCount() {
        LangevinSampler.Builder b = adaptive().chains(5).draws(40).warmup(20).seed(7);
        SamplerResult one = b.threads(1).build().sample(gaussian());
        SamplerResult three = b.threads(3).build().sample(gaussian());
        assertTrue(one.completed(), one.message());
        double[][][] x = one.draws();
        double[][][] y = three.draws();
        assertEquals(5, x.length);
        for (int c = 0; c < x.length; c++) {
            assertEquals(40, x[c].length);
            for (int k = 0; k < x[c].length; k++) {
                assertArrayEquals(x[c][k], y[c][k], 0.0, "chain " + c + " draw " + k);
            }
        }
        assertArrayEquals(one.gradientEvaluations(), three.gradientEvaluations());
        assertArrayEquals(one.inverseMass(), three.inverseMass(), 0.0);
        // Different chains are different paths (their own tree seeds).
        assertFalse(x[0][39][0] == x[1][39][0]);
        // A different master seed gives different draws.
        SamplerResult other = b.seed(8).threads(1).build().sample(gaussian());
        assertFalse(other.draws()[0][39][0] == x[0][39][0]);
    }

    @Test
    void constantStepDrawsAreBitIdenticalForEveryThreadCount() {
        LangevinSampler.Builder b = LangevinSampler.builder().solver(LangevinSolvers.byName("quicsort")).step(0.25)
                .chains(3).draws(30).warmup(10).seed(3);
        double[][][] x = b.threads(1).build().sample(gaussian()).draws();
        double[][][] y = b.threads(2).build().sample(gaussian()).draws();
        for (int c = 0; c < x.length; c++) {
            for (int k = 0; k < x[c].length; k++) {
                assertArrayEquals(x[c][k], y[c][k], 0.0);
            }
        }
    }

    /**
     * Means and standard deviations of the correlated Gaussian within 4 Monte Carlo standard errors, the
     * errors taken from the bulk ESS of the draws (mean: sd/√ESS; sd: sd/√(2·ESS), the Gaussian value),
     * plus the adapted inverse mass close to the true variances (its pooled warm-up estimate has a relative
     * error of order 1/√(warm-up ESS), hence the loose 30% band).
     */
    @Test
    void recoversACorrelatedGaussianWithinMonteCarloError() {
        CorrelatedGaussian target = gaussian();
        SamplerResult r = adaptive().chains(4).draws(1500).warmup(300).seed(11).threads(2).build().sample(target);
        assertRecovers(target, r);
    }

    /**
     * The paper's stepping (tree on exactly the run, Diffrax's PID unchanged) samples the same law through other
     * steps, and Wiener's default (dyadic step ends, resumed proposals) reaches it with fewer gradients: steps cut
     * short by a draw time no longer hold the next steps down.
     */
    @Test
    void thePapersSteppingRecoversTheSameGaussianWithMoreGradients() {
        CorrelatedGaussian target = gaussian();
        // ALIGN at a loose tolerance, whose steps are of the order of the draw spacing: where clipping matters.
        LangevinSampler.Builder b = LangevinSampler.builder().solver(LangevinSolvers.byName("align")).tolerance(0.5)
                .friction(0.5).chains(4).draws(1500).warmup(300).seed(11).threads(2);
        SamplerResult paper = b.paperSteps(true).build().sample(target);
        assertRecovers(target, paper);
        SamplerResult dyadic = b.paperSteps(false).build().sample(target);
        assertFalse(java.util.Arrays.deepEquals(paper.draws(), dyadic.draws()), "other steps, other draws");
        assertTrue(dyadic.totalGradientEvaluations() < 0.9 * paper.totalGradientEvaluations(),
                dyadic.totalGradientEvaluations() + " gradients against the paper's " + paper.totalGradientEvaluations());
    }

    /**
     * A looser warm-up tolerance spends fewer warm-up gradients (the controller takes longer steps there) and
     * leaves the sampling phase at the sampling tolerance, so the law is still recovered.
     */
    @Test
    void aLooserWarmUpToleranceSavesWarmUpGradientsOnly() {
        CorrelatedGaussian target = gaussian();
        LangevinSampler.Builder b = LangevinSampler.builder().solver(LangevinSolvers.byName("align")).tolerance(0.3)
                .friction(0.5).chains(4).draws(1500).warmup(300).seed(5).threads(2);
        SamplerResult same = b.build().sample(target);
        SamplerResult loose = b.warmupTolerance(1.0).build().sample(target);
        assertRecovers(target, loose);
        long warmSame = java.util.Arrays.stream(same.warmupGradientEvaluations()).sum();
        long warmLoose = java.util.Arrays.stream(loose.warmupGradientEvaluations()).sum();
        // Deterministic for these seeds (measured 1,277 against 1,451: steps here are capped by the 0.5 draw
        // spacing, so the saving is modest); an ignored warm-up tolerance would give equal counts.
        assertTrue(warmLoose < 0.95 * warmSame, warmLoose + " warm-up gradients against " + warmSame);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LangevinSampler.builder().solver(LangevinSolvers.byName("ubu")).step(0.25).warmupTolerance(1.0)
                        .seed(1).build());
        assertTrue(e.getMessage().contains("warmupTolerance"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LangevinSampler.builder().warmupTolerance(-1.0));
        assertTrue(e.getMessage().contains("warmupTolerance") && e.getMessage().contains("-1.0"), e.getMessage());
    }

    /** Means and sds within 4 Monte Carlo standard errors (bulk ESS), and the adapted inverse mass within 30 %. */
    private static void assertRecovers(CorrelatedGaussian target, SamplerResult r) {
        assertTrue(r.completed(), r.message());
        double[][][] draws = r.draws();
        for (int j = 0; j < 3; j++) {
            double[][] xj = new double[draws.length][];
            double sum = 0;
            double sumSq = 0;
            int n = 0;
            for (int c = 0; c < draws.length; c++) {
                xj[c] = new double[draws[c].length];
                for (int k = 0; k < draws[c].length; k++) {
                    xj[c][k] = draws[c][k][j];
                    sum += xj[c][k];
                    sumSq += xj[c][k] * xj[c][k];
                    n++;
                }
            }
            double mean = sum / n;
            double sd = Math.sqrt((sumSq - n * mean * mean) / (n - 1));
            double ess = Diagnostics.essBulk(xj);
            assertTrue(ess > 500, "ESS " + ess + " of x" + (j + 1));
            double trueSd = Math.sqrt(target.covariance()[j][j]);
            assertEquals(target.mean()[j], mean, 4 * trueSd / Math.sqrt(ess), "mean of x" + (j + 1));
            assertEquals(trueSd, sd, 4 * trueSd / Math.sqrt(2 * ess), "sd of x" + (j + 1));
            assertEquals(trueSd * trueSd, r.inverseMass()[j], 0.3 * trueSd * trueSd, "inverse mass of x" + (j + 1));
        }
    }

    /** Counts every call of the wrapped target (thread-safe). */
    private static final class Counting implements LogDensity {
        final LogDensity inner;
        final AtomicLong calls = new AtomicLong();

        Counting(LogDensity inner) {
            this.inner = inner;
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }

        @Override
        public double logDensityAndGradient(double[] x, double[] gradient) {
            calls.incrementAndGet();
            return inner.logDensityAndGradient(x, gradient);
        }
    }

    @Test
    void gradientCountsEqualTheTargetsCallsWarmUpAndRejectionsIncluded() {
        for (String solver : new String[] {"quicsort_doubled", "align", "quicsort", "should"}) {
            Counting target = new Counting(gaussian());
            LangevinSampler.Builder b = LangevinSampler.builder().solver(LangevinSolvers.byName(solver))
                    .chains(3).draws(50).warmup(30).seed(5).threads(2);
            // Tolerances tight enough that some steps are rejected (QUICSORT is nearly exact on a Gaussian).
            LangevinSampler sampler = solver.equals("quicsort") || solver.equals("should") ? b.step(0.2).build()
                    : b.tolerance(solver.equals("align") ? 1e-3 : 1e-5).build();
            SamplerResult r = sampler.sample(target);
            assertTrue(r.completed(), r.message());
            assertEquals(target.calls.get(), r.totalGradientEvaluations(), solver);
            long warm = 0;
            for (long w : r.warmupGradientEvaluations()) {
                warm += w;
            }
            assertTrue(warm > 0 && warm < r.totalGradientEvaluations(), solver);
            if (sampler.isAdaptive()) {
                long rejected = 0;
                for (long x : r.rejectedSteps()) {
                    rejected += x;
                }
                assertTrue(rejected > 0, solver + ": the test should exercise rejected steps");
            }
        }
    }

    @Test
    void constantStepQuicsortCostsTwoGradientsPerStep() {
        // 10 warm-up + 20 draws of 0.5 each, steps of 0.125: 4 steps per draw, 2 gradients each, per chain;
        // plus d + 1 = 4 per chain for the starting curvature of the warm-up.
        Counting target = new Counting(gaussian());
        SamplerResult r = LangevinSampler.builder().solver(LangevinSolvers.byName("quicsort")).step(0.125).chains(2)
                .draws(20).warmup(10).seed(1).build().sample(target);
        assertEquals(2L * 30 * 4 * 2 + 2 * 4, r.totalGradientEvaluations());
        assertEquals(r.totalGradientEvaluations(), target.calls.get());
        for (int c = 0; c < 2; c++) {
            long[] atDraw = r.gradientEvaluationsAtDraw(c);
            assertEquals(30, atDraw.length);
            for (int k = 0; k < 30; k++) {
                assertEquals(4 + (k + 1) * 8L, atDraw[k], "chain " + c + " draw " + k);
            }
            assertEquals(r.gradientEvaluations()[c], atDraw[29]);
        }
    }

    /** A standard normal in 2-d whose log density is NaN where x1 &gt; 2.2 (reached within a few hundred draws). */
    private static final class Cliff implements LogDensity {
        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public double logDensityAndGradient(double[] x, double[] gradient) {
            gradient[0] = -x[0];
            gradient[1] = -x[1];
            return x[0] > 2.2 ? Double.NaN : -0.5 * (x[0] * x[0] + x[1] * x[1]);
        }
    }

    @Test
    void aNonFiniteLogDensityStopsTheRunNamingChainAndTimeAndKeepsTheDraws() {
        for (LangevinSampler sampler : new LangevinSampler[] {
            adaptive().chains(2).draws(3000).warmup(0).seed(2).threads(2).build(),
            LangevinSampler.builder().solver(LangevinSolvers.byName("quicsort")).step(0.25).chains(2).draws(3000)
                    .warmup(0).seed(2).threads(2).build()}) {
            SamplerResult r = sampler.sample(new Cliff());
            assertFalse(r.completed());
            Matcher m = Pattern.compile("chain (\\d+) stopped at t = ([0-9.eE+-]+)").matcher(r.message());
            assertTrue(m.find(), r.message());
            int chain = Integer.parseInt(m.group(1));
            double t = Double.parseDouble(m.group(2));
            assertTrue(r.message().contains("non-finite"), r.message());
            int kept = r.drawCount(chain);
            assertTrue(kept > 0 && kept < 3000, "kept " + kept);
            // The failure happened after the last kept draw and before the next one.
            assertTrue(t >= kept * 0.5 && t < (kept + 1) * 0.5, "t = " + t + ", kept " + kept);
            for (double[] x : r.draws()[chain]) {
                assertTrue(Double.isFinite(x[0]) && Double.isFinite(x[1]), "kept draws are finite");
            }
            assertTrue(r.totalGradientEvaluations() > 0);
        }
    }

    /**
     * The tree's Lévy area defaults to the solver's own: QUICSORT (space-time-time) gives the same draws with
     * or without levyArea(SPACE_TIME_TIME); ALIGN (space-time) runs on another path by default and on the
     * paper's path when asked, so the two differ; a level below the solver's is refused.
     */
    @Test
    void theTreeCarriesTheSolversLevyAreaUnlessAskedForMore() {
        LangevinSampler.Builder quicsort = adaptive().chains(2).draws(50).warmup(20).seed(3).threads(1);
        double[][][] implicit = quicsort.build().sample(gaussian()).draws();
        double[][][] explicit = quicsort.levyArea(org.wiener.brownian.LevyArea.SPACE_TIME_TIME).build()
                .sample(gaussian()).draws();
        for (int c = 0; c < 2; c++) {
            for (int k = 0; k < 50; k++) {
                assertArrayEquals(implicit[c][k], explicit[c][k]);
            }
        }
        LangevinSampler.Builder align = LangevinSampler.builder().solver(LangevinSolvers.byName("align"))
                .tolerance(0.1).chains(1).draws(50).warmup(20).seed(3).threads(1);
        double[] own = align.build().sample(gaussian()).draws()[0][49];
        double[] paper = align.levyArea(org.wiener.brownian.LevyArea.SPACE_TIME_TIME).build().sample(gaussian())
                .draws()[0][49];
        assertFalse(java.util.Arrays.equals(own, paper), "another Lévy level is another Brownian path");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> adaptive().seed(1).levyArea(org.wiener.brownian.LevyArea.SPACE_TIME).build());
        assertTrue(e.getMessage().contains("levyArea SPACE_TIME") && e.getMessage().contains("SPACE_TIME_TIME"),
                e.getMessage());
    }

    @Test
    void badInputIsRefusedWithTheArgumentNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LangevinSampler.builder().solver(LangevinSolvers.byName("quicsort")).tolerance(0.1).seed(1).build());
        assertTrue(e.getMessage().contains("quicsort"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> adaptive().seed(1).initialPosition(new double[2]).build()
                .sample(gaussian()));
        assertTrue(e.getMessage().contains("dimension 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> adaptive().chains(0));
        assertTrue(e.getMessage().contains("chains"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> adaptive().friction(Double.NaN));
        assertTrue(e.getMessage().contains("friction"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> adaptive().build());
        assertTrue(e.getMessage().contains("seed"), e.getMessage());
    }
}
