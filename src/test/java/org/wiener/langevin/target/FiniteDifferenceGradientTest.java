package org.wiener.langevin.target;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.wiener.random.CounterStream;

/**
 * Every target's gradient against fourth-order central differences of its own log density,
 * (−f(x+2h) + 8f(x+h) − 8f(x−h) + f(x−2h))/(12h): truncation O(h⁴) and rounding about ε|f|/h, so with
 * h = 1e-3 both stay below 1e-7 of the density's scale; we allow 1e-6 relative to max(1, |f|, |∇f|).
 */
class FiniteDifferenceGradientTest {

    private static final double H = 1e-3;
    private static final double TOLERANCE = 1e-6;

    @Test
    void nealsFunnel() {
        NealsFunnel funnel = new NealsFunnel(9);
        CounterStream rng = new CounterStream(21, 0);
        for (int trial = 0; trial < 20; trial++) {
            double[] x = new double[10];
            x[0] = 2.0 * rng.nextNormal();
            for (int i = 1; i < 10; i++) {
                x[i] = Math.exp(0.5 * x[0]) * rng.nextNormal();
            }
            check(funnel, x);
        }
    }

    @Test
    void correlatedGaussian() {
        double[][] cov = {{2.0, 0.9, -0.3}, {0.9, 1.0, 0.2}, {-0.3, 0.2, 0.5}};
        CorrelatedGaussian g = new CorrelatedGaussian(new double[] {1.0, -2.0, 0.5}, cov);
        CounterStream rng = new CounterStream(22, 0);
        for (int trial = 0; trial < 20; trial++) {
            check(g, new double[] {rng.nextNormal(), rng.nextNormal(), rng.nextNormal()});
        }
    }

    @Test
    void logisticRegressionOnEveryBundledDataSet() {
        CounterStream rng = new CounterStream(23, 0);
        for (String file : LogisticRegression.BUNDLED) {
            LogisticRegression model = LogisticRegression.bundled(file);
            for (int trial = 0; trial < 3; trial++) {
                double[] p = new double[model.dimension()];
                for (int j = 0; j < p.length; j++) {
                    p[j] = 0.3 * rng.nextNormal();
                }
                check(model, p);
            }
        }
    }

    @Test
    void gradientLogDensity() {
        GradientLogDensity ad = new GradientLogDensity(FieldTargets.funnel(3));
        check(ad, new double[] {0.4, -0.7, 1.2, 0.1});
    }

    private static void check(LogDensity target, double[] x) {
        int d = target.dimension();
        double[] gradient = new double[d];
        double value = target.logDensityAndGradient(x, gradient);
        assertEquals(value, target.logDensity(x), 0.0, "logDensity must agree with logDensityAndGradient");
        double scale = Math.max(1.0, Math.abs(value));
        for (double g : gradient) {
            scale = Math.max(scale, Math.abs(g));
        }
        for (int i = 0; i < d; i++) {
            double[] y = x.clone();
            double[] f = new double[4];
            double[] steps = {2 * H, H, -H, -2 * H};
            for (int s = 0; s < 4; s++) {
                y[i] = x[i] + steps[s];
                f[s] = target.logDensity(y);
            }
            double numeric = (-f[0] + 8 * f[1] - 8 * f[2] + f[3]) / (12 * H);
            assertEquals(numeric, gradient[i], TOLERANCE * scale, target.name() + " component " + i);
        }
    }
}
