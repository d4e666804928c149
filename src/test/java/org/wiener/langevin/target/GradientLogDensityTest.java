package org.wiener.langevin.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.Binary64;
import org.junit.jupiter.api.Test;
import org.wiener.random.CounterStream;

/**
 * Forward-mode AD through Hipparchus {@code Gradient} agrees with the hand-written gradients of the funnel
 * and the logistic regression to about 1e-12 relative (two independent codes for one formula).
 */
class GradientLogDensityTest {

    private static final double RELATIVE = 1e-12;

    @Test
    void funnelAgreesWithHandWrittenGradient() {
        NealsFunnel funnel = new NealsFunnel(9);
        GradientLogDensity ad = new GradientLogDensity(FieldTargets.funnel(9));
        assertEquals(10, ad.dimension());
        CounterStream rng = new CounterStream(11, 0);
        for (int trial = 0; trial < 50; trial++) {
            double[] x = new double[10];
            x[0] = 3.0 * rng.nextNormal();
            for (int i = 1; i < 10; i++) {
                x[i] = Math.exp(0.5 * x[0]) * rng.nextNormal();
            }
            compare(funnel, ad, x);
        }
    }

    @Test
    void logisticRegressionAgreesWithHandWrittenGradient() {
        LogisticRegression pima = LogisticRegression.bundled("pima.csv");
        GradientLogDensity ad = new GradientLogDensity(FieldTargets.logistic(pima.features(), pima.labels()));
        CounterStream rng = new CounterStream(12, 0);
        for (int trial = 0; trial < 10; trial++) {
            double[] p = new double[pima.dimension()];
            for (int j = 0; j < p.length; j++) {
                p[j] = (trial < 5 ? 0.5 : 5.0) * rng.nextNormal(); // the last five reach |z| of tens
            }
            compare(pima, ad, p);
        }
    }

    @Test
    void fieldDensityEvaluatesInPlainArithmetic() {
        FieldLogDensity f = FieldTargets.funnel(2);
        Binary64[] x = {new Binary64(0.3), new Binary64(-1.0), new Binary64(2.0)};
        double expected = -0.09 / 18 - 0.3 - 0.5 * Math.exp(-0.3) * 5.0;
        assertEquals(expected, f.value(x).getReal(), 1e-15);
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> new GradientLogDensity(null));
        FieldLogDensity empty = new FieldLogDensity() {
            @Override
            public int dimension() {
                return 0;
            }

            @Override
            public <T extends CalculusFieldElement<T>> T value(T[] x) {
                throw new AssertionError();
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GradientLogDensity(empty));
        assertTrue(e.getMessage().contains("dimension"), e.getMessage());
        GradientLogDensity ad = new GradientLogDensity(FieldTargets.funnel(2));
        e = assertThrows(IllegalArgumentException.class, () -> ad.logDensityAndGradient(new double[2], new double[3]));
        assertTrue(e.getMessage().contains("x") && e.getMessage().contains("3") && e.getMessage().contains("2"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ad.logDensityAndGradient(new double[3], new double[4]));
    }

    private static void compare(LogDensity handWritten, LogDensity ad, double[] x) {
        double[] g1 = new double[x.length];
        double[] g2 = new double[x.length];
        double v1 = handWritten.logDensityAndGradient(x, g1);
        double v2 = ad.logDensityAndGradient(x, g2);
        assertEquals(v1, v2, RELATIVE * Math.abs(v1));
        double scale = 0.0;
        for (double g : g1) {
            scale = Math.max(scale, Math.abs(g));
        }
        for (int i = 0; i < x.length; i++) {
            // Relative to the gradient's largest component: a small component is a difference of large terms.
            assertEquals(g1[i], g2[i], RELATIVE * scale, "component " + i);
        }
    }
}
