package org.wiener.integrate;

/**
 * The work of a solve, counted where it happened: every attempted step, including rejected ones,
 * and every evaluation, including those inside rejected steps, step-doubling sub-steps and the
 * initial-step heuristic.
 *
 * @param attemptedSteps all attempted steps
 * @param acceptedSteps accepted steps
 * @param rejectedSteps rejected steps
 * @param stepsAtDtmin accepted steps taken at dtmin
 * @param driftEvaluations evaluations of f
 * @param diffusionEvaluations evaluations of g
 * @param derivativeEvaluations evaluations of the diffusion's derivative
 * @param brownianQueries increments requested from the Brownian path
 */
public record SolveStatistics(long attemptedSteps, long acceptedSteps, long rejectedSteps, long stepsAtDtmin,
                              long driftEvaluations, long diffusionEvaluations, long derivativeEvaluations,
                              long brownianQueries) {
}
