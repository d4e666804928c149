package org.wiener.nde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SpiralOdeExperimentTest {

    private static final SpiralOdeExperiment SMALL = new SpiralOdeExperiment(
            new SpiralOdeExperiment.Settings(1e-6, 0.01, 5, 0.01, 0.001, 1000.0));

    @Test
    void trainingIsDeterministicForASeed() {
        for (Regularizer reg : Regularizer.values()) {
            List<TrainingIteration> a = new ArrayList<>();
            List<TrainingIteration> b = new ArrayList<>();
            TrainingResult ra = SMALL.train(reg, 7, 4, a::add);
            TrainingResult rb = SMALL.train(reg, 7, 4, b::add);
            assertEquals(4, a.size());
            assertEquals(ra.iterations().size(), 4);
            for (int i = 0; i < 4; i++) {
                assertEquals(a.get(i).loss(), b.get(i).loss(), 0.0, reg + " iteration " + i);
                assertEquals(a.get(i).regularization(), b.get(i).regularization(), 0.0);
                assertEquals(a.get(i).nfe(), b.get(i).nfe());
                assertEquals(a.get(i).lambda(), b.get(i).lambda(), 0.0);
            }
            assertEquals(ra.finalLoss(), rb.finalLoss(), 0.0);
            assertEquals(ra.predictionNfe(), rb.predictionNfe());
            if (reg != Regularizer.NONE) {
                assertTrue(a.get(0).regularization() > 0 && a.get(0).lambda() > 0, reg.toString());
            }
            // Iteration 1's task loss is the initial model's: the same for every regularizer except the local
            // unbiased one, whose solve also lands on t_reg (other steps, so equal to ~tolerance only).
            double base = SMALL.train(Regularizer.NONE, 7, 1, null).iterations().get(0).taskLoss();
            assertEquals(base, a.get(0).taskLoss(), reg == Regularizer.LOCAL_UNBIASED ? 1e-4 * base : 0.0);
        }
        assertNotEquals(SMALL.train(Regularizer.NONE, 8, 1, null).iterations().get(0).loss(),
                SMALL.train(Regularizer.NONE, 7, 1, null).iterations().get(0).loss());
    }

    @Test
    void trainingReducesTheLoss() {
        TrainingResult r = SMALL.train(Regularizer.NONE, 3, 60, null);
        double first = r.iterations().get(0).taskLoss();
        assertTrue(r.finalLoss() < 0.8 * first, "60 Adam steps: " + first + " -> " + r.finalLoss());
        assertTrue(r.predictionNfe() > 0 && r.predictionSeconds() > 0);
    }

    @Test
    void dataFollowTheTrueSpiral() {
        double[] t = SpiralOdeExperiment.observationTimes();
        assertEquals(30, t.length);
        assertEquals(1.5, t[29], 0.0);
        // Energy check: for du/dt = A u³ with A's symmetric part −0.1·I, d/dt Σu⁴/4 = −0.1·Σu⁶ < 0.
        double[][] s = SpiralOdeExperiment.trueStates(new double[] {0.5, 1.0, 1.5});
        double prev = 4.0; // (2⁴ + 0)/4
        for (double[] u : s) {
            double v = (Math.pow(u[0], 4) + Math.pow(u[1], 4)) / 4;
            assertTrue(v < prev, "Lyapunov function decreases");
            prev = v;
        }
    }

    @Test
    void badInputStopsWithAMessage() {
        Mlp mlp = SpiralOdeExperiment.model();
        double[][] data = new double[3][2];
        data[1][0] = Double.NaN;
        SpiralOdeExperiment.TrainingLoop loop = new SpiralOdeExperiment.TrainingLoop(mlp, 1e-6, new double[] {2, 0},
                new double[] {0.5, 1.0, 1.5}, data, Regularizer.ERROR, LambdaSchedule.constant(0.1), new Adam(0.01), 1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> loop.run(mlp.initialParameters(1), 3, null, System.nanoTime()));
        assertTrue(e.getMessage().contains("iteration 1") && e.getMessage().contains("NaN"), e.getMessage());
        SpiralOdeExperiment.TrainingLoop ok = new SpiralOdeExperiment.TrainingLoop(mlp, 1e-6, new double[] {2, 0},
                new double[] {0.5, 1.0, 1.5}, new double[3][2], Regularizer.NONE, LambdaSchedule.constant(0.0),
                new Adam(0.01), 1);
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> ok.run(new double[10], 3, null, System.nanoTime()));
        assertTrue(p.getMessage().contains("parameterCount() = 252") && p.getMessage().contains("10"), p.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SMALL.train(Regularizer.NONE, 1, 0, null));
        assertThrows(IllegalArgumentException.class, () -> SMALL.train(null, 1, 1, null));
    }
}
