package org.wiener.study;

/**
 * One solver at one level of a strong-order study.
 *
 * @param solver the solver's name
 * @param mode the step mode
 * @param level the level l
 * @param stepOrTolerance the nominal step (t1 − t0)·2<sup>−l</sup> (CONSTANT) or the tolerance
 *     2<sup>−l</sup> (ADAPTIVE); nominal also when a custom controller is plugged in
 * @param meanSteps mean attempted steps per path (rejected ones included)
 * @param meanEvaluations mean drift + diffusion + diffusion-derivative evaluations per path, as counted
 *     by the solver (the calculus-conversion correction inside a converted drift counts as one drift
 *     evaluation)
 * @param rmsError sqrt(mean over paths of max over save times of ‖X<sub>t</sub> − X<sub>t</sub><sup>ref</sup>‖²);
 *     +∞ if any solve of this row (or its reference) did not reach t1
 * @param seconds time spent in this solver/level's solves, summed over all paths and worker threads
 *     (thread-seconds, not elapsed time)
 */
public record StudyRow(String solver, StepMode mode, int level, double stepOrTolerance, double meanSteps,
                       double meanEvaluations, double rmsError, double seconds) {
}
