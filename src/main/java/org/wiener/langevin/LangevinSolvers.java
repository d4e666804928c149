package org.wiener.langevin;

import java.util.List;

import org.wiener.solver.Solver;
import org.wiener.solver.StepDoubling;

/**
 * Finds the Langevin solvers by name: {@code align}, {@code should}, {@code quicsort}, {@code ubu} (default Taylor
 * threshold 0.1), and the same names with {@code _doubled} for the solver wrapped in {@link StepDoubling}
 * (Diffrax's {@code HalfSolver}), which gives ShOULD, QUICSORT and UBU an error estimate for adaptive steps.
 * Stateless and thread-safe.
 */
public final class LangevinSolvers {

    private static final List<String> NAMES = List.of("align", "should", "quicsort", "ubu",
            "align_doubled", "should_doubled", "quicsort_doubled", "ubu_doubled");

    private LangevinSolvers() {
    }

    /** @return the names {@link #byName} accepts */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * @param name one of {@link #names()} (case-insensitive, surrounding blanks ignored)
     * @return a new solver with the default Taylor threshold 0.1
     */
    public static Solver byName(String name) {
        return byName(name, 0.1);
    }

    /**
     * @param name one of {@link #names()} (case-insensitive, surrounding blanks ignored)
     * @param taylorThreshold components with γh below it use the Taylor polynomials (finite, &ge; 0; paper A uses
     *     0.1 for MCMC and 0.01 in its order tests)
     * @return a new solver
     */
    public static Solver byName(String name, double taylorThreshold) {
        if (name == null) {
            throw new IllegalArgumentException("name must be one of " + NAMES + ", got null");
        }
        String key = name.trim().toLowerCase(java.util.Locale.ROOT);
        boolean doubled = key.endsWith("_doubled");
        String base = doubled ? key.substring(0, key.length() - "_doubled".length()) : key;
        Solver solver;
        switch (base) {
            case "align":
                solver = new Align(taylorThreshold);
                break;
            case "should":
                solver = new Should(taylorThreshold);
                break;
            case "quicsort":
                solver = new Quicsort(taylorThreshold);
                break;
            case "ubu":
                solver = new Ubu(taylorThreshold);
                break;
            default:
                throw new IllegalArgumentException("name must be one of " + NAMES + ", got '" + name + "'");
        }
        return doubled ? new StepDoubling(solver) : solver;
    }
}
