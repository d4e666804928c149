package org.wiener.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.random.CounterStream;
import org.wiener.sde.Calculus;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.Solver;
import org.wiener.solver.SolverProperties;
import org.wiener.solver.Solvers;
import org.wiener.solver.Stepper;

/**
 * The cost of one step of each solver, without the Brownian tree and without the driver: only
 * {@code stepper.step(t, t + h, y, noise, y1, error)} followed by {@code stepper.accept()}, in nanoseconds
 * per step.
 *
 * <p>Each solver gets a problem of a class it supports, of dimension n = {@link #dimension}:
 * <ul>
 *   <li>general-noise SDE solvers (euler, euler_heun, heun, midpoint, ralston, ito_milstein,
 *   stratonovich_milstein, reversible_heun, spark, general_shark, slow_rk): diagonal, state-dependent
 *   noise with a nonlinear coupled drift,
 *   f<sub>i</sub> = y<sub>i</sub> − y<sub>i</sub>³ + ¼·y<sub>(i+1) mod n</sub> and
 *   g<sub>ii</sub> = 0.3·√(1 + y<sub>i</sub>²) (given with {@code diagonalDiffusion}, so the steppers see
 *   the n×n matrix), with the exact directional derivative of g for the Milstein schemes, written in the
 *   solver's calculus;</li>
 *   <li>additive-noise solvers (sra1, shark, sea): the same drift, g = 0.3·I (n×n, ADDITIVE);</li>
 *   <li>ODE solvers (tsit5, dopri5, dopri8): the same drift, no diffusion.</li>
 * </ul>
 * The step is h = 2<sup>-8</sup>; the times are exact multiples of h, so a carried state (FSAL,
 * reversible Heun) is always reused as in a real solve. The Brownian increments are 64 precomputed
 * {@link MutableBrownianIncrement}s holding W, H and K (all levels, set by hand from a fixed-seed
 * generator: W ~ N(0, h), H ~ N(0, h/12), K ~ N(0, h/720)), used in turn, so no tree is queried.
 * Every 256 steps the state restarts from y(0) with {@code stepper.reset}: reversible Heun is not stable on
 * dissipative problems (on y' = λy its two roots multiply to −1, so the parasitic one is about −(1 + |λh|);
 * here |λh| ≈ 0.01 and the state overflows within 2<sup>16</sup> steps). The restart adds under 0.5% to any
 * solver's cost (at most one drift and one diffusion evaluation per 256 steps).
 * Step-doubling ({@code *_doubled}) is not here: it queries the path itself (three inner steps and
 * two tree queries per step).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SolverStepBenchmark {

    /** Steps per invocation. */
    static final int STEPS = 1024;
    /** Precomputed increments, used in turn (a power of two). */
    static final int INCREMENTS = 64;
    /** Steps between restarts from y0 (a power of two). */
    static final int RESTART = 256;
    /** The step: 2^-8. Times k·h are exact. */
    static final double H = 0x1.0p-8;

    @Param({"euler", "euler_heun", "heun", "midpoint", "ralston", "ito_milstein", "stratonovich_milstein",
            "reversible_heun", "sra1", "shark", "sea", "spark", "general_shark", "slow_rk",
            "tsit5", "dopri5", "dopri8"})
    public String solver;

    @Param({"1", "10"})
    public int dimension;

    private Stepper stepper;
    private MutableBrownianIncrement[] noise;
    private double[] y0;
    private double[] y;
    private double[] y1;
    private double[] error;
    private double t;
    private long k;

    @Setup(Level.Trial)
    public void setUp() {
        try {
            java.util.Set<String> listed = java.util.Set.of(
                    SolverStepBenchmark.class.getField("solver").getAnnotation(Param.class).value());
            if (!listed.equals(Solvers.names())) {
                System.out.println("WARNING: @Param solver lists " + listed + " but Solvers.names() is "
                        + Solvers.names());
            }
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
        Solver s = Solvers.byName(solver);
        SolverProperties p = s.properties();
        SdeProblem problem = problemFor(p, dimension);
        stepper = s.newStepper(problem);
        int n = dimension;
        if (problem.isOde()) {
            noise = null;
        } else {
            // All levels filled by hand, whatever the solver reads.
            CounterStream rnd = new CounterStream(20240517L, 3L);
            double sdW = Math.sqrt(H);
            double sdH = Math.sqrt(H / 12.0);
            double sdK = Math.sqrt(H / 720.0);
            noise = new MutableBrownianIncrement[INCREMENTS];
            for (int q = 0; q < INCREMENTS; q++) {
                MutableBrownianIncrement inc = new MutableBrownianIncrement(problem.noiseDimension(),
                        LevyArea.SPACE_TIME_TIME);
                inc.setDt(H);
                for (int j = 0; j < problem.noiseDimension(); j++) {
                    inc.w()[j] = sdW * rnd.nextNormal();
                    inc.h()[j] = sdH * rnd.nextNormal();
                    inc.k()[j] = sdK * rnd.nextNormal();
                }
                noise[q] = inc;
            }
        }
        y0 = problem.initialState();
        y = y0.clone();
        y1 = new double[n];
        error = new double[n];
        t = 0.0;
        k = 0;
        // Run in, and check that the state stays finite (the drift is mean-reverting).
        for (int i = 0; i < 64 * STEPS; i++) {
            oneStep();
        }
        checkFinite();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        checkFinite();
    }

    private void checkFinite() {
        for (double v : y) {
            if (!Double.isFinite(v)) {
                throw new IllegalStateException(solver + ": the state became non-finite at t = " + t);
            }
        }
    }

    private void oneStep() {
        double t0 = t;
        double t1 = t0 + H;
        if ((k & (RESTART - 1)) == 0) {
            System.arraycopy(y0, 0, y, 0, y.length);
            stepper.reset(t0, y);
        }
        MutableBrownianIncrement inc = noise == null ? null : noise[(int) (k & (INCREMENTS - 1))];
        k++;
        stepper.step(t0, t1, y, inc, y1, error);
        stepper.accept();
        double[] swap = y;
        y = y1;
        y1 = swap;
        t = t1;
    }

    /** One step plus accept, per operation (and a restart every {@value #RESTART} steps). */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public void step(Blackhole bh) {
        Stepper st = stepper;
        MutableBrownianIncrement[] incs = noise;
        double[] a = y;
        double[] b = y1;
        double[] err = error;
        double[] start = y0;
        double time = t;
        long q = k;
        for (int i = 0; i < STEPS; i++) {
            if ((q & (RESTART - 1)) == 0) {
                System.arraycopy(start, 0, a, 0, a.length);
                st.reset(time, a);
            }
            double t1 = time + H;
            MutableBrownianIncrement inc = incs == null ? null : incs[(int) (q & (INCREMENTS - 1))];
            q++;
            st.step(time, t1, a, inc, b, err);
            st.accept();
            double[] swap = a;
            a = b;
            b = swap;
            time = t1;
            bh.consume(a);
        }
        y = a;
        y1 = b;
        t = time;
        k = q;
    }

    /**
     * The problem of the class the solver supports: ODE for ODE-only solvers, additive noise for solvers
     * without a general-noise order, else diagonal state-dependent noise; in the solver's calculus.
     */
    static SdeProblem problemFor(SolverProperties p, int n) {
        double[] y0 = new double[n];
        for (int i = 0; i < n; i++) {
            y0[i] = 0.5 + 0.05 * i;
        }
        SdeProblem.Builder b = SdeProblem.builder()
                .drift((t, y, out) -> {
                    int dim = y.length;
                    for (int i = 0; i < dim; i++) {
                        double yi = y[i];
                        int next = i + 1 == dim ? 0 : i + 1;
                        out[i] = yi - yi * yi * yi + 0.25 * y[next];
                    }
                })
                .initialState(y0)
                .interval(0.0, 1.0);
        if (!p.supportsSde()) {
            return b.build();
        }
        if (!p.supports(NoiseType.DIAGONAL)) {
            // Additive: g = 0.3·I, n×n.
            return b.diffusion((t, y, out) -> {
                int dim = y.length;
                for (int i = 0; i < dim; i++) {
                    for (int j = 0; j < dim; j++) {
                        out[i * dim + j] = i == j ? 0.3 : 0.0;
                    }
                }
            }, NoiseType.ADDITIVE, n).calculus(p.calculus()).build();
        }
        return b.diagonalDiffusion((t, y, out) -> {
                    for (int i = 0; i < y.length; i++) {
                        out[i] = 0.3 * Math.sqrt(1.0 + y[i] * y[i]);
                    }
                }, n)
                .diffusionDerivative((t, y, v, out) -> {
                    int dim = y.length;
                    java.util.Arrays.fill(out, 0, dim * dim, 0.0);
                    for (int i = 0; i < dim; i++) {
                        out[i * dim + i] = 0.3 * y[i] / Math.sqrt(1.0 + y[i] * y[i]) * v[i];
                    }
                })
                .calculus(p.calculus() == null ? Calculus.STRATONOVICH : p.calculus())
                .build();
    }
}
