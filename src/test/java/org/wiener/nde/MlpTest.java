package org.wiener.nde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

class MlpTest {

    /** The MLP's forward pass written independently over Hipparchus' forward-mode Gradient (layout of the Javadoc). */
    static Gradient[] forwardGradient(Mlp mlp, double t, Gradient[] y, Gradient[] theta) {
        int[] w = mlp.widths();
        int n = w[0];
        Gradient[] x = new Gradient[n + (mlp.timeInput() ? 1 : 0)];
        for (int i = 0; i < n; i++) {
            x[i] = mlp.cubedInput() ? y[i].multiply(y[i]).multiply(y[i]) : y[i];
        }
        if (mlp.timeInput()) {
            x[n] = y[0].getField().getZero().add(t);
        }
        int offset = 0;
        for (int l = 0; l + 1 < w.length; l++) {
            int in = x.length;
            int out = w[l + 1];
            Gradient[] z = new Gradient[out];
            for (int r = 0; r < out; r++) {
                Gradient sum = theta[offset + in * out + r];
                for (int c = 0; c < in; c++) {
                    sum = sum.add(theta[offset + r * in + c].multiply(x[c]));
                }
                boolean hidden = l + 2 < w.length;
                z[r] = hidden ? activate(mlp.activation(), sum) : sum;
            }
            offset += in * out + out;
            x = z;
        }
        return x;
    }

    private static Gradient activate(Activation a, Gradient z) {
        switch (a) {
            case TANH:
                return z.tanh();
            case RELU:
                return z.getValue() > 0 ? z : z.multiply(0.0);
            case SOFTPLUS:
                return z.exp().log1p();
            default:
                return z;
        }
    }

    private static double[] randomVector(int n, long seed) {
        org.wiener.random.CounterStream s = new org.wiener.random.CounterStream(seed, 7);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * s.nextUniform() - 1;
        }
        return v;
    }

    @Test
    void vjpMatchesForwardModeGradientForEveryActivationAndInputMode() {
        for (Activation act : Activation.values()) {
            for (int mode = 0; mode < 4; mode++) {
                Mlp mlp = Mlp.builder().layers(3, 7, 5, 3).activation(act).timeInput((mode & 1) != 0)
                        .cubedInput((mode & 2) != 0).build();
                double[] theta = mlp.initialParameters(11 + mode);
                // biases are 0 at initialisation; perturb them so that the bias paths are exercised
                double[] noise = randomVector(theta.length, 5);
                for (int i = 0; i < theta.length; i++) {
                    theta[i] += 0.1 * noise[i];
                }
                double[] y = {0.7, -1.1, 0.4};
                double[] a = {0.3, -0.8, 1.3};
                double t = 0.37;
                int p = theta.length;
                int free = 3 + p;
                Gradient[] gy = new Gradient[3];
                for (int i = 0; i < 3; i++) {
                    gy[i] = Gradient.variable(free, i, y[i]);
                }
                Gradient[] gt = new Gradient[p];
                for (int i = 0; i < p; i++) {
                    gt[i] = Gradient.variable(free, 3 + i, theta[i]);
                }
                Gradient[] f = forwardGradient(mlp, t, gy, gt);
                Gradient dot = f[0].multiply(a[0]).add(f[1].multiply(a[1])).add(f[2].multiply(a[2]));
                double[] out = new double[3];
                mlp.evaluate(t, y, theta, out);
                for (int i = 0; i < 3; i++) {
                    assertEquals(f[i].getValue(), out[i], 1e-14 * (1 + Math.abs(out[i])), act + " value");
                }
                double[] yBar = {1.0, 2.0, 3.0}; // accumulates: the VJP is added to these
                double[] thetaBar = new double[p];
                thetaBar[0] = 5.0;
                mlp.vectorJacobianProduct(t, y, theta, a, yBar, thetaBar);
                double[] expected = dot.getGradient();
                // Same sums in a different order: agreement to a few ulp of the largest term (bound 1e-12 relative).
                for (int i = 0; i < 3; i++) {
                    assertEquals(expected[i] + (i + 1.0), yBar[i], 1e-12 * (1 + Math.abs(expected[i])), act + " yBar " + i);
                }
                for (int i = 0; i < p; i++) {
                    double e = expected[3 + i] + (i == 0 ? 5.0 : 0.0);
                    assertEquals(e, thetaBar[i], 1e-12 * (1 + Math.abs(e)), act + " mode " + mode + " thetaBar " + i);
                }
            }
        }
    }

    @Test
    void vjpMatchesCentralFiniteDifferences() {
        Mlp mlp = Mlp.builder().layers(2, 50, 2).activation(Activation.TANH).cubedInput(true).build();
        double[] theta = mlp.initialParameters(3);
        double[] y = {1.3, -0.6};
        double[] a = {0.9, -0.4};
        double[] yBar = new double[2];
        double[] thetaBar = new double[theta.length];
        mlp.vectorJacobianProduct(0.0, y, theta, a, yBar, thetaBar);
        double h = 1e-6;
        double[] out = new double[2];
        // Central differences have error O(h²·f''') + O(ε/h) ≈ 1e-10 here; bound 1e-7 absolute + relative.
        for (int i = 0; i < theta.length; i += 7) {
            double saved = theta[i];
            theta[i] = saved + h;
            mlp.evaluate(0.0, y, theta, out);
            double plus = a[0] * out[0] + a[1] * out[1];
            theta[i] = saved - h;
            mlp.evaluate(0.0, y, theta, out);
            double minus = a[0] * out[0] + a[1] * out[1];
            theta[i] = saved;
            double fd = (plus - minus) / (2 * h);
            assertEquals(fd, thetaBar[i], 1e-7 * (1 + Math.abs(fd)), "theta " + i);
        }
        for (int i = 0; i < 2; i++) {
            double saved = y[i];
            y[i] = saved + h;
            mlp.evaluate(0.0, y, theta, out);
            double plus = a[0] * out[0] + a[1] * out[1];
            y[i] = saved - h;
            mlp.evaluate(0.0, y, theta, out);
            double minus = a[0] * out[0] + a[1] * out[1];
            y[i] = saved;
            double fd = (plus - minus) / (2 * h);
            assertEquals(fd, yBar[i], 1e-7 * (1 + Math.abs(fd)), "y " + i);
        }
    }

    @Test
    void layoutAndInitialisation() {
        Mlp mlp = Mlp.builder().layers(2, 50, 2).cubedInput(true).build();
        assertEquals(2 * 50 + 50 + 50 * 2 + 2, mlp.parameterCount());
        assertEquals(3 * 50 + 50 + 50 * 2 + 2,
                Mlp.builder().layers(2, 50, 2).timeInput(true).build().parameterCount());
        double[] a = mlp.initialParameters(42);
        assertArrayEquals(a, mlp.initialParameters(42));
        assertTrue(!java.util.Arrays.equals(a, mlp.initialParameters(43)));
        double r1 = Math.sqrt(6.0 / 52.0);
        double sumSq = 0;
        for (int i = 0; i < 100; i++) {
            assertTrue(Math.abs(a[i]) <= r1);
            sumSq += a[i] * a[i];
        }
        // Var U(-r, r) = r²/3; 100 draws: the sample mean of squares has sd ≈ r²/3·0.9/√100·... allow 30 %.
        assertEquals(r1 * r1 / 3, sumSq / 100, 0.3 * r1 * r1 / 3);
        for (int i = 100; i < 150; i++) {
            assertEquals(0.0, a[i], "hidden bias " + i);
        }
        assertEquals(0.0, a[251]);
        // f(y) with zero output bias and W2 the last block: check one output by hand from the layout.
        double[] y = {0.5, -1.0};
        double[] out = new double[2];
        mlp.evaluate(0, y, a, out);
        double expected = 0;
        for (int r = 0; r < 50; r++) {
            double z = a[2 * r] * 0.125 + a[2 * r + 1] * -1.0 + a[100 + r];
            expected += a[150 + r] * Math.tanh(z);
        }
        assertEquals(expected, out[0], 1e-13);
    }

    @Test
    void activationDerivativesMatchFiniteDifferences() {
        for (Activation act : Activation.values()) {
            for (double x : new double[] {-3.0, -0.4, 0.3, 2.5}) {
                double fd = (act.value(x + 1e-6) - act.value(x - 1e-6)) / 2e-6;
                assertEquals(fd, act.derivative(x), 1e-8, act + " at " + x);
            }
        }
        assertEquals(800.0, Activation.SOFTPLUS.value(800.0), 0.0);
        assertEquals(Math.log(2), Activation.SOFTPLUS.value(0.0), 1e-16);
    }

    @Test
    void badInput() {
        Mlp mlp = Mlp.builder().layers(2, 4, 2).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mlp.evaluate(0, new double[2], new double[5], new double[2]));
        assertTrue(e.getMessage().contains("theta.length") && e.getMessage().contains("22"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Mlp.builder().layers(2, 4, 3).build());
        assertThrows(IllegalArgumentException.class, () -> Mlp.builder().layers(2).build());
        assertThrows(IllegalArgumentException.class, () -> Mlp.builder().layers(2, 0, 2).build());
        assertThrows(IllegalArgumentException.class, () -> Mlp.builder().build());
    }
}
