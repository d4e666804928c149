/**
 * The one driver loop ({@link org.wiener.integrate.Integrator}), what a solve returns
 * ({@link org.wiener.integrate.Solution}, {@link org.wiener.integrate.Status},
 * {@link org.wiener.integrate.SolveStatistics}, {@link org.wiener.integrate.StepRecord}), the
 * allocation-free {@link org.wiener.integrate.StepObserver}, and ensembles over many paths.
 */
package org.wiener.integrate;
