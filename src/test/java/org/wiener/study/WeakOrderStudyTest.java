package org.wiener.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.wiener.solver.Solvers;

/**
 * The weak-order study on the GBM built in {@link StrongOrderStudyTest#gbm()}, where Euler's weak
 * errors are known in closed form: with independent Gaussian increments,
 * E[X<sub>N</sub>] = u0(1 + αh)<sup>N</sup> and E[X<sub>N</sub>²] = u0²((1 + αh)² + β²h)<sup>N</sup>,
 * against E[X<sub>1</sub>] = u0·e<sup>α</sup> and E[X<sub>1</sub>²] = u0²·e<sup>2α + β²</sup>.
 */
class WeakOrderStudyTest {

    private static final double A = StrongOrderStudyTest.ALPHA;
    private static final double B = StrongOrderStudyTest.BETA;
    private static final double U0 = StrongOrderStudyTest.U0;

    static double eulerMeanBias(int level) {
        double h = Math.scalb(1.0, -level);
        return U0 * Math.pow(1 + A * h, 1 << level) - U0 * Math.exp(A);
    }

    static double eulerSecondMomentBias(int level) {
        double h = Math.scalb(1.0, -level);
        return U0 * U0 * Math.pow((1 + A * h) * (1 + A * h) + B * B * h, 1 << level) - U0 * U0 * Math.exp(2 * A + B * B);
    }

    /**
     * Each estimated bias lies within 4 standard errors of the closed form (a false failure is a > 4σ
     * event in one of ten rows), and the fitted first-moment order is that of the closed-form biases
     * (whose own least-squares slope over levels 2…6 is below 1: the O(h²) term still matters at h = ¼)
     * to within the bootstrap interval widened by 0.05.
     */
    @Test
    void eulerBiasesMatchTheClosedForm() {
        int first = 2;
        int last = 6;
        WeakResult r = WeakOrderStudy.builder(StrongOrderStudyTest.gbm()).solver(Solvers.byName("euler"))
                .levels(first, last).paths(4000).seed(31L).threads(3).build().run();
        System.out.println(r);
        assertEquals("exact solution", r.reference());
        double[] x = new double[last - first + 1];
        double[] y = new double[x.length];
        for (WeakRow row : r.rows()) {
            double exact1 = eulerMeanBias(row.level());
            double exact2 = eulerSecondMomentBias(row.level());
            assertTrue(Math.abs(row.meanBias() - exact1) <= 4 * row.meanStandardError(),
                    () -> "level " + row.level() + ": mean bias " + row.meanBias() + " vs " + exact1 + " ± "
                            + row.meanStandardError());
            assertTrue(Math.abs(row.secondMomentBias() - exact2) <= 4 * row.secondMomentStandardError(),
                    () -> "level " + row.level() + ": second-moment bias " + row.secondMomentBias() + " vs " + exact2
                            + " ± " + row.secondMomentStandardError());
            assertEquals(Math.abs(row.meanBias()), row.meanError(), 0.0);
            assertEquals(1 << row.level(), row.meanSteps(), 0.0);
            x[row.level() - first] = Math.log(row.stepOrTolerance());
            y[row.level() - first] = Math.log(Math.abs(exact1));
        }
        double closedFormOrder = OrderFits.slope(x, y);
        OrderFit f = r.fits().get(0);
        System.out.printf("closed-form weak order over levels %d..%d: %.3f%n", first, last, closedFormOrder);
        assertTrue(f.stepIntervalCovers(closedFormOrder, 0.05), () -> closedFormOrder + " outside " + f);
        assertTrue(Math.abs(f.orderVsStep() - 1.0) < 0.15, f::toString);
        assertEquals(1, r.secondMomentFits().size());
    }

    @Test
    void identicalForOneAndThreeThreads() {
        WeakOrderStudy.Builder b = WeakOrderStudy.builder(StrongOrderStudyTest.gbm())
                .solvers(List.of(Solvers.byName("euler"), Solvers.byName("heun"))).levels(1, 4).paths(41)
                .seed(8L).forceSelfReference(true);
        WeakResult one = b.threads(1).run();
        WeakResult three = b.threads(3).run();
        assertEquals("self at level 6", one.reference());
        assertEquals(one.rows().size(), three.rows().size());
        for (int i = 0; i < one.rows().size(); i++) {
            WeakRow p = one.rows().get(i);
            WeakRow q = three.rows().get(i);
            assertEquals(p.meanBias(), q.meanBias());
            assertEquals(p.meanStandardError(), q.meanStandardError());
            assertEquals(p.secondMomentBias(), q.secondMomentBias());
            assertEquals(p.secondMomentStandardError(), q.secondMomentStandardError());
            assertEquals(p.meanSteps(), q.meanSteps());
            assertEquals(p.meanEvaluations(), q.meanEvaluations());
        }
        assertEquals(one.fits(), three.fits());
        assertEquals(one.secondMomentFits(), three.secondMomentFits());
    }

    @Test
    void badInputIsRefusedNamingTheArgument() {
        WeakOrderStudy.Builder b = WeakOrderStudy.builder(StrongOrderStudyTest.gbm()).solver(Solvers.byName("euler"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.levels(5, 4)).getMessage().contains("levels"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.paths(0)).getMessage().contains("paths"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.mode("weekly")).getMessage().contains("mode"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.mode((StepMode) null)).getMessage()
                .contains("mode"));
    }
}
