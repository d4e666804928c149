package org.wiener.solver;

import org.wiener.sde.SdeProblem;

/**
 * A one-step method for SDEs and ODEs. A solver is an immutable description; each solve asks it for a
 * {@link Stepper}, which holds the working memory of that solve (so one solver serves many threads).
 */
public interface Solver {

    /** @return what the solver declares about itself */
    SolverProperties properties();

    /**
     * Creates the per-solve working memory. Allocates once; the stepper's steps do not allocate.
     *
     * @param problem the problem to be solved
     * @return a fresh stepper
     */
    Stepper newStepper(SdeProblem problem);
}
