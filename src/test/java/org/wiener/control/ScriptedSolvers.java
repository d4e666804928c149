package org.wiener.control;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.wiener.brownian.BrownianPath;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.sde.Calculus;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.AbstractStepper;
import org.wiener.solver.Solver;
import org.wiener.solver.SolverProperties;
import org.wiener.solver.Stepper;

/**
 * Test-only solvers, problems and paths for the controller and driver tests, so that those tests do
 * not depend on the production solvers: a solver whose error estimate is scripted exactly, an
 * Euler–Heun pair with a real embedded error, and a Brownian path that logs every query. Not a test
 * class itself (the name does not match the surefire patterns).
 */
public final class ScriptedSolvers {

    private ScriptedSolvers() {
    }

    /** Writes the error estimate of attempt number {@code attempt} (0-based, counting every attempt). */
    @FunctionalInterface
    public interface ErrorScript {
        void error(int attempt, double t0, double t1, double[] y0, double[] y1, double[] error);
    }

    /** Properties of a Stratonovich test solver with an embedded error estimate. */
    public static SolverProperties.Builder properties(String name) {
        return SolverProperties.builder(name).calculus(Calculus.STRATONOVICH).orders(0.5, 1.0, 1.0, 1.0)
                .odeOrder(2.0).evaluations(1, 1).embeddedError(true);
    }

    /**
     * Euler steps (y1 = y0 + h·f(t0, y0) + g(t0, y0)·W) with a scripted error estimate; logs resets,
     * attempted steps and accepts. One stepper per solve (the log is shared by the solver's steppers).
     */
    public static final class ScriptedSolver implements Solver {
        private final SolverProperties properties;
        private final ErrorScript script;
        /** Times at which {@link Stepper#reset} was called. */
        public final List<Double> resets = Collections.synchronizedList(new ArrayList<>());
        /** Every attempted step as {t0, t1}. */
        public final List<double[]> steps = Collections.synchronizedList(new ArrayList<>());
        /** Every reset, step and accept in order: "reset@t", "step@t0:t1", "accept". */
        public final List<String> events = Collections.synchronizedList(new ArrayList<>());
        /** Number of {@link Stepper#accept()} calls. */
        public final AtomicLong accepts = new AtomicLong();

        public ScriptedSolver(SolverProperties properties, ErrorScript script) {
            this.properties = properties;
            this.script = script;
        }

        /** A scripted solver with the default test properties. */
        public ScriptedSolver(ErrorScript script) {
            this(ScriptedSolvers.properties("scripted").build(), script);
        }

        @Override
        public SolverProperties properties() {
            return properties;
        }

        @Override
        public Stepper newStepper(SdeProblem problem) {
            return new AbstractStepper(problem) {
                private final double[] f = new double[n];
                private final double[] g = new double[n * Math.max(m, 1)];
                private final double[] gw = new double[n];
                private int attempt;
                private double lastT0;

                @Override
                public void reset(double t, double[] y) {
                    resets.add(t);
                    events.add("reset@" + t);
                }

                @Override
                public void step(double t0, double t1, double[] y0, MutableBrownianIncrement noise, double[] y1,
                                 double[] error) {
                    steps.add(new double[] {t0, t1});
                    events.add("step@" + t0 + ":" + t1);
                    lastT0 = t0;
                    double h = t1 - t0;
                    drift(t0, y0, f);
                    if (noise != null) {
                        diffusion(t0, y0, g);
                        multiply(g, noise.w(), gw);
                    }
                    for (int i = 0; i < n; i++) {
                        y1[i] = y0[i] + h * f[i] + (noise == null ? 0.0 : gw[i]);
                    }
                    script.error(attempt++, t0, t1, y0, y1, error);
                }

                @Override
                public void accept() {
                    accepts.incrementAndGet();
                    events.add("accept");
                }

                @Override
                public double stiffness() {
                    return 1000.0 + lastT0; // a recognisable value per step
                }
            };
        }
    }

    /**
     * The Euler–Heun pair (Stratonovich): Heun's predictor–corrector, y1 = y0 + h/2 (f0 + f1) +
     * ½ (g0 + g1)·W with the Euler predictor ỹ; the error estimate is y1 − ỹ. Two drift and two
     * diffusion evaluations per step.
     */
    public static final class HeunWithError implements Solver {
        private static final SolverProperties PROPERTIES = SolverProperties.builder("test_heun")
                .calculus(Calculus.STRATONOVICH).orders(0.5, 1.0, 1.0, 1.0).odeOrder(2.0).evaluations(2, 2)
                .embeddedError(true).build();

        @Override
        public SolverProperties properties() {
            return PROPERTIES;
        }

        @Override
        public Stepper newStepper(SdeProblem problem) {
            return new AbstractStepper(problem) {
                private final double[] f0 = new double[n];
                private final double[] f1 = new double[n];
                private final double[] g0 = new double[n * Math.max(m, 1)];
                private final double[] g1 = new double[n * Math.max(m, 1)];
                private final double[] gw0 = new double[n];
                private final double[] gw1 = new double[n];
                private final double[] pred = new double[n];

                @Override
                public void step(double t0, double t1, double[] y0, MutableBrownianIncrement noise, double[] y1,
                                 double[] error) {
                    double h = t1 - t0;
                    drift(t0, y0, f0);
                    if (noise != null) {
                        diffusion(t0, y0, g0);
                        multiply(g0, noise.w(), gw0);
                    }
                    for (int i = 0; i < n; i++) {
                        pred[i] = y0[i] + h * f0[i] + (noise == null ? 0.0 : gw0[i]);
                    }
                    drift(t1, pred, f1);
                    if (noise != null) {
                        diffusion(t1, pred, g1);
                        multiply(g1, noise.w(), gw1);
                    }
                    for (int i = 0; i < n; i++) {
                        y1[i] = y0[i] + 0.5 * h * (f0[i] + f1[i]) + (noise == null ? 0.0 : 0.5 * (gw0[i] + gw1[i]));
                        error[i] = y1[i] - pred[i];
                    }
                }
            };
        }
    }

    /** A path that forwards to another and logs every increment query as {s, t, W...}. */
    public static class LoggingPath implements BrownianPath {
        private final BrownianPath inner;
        /** Every query: {s, t, W_0, ..., W_{d-1}}. */
        public final List<double[]> queries = Collections.synchronizedList(new ArrayList<>());

        public LoggingPath(BrownianPath inner) {
            this.inner = inner;
        }

        @Override
        public double t0() {
            return inner.t0();
        }

        @Override
        public double t1() {
            return inner.t1();
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }

        @Override
        public LevyArea levyArea() {
            return inner.levyArea();
        }

        @Override
        public void increment(double s, double t, MutableBrownianIncrement out) {
            inner.increment(s, t, out);
            double[] entry = new double[2 + out.dimension()];
            entry[0] = s;
            entry[1] = t;
            System.arraycopy(out.w(), 0, entry, 2, out.dimension());
            queries.add(entry);
        }

        @Override
        public void value(double t, double[] out) {
            inner.value(t, out);
        }

        @Override
        public boolean isSeedDeterministic() {
            return inner.isSeedDeterministic();
        }

        @Override
        public boolean supportsArbitraryTimes() {
            return inner.supportsArbitraryTimes();
        }
    }

    /** Counts drift and diffusion evaluations at the problem itself (independently of any stepper). */
    public static final class Counters {
        public final AtomicLong drift = new AtomicLong();
        public final AtomicLong diffusion = new AtomicLong();
    }

    /** dy/dt = lambda·y on [t0, t1], drift evaluations counted. */
    public static SdeProblem linearOde(double lambda, double y0, double t0, double t1, Counters counters) {
        return SdeProblem.builder()
                .drift((t, y, out) -> {
                    if (counters != null) {
                        counters.drift.incrementAndGet();
                    }
                    out[0] = lambda * y[0];
                })
                .initialState(y0).interval(t0, t1).build();
    }

    /**
     * Stratonovich geometric Brownian motion dy = mu·y dt + sigma·y ∘ dW on [0, t1], scalar noise,
     * evaluations counted (counters may be null).
     */
    public static SdeProblem gbm(double mu, double sigma, double t1, Counters counters) {
        return SdeProblem.builder()
                .drift((t, y, out) -> {
                    if (counters != null) {
                        counters.drift.incrementAndGet();
                    }
                    out[0] = mu * y[0];
                })
                .diffusion((t, y, out) -> {
                    if (counters != null) {
                        counters.diffusion.incrementAndGet();
                    }
                    out[0] = sigma * y[0];
                }, NoiseType.SCALAR, 1)
                .calculus(Calculus.STRATONOVICH)
                .initialState(1.0).interval(0.0, t1).build();
    }
}
