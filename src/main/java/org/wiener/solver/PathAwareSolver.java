package org.wiener.solver;

import org.wiener.brownian.BrownianPath;
import org.wiener.sde.SdeProblem;

/**
 * A solver whose steps query the Brownian path themselves, beyond the increment over the whole step
 * that {@link Stepper#step} receives (for instance {@link StepDoubling}, which needs the increments over
 * the two half steps). The driver creates its stepper through {@link #newStepper(SdeProblem, BrownianPath)}.
 */
public interface PathAwareSolver extends Solver {

    /**
     * Creates the per-solve working memory, bound to the path the solve uses.
     *
     * @param problem the problem to be solved
     * @param path the Brownian path of the solve (may be null for an ODE)
     * @return a fresh stepper
     */
    Stepper newStepper(SdeProblem problem, BrownianPath path);
}
