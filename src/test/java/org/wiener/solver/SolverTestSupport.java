package org.wiener.solver;

import java.util.stream.IntStream;

import org.wiener.brownian.BrownianPath;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.random.Seeds;
import org.wiener.sde.SdeProblem;

/**
 * Test-only plumbing for the solver tests: a fixed-step loop on a Brownian path (the driver is written
 * elsewhere), and the strong-error / strong-order protocol of {@code problems.md} §5.
 */
final class SolverTestSupport {

    private SolverTestSupport() {
    }

    /** An exact solution as a function of t and W<sub>t</sub> − W<sub>t0</sub>. */
    @FunctionalInterface
    interface Exact {
        void evaluate(double t, double[] w, double[] out);
    }

    /**
     * @param solver a solver
     * @param problem the problem
     * @param path the path of the solve
     * @return a stepper, through the path-aware overload when the solver has one
     */
    static Stepper newStepper(Solver solver, SdeProblem problem, BrownianPath path) {
        if (solver instanceof PathAwareSolver) {
            return ((PathAwareSolver) solver).newStepper(problem, path);
        }
        return solver.newStepper(problem);
    }

    /**
     * Solves with {@code 2^level} constant steps over the problem's interval and records the state every
     * {@code saveEvery} steps (rows 0 … steps/saveEvery; row 0 is y0).
     *
     * @param solver the solver
     * @param problem the problem
     * @param path the Brownian path (or null for an ODE)
     * @param steps number of steps
     * @param saveEvery save stride in steps
     * @return the saved states
     */
    static double[][] solve(Solver solver, SdeProblem problem, BrownianPath path, int steps, int saveEvery) {
        Stepper stepper = newStepper(solver, problem, path);
        int n = problem.dimension();
        double t0 = problem.t0();
        double span = problem.t1() - t0;
        double[] y = problem.initialState();
        double[] y1 = new double[n];
        double[] err = new double[n];
        MutableBrownianIncrement inc = path == null ? null
                : new MutableBrownianIncrement(problem.noiseDimension(), path.levyArea());
        double[][] saved = new double[steps / saveEvery + 1][];
        saved[0] = y.clone();
        stepper.reset(t0, y);
        for (int k = 0; k < steps; k++) {
            double ta = t0 + span * k / steps;
            double tb = k + 1 == steps ? problem.t1() : t0 + span * (k + 1) / steps;
            if (inc != null) {
                path.increment(ta, tb, inc);
            }
            stepper.step(ta, tb, y, inc, y1, err);
            stepper.accept();
            double[] tmp = y;
            y = y1;
            y1 = tmp;
            if ((k + 1) % saveEvery == 0) {
                saved[(k + 1) / saveEvery] = y.clone();
            }
        }
        return saved;
    }

    /** The outcome of a strong-order study. */
    static final class Study {
        final String label;
        final int[] levels;
        final double[] errors;
        final double slope;
        final double slopeStandardError;
        final double[] batchSlopes;

        Study(String label, int[] levels, double[] errors, double slope, double slopeStandardError,
              double[] batchSlopes) {
            this.label = label;
            this.levels = levels;
            this.errors = errors;
            this.slope = slope;
            this.slopeStandardError = slopeStandardError;
            this.batchSlopes = batchSlopes;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(String.format("%-40s slope %.3f ± %.3f (batch SE); errors", label,
                    slope, slopeStandardError));
            for (double e : errors) {
                sb.append(String.format(" %.3e", e));
            }
            sb.append("; local slopes");
            for (int i = 1; i < errors.length; i++) {
                sb.append(String.format(" %.2f", Math.log(errors[i - 1] / errors[i]) / Math.log(2.0)));
            }
            return sb.toString();
        }
    }

    /**
     * The strong-order protocol: for each of {@code paths} Brownian paths (a Virtual Brownian Tree with seed
     * {@code Seeds.derive(master, i)} and tolerance a quarter of the finest step, its own or the reference's),
     * solves with 2^l constant steps for l = minLevel … maxLevel and measures
     * max over the save grid (that of 2^minLevel steps) of |y − y_ref|², y_ref being the exact solution or,
     * when {@code exact} is null, the same solver with 2^(maxLevel + refExtra) steps on the same path.
     * The strong error at a level is the root of the mean over paths; the order is the least-squares slope of
     * log error against log h; its standard error comes from {@code batches} disjoint batches of paths
     * (sd of the batch slopes / √batches).
     */
    static Study strongOrder(String label, Solver solver, SdeProblem problem, LevyArea levyArea, Exact exact,
                             int minLevel, int maxLevel, int refExtra, int paths, int batches, long master) {
        int nl = maxLevel - minLevel + 1;
        int refLevel = maxLevel + (exact == null ? refExtra : 0);
        double span = problem.t1() - problem.t0();
        double tol = span / (1L << refLevel) / 4.0;
        int saves = 1 << minLevel;
        int n = problem.dimension();
        int m = problem.noiseDimension();
        double[][] sq = new double[paths][nl];
        IntStream.range(0, paths).parallel().forEach(p -> {
            VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(problem.t0(), problem.t1())
                    .dimension(m).tolerance(tol).levyArea(levyArea).seed(Seeds.derive(master, p)).build();
            double[][] ref;
            if (exact == null) {
                int steps = 1 << refLevel;
                ref = solve(solver, problem, tree, steps, steps / saves);
            } else {
                ref = new double[saves + 1][n];
                double[] w = new double[m];
                for (int k = 0; k <= saves; k++) {
                    double t = k == saves ? problem.t1() : problem.t0() + span * k / saves;
                    tree.value(t, w);
                    exact.evaluate(t, w, ref[k]);
                }
            }
            for (int li = 0; li < nl; li++) {
                int steps = 1 << (minLevel + li);
                double[][] y = solve(solver, problem, tree, steps, steps / saves);
                double max = 0.0;
                for (int k = 1; k <= saves; k++) {
                    double d2 = 0.0;
                    for (int i = 0; i < n; i++) {
                        double d = y[k][i] - ref[k][i];
                        d2 += d * d;
                    }
                    max = Math.max(max, d2);
                }
                sq[p][li] = max;
            }
        });
        int[] levels = new int[nl];
        double[] logH = new double[nl];
        for (int li = 0; li < nl; li++) {
            levels[li] = minLevel + li;
            logH[li] = Math.log(span / (1L << (minLevel + li)));
        }
        double[] errors = rms(sq, 0, paths, nl);
        double slope = slope(logH, log(errors));
        double[] batchSlopes = new double[batches];
        int per = paths / batches;
        for (int b = 0; b < batches; b++) {
            batchSlopes[b] = slope(logH, log(rms(sq, b * per, (b + 1) * per, nl)));
        }
        double mean = 0.0;
        for (double s : batchSlopes) {
            mean += s;
        }
        mean /= batches;
        double var = 0.0;
        for (double s : batchSlopes) {
            var += (s - mean) * (s - mean);
        }
        var /= batches - 1;
        return new Study(label, levels, errors, slope, Math.sqrt(var / batches), batchSlopes);
    }

    private static double[] rms(double[][] sq, int from, int to, int nl) {
        double[] out = new double[nl];
        for (int li = 0; li < nl; li++) {
            double s = 0.0;
            for (int p = from; p < to; p++) {
                s += sq[p][li];
            }
            out[li] = Math.sqrt(s / (to - from));
        }
        return out;
    }

    private static double[] log(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.log(x[i]);
        }
        return out;
    }

    /** Least-squares slope of y against x. */
    static double slope(double[] x, double[] y) {
        double mx = 0.0;
        double my = 0.0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= x.length;
        double sxy = 0.0;
        double sxx = 0.0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }
}
