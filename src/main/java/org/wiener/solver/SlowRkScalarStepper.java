package org.wiener.solver;

import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.sde.SdeProblem;

/**
 * {@link SlowRK}'s step for a scalar SDE (n = 1, m = 1, such as GBM) written out: the general stepper
 * ({@link SrkStepper}) interprets the tableau's lists of non-zero terms ({@link SrkPlan}) on every stage, which on
 * a scalar problem costs more than the arithmetic itself. This class performs exactly the operations of
 * {@link SrkStepper} on {@link SlowRK#TABLEAU}, term by term and in the same order (each sum starts from 0.0 and
 * runs over the non-zero terms by increasing stage, W before H; each stage is y + h·Σ + Σ; stage times
 * t0 + c<sub>j</sub>·h, or t1 where c<sub>j</sub> = 1), so it gives the same bits and evaluation counts; a test
 * compares the two on random inputs. Allocates its storage once; {@link #step} does not allocate. Not
 * thread-safe (one per solve, as every stepper).
 */
final class SlowRkScalarStepper extends AbstractStepper {

    private static final double THIRD = 1.0 / 3.0;
    private static final double TWO_THIRDS = 2.0 / 3.0;
    private static final double SIXTH = 1.0 / 6.0;

    private final String name;
    private final double[] z = new double[1];
    private final double[] out = new double[1];

    /**
     * @param problem a problem with n = 1 and m = 1
     * @param name the solver's name, for messages
     */
    SlowRkScalarStepper(SdeProblem problem, String name) {
        super(problem);
        if (n != 1 || m != 1) {
            throw new IllegalArgumentException("the scalar SlowRK stepper needs dimension 1 and noise dimension 1, got "
                    + n + " and " + m);
        }
        this.name = name;
    }

    /** @return whether {@link SlowRK} may use this stepper for the problem: a scalar SDE */
    static boolean applies(SdeProblem problem) {
        return !problem.isOde() && problem.dimension() == 1 && problem.noiseDimension() == 1;
    }

    @Override
    public void step(double t0, double t1, double[] y0, MutableBrownianIncrement noise, double[] y1, double[] error) {
        final double h = t1 - t0;
        final double y = y0[0];
        if (noise == null) {
            // Without an increment the diffusion terms are dropped: only the drift stages 1 and 6 remain.
            double f1 = evaluateDrift(t0 + 0.0 * h, y + h * 0.0 + 0.0);
            double f6 = evaluateDrift(t0 + 0.75 * h, y + h * (0.0 + 0.75 * f1) + 0.0);
            y1[0] = y + h * (0.0 + THIRD * f1 + TWO_THIRDS * f6) + 0.0;
            return;
        }
        SolverChecks.requireLevyArea(name, LevyArea.SPACE_TIME, noise);
        final double w = noise.w()[0];
        final double hh = noise.h()[0];
        final double tMid = t0 + 0.5 * h;
        // The products g_j·W, g_j·H are taken without the general stepper's 0.0 + (which turns −0.0 into +0.0):
        // every sum that reads them starts from 0.0 and so is never −0.0 itself, and adding ±0.0 to such a sum,
        // or scaling ±0.0 and adding it, gives the same bits either way. That takes an addition per stage off
        // the step's chain of dependent operations.
        // Stage 1 (c = 0): z1 = y; f1.
        final double f1 = evaluateDrift(t0 + 0.0 * h, y + h * 0.0 + 0.0);
        final double driftHalf = y + h * (0.0 + 0.5 * f1);
        // Stage 2: z2 = y + (h/2) f1; g2·W.
        final double g2w = evaluateDiffusion(tMid, driftHalf + 0.0) * w;
        // Stage 3: z3 = y + (h/2) f1 + ½ g2·W; g3·W.
        final double g3w = evaluateDiffusion(tMid, driftHalf + (0.0 + 0.5 * g2w)) * w;
        // Stage 4: z4 = y + (h/2) f1 + ½ g3·W; g4·W and g4·H.
        final double g4 = evaluateDiffusion(tMid, driftHalf + (0.0 + 0.5 * g3w));
        final double g4w = g4 * w;
        final double g4h = g4 * hh;
        // Stage 5: z5 = y + (h/2) f1 + g4·W; g5·W.
        final double g5w = evaluateDiffusion(tMid, driftHalf + (0.0 + 1.0 * g4w)) * w;
        // Stage 6 (c = 3/4): z6 = y + (3/4) h f1 + (3/4) g4·W + (3/2) g4·H; f6.
        final double f6 = evaluateDrift(t0 + 0.75 * h, y + h * (0.0 + 0.75 * f1) + (0.0 + 0.75 * g4w + 1.5 * g4h));
        // Stage 7 (c = 1, time t1): z7 = y + h f1 + ½ g3·W; g7·H.
        final double g7h = evaluateDiffusion(t1, y + h * (0.0 + 1.0 * f1) + (0.0 + 0.5 * g3w)) * hh;
        // y1 = y + h (f1/3 + 2 f6/3) + (g2/6 + g3/3 + g4/3 + g5/6)·W + 2 (g4 − g7)·H, as the plan sums it.
        y1[0] = y + h * (0.0 + THIRD * f1 + TWO_THIRDS * f6)
                + (0.0 + SIXTH * g2w + THIRD * g3w + THIRD * g4w + 2.0 * g4h + SIXTH * g5w + -2.0 * g7h);
    }

    private double evaluateDrift(double t, double state) {
        z[0] = state;
        drift(t, z, out);
        return out[0];
    }

    private double evaluateDiffusion(double t, double state) {
        z[0] = state;
        diffusion(t, z, out);
        return out[0];
    }
}
