package org.wiener.study;

/**
 * One solver at one level of a weak-order study. The moments are those of the first state component
 * at t1, φ(x) = x and φ(x) = x²; each bias is the mean over paths of φ(X<sub>T</sub>) − φ(X<sub>T</sub><sup>ref</sup>)
 * on the same path (paired, so that the Brownian noise common to both cancels), and its standard error
 * is the paired differences' sample standard deviation / √paths.
 *
 * @param solver the solver's name
 * @param mode the step mode
 * @param level the level l
 * @param stepOrTolerance the nominal step (t1 − t0)·2<sup>−l</sup> (CONSTANT) or tolerance 2<sup>−l</sup> (ADAPTIVE)
 * @param meanSteps mean attempted steps per path
 * @param meanEvaluations mean drift + diffusion + derivative evaluations per path
 * @param meanBias E φ(X<sub>T</sub>) − E φ(X<sub>T</sub><sup>ref</sup>) for φ(x) = x (signed)
 * @param meanError |meanBias|
 * @param meanStandardError Monte Carlo standard error of meanBias
 * @param secondMomentBias the same for φ(x) = x²
 * @param secondMomentError |secondMomentBias|
 * @param secondMomentStandardError Monte Carlo standard error of secondMomentBias
 * @param seconds thread-seconds spent in this row's solves
 */
public record WeakRow(String solver, StepMode mode, int level, double stepOrTolerance, double meanSteps,
                      double meanEvaluations, double meanBias, double meanError, double meanStandardError,
                      double secondMomentBias, double secondMomentError, double secondMomentStandardError,
                      double seconds) {
}
