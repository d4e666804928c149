/**
 * One-step methods for SDEs and ODEs, one per file. Each {@link org.wiener.solver.Solver} declares its
 * calculus, orders per noise class, needed Lévy area, error estimate and evaluations per step in
 * {@link org.wiener.solver.SolverProperties}; {@link org.wiener.solver.Solvers#byName} finds one by
 * its lower-case name.
 */
package org.wiener.solver;
