package org.wiener.nde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.wiener.random.CounterStream;

class SpiralSdeExperimentTest {

    /** Small enough for seconds: 200 data trajectories, batches of 8. */
    private static final SpiralSdeExperiment SMALL = new SpiralSdeExperiment(200, 8, 3);

    @Test
    void trainingIsDeterministicForASeed() {
        List<TrainingIteration> a = new ArrayList<>();
        List<TrainingIteration> b = new ArrayList<>();
        SpiralSdeExperiment.Trained ta = SMALL.trainModel(Regularizer.ERROR, 7, 3, a::add);
        SpiralSdeExperiment.Trained tb = SMALL.trainModel(Regularizer.ERROR, 7, 3, b::add);
        assertArrayEquals(ta.theta(), tb.theta(), 0.0);
        for (int i = 0; i < 3; i++) {
            assertEquals(a.get(i).loss(), b.get(i).loss(), 0.0);
            assertEquals(a.get(i).nfe(), b.get(i).nfe());
        }
        assertEquals(ta.result().finalLoss(), tb.result().finalLoss(), 0.0);
        assertEquals(ta.result().predictionNfe(), tb.result().predictionNfe());
        SpiralSdeExperiment.Trained other = SMALL.trainModel(Regularizer.ERROR, 8, 3, null);
        assertNotEquals(ta.result().iterations().get(0).loss(), other.result().iterations().get(0).loss());
    }

    @Test
    void regularizerEntersTheObjectiveWithWeightPointTwo() {
        SpiralSdeExperiment.Trained none = SMALL.trainModel(Regularizer.NONE, 3, 2, null);
        SpiralSdeExperiment.Trained error = SMALL.trainModel(Regularizer.ERROR, 3, 2, null);
        TrainingIteration n1 = none.result().iterations().get(0);
        TrainingIteration e1 = error.result().iterations().get(0);
        // Same initial parameters and noise: same task loss and R_E at iteration 1.
        assertEquals(n1.taskLoss(), e1.taskLoss(), 0.0);
        assertEquals(n1.regularization(), e1.regularization(), 0.0);
        assertTrue(e1.regularization() > 0);
        assertEquals(n1.taskLoss(), n1.loss(), 0.0);
        assertEquals(e1.taskLoss() + 0.2 * e1.regularization(), e1.loss(), 1e-15);
        // The regularizer's gradient changes the update.
        assertTrue(!java.util.Arrays.equals(none.theta(), error.theta()));
    }

    @Test
    void localRegularizersAddOneStepWithWeightPointTwo() {
        SpiralSdeExperiment.Trained none = SMALL.trainModel(Regularizer.NONE, 3, 2, null);
        TrainingIteration n1 = none.result().iterations().get(0);
        for (Regularizer local : new Regularizer[] {Regularizer.LOCAL_UNBIASED, Regularizer.LOCAL_BIASED}) {
            SpiralSdeExperiment.Trained run = SMALL.trainModel(local, 3, 2, null);
            TrainingIteration l1 = run.result().iterations().get(0);
            // Same initial parameters and noise: same task loss; the local step adds E·h > 0 and its NFE
            // (3 SPaRK stages + 2 for the initial-step heuristic).
            assertEquals(n1.taskLoss(), l1.taskLoss(), 0.0);
            assertTrue(l1.regularization() > 0, local + ": " + l1.regularization());
            assertEquals(l1.taskLoss() + 0.2 * l1.regularization(), l1.loss(), 1e-15);
            assertEquals(n1.nfe() + 5, l1.nfe());
            assertTrue(!java.util.Arrays.equals(none.theta(), run.theta()), local + " must change the update");
            // Deterministic for the seed (tree and t_reg draws).
            SpiralSdeExperiment.Trained again = SMALL.trainModel(local, 3, 2, null);
            for (int i = 0; i < 2; i++) {
                TrainingIteration a = run.result().iterations().get(i);
                TrainingIteration b = again.result().iterations().get(i);
                assertEquals(a.loss(), b.loss(), 0.0);
                assertEquals(a.regularization(), b.regularization(), 0.0);
            }
            assertArrayEquals(run.theta(), again.theta(), 0.0);
        }
    }

    @Test
    void clippedStepsLandOnEveryObservation() {
        // With the steps clipped to the 30 observation times, every solve takes at least 29 steps of 3 drift
        // evaluations (+2 for the initial-step heuristic); interpolating, the controller takes far fewer here.
        SpiralSdeExperiment clipped = new SpiralSdeExperiment(200, 8, 1, SpiralSdeExperiment.CODE_TOLERANCE, true);
        TrainingIteration c = clipped.trainModel(Regularizer.NONE, 1, 1, null).result().iterations().get(0);
        TrainingIteration f = SMALL.trainModel(Regularizer.NONE, 1, 1, null).result().iterations().get(0);
        assertTrue(c.nfe() >= 29 * 3 + 2, "clipped NFE " + c.nfe());
        assertTrue(f.nfe() < c.nfe(), "interpolated NFE " + f.nfe() + " vs clipped " + c.nfe());
    }

    @Test
    void dataMomentsStartAtTheInitialState() {
        SpiralSdeExperiment.Moments m = SMALL.data();
        assertArrayEquals(new double[] {2.0, 0.0}, m.mean()[0], 0.0);
        assertArrayEquals(new double[] {0.0, 0.0}, m.variance()[0], 0.0);
        assertEquals(30, m.mean().length);
        assertTrue(m.variance()[29][0] > 0 && m.variance()[29][1] > 0);
    }

    @Test
    void momentLossCotangentsMatchCentralDifferences() {
        int times = 3;
        int batch = 5;
        CounterStream s = new CounterStream(4, 4);
        double[][] y = new double[times][2 * batch];
        double[][] mean = new double[times][2];
        double[][] var = new double[times][2];
        for (int i = 0; i < times; i++) {
            for (int k = 0; k < 2 * batch; k++) {
                y[i][k] = 2 * s.nextUniform() - 1;
            }
            mean[i][0] = s.nextUniform();
            mean[i][1] = s.nextUniform();
            var[i][0] = s.nextUniform();
            var[i][1] = s.nextUniform();
        }
        SpiralSdeExperiment.Moments target = new SpiralSdeExperiment.Moments(mean, var);
        double[][] cot = new double[times][2 * batch];
        SpiralSdeExperiment.lossAndCotangents(y, target, cot);
        double[][] scratch = new double[times][2 * batch];
        for (int i = 0; i < times; i++) {
            for (int k = 0; k < 2 * batch; k++) {
                double eps = 1e-6;
                double keep = y[i][k];
                y[i][k] = keep + eps;
                double plus = SpiralSdeExperiment.lossAndCotangents(y, target, scratch);
                y[i][k] = keep - eps;
                double minus = SpiralSdeExperiment.lossAndCotangents(y, target, scratch);
                y[i][k] = keep;
                // The loss is a polynomial of degree 4 in y: central differences err by O(eps²) + rounding 1e-10.
                assertEquals((plus - minus) / (2 * eps), cot[i][k], 1e-8, "time " + i + ", entry " + k);
            }
        }
    }

    @Test
    void replicatedFieldsActBlockByBlock() {
        Mlp mlp = Mlp.builder().layers(2, 4, 2).activation(Activation.TANH).cubedInput(true).build();
        double[] theta = mlp.initialParameters(2);
        ReplicatedField field = new ReplicatedField(mlp, 3);
        AffineDiagonalDiffusion g = new AffineDiagonalDiffusion(2);
        ReplicatedDiagonalDiffusion gs = new ReplicatedDiagonalDiffusion(g, 3);
        double[] phi = g.parameters(new double[] {0.4, -0.3}, new double[] {0.2, 0.1});
        double[] y = {0.3, -0.7, 1.1, 0.2, -0.5, 0.9};
        double[] a = {0.5, -1.0, 0.25, 2.0, -0.3, 0.7};
        double[] out = new double[6];
        double[] yBar = new double[6];
        double[] thetaBar = new double[theta.length];
        double[] phiBar = new double[4];
        field.evaluate(0.0, y, theta, out);
        field.vectorJacobianProduct(0.0, y, theta, a, yBar, thetaBar);
        gs.vectorJacobianProduct(0.0, y, phi, a, yBar, phiBar);
        double[] expectThetaBar = new double[theta.length];
        double[] expectPhiBar = new double[4];
        for (int b = 0; b < 3; b++) {
            double[] yb = {y[2 * b], y[2 * b + 1]};
            double[] ab = {a[2 * b], a[2 * b + 1]};
            double[] ob = new double[2];
            double[] ybBar = new double[2];
            mlp.evaluate(0.0, yb, theta, ob);
            mlp.vectorJacobianProduct(0.0, yb, theta, ab, ybBar, expectThetaBar);
            g.vectorJacobianProduct(0.0, yb, phi, ab, ybBar, expectPhiBar);
            assertArrayEquals(ob, new double[] {out[2 * b], out[2 * b + 1]}, 0.0);
            assertArrayEquals(ybBar, new double[] {yBar[2 * b], yBar[2 * b + 1]}, 1e-15);
        }
        assertArrayEquals(expectThetaBar, thetaBar, 1e-14);
        assertArrayEquals(expectPhiBar, phiBar, 1e-14);
    }

    @Test
    void badInputIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SMALL.train(Regularizer.STIFFNESS, 1, 1, null));
        assertTrue(e.getMessage().contains("stiffness"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SMALL.train(Regularizer.NONE, 1, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new SpiralSdeExperiment(200, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> new SpiralSdeExperiment(200, 8, 3, 0.0, false));
    }

    @Test
    void publishedSetUpByDefault() {
        SpiralSdeExperiment e = new SpiralSdeExperiment();
        assertEquals("spiral-sde", e.name());
        assertEquals(250, e.defaultIterations());
        assertEquals(30, SpiralSdeExperiment.observationTimes().length);
        assertEquals(1.0 / 29, SpiralSdeExperiment.observationTimes()[1], 1e-16);
        assertEquals(252 + 4, SpiralSdeExperiment.initialParameters(1).length);
    }
}
