package org.wiener.langevin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.PidController;
import org.wiener.control.StepSizeController;
import org.wiener.control.StepTo;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.SaveAt;
import org.wiener.integrate.Solution;
import org.wiener.integrate.Status;
import org.wiener.langevin.target.LogDensity;
import org.wiener.langevin.target.Targets;
import org.wiener.random.Seeds;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.Solver;

/**
 * Underdamped Langevin MCMC with many chains: the protocol of Jelinčič, Foster &amp; Kidger,
 * arXiv:2405.06464 (reference: {@code langevin.md} §10), plus a warm-up that adapts a diagonal
 * preconditioner as Stan does.
 *
 * <p><b>Chains.</b> Chain c runs the Langevin SDE of {@link LangevinProblem} (friction γ, default 1) on
 * its own {@link VirtualBrownianTree} with the Lévy area the solver reads ({@link Builder#levyArea}), seeded with
 * {@code Seeds.derive(seed, c)} and covering the whole run [0, (warmup + draws)·chainSeparation] (exactly, with
 * {@link Builder#paperSteps}; else up to the next power-of-two multiple of chainSeparation); it
 * starts at the given position (default 0) with velocity 0 and keeps one draw every
 * {@code chainSeparation} time units (default 0.5, as in the paper). Chains run on a pool of
 * {@code threads} threads; every chain's numbers depend only on the seed, the chain index and, through
 * the preconditioner, on all chains' warm-up draws combined in chain order, so the draws are
 * bit-identical for every thread count.
 *
 * <p><b>Steps.</b> With {@link Builder#tolerance(double)}: Diffrax's PID controller as in the paper
 * (atol = tol, rtol = 0, pcoeff 0.1, icoeff 0.4, dtmin = dt0/10, dtmax = 50·dt0, first step dt0 = 0.07,
 * steps clipped to the draw times); the solver needs an error estimate (ALIGN, or a {@code _doubled}
 * solver = step doubling, Diffrax's HalfSolver); tree tolerance dtmin/2; unless {@link Builder#paperSteps}, step
 * ends move to coarse tree nodes and steps cut short by a draw time resume the proposed size
 * ({@link Builder#paperSteps} explains both). {@link Builder#warmupTolerance} sets the warm-up phases' own
 * tolerance. With {@link Builder#step(double)}: ⌈chainSeparation/h⌉ equal steps between draws ({@link StepTo});
 * tree tolerance a quarter step.
 *
 * <p><b>Preconditioner.</b> The inverse mass is diagonal, u<sub>j</sub> = s<sub>j</sub><sup>2</sup>. It is
 * implemented as the change of variables x = s ⊙ z, solving the Langevin SDE for z with unit inverse mass:
 * that is the same SDE as inverse mass s² in x (v<sub>x</sub> = s ⊙ v<sub>z</sub>), and the solvers' updates
 * coincide, but the controller's absolute tolerance then measures errors relative to each coordinate's
 * posterior scale, so a tolerance chosen on one data set transfers to others (measured in docs/mcmc.md).
 *
 * <p><b>Warm-up</b> (W = warmup draws; W = 0 skips it and keeps s = 1). A starting scale and two windows,
 * deterministic. The starting scale is s<sub>j</sub> = (−∂²log p/∂x<sub>j</sub>²)<sup>−1/2</sup> at the
 * starting points (forward differences of the gradient, d + 1 evaluations per chain, curvatures averaged over
 * chains; s<sub>j</sub> = 1 where the curvature is not positive): the exact posterior sd of a Gaussian with diagonal precision, and a
 * good guess for a regression posterior. Window 1, the first ⌈W/2⌉ draw intervals, runs with it; the
 * variances of x<sub>j</sub> over the second half of window 1's draws, <em>pooled over all chains</em> (one
 * grand mean, chain order), give s. Window 2, the remaining draw intervals, runs with that s; the pooled variances of all of window 2's draws give the s
 * used for sampling. As in Stan, each variance estimate from n draws is shrunk: (n/(n + 5))·var +
 * 10<sup>−3</sup>·5/(n + 5). Between windows the position is kept and the velocity in z units is kept (it
 * is N(0, 1) in the stationary law whatever s is). The step size is left to the PID controller (adaptive)
 * or fixed (constant step), and the tolerance is not tuned: after preconditioning, the time scales of a
 * near-Gaussian posterior are about 1 in z, so one tolerance or step transfers across targets.
 *
 * <p><b>Cost.</b> Gradient evaluations are counted exactly from each solve's drift-evaluation count: every
 * call of the target's gradient, in warm-up, rejected steps, step doubling's sub-steps and FSAL
 * refreshes (langevin.md §12 explains why the original code undercounted).
 *
 * <p><b>Failures.</b> A non-finite log density or gradient makes the solver's state non-finite (the
 * gradient is replaced by NaN), which ends that chain's solve. The solvers evaluate only
 * {@link LogDensity#gradient} (never the log density, which they do not need); a non-finite log density is
 * caught through that method's contract that it then writes a non-finite gradient; the run stops after the current phase with
 * a message naming the chain and the time, and keeps every draw made so far.
 *
 * <p>Immutable and thread-safe: one sampler may run several targets at once.
 */
public final class LangevinSampler {

    /** The paper's reference step dt0 (langevin.md §10.5): the first adaptive step and the step bounds. */
    public static final double DEFAULT_DT0 = 0.07;

    /** With dyadic steps, the largest fraction of a proposed step given up to end it at a coarse tree node. */
    static final double DYADIC_SHRINK = 0.25;

    private final Solver solver;
    private final double tolerance;
    private final double warmupTolerance;
    private final double step;
    private final double friction;
    private final double chainSeparation;
    private final int chains;
    private final int draws;
    private final int warmup;
    private final long seed;
    private final int threads;
    private final double[][] initialPositions;
    private final double dt0;
    private final LevyArea levyArea;
    private final boolean paperSteps;

    private LangevinSampler(Builder b) {
        this.solver = b.solver;
        this.tolerance = b.tolerance;
        this.warmupTolerance = Double.isNaN(b.warmupTolerance) ? b.tolerance : b.warmupTolerance;
        this.step = b.step;
        this.friction = b.friction;
        this.chainSeparation = b.chainSeparation;
        this.chains = b.chains;
        this.draws = b.draws;
        this.warmup = b.warmup;
        this.seed = b.seed;
        this.threads = b.threads;
        this.initialPositions = b.initialPositions;
        this.dt0 = b.dt0;
        this.levyArea = b.levyArea != null ? b.levyArea : b.solver.properties().levyArea();
        this.paperSteps = b.paperSteps;
    }

    /** @return a builder; the solver and one of tolerance or step are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether steps are adaptive (a tolerance was set) */
    public boolean isAdaptive() {
        return !Double.isNaN(tolerance);
    }

    /**
     * Runs all chains on the target.
     *
     * @param target the log density, safe for concurrent calls
     * @return the draws, counts and status
     */
    public SamplerResult sample(LogDensity target) {
        if (target == null) {
            throw new IllegalArgumentException("target must not be null");
        }
        int d = target.dimension();
        if (initialPositions != null) {
            for (int c = 0; c < initialPositions.length; c++) {
                if (initialPositions[c].length != d) {
                    throw new IllegalArgumentException("initial position " + (initialPositions.length == 1 ? "" : "of chain "
                            + c + " ") + "must have the target's dimension " + d + ", got " + initialPositions[c].length);
                }
            }
        }
        long start = System.nanoTime();
        double tEnd = treeSpan();
        Chain[] chain = new Chain[chains];
        for (int c = 0; c < chains; c++) {
            double[] x0 = initialPositions == null ? new double[d]
                    : initialPositions[initialPositions.length == 1 ? 0 : c].clone();
            chain[c] = new Chain(c, target, x0, tree(Seeds.derive(seed, c), d, tEnd));
        }
        double[] scale = new double[d];
        Arrays.fill(scale, 1.0);
        String failure = null;
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, chains), runnable -> {
            Thread thread = new Thread(runnable, "wiener-langevin-sampler");
            thread.setDaemon(true);
            return thread;
        });
        try {
            if (warmup > 0) {
                // Starting scale from the curvature at the starting points, so that window 1 does not spend
                // its steps on a badly scaled problem (d + 1 gradients per chain, counted as warm-up).
                List<Future<double[]>> curvatures = new ArrayList<>(chains);
                for (Chain ch : chain) {
                    curvatures.add(pool.submit(ch::curvature));
                }
                double[] h = new double[d];
                for (Future<double[]> f : curvatures) {
                    double[] hc = f.get();
                    for (int j = 0; j < d; j++) {
                        h[j] += hc[j] / chains;
                    }
                }
                for (int j = 0; j < d; j++) {
                    scale[j] = h[j] > 0 && Double.isFinite(h[j]) ? 1.0 / Math.sqrt(h[j]) : 1.0;
                }
            }
            int window1 = (warmup + 1) / 2;
            int[][] phases = warmup == 0 ? new int[][] {{0, draws}}
                    : window1 == warmup ? new int[][] {{0, window1}, {window1, warmup + draws}}
                    : new int[][] {{0, window1}, {window1, warmup}, {warmup, warmup + draws}};
            // Phase p covers draw indices (from, to]; the last phase is sampling.
            for (int p = 0; p < phases.length && failure == null; p++) {
                int from = phases[p][0];
                int to = phases[p][1];
                double[] phaseScale = scale.clone();
                List<Future<?>> futures = new ArrayList<>(chains);
                for (Chain ch : chain) {
                    futures.add(pool.submit(() -> ch.run(from, to, phaseScale)));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
                for (Chain ch : chain) {
                    if (ch.failure != null) {
                        failure = ch.failure;
                        break;
                    }
                }
                if (failure == null && to <= warmup && warmup > 0) {
                    // Window 1 estimates from its second half (past the transient), window 2 from all its draws.
                    int skip = p == 0 ? (to - from) / 2 : 0;
                    scale = pooledScale(chain, from + skip, to, d, scale);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sampling", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        double wall = (System.nanoTime() - start) * 1e-9;
        double[][][] kept = new double[chains][][];
        double[][][] warm = new double[chains][][];
        long[] grads = new long[chains];
        long[] warmGrads = new long[chains];
        long[] accepted = new long[chains];
        long[] rejected = new long[chains];
        long[][] atDraw = new long[chains][];
        for (int c = 0; c < chains; c++) {
            Chain ch = chain[c];
            atDraw[c] = Arrays.copyOf(ch.gradientsAtDraw, ch.made);
            int made = ch.made;
            warm[c] = Arrays.copyOfRange(ch.samples, 0, Math.min(made, warmup));
            kept[c] = made > warmup ? Arrays.copyOfRange(ch.samples, warmup, made) : new double[0][];
            grads[c] = ch.gradients;
            warmGrads[c] = ch.warmupGradients;
            accepted[c] = ch.accepted;
            rejected[c] = ch.rejected;
        }
        double[] inverseMass = new double[d];
        for (int j = 0; j < d; j++) {
            inverseMass[j] = scale[j] * scale[j];
        }
        return new SamplerResult(Targets.parameterNames(target), kept, warm, grads, warmGrads, atDraw, accepted, rejected,
                inverseMass, chainSeparation, wall, failure == null, failure == null ? "completed" : failure);
    }

    /**
     * Chain c's tree, with the Lévy area of {@link Builder#levyArea} (default: the solver's own). The paper
     * always uses space-time-time; for ALIGN and UBU, which read only space-time area, that draws a third
     * normal per component and tree node for nothing (a third of the tree's cost, measured in docs/mcmc.md).
     * The level is part of the path's identity: with the default, one seed gives ALIGN/UBU and
     * ShOULD/QUICSORT different Brownian paths; {@code levyArea(SPACE_TIME_TIME)} gives every solver the same.
     */
    private VirtualBrownianTree tree(long chainSeed, int d, double tEnd) {
        double tol = isAdaptive() ? dt0 / 10.0 / 2.0 : constantStep() / 4.0;
        // The tree cannot resolve below (t1 - t0)·2^-52; stay a little above.
        tol = Math.max(tol, tEnd * Math.scalb(1.0, -50));
        return VirtualBrownianTree.builder().interval(0.0, tEnd).dimension(d).tolerance(tol)
                .levyArea(levyArea).seed(chainSeed).build();
    }

    /**
     * The length of every chain's tree. With the paper's stepping, the run itself, (warmup + draws)·chainSeparation.
     * With Wiener's, chainSeparation·2<sup>L</sup> for the smallest L that covers the run: then every draw time
     * k·chainSeparation is a dyadic point of the tree (exactly, when chainSeparation is a power of two), so a
     * step ending there stops its descent at the node whose midpoint it is.
     */
    private double treeSpan() {
        int intervals = warmup + draws;
        if (paperSteps) {
            return (double) intervals * chainSeparation;
        }
        int levels = 32 - Integer.numberOfLeadingZeros(Math.max(intervals - 1, 1));
        return Math.scalb(chainSeparation, levels);
    }

    /** The constant step actually taken: chainSeparation split into ⌈chainSeparation/step⌉ equal steps. */
    private double constantStep() {
        return chainSeparation / stepsPerDraw();
    }

    private int stepsPerDraw() {
        return (int) Math.ceil(chainSeparation / step - 1e-12);
    }

    /** Time of draw k (k = 0 is the start), the same expression in every phase so that times match exactly. */
    private double drawTime(int k) {
        return k * chainSeparation;
    }

    private StepSizeController controller(int from, int to) {
        if (isAdaptive()) {
            double tol = to <= warmup ? warmupTolerance : tolerance; // phases never straddle the end of warm-up
            PidController.Builder pid = PidController.builder(0.0, tol).coefficients(0.1, 0.4, 0.0)
                    .stepBounds(dt0 / 10.0, 50.0 * dt0).initialStep(dt0).forceDtmin(true);
            if (!paperSteps) {
                pid.dyadicStepEnds(0.0, treeSpan(), DYADIC_SHRINK).resumeProposedStep(true);
            }
            return pid.build();
        }
        int m = stepsPerDraw();
        double[] grid = new double[(to - from) * m + 1];
        int i = 0;
        for (int k = from; k < to; k++) {
            double a = drawTime(k);
            double b = drawTime(k + 1);
            for (int j = 0; j < m; j++) {
                grid[i++] = j == 0 ? a : a + (b - a) * j / m;
            }
        }
        grid[i] = drawTime(to);
        return new StepTo(grid);
    }

    /** Pooled (one grand mean over all chains' draws in (from, to]) shrunk variance → scale s. */
    private static double[] pooledScale(Chain[] chain, int from, int to, int d, double[] previous) {
        long n = 0;
        double[] mean = new double[d];
        for (Chain ch : chain) {
            for (int k = from; k < to; k++) {
                n++;
                double[] x = ch.samples[k];
                for (int j = 0; j < d; j++) {
                    mean[j] += (x[j] - mean[j]) / n; // running mean, stable for long chains
                }
            }
        }
        if (n < 2) {
            return previous;
        }
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double ss = 0.0;
            for (Chain ch : chain) {
                for (int k = from; k < to; k++) {
                    double dx = ch.samples[k][j] - mean[j];
                    ss += dx * dx;
                }
            }
            double var = ss / (n - 1);
            double shrunk = (n / (n + 5.0)) * var + 1e-3 * (5.0 / (n + 5.0));
            scale[j] = Math.sqrt(shrunk);
        }
        return scale;
    }

    /** One chain's state across phases; touched by one thread at a time (phases are separated by joins). */
    private final class Chain {
        final int index;
        final LogDensity target;
        final VirtualBrownianTree tree;
        final double[][] samples;
        /** Gradient evaluations of this chain up to and including the step that reached each draw. */
        final long[] gradientsAtDraw;
        final double[] x;
        final double[] vz;
        int made;
        long gradients;
        long warmupGradients;
        long accepted;
        long rejected;
        String failure;

        Chain(int index, LogDensity target, double[] x0, VirtualBrownianTree tree) {
            this.index = index;
            this.target = target;
            this.tree = tree;
            this.samples = new double[warmup + draws][];
            this.gradientsAtDraw = new long[warmup + draws];
            this.x = x0;
            this.vz = new double[x0.length];
        }

        /**
         * The diagonal of −∇² log p at the starting point by forward differences of the gradient (d + 1
         * gradient evaluations, counted), each step 10⁻⁴·max(1, |x_j|).
         */
        double[] curvature() {
            int d = x.length;
            double[] g0 = new double[d];
            double[] g1 = new double[d];
            double[] y = x.clone();
            target.gradient(y, g0);
            double[] h = new double[d];
            for (int j = 0; j < d; j++) {
                double eps = 1e-4 * Math.max(1.0, Math.abs(x[j]));
                y[j] = x[j] + eps;
                target.gradient(y, g1);
                y[j] = x[j];
                h[j] = -(g1[j] - g0[j]) / eps;
            }
            gradients += d + 1;
            warmupGradients += d + 1;
            return h;
        }

        void run(int from, int to, double[] scale) {
            int d = x.length;
            double[] z0 = new double[d];
            for (int j = 0; j < d; j++) {
                z0[j] = x[j] / scale[j];
            }
            ScaledTarget scaled = new ScaledTarget(target, scale);
            SdeProblem problem = LangevinProblem.builder().target(scaled).friction(friction).inverseMass(1.0)
                    .initialPosition(z0).initialVelocity(vz.clone()).interval(drawTime(from), drawTime(to))
                    .build().toSdeProblem();
            double[] saveTimes = new double[to - from];
            for (int k = from + 1; k <= to; k++) {
                saveTimes[k - from - 1] = drawTime(k);
            }
            long before = gradients;
            int[] next = {0};
            // Records the running gradient count when an accepted step reaches a draw time (the driver clips
            // steps to the draw times; t + h may differ from the draw time by rounding, hence the slack).
            double slack = 1e-9 * chainSeparation;
            Integrator integrator = Integrator.builder().solver(solver).controller(controller(from, to))
                    .saveAt(SaveAt.times(saveTimes)).maxSteps(Long.MAX_VALUE)
                    .observer((t, h, ok, scaledError, error, stiffness) -> {
                        if (ok && next[0] < saveTimes.length && t + h >= saveTimes[next[0]] - slack) {
                            gradientsAtDraw[from + next[0]++] = before + scaled.calls;
                        }
                    }).build();
            Solution solution = integrator.solve(problem, tree);
            long g = solution.stats().driftEvaluations();
            if (g != scaled.calls) {
                throw new IllegalStateException("gradient count mismatch: the solver reports " + g
                        + " drift evaluations but the target was called " + scaled.calls + " times");
            }
            gradients += g;
            if (to <= warmup) {
                warmupGradients += g; // phases never straddle the end of warm-up
            }
            accepted += solution.stats().acceptedSteps();
            rejected += solution.stats().rejectedSteps();
            int k = from;
            for (int i = 0; i < solution.size(); i++) {
                double t = solution.time(i);
                if (k < to && t == saveTimes[k - from]) {
                    double[] state = solution.state(i);
                    double[] draw = new double[d];
                    for (int j = 0; j < d; j++) {
                        draw[j] = scale[j] * state[j];
                    }
                    samples[k++] = draw;
                }
            }
            made = k;
            if (solution.status() != Status.SUCCESS) {
                double[] last = solution.finalState();
                failure = "chain " + index + " stopped at t = " + solution.time(solution.size() - 1) + " ("
                        + (k <= warmup ? "warm-up" : "sampling") + ", after " + (k <= warmup ? k : k - warmup)
                        + (k <= warmup ? " warm-up" : "") + " draws): " + solution.message()
                        + (scaled.firstNonFinite != null ? "; the log density or its gradient was non-finite at x = "
                        + Arrays.toString(scaled.firstNonFinite) : "");
                if (!Double.isFinite(last[0])) {
                    return;
                }
            }
            double[] end = solution.finalState();
            for (int j = 0; j < d; j++) {
                x[j] = scale[j] * end[j];
                vz[j] = end[d + j];
            }
        }
    }

    /**
     * The target in z = x / s: log p(s ⊙ z), gradient s ⊙ ∇log p. A non-finite value or gradient becomes a
     * NaN gradient (so the solve stops instead of continuing from a meaningless drift) and is remembered.
     * The solvers call {@link #gradient} only, which never evaluates the log density itself: a non-finite log
     * density still shows, through {@link LogDensity#gradient}'s contract (non-finite log p ⇒ non-finite
     * gradient; the default implementation and {@link org.wiener.langevin.target.LogisticRegression} honour it).
     * One instance per chain and phase, used by one thread.
     */
    private static final class ScaledTarget implements LogDensity {
        private final LogDensity target;
        private final double[] scale;
        private final double[] x;
        volatile double[] firstNonFinite;
        long calls;

        ScaledTarget(LogDensity target, double[] scale) {
            this.target = target;
            this.scale = scale;
            this.x = new double[scale.length];
        }

        @Override
        public int dimension() {
            return scale.length;
        }

        @Override
        public double logDensityAndGradient(double[] z, double[] gradient) {
            calls++;
            int d = scale.length;
            for (int j = 0; j < d; j++) {
                x[j] = scale[j] * z[j];
            }
            double lp = target.logDensityAndGradient(x, gradient);
            boolean finite = Double.isFinite(lp);
            for (int j = 0; j < d; j++) {
                gradient[j] *= scale[j];
                finite &= Double.isFinite(gradient[j]);
            }
            if (!finite) {
                if (firstNonFinite == null) {
                    firstNonFinite = x.clone();
                }
                Arrays.fill(gradient, Double.NaN);
            }
            return lp;
        }

        @Override
        public void gradient(double[] z, double[] gradient) {
            calls++;
            int d = scale.length;
            for (int j = 0; j < d; j++) {
                x[j] = scale[j] * z[j];
            }
            target.gradient(x, gradient);
            boolean finite = true;
            for (int j = 0; j < d; j++) {
                gradient[j] *= scale[j];
                finite &= Double.isFinite(gradient[j]);
            }
            if (!finite) {
                if (firstNonFinite == null) {
                    firstNonFinite = x.clone();
                }
                Arrays.fill(gradient, Double.NaN);
            }
        }

        @Override
        public String name() {
            return target.name();
        }
    }

    /** Builds a {@link LangevinSampler}; every setter validates its argument. */
    public static final class Builder {
        private Solver solver;
        private double tolerance = Double.NaN;
        private double warmupTolerance = Double.NaN;
        private double step = Double.NaN;
        private double friction = 1.0;
        private LevyArea levyArea;
        private double chainSeparation = 0.5;
        private int chains = 4;
        private int draws = 1000;
        private int warmup = 1000;
        private long seed;
        private boolean seedSet;
        private int threads = 1;
        private double[][] initialPositions;
        private double dt0 = DEFAULT_DT0;
        private boolean paperSteps;

        private Builder() {
        }

        /**
         * @param solver a Langevin solver (e.g. {@code LangevinSolvers.byName("quicsort_doubled")})
         * @return this builder
         */
        public Builder solver(Solver solver) {
            if (solver == null) {
                throw new IllegalArgumentException("solver must not be null");
            }
            this.solver = solver;
            return this;
        }

        /**
         * Adaptive steps: PID control with atol = tolerance, rtol = 0 (in preconditioned units).
         *
         * @param tolerance &gt; 0 and finite
         * @return this builder
         */
        public Builder tolerance(double tolerance) {
            this.tolerance = positiveFinite("tolerance", tolerance);
            this.step = Double.NaN;
            return this;
        }

        /**
         * The tolerance of the warm-up phases (default: {@link #tolerance}). Warm-up draws are discarded; they
         * only carry the chains to the typical set and estimate the preconditioner, which a looser tolerance's
         * small bias (a percent or two in the variances) does not spoil, so a looser warm-up saves gradients
         * without changing the law sampled afterwards (measured in docs/mcmc.md). Needs adaptive steps.
         *
         * @param warmupTolerance &gt; 0 and finite
         * @return this builder
         */
        public Builder warmupTolerance(double warmupTolerance) {
            this.warmupTolerance = positiveFinite("warmupTolerance", warmupTolerance);
            return this;
        }

        /**
         * Constant steps of at most {@code step} (chainSeparation is split into ⌈chainSeparation/step⌉ equal steps).
         *
         * @param step &gt; 0 and finite
         * @return this builder
         */
        public Builder step(double step) {
            this.step = positiveFinite("step", step);
            this.tolerance = Double.NaN;
            return this;
        }

        /**
         * @param friction γ &gt; 0 and finite (default 1, as in the paper)
         * @return this builder
         */
        public Builder friction(double friction) {
            this.friction = positiveFinite("friction", friction);
            return this;
        }

        /**
         * @param chainSeparation time between draws, &gt; 0 and finite (default 0.5, as in the paper)
         * @return this builder
         */
        public Builder chainSeparation(double chainSeparation) {
            this.chainSeparation = positiveFinite("chainSeparation", chainSeparation);
            return this;
        }

        /**
         * @param chains number of chains, ≥ 1 (default 4)
         * @return this builder
         */
        public Builder chains(int chains) {
            if (chains < 1) {
                throw new IllegalArgumentException("chains must be >= 1, got " + chains);
            }
            this.chains = chains;
            return this;
        }

        /**
         * @param draws post-warm-up draws per chain, ≥ 1 (default 1000)
         * @return this builder
         */
        public Builder draws(int draws) {
            if (draws < 1) {
                throw new IllegalArgumentException("draws must be >= 1, got " + draws);
            }
            this.draws = draws;
            return this;
        }

        /**
         * @param warmup warm-up draw intervals per chain, ≥ 0 (default 1000; 0 = no adaptation, s = 1)
         * @return this builder
         */
        public Builder warmup(int warmup) {
            if (warmup < 0) {
                throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
            }
            this.warmup = warmup;
            return this;
        }

        /**
         * @param seed the master seed; chain c uses {@code Seeds.derive(seed, c)}
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            this.seedSet = true;
            return this;
        }

        /**
         * @param threads worker threads, ≥ 1 (default 1); the draws do not depend on it
         * @return this builder
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * @param x0 the starting position of every chain (default: zeros)
         * @return this builder
         */
        public Builder initialPosition(double[] x0) {
            return initialPositions(new double[][] {x0});
        }

        /**
         * @param x0 one starting position per chain, or a single one for all chains
         * @return this builder
         */
        public Builder initialPositions(double[][] x0) {
            if (x0 == null || x0.length == 0) {
                throw new IllegalArgumentException("initial positions must be non-empty");
            }
            double[][] copy = new double[x0.length][];
            for (int c = 0; c < x0.length; c++) {
                if (x0[c] == null) {
                    throw new IllegalArgumentException("initial position " + c + " must not be null");
                }
                for (double v : x0[c]) {
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("initial position " + c + " must be finite, got "
                                + Arrays.toString(x0[c]));
                    }
                }
                copy[c] = x0[c].clone();
            }
            this.initialPositions = copy;
            return this;
        }

        /**
         * @param dt0 the reference step of adaptive runs, &gt; 0: first step dt0, dtmin = dt0/10,
         *     dtmax = 50·dt0, tree tolerance dtmin/2 (default 0.07, the paper's)
         * @return this builder
         */
        public Builder referenceStep(double dt0) {
            this.dt0 = positiveFinite("referenceStep", dt0);
            return this;
        }

        /**
         * The Lévy area each chain's tree generates. Default: what the solver reads (space-time for ALIGN and
         * UBU, space-time-time for ShOULD and QUICSORT), the cheapest tree. {@code SPACE_TIME_TIME} is the
         * paper's choice for every solver: one seed then gives the same Brownian path whichever solver runs.
         *
         * @param levyArea at least the solver's own (checked by {@link #build})
         * @return this builder
         */
        public Builder levyArea(LevyArea levyArea) {
            if (levyArea == null) {
                throw new IllegalArgumentException("levyArea must not be null");
            }
            this.levyArea = levyArea;
            return this;
        }

        /**
         * The paper's stepping (true) or Wiener's (false, the default). Both solve each chain on an exact
         * Brownian path. Wiener's makes steps cheaper in two ways, each measured in docs/mcmc.md:
         * <ul>
         *   <li>each chain's tree spans chainSeparation·2<sup>L</sup> (the smallest power-of-two multiple
         *   covering the run), so every draw time is a dyadic point of the tree (exactly, when
         *   chainSeparation is a power of two); adaptive step ends are moved back by up to a quarter of the
         *   step to the coarsest dyadic node in reach ({@link PidController.Builder#dyadicStepEnds}), and
         *   constant steps of chainSeparation/2<sup>k</sup> end at such nodes anyway. A query then draws a few
         *   nodes instead of descending to a leaf;</li>
         *   <li>after a step shortened to land on a draw time, the next step resumes the size the controller
         *   had proposed ({@link PidController.Builder#resumeProposedStep}) instead of growing slowly from the
         *   short one.</li>
         * </ul>
         * {@code true} reproduces the paper's protocol: a tree on exactly [0, (warmup + draws)·chainSeparation]
         * and Diffrax's PID steps. The two settings give different draws.
         *
         * @param paperSteps true for the paper's stepping
         * @return this builder
         */
        public Builder paperSteps(boolean paperSteps) {
            this.paperSteps = paperSteps;
            return this;
        }

        /** @return value, if it is &gt; 0 and finite; otherwise an exception naming the argument */
        private static double positiveFinite(String name, double value) {
            if (!(value > 0.0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(name + " must be > 0 and finite, got " + value);
            }
            return value;
        }

        /** @return the sampler */
        public LangevinSampler build() {
            if (solver == null) {
                throw new IllegalArgumentException("solver must be set: call solver(...)");
            }
            if (Double.isNaN(tolerance) && Double.isNaN(step)) {
                throw new IllegalArgumentException("set tolerance(tol) for adaptive steps or step(h) for constant steps");
            }
            if (levyArea != null && !levyArea.covers(solver.properties().levyArea())) {
                throw new IllegalArgumentException("levyArea " + levyArea + " is below what solver "
                        + solver.properties().name() + " reads (" + solver.properties().levyArea() + ")");
            }
            if (!seedSet) {
                throw new IllegalArgumentException("seed must be set: call seed(x)");
            }
            if (initialPositions != null && initialPositions.length != 1 && initialPositions.length != chains) {
                throw new IllegalArgumentException("initial positions: give 1 or chains = " + chains + ", got "
                        + initialPositions.length);
            }
            if (!Double.isNaN(warmupTolerance) && Double.isNaN(tolerance)) {
                throw new IllegalArgumentException("warmupTolerance needs adaptive steps: set tolerance(tol) too, "
                        + "not step(h)");
            }
            if (!Double.isNaN(tolerance) && !solver.properties().hasEmbeddedError()) {
                throw new IllegalArgumentException("solver " + solver.properties().name() + " has no error estimate, so "
                        + "it cannot be adaptive: use a _doubled solver (e.g. quicsort_doubled), align, or step(h)");
            }
            return new LangevinSampler(this);
        }
    }
}
