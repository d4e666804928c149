package org.wiener.langevin;

import org.wiener.sde.SdeProblem;
import org.wiener.solver.Solver;
import org.wiener.solver.SolverProperties;
import org.wiener.solver.Stepper;

/**
 * What the four Langevin splittings share as solvers: their declared properties, the Taylor threshold,
 * and the refusal of any problem that is not a {@link LangevinProblem}'s SDE. Immutable.
 */
abstract class LangevinSolver implements Solver {

    private final SolverProperties properties;
    private final double taylorThreshold;

    LangevinSolver(SolverProperties properties, double taylorThreshold) {
        this.properties = properties;
        this.taylorThreshold = LangevinStepper.requireThreshold(properties.name(), taylorThreshold);
    }

    /** @return the Taylor threshold: components with γh below it use the Taylor polynomials */
    public final double taylorThreshold() {
        return taylorThreshold;
    }

    @Override
    public final SolverProperties properties() {
        return properties;
    }

    @Override
    public final Stepper newStepper(SdeProblem problem) {
        return newStepper(LangevinStepper.requireLangevin(properties.name(), problem), taylorThreshold);
    }

    /** The solver's working memory for one solve of a checked Langevin problem. */
    abstract Stepper newStepper(LangevinDrift drift, double taylorThreshold);

    @Override
    public final String toString() {
        return getClass().getSimpleName() + "(" + taylorThreshold + ")";
    }
}
