package org.wiener.solver;

import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;

/** Argument checks shared by the solvers, with messages that name the solver and the fix. */
final class SolverChecks {

    private SolverChecks() {
    }

    /**
     * Refuses a problem that is not declared additive (ODEs pass: g = 0 is additive).
     *
     * @param name the solver's name
     * @param problem the problem
     */
    static void requireAdditive(String name, SdeProblem problem) {
        if (problem == null) {
            throw new IllegalArgumentException("problem must not be null");
        }
        if (!problem.isOde() && problem.noiseType() != NoiseType.ADDITIVE) {
            throw new IllegalArgumentException(name + " needs additive noise (diffusion independent of y); problem declares "
                    + problem.noiseType() + "; use spark or general_shark");
        }
    }

    /**
     * Refuses an SDE without the diffusion's directional derivative.
     *
     * @param name the solver's name
     * @param problem the problem
     */
    static void requireDerivative(String name, SdeProblem problem) {
        if (problem == null) {
            throw new IllegalArgumentException("problem must not be null");
        }
        if (!problem.isOde() && problem.diffusionDerivative() == null) {
            throw new IllegalArgumentException(name + " needs the derivative of the diffusion in y: supply "
                    + "diffusionDerivative(...) or fieldDiffusion(...) when building the problem");
        }
    }

    /**
     * Refuses a null problem.
     *
     * @param problem the problem
     */
    static void requireProblem(SdeProblem problem) {
        if (problem == null) {
            throw new IllegalArgumentException("problem must not be null");
        }
    }

    /**
     * Refuses an increment that lacks the Lévy area the solver reads (checked at step time, as Diffrax).
     *
     * @param name the solver's name
     * @param needed the level the solver needs
     * @param noise the increment of the step
     */
    static void requireLevyArea(String name, LevyArea needed, MutableBrownianIncrement noise) {
        if (!noise.levyArea().covers(needed)) {
            throw new IllegalArgumentException(name + " needs Brownian increments with Lévy area " + needed
                    + ", got " + noise.levyArea() + ": build the path with levyArea(" + needed + ") or richer");
        }
    }
}
