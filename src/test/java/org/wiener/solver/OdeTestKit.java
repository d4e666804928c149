package org.wiener.solver;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hipparchus.ode.ODEIntegrator;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.wiener.sde.Drift;
import org.wiener.sde.SdeProblem;

/**
 * Test-only plumbing for the explicit Runge–Kutta pairs (Tsit5, Dopri5, Dopri8): a fixed-step loop, a small
 * adaptive loop reproducing Hipparchus's step-size law (the real driver is written elsewhere), the rooted
 * trees of the order conditions, the stability polynomial, and Hipparchus's classic test problems.
 */
final class OdeTestKit {

    private OdeTestKit() {
    }

    // ------------------------------------------------------------------ problems

    /** A test problem: right-hand side, interval, initial state and (if known) exact solution. */
    static final class Problem {
        final String name;
        final Drift f;
        final double t0;
        final double t1;
        final double[] y0;
        final Exact exact;

        Problem(String name, Drift f, double t0, double t1, double[] y0, Exact exact) {
            this.name = name;
            this.f = f;
            this.t0 = t0;
            this.t1 = t1;
            this.y0 = y0;
            this.exact = exact;
        }

        SdeProblem sde() {
            return SdeProblem.builder().drift(f).initialState(y0).interval(t0, t1).build();
        }

        OrdinaryDifferentialEquation hipparchus() {
            int n = y0.length;
            return new OrdinaryDifferentialEquation() {
                @Override
                public int getDimension() {
                    return n;
                }

                @Override
                public double[] computeDerivatives(double t, double[] y) {
                    double[] out = new double[n];
                    f.evaluate(t, y, out);
                    return out;
                }
            };
        }

        double[] exactAtEnd() {
            return exact.at(t1);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** An exact solution. */
    @FunctionalInterface
    interface Exact {
        double[] at(double t);
    }

    /** Hipparchus TestProblem1 shape: y' = −y, y(0) = (1, 0.1), on [0, 4]. */
    static Problem decay() {
        double[] y0 = {1.0, 0.1};
        return new Problem("decay", (t, y, out) -> {
            out[0] = -y[0];
            out[1] = -y[1];
        }, 0.0, 4.0, y0, t -> new double[] {y0[0] * Math.exp(-t), y0[1] * Math.exp(-t)});
    }

    /** Hipparchus TestProblem2 shape: y' = t³ − t·y, y(0) = 0, on [0, 4]; y = t² − 2 + 2e^(−t²/2). */
    static Problem polynomialForcing() {
        return new Problem("t^3 - t y", (t, y, out) -> out[0] = t * t * t - t * y[0], 0.0, 4.0, new double[] {0.0},
            t -> new double[] {t * t - 2.0 + 2.0 * Math.exp(-0.5 * t * t)});
    }

    /**
     * Hipparchus TestProblem3 shape: the Kepler two-body problem x'' = −x/r³ with eccentricity e, started
     * at pericentre; exact through Kepler's equation.
     *
     * @param e eccentricity
     * @param t1 end time
     * @return the problem
     */
    static Problem kepler(double e, double t1) {
        double[] y0 = {1.0 - e, 0.0, 0.0, Math.sqrt((1.0 + e) / (1.0 - e))};
        return new Problem("kepler e=" + e, (t, y, out) -> {
            double r2 = y[0] * y[0] + y[1] * y[1];
            double r3 = r2 * Math.sqrt(r2);
            out[0] = y[2];
            out[1] = y[3];
            out[2] = -y[0] / r3;
            out[3] = -y[1] / r3;
        }, 0.0, t1, y0, t -> {
            // mean anomaly M = t (unit semi-major axis), eccentric anomaly E - e sin E = M
            double ea = t;
            for (int i = 0; i < 100; i++) {
                double d = (ea - e * Math.sin(ea) - t) / (1.0 - e * Math.cos(ea));
                ea -= d;
                if (Math.abs(d) < 1e-17) {
                    break;
                }
            }
            double cosE = Math.cos(ea);
            double sinE = Math.sin(ea);
            double sq = Math.sqrt(1.0 - e * e);
            double dE = 1.0 / (1.0 - e * cosE);
            return new double[] {cosE - e, sq * sinE, -sinE * dE, sq * cosE * dE};
        });
    }

    /** Harmonic oscillator y'' = −ω²y (the circle), y(0) = (1, 0), on [0, 2π·3/ω]. */
    static Problem oscillator(double omega) {
        return new Problem("oscillator", (t, y, out) -> {
            out[0] = y[1];
            out[1] = -omega * omega * y[0];
        }, 0.0, 6.0 * Math.PI / omega, new double[] {1.0, 0.0},
            t -> new double[] {Math.cos(omega * t), -omega * Math.sin(omega * t)});
    }

    /** Van der Pol y'' = μ(1 − y²)y' − y, y(0) = (2, 0), on [0, t1]; no closed form. */
    static Problem vanDerPol(double mu, double t1) {
        return new Problem("van der pol mu=" + mu, (t, y, out) -> {
            out[0] = y[1];
            out[1] = mu * (1.0 - y[0] * y[0]) * y[1] - y[0];
        }, 0.0, t1, new double[] {2.0, 0.0}, null);
    }

    /**
     * Solves with Hipparchus.
     *
     * @param integrator the integrator
     * @param p the problem
     * @return the state at p.t1
     */
    static double[] hipparchus(ODEIntegrator integrator, Problem p) {
        return integrator.integrate(p.hipparchus(), new ODEState(p.t0, p.y0.clone()), p.t1).getPrimaryState();
    }

    // ------------------------------------------------------------------ loops

    /**
     * Fixed steps: N steps over [t0, t1], step k ending at t0 + (t1 − t0)·k/N.
     *
     * @param solver the solver
     * @param p the problem
     * @param steps N
     * @return the final state
     */
    static double[] fixed(Solver solver, Problem p, int steps) {
        Stepper stepper = solver.newStepper(p.sde());
        int n = p.y0.length;
        double[] y = p.y0.clone();
        double[] y1 = new double[n];
        double[] err = new double[n];
        stepper.reset(p.t0, y);
        double span = p.t1 - p.t0;
        for (int k = 0; k < steps; k++) {
            double ta = p.t0 + span * k / steps;
            double tb = k + 1 == steps ? p.t1 : p.t0 + span * (k + 1) / steps;
            stepper.step(ta, tb, y, null, y1, err);
            stepper.accept();
            double[] tmp = y;
            y = y1;
            y1 = tmp;
        }
        return y;
    }

    /** One attempted step of the adaptive loop. */
    static final class Attempt {
        final double t;
        final double h;
        final boolean accepted;
        final double scaledError;
        final double stiffness;

        Attempt(double t, double h, boolean accepted, double scaledError, double stiffness) {
            this.t = t;
            this.h = h;
            this.accepted = accepted;
            this.scaledError = scaledError;
            this.stiffness = stiffness;
        }

        @Override
        public String toString() {
            return String.format("t=%.17g h=%.17g %s err=%.6g", t, h, accepted ? "ok" : "REJ", scaledError);
        }
    }

    /** Computes the scaled error of an attempt. */
    @FunctionalInterface
    interface Norm {
        double scaled(Stepper stepper, double[] y0, double[] y1, double[] err);
    }

    /**
     * The step-control norm of {@code step-control.md} §2.2: RMS of err/(atol + rtol·max(|y0|, |y1|)).
     *
     * @param atol absolute tolerance
     * @param rtol relative tolerance
     * @return the norm
     */
    static Norm rms(double atol, double rtol) {
        return (stepper, y0, y1, err) -> {
            double s = 0.0;
            for (int i = 0; i < y0.length; i++) {
                double r = err[i] / (atol + rtol * Math.max(Math.abs(y0[i]), Math.abs(y1[i])));
                s += r * r;
            }
            return Math.sqrt(s / y0.length);
        };
    }

    /** Result of an adaptive solve. */
    static final class AdaptiveResult {
        final double[] y;
        final List<Attempt> attempts;
        final long evaluations;

        AdaptiveResult(double[] y, List<Attempt> attempts, long evaluations) {
            this.y = y;
            this.attempts = attempts;
            this.evaluations = evaluations;
        }

        long rejected() {
            return attempts.stream().filter(a -> !a.accepted).count();
        }
    }

    /**
     * An adaptive loop with Hipparchus 4.0.3's law (EmbeddedRungeKuttaIntegrator): factor =
     * min(10, max(0.2, 0.9·err^(−1/order))) after accepted and rejected steps alike, reject iff err ≥ 1,
     * the last step clipped to the end, step bounds [minStep, maxStep] as its StepsizeHelper.filterStep.
     *
     * @param solver the solver
     * @param p the problem
     * @param norm the scaled error
     * @param order the exponent's order
     * @param h0 initial step
     * @param minStep minimal step
     * @param maxStep maximal step
     * @return the final state and the attempts
     */
    static AdaptiveResult adaptive(Solver solver, Problem p, Norm norm, double order, double h0, double minStep,
                                   double maxStep) {
        Stepper stepper = solver.newStepper(p.sde());
        int n = p.y0.length;
        double[] y = p.y0.clone();
        double[] y1 = new double[n];
        double[] err = new double[n];
        List<Attempt> attempts = new ArrayList<>();
        double t = p.t0;
        double tEnd = p.t1;
        double hNew = h0;
        double exp = -1.0 / order;
        stepper.reset(t, y);
        boolean last = false;
        while (!last) {
            double error = 10.0;
            double h = 0.0;
            while (error >= 1.0) {
                h = hNew;
                if (t + h >= tEnd) {
                    h = tEnd - t;
                }
                stepper.step(t, t + h, y, null, y1, err);
                error = norm.scaled(stepper, y, y1, err);
                attempts.add(new Attempt(t, h, error < 1.0, error, stepper.stiffness()));
                if (error >= 1.0) {
                    double factor = Math.min(10.0, Math.max(0.2, 0.9 * Math.pow(error, exp)));
                    hNew = filter(h * factor, minStep, maxStep, false);
                }
            }
            stepper.accept();
            t = t + h;
            double[] tmp = y;
            y = y1;
            y1 = tmp;
            last = Math.abs(t - tEnd) < Math.ulp(tEnd);
            if (!last) {
                double factor = Math.min(10.0, Math.max(0.2, 0.9 * Math.pow(error, exp)));
                double scaledH = h * factor;
                hNew = filter(scaledH, minStep, maxStep, t + scaledH >= tEnd);
                if (t + hNew >= tEnd) {
                    hNew = tEnd - t;
                }
            }
        }
        return new AdaptiveResult(y, attempts, stepper.driftEvaluations());
    }

    private static double filter(double h, double minStep, double maxStep, boolean acceptSmall) {
        double f = h;
        if (Math.abs(h) < minStep) {
            if (!acceptSmall) {
                throw new IllegalStateException("minimal step reached: " + h);
            }
            f = minStep;
        }
        return Math.min(f, maxStep);
    }

    // ------------------------------------------------------------------ tableaux

    /**
     * The full s×s matrix A from strictly lower rows.
     *
     * @param rows row i has i entries
     * @param s number of stages
     * @return A
     */
    static double[][] full(double[][] rows, int s) {
        double[][] a = new double[s][s];
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < rows[i].length; j++) {
                a[i][j] = rows[i][j];
            }
        }
        return a;
    }

    /** A rooted tree, as the multiset of its subtrees. */
    static final class Tree {
        final List<Tree> children;
        final int order;
        final double gamma;

        Tree(List<Tree> children) {
            this.children = children;
            int o = 1;
            double g = 1.0;
            for (Tree c : children) {
                o += c.order;
                g *= c.gamma;
            }
            this.order = o;
            this.gamma = o * g;
        }

        /**
         * u(t)_i = Π over children of (A·u(child))_i, u(•) = 1, in exact-ish decimal arithmetic (60 digits)
         * on the double coefficients, so that the residuals measure the tableau, not the evaluation.
         */
        BigDecimal[] stageWeights(BigDecimal[][] a) {
            int s = a.length;
            BigDecimal[] u = new BigDecimal[s];
            Arrays.fill(u, BigDecimal.ONE);
            for (Tree c : children) {
                BigDecimal[] v = c.stageWeights(a);
                for (int i = 0; i < s; i++) {
                    BigDecimal sum = BigDecimal.ZERO;
                    for (int j = 0; j < s; j++) {
                        sum = sum.add(a[i][j].multiply(v[j], MC), MC);
                    }
                    u[i] = u[i].multiply(sum, MC);
                }
            }
            return u;
        }
    }

    private static final MathContext MC = new MathContext(60);

    /**
     * All rooted trees with at most {@code maxOrder} vertices, each once (1, 1, 2, 4, 9, 20, 48, 115 of
     * orders 1 … 8).
     *
     * @param maxOrder the largest order
     * @return the trees, by order
     */
    static List<List<Tree>> trees(int maxOrder) {
        List<List<Tree>> byOrder = new ArrayList<>();
        byOrder.add(new ArrayList<>());
        // a canonical enumeration: a tree of order n is a root with a non-increasing sequence of subtrees,
        // ordered by (order, index within order)
        List<Tree> all = new ArrayList<>();
        for (int n = 1; n <= maxOrder; n++) {
            List<Tree> level = new ArrayList<>();
            build(n - 1, Integer.MAX_VALUE, new ArrayList<>(), all, byOrder, level);
            byOrder.add(level);
            all.addAll(level);
        }
        return byOrder;
    }

    private static void build(int remaining, int maxIndex, List<Tree> chosen, List<Tree> all,
                              List<List<Tree>> byOrder, List<Tree> out) {
        if (remaining == 0) {
            out.add(new Tree(new ArrayList<>(chosen)));
            return;
        }
        for (int idx = Math.min(maxIndex, all.size() - 1); idx >= 0; idx--) {
            Tree c = all.get(idx);
            if (c.order <= remaining) {
                chosen.add(c);
                build(remaining - c.order, idx, chosen, all, byOrder, out);
                chosen.remove(chosen.size() - 1);
            }
        }
    }

    /**
     * max over trees of order k of |b·u(t) − target(t)|, for k = 1 … maxOrder.
     *
     * @param a full A
     * @param w weights
     * @param maxOrder largest order
     * @param homogeneous if true the target is 0 (error weights), else 1/γ(t)
     * @return residuals by order (index 0 unused)
     */
    static double[] orderResiduals(double[][] a, double[] w, int maxOrder, boolean homogeneous) {
        return orderResiduals(decimal(a), decimal(w), maxOrder, homogeneous, false);
    }

    static BigDecimal[][] decimal(double[][] a) {
        BigDecimal[][] out = new BigDecimal[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = decimal(a[i]);
        }
        return out;
    }

    static BigDecimal[] decimal(double[] w) {
        BigDecimal[] out = new BigDecimal[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = new BigDecimal(w[i]);
        }
        return out;
    }

    /**
     * max over trees of order k of |w·u(t) − target(t)| (or, with {@code scale}, of Σ|w_i|·U_i(t) with U formed
     * like u from |A|), k = 1 … maxOrder, in 60-digit arithmetic.
     *
     * @param a full A
     * @param w weights
     * @param maxOrder largest order
     * @param homogeneous if true the target is 0 (error weights), else 1/γ(t)
     * @param scale if true return the scales instead (absolute values throughout)
     * @return by order (index 0 unused)
     */
    static double[] orderResiduals(BigDecimal[][] a, BigDecimal[] w, int maxOrder, boolean homogeneous,
                                   boolean scale) {
        int s = w.length;
        BigDecimal[][] ab = new BigDecimal[s][s];
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                ab[i][j] = scale ? a[i][j].abs() : a[i][j];
            }
        }
        List<List<Tree>> trees = trees(maxOrder);
        double[] res = new double[maxOrder + 1];
        for (int k = 1; k <= maxOrder; k++) {
            for (Tree t : trees.get(k)) {
                BigDecimal[] u = t.stageWeights(ab);
                BigDecimal phi = BigDecimal.ZERO;
                for (int i = 0; i < s; i++) {
                    phi = phi.add((scale ? w[i].abs() : w[i]).multiply(u[i], MC), MC);
                }
                BigDecimal target = homogeneous || scale ? BigDecimal.ZERO
                        : BigDecimal.ONE.divide(BigDecimal.valueOf(t.gamma), MC);
                res[k] = Math.max(res[k], phi.subtract(target, MC).abs().doubleValue());
            }
        }
        return res;
    }

    /**
     * Coefficients of the stability polynomial R(z) = Σ γ_k z^k, γ_k = b·A^(k−1)·1.
     *
     * @param a full A
     * @param b weights
     * @return coefficients, degree s
     */
    static double[] stabilityPolynomial(double[][] a, double[] b) {
        int s = b.length;
        double[] co = new double[s + 1];
        co[0] = 1.0;
        double[] v = new double[s];
        Arrays.fill(v, 1.0);
        for (int k = 1; k <= s; k++) {
            double d = 0.0;
            for (int i = 0; i < s; i++) {
                d += b[i] * v[i];
            }
            co[k] = d;
            double[] w = new double[s];
            for (int i = 0; i < s; i++) {
                for (int j = 0; j < s; j++) {
                    w[i] += a[i][j] * v[j];
                }
            }
            v = w;
        }
        return co;
    }

    /**
     * The extent of the stability region on the negative real axis: the least x &gt; 0 with |R(−x)| = 1.
     *
     * @param a full A
     * @param b weights
     * @return x
     */
    static double realStabilityBoundary(double[][] a, double[] b) {
        double[] co = stabilityPolynomial(a, b);
        double x = 0.0;
        double dx = 1e-3;
        while (Math.abs(poly(co, -(x + dx))) <= 1.0) {
            x += dx;
        }
        double lo = x;
        double hi = x + dx;
        for (int i = 0; i < 100; i++) {
            double m = 0.5 * (lo + hi);
            if (Math.abs(poly(co, -m)) <= 1.0) {
                lo = m;
            } else {
                hi = m;
            }
        }
        return lo;
    }

    static double poly(double[] co, double z) {
        double r = 0.0;
        for (int k = co.length - 1; k >= 0; k--) {
            r = r * z + co[k];
        }
        return r;
    }

    /**
     * One explicit RK step computed straight from a tableau, the obvious way (for hand-checks): stage times
     * t0 + c·h, stage inputs y0 + h·Σ a·k.
     *
     * @param f right-hand side
     * @param c nodes
     * @param a full A
     * @param t0 start
     * @param h step
     * @param y0 state
     * @return the stage derivatives k[stage][component]
     */
    static double[][] stages(Drift f, double[] c, double[][] a, double t0, double h, double[] y0) {
        int s = c.length;
        int n = y0.length;
        double[][] k = new double[s][n];
        for (int i = 0; i < s; i++) {
            double[] yi = new double[n];
            for (int m = 0; m < n; m++) {
                double sum = 0.0;
                for (int j = 0; j < i; j++) {
                    sum += a[i][j] * k[j][m];
                }
                yi[m] = y0[m] + h * sum;
            }
            f.evaluate(t0 + c[i] * h, yi, k[i]);
        }
        return k;
    }

    /**
     * y0 + h·Σ w·k.
     *
     * @param y0 base
     * @param h step
     * @param w weights
     * @param k stages
     * @return the combination
     */
    static double[] combine(double[] y0, double h, double[] w, double[][] k) {
        double[] out = new double[y0.length];
        for (int m = 0; m < y0.length; m++) {
            double sum = 0.0;
            for (int j = 0; j < w.length; j++) {
                sum += w[j] * k[j][m];
            }
            out[m] = y0[m] + h * sum;
        }
        return out;
    }

    /**
     * max_i |x_i − y_i| / max(1, |y_i|).
     *
     * @param x a vector
     * @param y the reference
     * @return the mixed absolute/relative difference
     */
    static double diff(double[] x, double[] y) {
        double d = 0.0;
        for (int i = 0; i < x.length; i++) {
            d = Math.max(d, Math.abs(x[i] - y[i]) / Math.max(1.0, Math.abs(y[i])));
        }
        return d;
    }
}
