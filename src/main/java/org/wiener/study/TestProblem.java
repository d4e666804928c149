package org.wiener.study;

import org.wiener.sde.Calculus;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;

/**
 * An entry of the {@link ProblemLibrary}: a named SDE with its calculus, noise class and, where one
 * exists, its exact solution through the path's W.
 */
public final class TestProblem {

    private final String name;
    private final String description;
    private final SdeProblem problem;
    private final ExactSolution exact;

    /**
     * @param name lower-case name, as the command line knows it
     * @param description one line: the equation, parameters and source
     * @param problem the problem (with the diffusion's derivative where the noise is not additive, so
     *     that studies can convert it to a solver's calculus)
     * @param exact the exact solution, or null if there is none
     */
    public TestProblem(String name, String description, SdeProblem problem, ExactSolution exact) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (problem == null) {
            throw new IllegalArgumentException("problem must not be null");
        }
        this.name = name;
        this.description = description == null ? "" : description;
        this.problem = problem;
        this.exact = exact;
    }

    /** @return the lower-case name */
    public String name() {
        return name;
    }

    /** @return a one-line description */
    public String description() {
        return description;
    }

    /** @return the problem */
    public SdeProblem problem() {
        return problem;
    }

    /** @return the calculus the problem is written in */
    public Calculus calculus() {
        return problem.calculus();
    }

    /** @return the declared noise class (null for an ODE) */
    public NoiseType noiseType() {
        return problem.noiseType();
    }

    /** @return whether an exact solution through W is known */
    public boolean hasExactSolution() {
        return exact != null;
    }

    /**
     * @return the exact solution
     * @throws IllegalStateException if there is none
     */
    public ExactSolution exactSolution() {
        if (exact == null) {
            throw new IllegalStateException("problem " + name + " has no exact solution: use a fine reference solve");
        }
        return exact;
    }

    @Override
    public String toString() {
        return name + ": " + description;
    }
}
