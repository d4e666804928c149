package org.wiener.study;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of a {@link StrongOrderStudy}: one row per solver and level (solvers in the order given,
 * levels increasing), one order fit per solver, and what the study was run with.
 */
public final class StudyResult {

    private final String problem;
    private final StepMode mode;
    private final List<StudyRow> rows;
    private final List<OrderFit> fits;
    private final String reference;
    private final double treeTolerance;
    private final int paths;
    private final long seed;
    private final long failedSolves;
    private final List<String> failures;
    private final double[] referenceSeconds;
    private final double[][][] squaredErrors;
    private final List<String> solverNames;
    private final int firstLevel;

    StudyResult(String problem, StepMode mode, List<StudyRow> rows, List<OrderFit> fits, String reference,
                double treeTolerance, int paths, long seed, long failedSolves, List<String> failures,
                double[] referenceSeconds, double[][][] squaredErrors, List<String> solverNames, int firstLevel) {
        this.problem = problem;
        this.mode = mode;
        this.rows = List.copyOf(rows);
        this.fits = List.copyOf(fits);
        this.reference = reference;
        this.treeTolerance = treeTolerance;
        this.paths = paths;
        this.seed = seed;
        this.failedSolves = failedSolves;
        this.failures = List.copyOf(failures);
        this.referenceSeconds = referenceSeconds;
        this.squaredErrors = squaredErrors;
        this.solverNames = List.copyOf(solverNames);
        this.firstLevel = firstLevel;
    }

    /** @return one row per solver and level */
    public List<StudyRow> rows() {
        return rows;
    }

    /** @return one fit per solver */
    public List<OrderFit> fits() {
        return fits;
    }

    /**
     * @param solver a solver's name
     * @return its fit
     * @throws IllegalArgumentException if the study has no such solver
     */
    public OrderFit fit(String solver) {
        return fits.stream().filter(f -> f.solver().equals(solver)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("solver must be one of " + solverNames + ", got '"
                        + solver + "'"));
    }

    /**
     * @param solver a solver's name
     * @return its rows, levels increasing
     */
    public List<StudyRow> rows(String solver) {
        fit(solver);
        return rows.stream().filter(r -> r.solver().equals(solver)).toList();
    }

    /**
     * The per-path squared errors behind a row (max over save times of ‖X − X<sup>ref</sup>‖²), in path
     * order, for analyses of one's own.
     *
     * @param solver a solver's name
     * @param level a level of the study
     * @return a copy
     */
    public double[] squaredErrors(String solver, int level) {
        int s = solverNames.indexOf(solver);
        if (s < 0) {
            throw new IllegalArgumentException("solver must be one of " + solverNames + ", got '" + solver + "'");
        }
        int k = level - firstLevel;
        if (k < 0 || k >= squaredErrors[s].length) {
            throw new IllegalArgumentException("level must be in [" + firstLevel + ", "
                    + (firstLevel + squaredErrors[s].length - 1) + "], got " + level);
        }
        return squaredErrors[s][k].clone();
    }

    /** @return the problem's name */
    public String problem() {
        return problem;
    }

    /** @return the step mode */
    public StepMode mode() {
        return mode;
    }

    /** @return "exact solution" or "self at level L" */
    public String reference() {
        return reference;
    }

    /** @return the Brownian trees' tolerance */
    public double treeTolerance() {
        return treeTolerance;
    }

    /** @return the number of paths */
    public int paths() {
        return paths;
    }

    /** @return the master seed */
    public long seed() {
        return seed;
    }

    /**
     * @return solves (reference solves included) that did not reach t1; their rows have an infinite
     *     rmsError
     */
    public long failedSolves() {
        return failedSolves;
    }

    /** @return the first failure of each failed path, in path order (at most 20) */
    public List<String> failures() {
        return failures;
    }

    /**
     * @param solver a solver's name
     * @return thread-seconds spent in that solver's reference solves (0 with an exact solution)
     */
    public double referenceSeconds(String solver) {
        int s = solverNames.indexOf(solver);
        if (s < 0) {
            throw new IllegalArgumentException("solver must be one of " + solverNames + ", got '" + solver + "'");
        }
        return referenceSeconds[s];
    }

    /** @return a plain-text table of the rows and fits */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "strong-order study: problem %s, %s steps, %d paths, seed %d, reference %s,"
                + " tree tolerance %.3g%n", problem, mode, paths, seed, reference, treeTolerance));
        sb.append(String.format(Locale.ROOT, "%-22s %5s %12s %12s %12s %12s %10s%n", "solver", "level",
                mode == StepMode.CONSTANT ? "step" : "tolerance", "mean steps", "mean evals", "rms error", "seconds"));
        for (StudyRow r : rows) {
            sb.append(String.format(Locale.ROOT, "%-22s %5d %12.4e %12.1f %12.1f %12.4e %10.3f%n", r.solver(), r.level(),
                    r.stepOrTolerance(), r.meanSteps(), r.meanEvaluations(), r.rmsError(), r.seconds()));
        }
        for (OrderFit f : fits) {
            sb.append(String.format(Locale.ROOT, "%-22s order vs %s %.3f [%.3f, %.3f], vs steps %.3f [%.3f, %.3f]%n",
                    f.solver(), mode == StepMode.CONSTANT ? "step" : "tol", f.orderVsStep(), f.orderVsStepLow(),
                    f.orderVsStepHigh(), f.orderVsWork(), f.orderVsWorkLow(), f.orderVsWorkHigh()));
        }
        if (failedSolves > 0) {
            sb.append(failedSolves).append(" solve(s) failed, e.g. ").append(failures.get(0)).append('\n');
        }
        return sb.toString();
    }
}
