package org.wiener.nde;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.PidController;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.SaveAt;
import org.wiener.integrate.Solution;
import org.wiener.integrate.Status;
import org.wiener.integrate.StepRecord;
import org.wiener.solver.Heun;
import org.wiener.solver.Midpoint;
import org.wiener.solver.Ralston;
import org.wiener.solver.SPaRK;
import org.wiener.solver.SRA1;
import org.wiener.solver.SdeRungeKuttaTableau;
import org.wiener.solver.ShARK;
import org.wiener.solver.Solver;
import org.wiener.solver.StochasticTableau;

/**
 * Exact discrete ("discretise then optimise") reverse-mode gradients through an adaptive solve of a
 * {@link NeuralDiagonalSde} on a fixed Brownian path ({@code regularization.md} §3) with a stochastic
 * Runge–Kutta method that carries an embedded error estimate (SPaRK, ShARK, SRA1, Heun, Midpoint, Ralston):
 * of any loss of the states at observation times plus w·R<sub>E</sub>, R<sub>E</sub> = Σ<sub>j</sub> E<sub>j</sub> h<sub>j</sub>
 * over the accepted steps (§1), with respect to the parameters θ and the initial state; and of the local
 * regularizer (§6, {@link Tape#localStep}).
 *
 * <h2>Method</h2>
 * <ol>
 *   <li>The {@link Integrator} solves the Stratonovich problem with the solver and the given
 *   {@link PidController}, stepping exactly to the observation times (or, optionally, not: observations
 *   are then linear interpolations inside the accepted steps, weights held constant), on a
 *   {@link VirtualBrownianTree} (seed-deterministic, any query time): this fixes the accepted steps
 *   [t<sub>j</sub>, t<sub>j+1</sub>].</li>
 *   <li>The accepted steps are replayed on the same tree (same (W, H) for the same interval) with the
 *   solver's arithmetic, read from its {@link StochasticTableau} ({@link SdeRungeKuttaTableau} for the
 *   combined-stage methods), whose contract makes the replay bitwise identical, recording the stage inputs
 *   z<sub>j,k</sub>, the increments, the states and the error vectors (a tape of O(steps × stages × n) doubles). The replayed states equal the Integrator's
 *   (tested per solver).</li>
 *   <li>The reverse sweep walks the tape backwards with the vector–Jacobian products of the drift, of the
 *   diffusion and of the Itô correction. The step sizes h<sub>j</sub> (and hence which steps were accepted)
 *   are constants of the differentiation, as Diffrax's PID controller treats them; W and H are constants.</li>
 * </ol>
 *
 * <h2>Solvers</h2>
 * Every Wiener solver of the tableau families ({@code solvers.md} §3, §4) with an embedded error estimate:
 * <ul>
 *   <li>{@link SPaRK} (general form, any diagonal noise; the recommended one: strong order 1 on
 *   commutative noise, error estimate in which drift and diffusion both enter, SOSRI's role in the
 *   paper). With diagonal g, g·W = g∘W, and its tableau reads
 *   <pre>
 * z_k = y + h Σ_{l&lt;k} a_kl f_l + Σ_{l&lt;k} g_l∘(aW_kl W + aH_kl H)
 * y'  = y + h Σ_k b_k f_k + Σ_k g_k∘(bW_k W + bH_k H),   e = h Σ_k bErr_k f_k + Σ_k g_k∘(bWErr_k W + bHErr_k H)
 *   </pre></li>
 *   <li>{@link ShARK} and {@link SRA1} (additive form), when the model's diffusion declares
 *   {@link ParametricDiagonalDiffusion#additive()}: g<sub>0</sub> = g(t<sub>j</sub>), g<sub>1</sub> = g(t<sub>j+1</sub>),
 *   <pre>
 * z_k = y + h Σ_{l&lt;k} a_kl f_l + g0∘(aW_k W + aH_k H)
 * y'  = y + h Σ_k b_k f_k + g0∘(bW W + bH H) + ½ (g1 − g0)∘(W − 2H),   e = h Σ_k bErr_k f_k
 *   </pre></li>
 *   <li>{@link Heun}, {@link Midpoint}, {@link Ralston} (explicit Runge–Kutta pairs whose stages combine
 *   drift and diffusion, W only; their estimate is a first-order difference of the combined stages):
 *   <pre>
 * k_k = f_k h + g_k∘W,  z_k = y + Σ_{l&lt;k} a_kl k_l,  y' = y + Σ_k b_k k_k,  e = Σ_k bErr_k k_k
 *   </pre></li>
 * </ul>
 * Here f<sub>k</sub> is the Stratonovich drift and g<sub>k</sub> the diffusion at z<sub>k</sub>, and the scaled
 * error is E = √(mean<sub>i</sub>(e<sub>i</sub> / (atol + rtol·max(|y<sub>i</sub>|, |y'<sub>i</sub>|)))²) of the
 * controller (differentiated through the max by its active branch, the first argument on ties). Other
 * solvers are refused with an {@link IllegalArgumentException} naming the supported ones.
 *
 * <p>Immutable and thread-safe (each {@link #forward} returns its own tape).
 */
public final class SrkDiscreteAdjoint {

    /**
     * The supported solvers, by class, with their tableau views: a {@link StochasticTableau} (none reads K,
     * which the replay omits) or an {@link SdeRungeKuttaTableau}.
     */
    private static final Map<Class<? extends Solver>, Supplier<?>> SUPPORTED;

    static {
        Map<Class<? extends Solver>, Supplier<?>> m = new LinkedHashMap<>();
        m.put(SPaRK.class, SPaRK::tableau);
        m.put(ShARK.class, ShARK::tableau);
        m.put(SRA1.class, SRA1::tableau);
        m.put(Heun.class, Heun::tableau);
        m.put(Midpoint.class, Midpoint::tableau);
        m.put(Ralston.class, Ralston::tableau);
        SUPPORTED = Collections.unmodifiableMap(m);
    }

    private final NeuralDiagonalSde model;
    private final String solverName;
    private final double t0;
    private final double t1;
    private final double[] observationTimes;
    private final Integrator integrator;
    private final Solver solver;
    private final PidController controller;
    private final double rtol;
    private final double atol;

    // The tableau, read once from the solver's public view.
    private final int s;
    private final boolean additive;
    /** Combined drift–diffusion stages k = f h + g∘W (Heun, Midpoint, Ralston). */
    private final boolean combined;
    private final double[] c;
    private final double[][] a;
    private final double[] b;
    private final double[] bErr;
    private final boolean[] ignoreF;
    private final boolean[] ignoreG;
    // General form (zero matrices where a coefficient is absent: zero terms are skipped, as the solver does).
    private final double[][] aW;
    private final double[][] aH;
    private final double[] bW;
    private final double[] bH;
    private final double[] bWErr;
    private final double[] bHErr;
    // Additive form.
    private final double[] stageW;
    private final double[] stageH;
    private final double weightW;
    private final double weightH;
    private final long driftsPerStep;
    private final long diffusionsPerStep;

    /**
     * @param solver {@link SPaRK}, {@link Heun}, {@link Midpoint}, {@link Ralston}, or {@link ShARK} or
     *     {@link SRA1} for a model with additive diffusion
     * @param model the model
     * @param t0 start time
     * @param t1 end time, &gt; t0
     * @param observationTimes strictly increasing times in [t0, t1] at which states are observed (t0 and
     *     t1 allowed)
     * @param rtol relative tolerance of the PID controller (also in E)
     * @param atol absolute tolerance (also in E)
     * @param controller a PID controller built with the same rtol and atol
     */
    public SrkDiscreteAdjoint(Solver solver, NeuralDiagonalSde model, double t0, double t1,
            double[] observationTimes, double rtol, double atol, PidController controller) {
        this(solver, model, t0, t1, observationTimes, rtol, atol, controller, true);
    }

    /**
     * @param solver {@link SPaRK}, {@link Heun}, {@link Midpoint}, {@link Ralston}, or {@link ShARK} or
     *     {@link SRA1} for a model with additive diffusion
     * @param model the model
     * @param t0 start time
     * @param t1 end time, &gt; t0
     * @param observationTimes strictly increasing times in [t0, t1] (t0 and t1 allowed)
     * @param rtol relative tolerance of the PID controller (also in E)
     * @param atol absolute tolerance (also in E)
     * @param controller a PID controller built with the same rtol and atol
     * @param stepToObservations true: steps are clipped to land on every observation time (Wiener's
     *     {@link SaveAt#times}); false: the controller alone chooses the steps and an observation is the
     *     linear interpolation of the states at the ends of the step containing it (the linear SDE
     *     interpolant with which DifferentialEquations.jl answers {@code saveat})
     */
    public SrkDiscreteAdjoint(Solver solver, NeuralDiagonalSde model, double t0, double t1,
            double[] observationTimes, double rtol, double atol, PidController controller,
            boolean stepToObservations) {
        if (model == null || controller == null) {
            throw new IllegalArgumentException("model and controller must not be null");
        }
        Object view = tableauOf(solver);
        StochasticTableau tab = view instanceof StochasticTableau st ? st : null;
        SdeRungeKuttaTableau rk = view instanceof SdeRungeKuttaTableau r ? r : null;
        if (tab != null && tab.additive() && !model.diffusion().additive()) {
            throw new IllegalArgumentException("solver " + tab.name() + " needs additive noise, but the model's "
                    + "diffusion is not additive (ParametricDiagonalDiffusion.additive() is false); use spark");
        }
        if (!(t1 > t0)) {
            throw new IllegalArgumentException("t1 must be > t0 = " + t0 + ", got " + t1);
        }
        for (int i = 0; i < observationTimes.length; i++) {
            double t = observationTimes[i];
            if (!(t >= t0 && t <= t1) || (i > 0 && !(t > observationTimes[i - 1]))) {
                throw new IllegalArgumentException("observationTimes[" + i + "] = " + t
                        + " must be in [" + t0 + ", " + t1 + "] and above the previous one");
            }
        }
        this.model = model;
        this.solverName = rk != null ? rk.name() : tab.name();
        this.t0 = t0;
        this.t1 = t1;
        this.observationTimes = observationTimes.clone();
        this.rtol = rtol;
        this.atol = atol;
        double[] interior = Arrays.stream(observationTimes).filter(t -> t > t0 && t < t1).toArray();
        this.solver = solver;
        this.controller = controller;
        this.integrator = Integrator.builder().solver(solver).controller(controller)
                .saveAt(stepToObservations ? SaveAt.times(interior) : SaveAt.end()).recordSteps(true).build();

        this.combined = rk != null;
        this.s = combined ? rk.stages() : tab.stages();
        this.additive = !combined && tab.additive();
        this.c = combined ? rk.c() : tab.c();
        this.a = combined ? rk.a() : tab.a();
        this.b = combined ? rk.b() : tab.b();
        this.bErr = combined ? rk.bErr() : tab.bErr();
        this.ignoreF = combined ? new boolean[s] : tab.ignoreF();
        this.ignoreG = combined ? new boolean[s] : tab.ignoreG();
        this.aW = orZero(combined ? null : tab.aW());
        this.aH = orZero(combined ? null : tab.aH());
        this.bW = orZero(combined ? null : tab.bW());
        this.bH = orZero(combined ? null : tab.bH());
        this.bWErr = orZero(combined ? null : tab.bWErr());
        this.bHErr = orZero(combined ? null : tab.bHErr());
        this.stageW = orZero(combined ? null : tab.stageW());
        this.stageH = orZero(combined ? null : tab.stageH());
        this.weightW = combined ? Double.NaN : tab.weightW();
        this.weightH = combined ? Double.NaN : tab.weightH();
        long drifts = 0;
        long diffusions = 0;
        for (int k = 0; k < s; k++) {
            drifts += ignoreF[k] ? 0 : 1;
            diffusions += ignoreG[k] ? 0 : 1;
        }
        this.driftsPerStep = drifts;
        this.diffusionsPerStep = additive ? 2 : diffusions;
    }

    /**
     * @param solver a solver
     * @return its tableau, if the adjoint supports it
     * @throws IllegalArgumentException naming the solver and the supported ones otherwise
     */
    private static Object tableauOf(Solver solver) {
        Supplier<?> tableau = solver == null ? null : SUPPORTED.get(solver.getClass());
        if (tableau == null) {
            List<String> names = new ArrayList<>();
            for (Supplier<?> t : SUPPORTED.values()) {
                Object view = t.get();
                names.add(view instanceof StochasticTableau st ? st.name() : ((SdeRungeKuttaTableau) view).name());
            }
            throw new IllegalArgumentException("solver must be one of " + names
                    + " (SDE Runge-Kutta methods with an embedded error estimate), got "
                    + (solver == null ? "null" : solver.properties().name()));
        }
        return tableau.get();
    }

    private double[][] orZero(double[][] m) {
        if (m != null) {
            return m;
        }
        double[][] zero = new double[s][];
        for (int k = 0; k < s; k++) {
            zero[k] = new double[k];
        }
        return zero;
    }

    private double[] orZero(double[] v) {
        return v != null ? v : new double[s];
    }

    /** @return the integrator that fixes the accepted steps (the solver, the controller, the save times) */
    public Integrator integrator() {
        return integrator;
    }

    /** @return the solver's name */
    public String solverName() {
        return solverName;
    }

    /** @return the model */
    public NeuralDiagonalSde model() {
        return model;
    }

    /**
     * Solves once and records the tape.
     *
     * @param theta parameters (length P, read only)
     * @param y0 initial state (length n)
     * @param tree the Brownian path: dimension n, covering [t0, t1]; {@link LevyArea#SPACE_TIME} or more
     *     except for the combined-stage methods
     * @return the tape, with the observed states
     * @throws IllegalStateException if the solve does not reach t1 (non-finite state, step limit), naming why
     */
    public Tape forward(double[] theta, double[] y0, VirtualBrownianTree tree) {
        model.requireLength(theta);
        Solution solution = integrator.solve(model.problem(theta, y0, t0, t1), tree);
        if (solution.status() != Status.SUCCESS) {
            throw new IllegalStateException("the SDE solve failed: " + solution.status() + ", " + solution.message());
        }
        List<StepRecord> accepted = new ArrayList<>();
        for (StepRecord r : solution.records()) {
            if (r.accepted()) {
                accepted.add(r);
            }
        }
        int steps = accepted.size();
        double[] start = new double[steps];
        double[] end = new double[steps];
        for (int j = 0; j < steps; j++) {
            start[j] = accepted.get(j).t();
            // The exact end is the next accepted start (t + h may differ from it by an ulp).
            end[j] = j + 1 < steps ? accepted.get(j + 1).t() : t1;
        }
        return new Tape(theta, y0, tree, start, end, solution.stats().driftEvaluations(),
                solution.stats().diffusionEvaluations(), true);
    }

    /**
     * Replays the accepted steps of an earlier tape at other parameters (or another initial state), without
     * step-size control: the discrete map whose derivative {@link Tape#backward} computes, e.g. for finite
     * differences with the steps held fixed.
     *
     * @param theta parameters (length P)
     * @param y0 initial state (length n)
     * @param tree the Brownian path of the earlier tape
     * @param steps the tape whose accepted steps are reused
     * @return the new tape (its evaluation counts are those of the replay)
     */
    public Tape replay(double[] theta, double[] y0, VirtualBrownianTree tree, Tape steps) {
        model.requireLength(theta);
        return new Tape(theta, y0, tree, steps.start.clone(), steps.end.clone(), driftsPerStep * steps.steps,
                diffusionsPerStep * steps.steps, true);
    }

    /**
     * The record of one solve: accepted steps, stage inputs, increments, states, errors; the observed
     * states; and the reverse sweep. Not thread-safe (holds scratch space); one per trajectory.
     */
    public final class Tape {
        private final int n;
        private final int steps;
        private final double[] theta;
        private final double[] thetaF;
        private final double[] phi;
        private final double[] start;
        private final double[] end;
        /** States at the steps' starts, yStart[j*n + i]. */
        private final double[] yStart;
        /** Stage inputs z[(j*s + k)*n + i]. */
        private final double[] z;
        private final double[] w;
        private final double[] hArea;
        private final double[] yEnd;
        private final double[] err;
        private final double[] scaled;
        /** Observation o lies in accepted step observationStep[o], at fraction observationWeight[o] of it. */
        private final int[] observationStep;
        private final double[] observationWeight;
        private final double[][] observed;
        private final long driftEvaluations;
        private final long diffusionEvaluations;
        // scratch
        private final double[] fBar;
        private final double[] gBar;
        private final double[] zBar;
        private final double[] adj;
        private final double[] vec;
        private final double[] thetaFBar;
        private final double[] phiBar;

        /** @param observe false for the local regularization step, which observes nothing */
        private Tape(double[] theta, double[] y0, VirtualBrownianTree tree, double[] start, double[] end,
                long driftEvaluations, long diffusionEvaluations, boolean observe) {
            this.n = model.dimension();
            this.steps = start.length;
            this.start = start;
            this.end = end;
            this.theta = theta.clone();
            this.thetaF = model.driftParameters(theta);
            this.phi = model.diffusionParameters(theta);
            this.driftEvaluations = driftEvaluations;
            this.diffusionEvaluations = diffusionEvaluations;
            yStart = new double[steps * n];
            z = new double[steps * s * n];
            w = new double[steps * n];
            hArea = new double[steps * n];
            yEnd = new double[steps * n];
            err = new double[steps * n];
            scaled = new double[steps];
            int observations = observe ? observationTimes.length : 0;
            observationStep = new int[observations];
            observationWeight = new double[observations];
            observed = new double[observations][];
            int j0 = 0;
            for (int o = 0; o < observations; o++) {
                double tau = observationTimes[o];
                while (j0 < steps - 1 && end[j0] < tau) {
                    j0++;
                }
                observationStep[o] = j0;
                // Exactly 1 when the steps are clipped to the observation (end == tau), exactly 0 at t0.
                observationWeight[o] = tau == end[j0] ? 1.0 : (tau - start[j0]) / (end[j0] - start[j0]);
            }
            fBar = new double[s * n];
            gBar = new double[s * n];
            zBar = new double[n];
            adj = new double[n];
            vec = new double[n];
            thetaFBar = new double[thetaF.length];
            phiBar = new double[phi.length];
            replay(y0, tree);
            for (int o = 0; o < observations; o++) {
                int j = observationStep[o];
                double w1 = observationWeight[o];
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    double ya = yStart[j * n + i];
                    double yb = yEnd[j * n + i];
                    v[i] = w1 == 1.0 ? yb : w1 == 0.0 ? ya : ya + w1 * (yb - ya);
                }
                observed[o] = v;
            }
        }

        private double stageTime(int j, int k) {
            double h = end[j] - start[j];
            return c[k] == 1.0 ? end[j] : start[j] + c[k] * h;
        }

        /** Replays every accepted step with the solver's arithmetic (the contract of {@link StochasticTableau}). */
        private void replay(double[] y0, VirtualBrownianTree tree) {
            MutableBrownianIncrement noise = new MutableBrownianIncrement(n,
                    combined ? LevyArea.NONE : LevyArea.SPACE_TIME);
            // Stage values f_k, and g_k∘W, g_k∘H (general form) or g0∘W, g0∘H, ½(g1 − g0)∘(W − 2H) (additive);
            // combined stages k_k = f_k h + g_k∘W are kept in fs.
            double[] fs = new double[s * n];
            double[] gw = new double[s * n];
            double[] gh = new double[s * n];
            double[] correction = new double[n];
            double[] zk = new double[n];
            double[] g = new double[n];
            double[] g1 = new double[n];
            double[] f = new double[n];
            double[] y = y0.clone();
            for (int j = 0; j < steps; j++) {
                double h = end[j] - start[j];
                tree.increment(start[j], end[j], noise);
                double[] wj = noise.w();
                double[] hj = combined ? null : noise.h();
                System.arraycopy(wj, 0, w, j * n, n);
                if (!combined) {
                    System.arraycopy(hj, 0, hArea, j * n, n);
                }
                System.arraycopy(y, 0, yStart, j * n, n);
                if (additive) {
                    model.diffusion().evaluate(start[j], y, phi, g);
                    model.diffusion().evaluate(end[j], y, phi, g1);
                    for (int i = 0; i < n; i++) {
                        gw[i] = g[i] * wj[i];
                        gh[i] = g[i] * hj[i];
                        correction[i] = 0.5 * ((g1[i] - g[i]) * (wj[i] - 2.0 * hj[i]));
                    }
                }
                for (int k = 0; k < s; k++) {
                    if (combined) {
                        combinedStage(j, k, y, wj, fs, zk, f, g);
                        continue;
                    }
                    for (int i = 0; i < n; i++) {
                        double df = 0.0;
                        double dg = 0.0;
                        for (int l = 0; l < k; l++) {
                            if (a[k][l] != 0.0) {
                                df += a[k][l] * fs[l * n + i];
                            }
                            if (!additive) {
                                if (aW[k][l] != 0.0) {
                                    dg += aW[k][l] * gw[l * n + i];
                                }
                                if (aH[k][l] != 0.0) {
                                    dg += aH[k][l] * gh[l * n + i];
                                }
                            }
                        }
                        if (additive) {
                            dg = stageW[k] * gw[i] + stageH[k] * gh[i];
                        }
                        zk[i] = y[i] + h * df + dg;
                    }
                    System.arraycopy(zk, 0, z, (j * s + k) * n, n);
                    double tk = stageTime(j, k);
                    if (ignoreF[k]) {
                        Arrays.fill(fs, k * n, (k + 1) * n, 0.0);
                    } else {
                        model.stratonovichDrift(tk, zk, thetaF, phi, f, vec);
                        System.arraycopy(f, 0, fs, k * n, n);
                    }
                    if (!additive) {
                        if (ignoreG[k]) {
                            Arrays.fill(g, 0.0);
                        } else {
                            model.diffusion().evaluate(tk, zk, phi, g);
                        }
                        for (int i = 0; i < n; i++) {
                            gw[k * n + i] = g[i] * wj[i];
                            gh[k * n + i] = g[i] * hj[i];
                        }
                    }
                }
                double sum = 0.0;
                for (int i = 0; i < n; i++) {
                    double y1;
                    double e;
                    if (combined) {
                        y1 = y[i] + stageSum(b, fs, i);
                        e = stageSum(bErr, fs, i);
                    } else if (additive) {
                        y1 = y[i] + h * driftSum(b, fs, i) + (weightW * gw[i] + weightH * gh[i] + correction[i]);
                        e = h * driftSum(bErr, fs, i);
                    } else {
                        y1 = y[i] + h * driftSum(b, fs, i) + diffusionSum(bW, bH, gw, gh, i);
                        e = 0.0 + h * driftSum(bErr, fs, i) + diffusionSum(bWErr, bHErr, gw, gh, i);
                    }
                    yEnd[j * n + i] = y1;
                    err[j * n + i] = e;
                    double scale = atol + rtol * Math.max(Math.abs(y[i]), Math.abs(y1));
                    sum += (e / scale) * (e / scale);
                }
                scaled[j] = Math.sqrt(sum / n);
                System.arraycopy(yEnd, j * n, y, 0, n);
            }
        }

        /**
         * One combined stage (the contract of {@link SdeRungeKuttaTableau}): z_k = y + Σ_{l&lt;k} a_kl k_l,
         * k_k = f(t_k, z_k) h + g(t_k, z_k)∘W, stored in ks.
         */
        private void combinedStage(int j, int k, double[] y, double[] wj, double[] ks, double[] zk, double[] f,
                double[] g) {
            double h = end[j] - start[j];
            for (int i = 0; i < n; i++) {
                double sum = 0.0;
                for (int l = 0; l < k; l++) {
                    sum += a[k][l] * ks[l * n + i];
                }
                zk[i] = y[i] + sum;
            }
            System.arraycopy(zk, 0, z, (j * s + k) * n, n);
            double tk = stageTime(j, k);
            model.stratonovichDrift(tk, zk, thetaF, phi, f, vec);
            model.diffusion().evaluate(tk, zk, phi, g);
            for (int i = 0; i < n; i++) {
                ks[k * n + i] = f[i] * h + g[i] * wj[i];
            }
        }

        /** Σ_k w_k ks_k[i] over every k (zero weights included), as the combined-stage solvers sum. */
        private double stageSum(double[] weights, double[] ks, int i) {
            double sum = 0.0;
            for (int k = 0; k < s; k++) {
                sum += weights[k] * ks[k * n + i];
            }
            return sum;
        }

        /** Σ_k w_k f_k[i], zero weights skipped, as the solver sums. */
        private double driftSum(double[] weights, double[] fs, int i) {
            double df = 0.0;
            for (int k = 0; k < s; k++) {
                if (weights[k] != 0.0) {
                    df += weights[k] * fs[k * n + i];
                }
            }
            return df;
        }

        /** Σ_k (wW_k (g_k∘W)[i] + wH_k (g_k∘H)[i]), zero weights skipped, as the solver sums. */
        private double diffusionSum(double[] weightsW, double[] weightsH, double[] gw, double[] gh, int i) {
            double dg = 0.0;
            for (int k = 0; k < s; k++) {
                if (weightsW[k] != 0.0) {
                    dg += weightsW[k] * gw[k * n + i];
                }
                if (weightsH[k] != 0.0) {
                    dg += weightsH[k] * gh[k * n + i];
                }
            }
            return dg;
        }

        /**
         * Adds the cotangents of the observations inside step j: the part w·c of an observation
         * y(τ) = y<sub>start</sub> + w (y<sub>end</sub> − y<sub>start</sub>) that flows to the step's end, or the part
         * (1 − w)·c that flows to its start.
         */
        private void inject(int j, double[][] cotangents, boolean atEnd) {
            for (int o = 0; o < observationStep.length; o++) {
                if (observationStep[o] != j || cotangents[o] == null) {
                    continue;
                }
                double w1 = observationWeight[o];
                double f = atEnd ? w1 : 1.0 - w1;
                if (f != 0.0) {
                    for (int i = 0; i < n; i++) {
                        adj[i] += f * cotangents[o][i];
                    }
                }
            }
        }

        /**
         * The local regularizer at one step ({@code regularization.md} §6 and its design note for SDEs):
         * t<sub>reg</sub> = t₀ + u·(t₁ − t₀) ({@link Regularizer#LOCAL_UNBIASED}; y(t<sub>reg</sub>) is the
         * linear interpolant of this tape's accepted steps, exact at a step time) or the start of accepted step
         * ⌊u·N⌋ ({@link Regularizer#LOCAL_BIASED}); then one solver step from (t<sub>reg</sub>, y(t<sub>reg</sub>))
         * whose size is the controller's first step from there (Hairer's initial-step heuristic on the
         * Stratonovich drift, bounded by dtmax and t₁), with the Brownian increment of the SAME tree over
         * [t<sub>reg</sub>, t<sub>reg</sub> + h]. Its value is E·h; its gradient flows through θ in that step only
         * (y(t<sub>reg</sub>) and h are constants, as in LocalRegNeuralDE.jl).
         *
         * @param kind {@link Regularizer#LOCAL_UNBIASED} or {@link Regularizer#LOCAL_BIASED}
         * @param u a uniform in (0, 1) choosing t<sub>reg</sub>
         * @param tree the Brownian path of this tape
         * @return the regularization step
         */
        public LocalStep localStep(Regularizer kind, double u, VirtualBrownianTree tree) {
            if (kind != Regularizer.LOCAL_UNBIASED && kind != Regularizer.LOCAL_BIASED) {
                throw new IllegalArgumentException("kind must be local-unbiased or local-biased, got "
                        + (kind == null ? "null" : kind.spelling()));
            }
            if (!(u > 0.0 && u < 1.0)) {
                throw new IllegalArgumentException("u must be in (0, 1), got " + u);
            }
            double tReg;
            double[] yReg = new double[n];
            if (kind == Regularizer.LOCAL_BIASED) {
                int j = Math.min(steps - 1, (int) Math.floor(u * steps));
                tReg = start[j];
                System.arraycopy(yStart, j * n, yReg, 0, n);
            } else {
                tReg = t0 + u * (t1 - t0);
                int j = 0;
                while (j < steps - 1 && end[j] <= tReg) {
                    j++;
                }
                double w1 = (tReg - start[j]) / (end[j] - start[j]);
                for (int i = 0; i < n; i++) {
                    double ya = yStart[j * n + i];
                    yReg[i] = w1 == 0.0 ? ya : ya + w1 * (yEnd[j * n + i] - ya);
                }
            }
            org.wiener.sde.SdeProblem problem = model.problem(theta, yReg, tReg, t1);
            double order = solver.properties().errorOrder(problem.noiseType());
            double tEnd = controller.start(problem, order).firstStepEnd(tReg, yReg, problem.drift());
            return new LocalStep(tReg, tEnd, yReg, tree, new Tape(theta, yReg, tree, new double[] {tReg},
                    new double[] {tEnd}, driftsPerStep + 2, diffusionsPerStep, false));
        }

        /** @return the number of accepted steps */
        public int steps() {
            return steps;
        }

        /**
         * @param j accepted step index
         * @return its start time
         */
        public double stepStart(int j) {
            return start[j];
        }

        /**
         * @param j accepted step index
         * @return its end time
         */
        public double stepEnd(int j) {
            return end[j];
        }

        /**
         * @param j accepted step index
         * @return its scaled error E<sub>j</sub> (recomputed on the replay)
         */
        public double scaledError(int j) {
            return scaled[j];
        }

        /**
         * @param j accepted step index
         * @return a copy of the state at its end
         */
        public double[] stateAtEnd(int j) {
            return Arrays.copyOfRange(yEnd, j * n, (j + 1) * n);
        }

        /**
         * @param index index into the observation times
         * @return a copy of the state there
         */
        public double[] observed(int index) {
            return observed[index].clone();
        }

        /** @return R<sub>E</sub> = Σ<sub>j</sub> E<sub>j</sub>·h<sub>j</sub> over the accepted steps (no coefficient) */
        public double errorRegularization() {
            double r = 0.0;
            for (int j = 0; j < steps; j++) {
                r += scaled[j] * (end[j] - start[j]);
            }
            return r;
        }

        /** @return drift evaluations of the solve that fixed the steps (rejected steps and initial-step heuristic included) */
        public long driftEvaluations() {
            return driftEvaluations;
        }

        /** @return diffusion evaluations of that solve */
        public long diffusionEvaluations() {
            return diffusionEvaluations;
        }

        /**
         * The reverse sweep: accumulates into {@code thetaBar} the gradient of
         * Σ<sub>o</sub> ⟨c<sub>o</sub>, y(τ<sub>o</sub>)⟩ + errorWeight·R<sub>E</sub> with respect to θ, where c<sub>o</sub> is
         * the cotangent of the state at observation time τ<sub>o</sub> (e.g. ∂loss/∂y(τ<sub>o</sub>)).
         *
         * @param observationCotangents one array of length n per observation time (null entries mean 0)
         * @param errorWeight the weight w of R<sub>E</sub> (0: the regularizer is not differentiated)
         * @param thetaBar accumulates the gradient (length P)
         * @param y0Bar receives the gradient with respect to the initial state (length n), or null
         */
        public void backward(double[][] observationCotangents, double errorWeight, double[] thetaBar,
                double[] y0Bar) {
            model.requireLength(thetaBar);
            if (observationCotangents.length != observed.length) {
                throw new IllegalArgumentException("observationCotangents.length must equal the number of observation times "
                        + observed.length + ", got " + observationCotangents.length);
            }
            Arrays.fill(thetaFBar, 0.0);
            Arrays.fill(phiBar, 0.0);
            // adj: the cotangent of the state, y' while a step is being entered, then y as it is left.
            Arrays.fill(adj, 0.0);
            double[] e = new double[n];
            double[] y0Extra = new double[n];
            double[] zk = new double[n];
            double[] yk = new double[n];
            // Additive form: cotangents of g0∘W, g0∘H and of the correction ½(g1 − g0)∘(W − 2H).
            double[] g0wBar = new double[n];
            double[] g0hBar = new double[n];
            double[] correctionBar = new double[n];
            for (int j = steps - 1; j >= 0; j--) {
                inject(j, observationCotangents, true);
                double h = end[j] - start[j];
                int base = j * s * n;
                int wj = j * n;
                Arrays.fill(e, 0.0);
                Arrays.fill(y0Extra, 0.0);
                double ej = scaled[j];
                if (errorWeight != 0.0 && ej > 0.0 && Double.isFinite(ej)) {
                    double eBar = errorWeight * h;
                    for (int i = 0; i < n; i++) {
                        double y0i = yStart[wj + i];
                        double y1i = yEnd[wj + i];
                        double scale = atol + rtol * Math.max(Math.abs(y0i), Math.abs(y1i));
                        double q = err[wj + i] / scale;
                        e[i] = eBar * q / (n * ej * scale);
                        double dScale = -eBar * q * q / (n * ej * scale);
                        if (Math.abs(y0i) >= Math.abs(y1i)) {
                            y0Extra[i] = dScale * rtol * Math.signum(y0i);
                        } else {
                            adj[i] += dScale * rtol * Math.signum(y1i);
                        }
                    }
                }
                // Cotangents of the stage values from y' and e (combined stages: of k_k, kept in fBar).
                for (int k = 0; k < s; k++) {
                    for (int i = 0; i < n; i++) {
                        fBar[k * n + i] = (combined ? 1.0 : h) * (b[k] * adj[i] + bErr[k] * e[i]);
                        gBar[k * n + i] = additive ? 0.0 : (bW[k] * adj[i] + bWErr[k] * e[i]) * w[wj + i]
                                + (bH[k] * adj[i] + bHErr[k] * e[i]) * hArea[wj + i];
                    }
                }
                if (additive) {
                    for (int i = 0; i < n; i++) {
                        g0wBar[i] = weightW * adj[i];
                        g0hBar[i] = weightH * adj[i];
                        correctionBar[i] = adj[i];
                    }
                }
                for (int i = 0; i < n; i++) {
                    adj[i] += y0Extra[i];
                }
                for (int k = s - 1; k >= 0; k--) {
                    System.arraycopy(z, base + k * n, zk, 0, n);
                    double tk = stageTime(j, k);
                    Arrays.fill(zBar, 0.0);
                    if (combined) {
                        // k_k = f_k h + g_k∘W: split its cotangent into those of f_k and g_k.
                        for (int i = 0; i < n; i++) {
                            gBar[k * n + i] = fBar[k * n + i] * w[wj + i];
                            fBar[k * n + i] *= h;
                        }
                    }
                    if (!ignoreF[k]) {
                        System.arraycopy(fBar, k * n, vec, 0, n);
                        model.drift().vectorJacobianProduct(tk, zk, thetaF, vec, zBar, thetaFBar);
                        for (int i = 0; i < n; i++) {
                            vec[i] = -fBar[k * n + i];
                        }
                        model.diffusion().itoCorrectionVectorJacobianProduct(tk, zk, phi, vec, zBar, phiBar);
                    }
                    if (!additive && !ignoreG[k]) {
                        System.arraycopy(gBar, k * n, vec, 0, n);
                        model.diffusion().vectorJacobianProduct(tk, zk, phi, vec, zBar, phiBar);
                    }
                    // z_k = y + h Σ a_kl f_l + (general) Σ g_l∘(aW_kl W + aH_kl H) | (additive) g0∘(aW_k W + aH_k H);
                    // combined: z_k = y + Σ a_kl k_l
                    for (int i = 0; i < n; i++) {
                        adj[i] += zBar[i];
                    }
                    for (int l = 0; l < k; l++) {
                        for (int i = 0; i < n; i++) {
                            fBar[l * n + i] += (combined ? 1.0 : h) * a[k][l] * zBar[i];
                            if (!additive && !combined) {
                                gBar[l * n + i] += (aW[k][l] * w[wj + i] + aH[k][l] * hArea[wj + i]) * zBar[i];
                            }
                        }
                    }
                    if (additive) {
                        for (int i = 0; i < n; i++) {
                            g0wBar[i] += stageW[k] * zBar[i];
                            g0hBar[i] += stageH[k] * zBar[i];
                        }
                    }
                }
                if (additive) {
                    // g0 = g(t_j, y) and g1 = g(t_{j+1}, y), both at the step's start state.
                    System.arraycopy(yStart, wj, yk, 0, n);
                    for (int i = 0; i < n; i++) {
                        double half = 0.5 * (w[wj + i] - 2.0 * hArea[wj + i]) * correctionBar[i];
                        vec[i] = g0wBar[i] * w[wj + i] + g0hBar[i] * hArea[wj + i] - half;
                    }
                    model.diffusion().vectorJacobianProduct(start[j], yk, phi, vec, adj, phiBar);
                    for (int i = 0; i < n; i++) {
                        vec[i] = 0.5 * (w[wj + i] - 2.0 * hArea[wj + i]) * correctionBar[i];
                    }
                    model.diffusion().vectorJacobianProduct(end[j], yk, phi, vec, adj, phiBar);
                }
                inject(j, observationCotangents, false);
            }
            int pf = thetaF.length;
            for (int p = 0; p < pf; p++) {
                thetaBar[p] += thetaFBar[p];
            }
            for (int p = 0; p < phi.length; p++) {
                thetaBar[pf + p] += phiBar[p];
            }
            if (y0Bar != null) {
                System.arraycopy(adj, 0, y0Bar, 0, n);
            }
        }
    }

    /**
     * One local regularization step ({@link Tape#localStep}): its time, size, start state, value E·h and
     * θ-gradient. Not thread-safe (its one-step tape holds scratch space).
     */
    public final class LocalStep {
        private final double tReg;
        private final double tEnd;
        private final double[] yReg;
        private final VirtualBrownianTree tree;
        private final Tape step;

        private LocalStep(double tReg, double tEnd, double[] yReg, VirtualBrownianTree tree, Tape step) {
            this.tReg = tReg;
            this.tEnd = tEnd;
            this.yReg = yReg;
            this.tree = tree;
            this.step = step;
        }

        /** @return t<sub>reg</sub> */
        public double time() {
            return tReg;
        }

        /** @return the step size h (the step ends exactly at t<sub>reg</sub> + h as the controller rounds it) */
        public double stepSize() {
            return tEnd - tReg;
        }

        /** @return a copy of y(t<sub>reg</sub>) */
        public double[] state() {
            return yReg.clone();
        }

        /** @return the scaled error E of the step */
        public double scaledError() {
            return step.scaledError(0);
        }

        /** @return E·h, the regularizer's value */
        public double value() {
            return step.errorRegularization();
        }

        /** @return drift evaluations: the heuristic's two and the step's */
        public long driftEvaluations() {
            return step.driftEvaluations();
        }

        /**
         * Accumulates weight·∂(E·h)/∂θ into thetaBar (through the step's evaluations only).
         *
         * @param weight the weight λ of the regularizer
         * @param thetaBar accumulates (length P)
         */
        public void backward(double weight, double[] thetaBar) {
            step.backward(new double[0][], weight, thetaBar, null);
        }

        /**
         * @param otherTheta parameters (length P)
         * @return E·h of the same step (same t<sub>reg</sub>, y(t<sub>reg</sub>), h and increment) at other
         *     parameters: the map {@link #backward} differentiates, e.g. for finite differences
         */
        public double valueAt(double[] otherTheta) {
            model.requireLength(otherTheta);
            return new Tape(otherTheta, yReg, tree, new double[] {tReg}, new double[] {tEnd}, 0, 0, false)
                    .errorRegularization();
        }
    }
}
