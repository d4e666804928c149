package org.wiener.study;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of a {@link WeakOrderStudy}: rows per solver and level, and per solver the fitted weak
 * order of the first moment ({@link #fits()}) and of the second ({@link #secondMomentFits()}).
 *
 * <p>A fit is only meaningful where the biases stand clear of their standard errors: once a bias is
 * below about two standard errors, its log is noise (and its bootstrap interval wide).
 */
public final class WeakResult {

    private final String problem;
    private final StepMode mode;
    private final List<WeakRow> rows;
    private final List<OrderFit> fits;
    private final List<OrderFit> secondMomentFits;
    private final String reference;
    private final int paths;
    private final long seed;
    private final long failedSolves;
    private final List<String> failures;

    WeakResult(String problem, StepMode mode, List<WeakRow> rows, List<OrderFit> fits, List<OrderFit> secondMomentFits,
               String reference, int paths, long seed, long failedSolves, List<String> failures) {
        this.problem = problem;
        this.mode = mode;
        this.rows = List.copyOf(rows);
        this.fits = List.copyOf(fits);
        this.secondMomentFits = List.copyOf(secondMomentFits);
        this.reference = reference;
        this.paths = paths;
        this.seed = seed;
        this.failedSolves = failedSolves;
        this.failures = List.copyOf(failures);
    }

    /** @return one row per solver and level */
    public List<WeakRow> rows() {
        return rows;
    }

    /** @return per solver, the weak order of φ(x) = x: slopes of log meanError */
    public List<OrderFit> fits() {
        return fits;
    }

    /** @return per solver, the weak order of φ(x) = x²: slopes of log secondMomentError */
    public List<OrderFit> secondMomentFits() {
        return secondMomentFits;
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

    /** @return the number of paths */
    public int paths() {
        return paths;
    }

    /** @return the master seed */
    public long seed() {
        return seed;
    }

    /** @return solves that did not reach t1 (their rows' biases are NaN) */
    public long failedSolves() {
        return failedSolves;
    }

    /** @return the first failure of each failed path, in path order (at most 20) */
    public List<String> failures() {
        return failures;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "weak-order study: problem %s, %s steps, %d paths, seed %d, reference %s%n",
                problem, mode, paths, seed, reference));
        sb.append(String.format(Locale.ROOT, "%-22s %5s %12s %12s %12s %10s %12s %10s %10s%n", "solver", "level",
                mode == StepMode.CONSTANT ? "step" : "tolerance", "mean steps", "|bias x|", "se", "|bias x^2|", "se",
                "seconds"));
        for (WeakRow r : rows) {
            sb.append(String.format(Locale.ROOT, "%-22s %5d %12.4e %12.1f %12.4e %10.2e %12.4e %10.2e %10.3f%n",
                    r.solver(), r.level(), r.stepOrTolerance(), r.meanSteps(), r.meanError(), r.meanStandardError(),
                    r.secondMomentError(), r.secondMomentStandardError(), r.seconds()));
        }
        for (int i = 0; i < fits.size(); i++) {
            OrderFit f = fits.get(i);
            OrderFit g = secondMomentFits.get(i);
            sb.append(String.format(Locale.ROOT, "%-22s weak order (x) %.3f [%.3f, %.3f], (x^2) %.3f [%.3f, %.3f]%n",
                    f.solver(), f.orderVsStep(), f.orderVsStepLow(), f.orderVsStepHigh(), g.orderVsStep(),
                    g.orderVsStepLow(), g.orderVsStepHigh()));
        }
        if (failedSolves > 0) {
            sb.append(failedSolves).append(" solve(s) failed, e.g. ").append(failures.get(0)).append('\n');
        }
        return sb.toString();
    }
}
