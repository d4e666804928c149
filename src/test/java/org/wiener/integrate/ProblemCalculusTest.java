package org.wiener.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.hipparchus.CalculusFieldElement;
import org.junit.jupiter.api.Test;
import org.wiener.sde.Calculus;
import org.wiener.sde.Drift;
import org.wiener.sde.FieldDiffusion;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;

/**
 * {@link SdeProblem#inCalculus}: the Itô–Stratonovich drift correction f ∓ ½ Σ_j (∂g_j/∂y)·g_j, with
 * the derivative by hand or from a {@link FieldDiffusion}; the field diffusion's values and derivative;
 * and {@code diagonalDiffusion}'s spreading of the diagonal into an n×n matrix.
 */
class ProblemCalculusTest {

    private static final double[] POINTS = {1.0, -2.5, 3.7, 0.0, 1e-3};

    private static SdeProblem.Builder gbmBuilder() {
        return SdeProblem.builder().drift((t, y, out) -> out[0] = 0.5 * y[0]).initialState(1.0).interval(0.0, 1.0);
    }

    private static final FieldDiffusion FIELD_GBM = new FieldDiffusion() {
        @Override
        public <T extends CalculusFieldElement<T>> void evaluate(T t, T[] y, T[] out) {
            out[0] = y[0].multiply(0.8);
        }
    };

    private static double drift(SdeProblem p, double t, double y) {
        double[] out = new double[1];
        p.drift().evaluate(t, new double[] {y}, out);
        return out[0];
    }

    @Test
    void stratonovichDriftOfGbmIsFMinusHalfGGPrimeExactly() {
        SdeProblem byHand = gbmBuilder().diffusion((t, y, out) -> out[0] = 0.8 * y[0], NoiseType.SCALAR, 1)
                .diffusionDerivative((t, y, v, out) -> out[0] = 0.8 * v[0]).calculus(Calculus.ITO).build();
        SdeProblem byField = gbmBuilder().fieldDiffusion(FIELD_GBM, NoiseType.SCALAR, 1).calculus(Calculus.ITO).build();
        SdeProblem strat = byHand.inCalculus(Calculus.STRATONOVICH);
        SdeProblem stratField = byField.inCalculus(Calculus.STRATONOVICH);
        assertEquals(Calculus.STRATONOVICH, strat.calculus());
        for (double y : POINTS) {
            double g = 0.8 * y;
            double gPrime = 0.8;
            double expected = 0.5 * y - 0.5 * (g * gPrime);
            assertEquals(expected, drift(strat, 0.3, y), 0.0, "y = " + y);
            assertEquals(expected, drift(stratField, 0.3, y), 0.0, "field, y = " + y);
            assertEquals(0.5 * y - 0.32 * y, drift(strat, 0.3, y), 1e-15 * Math.abs(y), "0.32·y");
            // and back: the Itô drift of the Stratonovich problem is f + ½ g g'
            assertEquals(drift(byHand, 0.3, y), drift(strat.inCalculus(Calculus.ITO), 0.3, y), 1e-15 * Math.abs(y));
        }
        // the field diffusion's values and derivative are the hand-written ones, bit for bit
        for (double y : POINTS) {
            double[] hand = new double[1];
            double[] field = new double[1];
            byHand.diffusion().evaluate(0.1, new double[] {y}, hand);
            byField.diffusion().evaluate(0.1, new double[] {y}, field);
            assertEquals(hand[0], field[0], 0.0);
            for (double v : new double[] {1.0, -0.3, 2.5}) {
                byHand.diffusionDerivative().evaluate(0.1, new double[] {y}, new double[] {v}, hand);
                byField.diffusionDerivative().evaluate(0.1, new double[] {y}, new double[] {v}, field);
                assertEquals(hand[0], field[0], 0.0);
                assertEquals(0.8 * v, field[0], 0.0);
            }
        }
        // the diffusion itself is unchanged
        double[] g = new double[1];
        strat.diffusion().evaluate(0.0, new double[] {2.0}, g);
        assertEquals(1.6, g[0], 0.0);
    }

    @Test
    void conversionToTheSameCalculusOrOfAnOdeIsTheProblemItself() {
        SdeProblem ito = gbmBuilder().fieldDiffusion(FIELD_GBM, NoiseType.SCALAR, 1).calculus(Calculus.ITO).build();
        assertSame(ito, ito.inCalculus(Calculus.ITO));
        SdeProblem ode = gbmBuilder().build();
        assertSame(ode, ode.inCalculus(Calculus.ITO));
        assertThrows(IllegalArgumentException.class, () -> ito.inCalculus(null));
    }

    @Test
    void additiveNoiseNeedsNoCorrectionAndNoDerivative() {
        SdeProblem additive = gbmBuilder().diffusion((t, y, out) -> out[0] = 0.8 + t, NoiseType.ADDITIVE, 1)
                .calculus(Calculus.ITO).build();
        SdeProblem strat = additive.inCalculus(Calculus.STRATONOVICH);
        for (double y : POINTS) {
            assertEquals(drift(additive, 0.2, y), drift(strat, 0.2, y), 0.0);
        }
        assertEquals(Calculus.STRATONOVICH, strat.calculus());
    }

    @Test
    void conversionWithoutDerivativeIsRefused() {
        SdeProblem p = gbmBuilder().diffusion((t, y, out) -> out[0] = 0.8 * y[0], NoiseType.SCALAR, 1)
                .calculus(Calculus.ITO).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.inCalculus(Calculus.STRATONOVICH));
        assertTrue(e.getMessage().contains("diffusionDerivative") && e.getMessage().contains("FieldDiffusion"),
                e.getMessage());
    }

    /** g(y) = [[y0·y1, sin y0], [y1/2, y0²]] (n = 2, m = 2, general noise). */
    private static final FieldDiffusion FIELD_2D = new FieldDiffusion() {
        @Override
        public <T extends CalculusFieldElement<T>> void evaluate(T t, T[] y, T[] out) {
            out[0] = y[0].multiply(y[1]);
            out[1] = y[0].sin();
            out[2] = y[1].multiply(0.5);
            out[3] = y[0].multiply(y[0]);
        }
    };

    private static double[] g2(double[] y) {
        return new double[] {y[0] * y[1], Math.sin(y[0]), 0.5 * y[1], y[0] * y[0]};
    }

    /** d/dε g(y + εv) by hand. */
    private static double[] dg2(double[] y, double[] v) {
        return new double[] {v[0] * y[1] + y[0] * v[1], Math.cos(y[0]) * v[0], 0.5 * v[1], 2 * y[0] * v[0]};
    }

    @Test
    void fieldDiffusionGivesTheHandWrittenValuesAndDerivative() {
        SdeProblem p = SdeProblem.builder().drift((t, y, out) -> {
            out[0] = -y[0];
            out[1] = y[0] - y[1];
        }).fieldDiffusion(FIELD_2D, NoiseType.GENERAL, 2).initialState(0.3, -0.7).interval(0, 1)
                .calculus(Calculus.ITO).build();
        double[][] ys = {{0.3, -0.7}, {1.2, 2.5}, {-2.0, 0.1}};
        double[][] vs = {{1.0, 0.0}, {0.0, 1.0}, {0.4, -1.3}};
        for (double[] y : ys) {
            double[] g = new double[4];
            p.diffusion().evaluate(0.0, y, g);
            assertArrayEqualsRel(g2(y), g, 1e-15);
            for (double[] v : vs) {
                double[] dg = new double[4];
                p.diffusionDerivative().evaluate(0.0, y, v, dg);
                assertArrayEqualsRel(dg2(y, v), dg, 1e-15);
            }
            // Stratonovich drift: f − ½ Σ_j dg(y)[g_j]_{·j}
            double[] g0 = {g[0], g[2]};
            double[] g1 = {g[1], g[3]};
            double[] d0 = dg2(y, g0);
            double[] d1 = dg2(y, g1);
            double[] expected = {-y[0] - 0.5 * (d0[0] + d1[1]), y[0] - y[1] - 0.5 * (d0[2] + d1[3])};
            double[] actual = new double[2];
            p.inCalculus(Calculus.STRATONOVICH).drift().evaluate(0.0, y, actual);
            assertArrayEqualsRel(expected, actual, 1e-14);
        }
    }

    @Test
    void diagonalDiffusionSpreadsTheDiagonalWithZerosElsewhere() {
        for (int n = 1; n <= 3; n++) {
            int dim = n;
            double[] y0 = new double[n];
            Arrays.fill(y0, 1.0);
            SdeProblem p = SdeProblem.builder().drift((t, y, out) -> Arrays.fill(out, 0.0))
                    .diagonalDiffusion((t, y, out) -> {
                        for (int i = 0; i < dim; i++) {
                            out[i] = (i + 1) * y[i] + t;
                        }
                    }, n).initialState(y0).interval(0, 1).build();
            assertEquals(NoiseType.DIAGONAL, p.noiseType());
            assertEquals(n, p.noiseDimension());
            double[] out = new double[n * n];
            for (double garbage : new double[] {Double.NaN, 7.0, -3.0}) {
                Arrays.fill(out, garbage); // whatever a previous use left in the caller's buffer
                double[] y = new double[n];
                for (int i = 0; i < n; i++) {
                    y[i] = garbage == 7.0 ? -1.5 * (i + 2) : 0.25 + i;
                }
                p.diffusion().evaluate(0.5, y, out);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double expected = i == j ? (i + 1) * y[i] + 0.5 : 0.0;
                        assertEquals(expected, out[i * n + j], 0.0, "n = " + n + ", (" + i + ", " + j + ")");
                    }
                }
            }
        }
    }

    private static void assertArrayEqualsRel(double[] expected, double[] actual, double rel) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], rel * Math.max(1.0, Math.abs(expected[i])), "index " + i);
        }
    }

    @Test
    void driftForOneThreadIsTheSameFunctionBitForBitWithItsOwnScratch() throws Exception {
        // Non-commutative 2×3 noise, so that the correction runs over several columns and rows.
        SdeProblem ito = SdeProblem.builder()
                .drift((t, y, out) -> {
                    out[0] = -y[1] + Math.sin(t);
                    out[1] = y[0] - 0.3 * y[1];
                })
                .diffusion((t, y, out) -> {
                    out[0] = 0.3 * y[0] * y[1];
                    out[1] = Math.cos(y[1]);
                    out[2] = 0.2;
                    out[3] = 0.1 * y[0] * y[0];
                    out[4] = 0.25 * y[1];
                    out[5] = 0.05 * t;
                }, NoiseType.GENERAL, 3)
                .diffusionDerivative((t, y, v, out) -> {
                    out[0] = 0.3 * (v[0] * y[1] + y[0] * v[1]);
                    out[1] = -Math.sin(y[1]) * v[1];
                    out[2] = 0.0;
                    out[3] = 0.2 * y[0] * v[0];
                    out[4] = 0.25 * v[1];
                    out[5] = 0.0;
                })
                .calculus(Calculus.ITO).initialState(1.0, 0.5).interval(0.0, 1.0).build();
        // An unconverted problem's drift serves every thread as it is.
        assertSame(ito.drift(), ito.driftForOneThread());
        SdeProblem strat = ito.inCalculus(Calculus.STRATONOVICH);
        Drift own = strat.driftForOneThread();
        Drift other = strat.driftForOneThread();
        // Two calls give two evaluators (each with its own scratch), not the shared thread-safe drift.
        assertTrue(own != strat.drift() && own != other);
        double[] shared = new double[2];
        double[] mine = new double[2];
        double[] expected = new double[2];
        for (double y0 : POINTS) {
            double[] y = {y0, 0.7 - y0};
            double t = 0.25;
            strat.drift().evaluate(t, y, shared);
            own.evaluate(t, y, mine);
            // f − ½ Σ_j (∂g_j/∂y)·g_j written out: row i of the derivative along column j, summed over j.
            ito.drift().evaluate(t, y, expected);
            double[] g = new double[6];
            ito.diffusion().evaluate(t, y, g);
            double[] jvp = new double[6];
            for (int j = 0; j < 3; j++) {
                ito.diffusionDerivative().evaluate(t, y, new double[] {g[j], g[3 + j]}, jvp);
                expected[0] += -0.5 * jvp[j];
                expected[1] += -0.5 * jvp[3 + j];
            }
            for (int i = 0; i < 2; i++) {
                assertEquals(Double.doubleToRawLongBits(shared[i]), Double.doubleToRawLongBits(mine[i]),
                        "component " + i + " at y0 = " + y0);
                assertEquals(expected[i], mine[i], 0.0, "component " + i + " at y0 = " + y0);
            }
        }
        // Evaluators used by two threads at once do not share scratch: each thread's results stay exact.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 2; task++) {
                double offset = task;
                results.add(pool.submit(() -> {
                    Drift d = strat.driftForOneThread();
                    double[] a = new double[2];
                    double[] b = new double[2];
                    for (int k = 0; k < 20_000; k++) {
                        double[] y = {offset + 1e-4 * k, 0.5 - 1e-4 * k};
                        d.evaluate(0.1, y, a);
                        strat.drift().evaluate(0.1, y, b);
                        if (Double.doubleToRawLongBits(a[0]) != Double.doubleToRawLongBits(b[0])
                                || Double.doubleToRawLongBits(a[1]) != Double.doubleToRawLongBits(b[1])) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get(), "a thread's own evaluator disagreed with the thread-safe drift");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
