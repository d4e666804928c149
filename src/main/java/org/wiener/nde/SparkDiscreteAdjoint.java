package org.wiener.nde;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.PidController;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.SaveAt;
import org.wiener.integrate.Solution;
import org.wiener.integrate.Status;
import org.wiener.integrate.StepRecord;
import org.wiener.solver.SPaRK;

/**
 * Exact discrete ("discretise then optimise") reverse-mode gradients through an adaptive SPaRK solve of a
 * {@link NeuralDiagonalSde} on a fixed Brownian path ({@code regularization.md} §3): of any loss of the
 * states at observation times plus w·R<sub>E</sub>, R<sub>E</sub> = Σ<sub>j</sub> E<sub>j</sub> h<sub>j</sub> over
 * the accepted steps (§1), with respect to the parameters θ and the initial state.
 *
 * <h2>Method</h2>
 * <ol>
 *   <li>The {@link Integrator} solves the Stratonovich problem with SPaRK and the given
 *   {@link PidController}, stepping exactly to the observation times (or, optionally, not: observations
 *   are then linear interpolations inside the accepted steps, weights held constant), on a
 *   {@link VirtualBrownianTree} (seed-deterministic, any query time): this fixes the accepted steps
 *   [t<sub>j</sub>, t<sub>j+1</sub>].</li>
 *   <li>The accepted steps are replayed on the same tree (same (W, H) for the same interval) with the same
 *   arithmetic as the solver, recording the stage inputs z<sub>j,k</sub>, the increments, the new states
 *   and the error vectors (a tape of O(steps × stages × n) doubles). The replayed states equal the
 *   Integrator's (tested).</li>
 *   <li>The reverse sweep walks the tape backwards with the vector–Jacobian products of the drift, of the
 *   diffusion and of the Itô correction. The step sizes h<sub>j</sub> (and hence which steps were accepted)
 *   are constants of the differentiation, as Diffrax's PID controller treats them; W and H are constants.</li>
 * </ol>
 *
 * <h2>Why SPaRK</h2>
 * Foster's SPaRK ({@link SPaRK}, {@code solvers.md} §5.4) is the one Wiener solver with an embedded error
 * estimate for state-dependent (here diagonal, hence commutative) noise that is recommended for adaptive
 * stepping: strong order 1 on commutative noise, 1.5 on additive noise, ODE order 2, and an error estimate
 * in which drift and diffusion both enter (SOSRI's role in the paper). Heun and Midpoint also carry an
 * estimate, but it is a first-order difference of the combined stages only. SPaRK's general tableau with
 * x<sub>1</sub> = (3 − √3)/6, x<sub>2</sub> = √3/3, diagonal g so that g·W = g∘W:
 * <pre>
 * z1 = y,  z2 = y + (h/2) f1 + g1∘(W/2 + √3 H),  z3 = y + h f2 + g2∘W
 * y' = y + h(x1 f1 + x2 f2 + x1 f3) + (x1 g1 + x2 g2 + x1 g3)∘W + (g1 − g3)∘H
 * e  = h((x1 − ½) f1 + x2 f2 + (x1 − ½) f3) + ((x1 − ½) g1 + x2 g2 + (x1 − ½) g3)∘W + (g1 − g3)∘H
 * </pre>
 * with f<sub>k</sub> the Stratonovich drift and g<sub>k</sub> the diffusion at z<sub>k</sub>, and the scaled error
 * E = √(mean<sub>i</sub>(e<sub>i</sub> / (atol + rtol·max(|y<sub>i</sub>|, |y'<sub>i</sub>|)))²) of the controller
 * (differentiated through the max by its active branch, the first argument on ties).
 *
 * <p>Immutable and thread-safe (each {@link #forward} returns its own tape).
 */
public final class SparkDiscreteAdjoint {

    private static final int S = 3;
    private static final double X1 = (3.0 - Math.sqrt(3.0)) / 6.0;
    private static final double X2 = Math.sqrt(3.0) / 3.0;
    private static final double[] C = {0.0, 0.5, 1.0};
    private static final double[][] A = {{}, {0.5}, {0.0, 1.0}};
    private static final double[][] AW = {{}, {0.5}, {0.0, 1.0}};
    private static final double[][] AH = {{}, {Math.sqrt(3.0)}, {0.0, 0.0}};
    private static final double[] B = {X1, X2, X1};
    private static final double[] BW = {X1, X2, X1};
    private static final double[] BH = {1.0, 0.0, -1.0};
    private static final double[] BE = {X1 - 0.5, X2, X1 - 0.5};
    private static final double[] BWE = {X1 - 0.5, X2, X1 - 0.5};
    private static final double[] BHE = {1.0, 0.0, -1.0};

    private final NeuralDiagonalSde model;
    private final double t0;
    private final double t1;
    private final double[] observationTimes;
    private final PidController controller;
    private final Integrator integrator;
    private final double rtol;
    private final double atol;

    /**
     * @param model the model
     * @param t0 start time
     * @param t1 end time, &gt; t0
     * @param observationTimes strictly increasing times in [t0, t1] at which states are observed (t0 and
     *     t1 allowed)
     * @param rtol relative tolerance of the PID controller (also in E)
     * @param atol absolute tolerance (also in E)
     * @param controller a PID controller built with the same rtol and atol
     */
    public SparkDiscreteAdjoint(NeuralDiagonalSde model, double t0, double t1, double[] observationTimes,
            double rtol, double atol, PidController controller) {
        this(model, t0, t1, observationTimes, rtol, atol, controller, true);
    }

    /**
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
    public SparkDiscreteAdjoint(NeuralDiagonalSde model, double t0, double t1, double[] observationTimes,
            double rtol, double atol, PidController controller, boolean stepToObservations) {
        if (model == null || controller == null) {
            throw new IllegalArgumentException("model and controller must not be null");
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
        this.t0 = t0;
        this.t1 = t1;
        this.observationTimes = observationTimes.clone();
        this.rtol = rtol;
        this.atol = atol;
        this.controller = controller;
        double[] interior = Arrays.stream(observationTimes).filter(t -> t > t0 && t < t1).toArray();
        this.integrator = Integrator.builder().solver(new SPaRK()).controller(controller)
                .saveAt(stepToObservations ? SaveAt.times(interior) : SaveAt.end()).recordSteps(true).build();
    }

    /** @return the integrator that fixes the accepted steps (SPaRK, the controller, steps to the observations) */
    public Integrator integrator() {
        return integrator;
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
     * @param tree the Brownian path: dimension n, {@link LevyArea#SPACE_TIME} or more, covering [t0, t1]
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
                solution.stats().diffusionEvaluations());
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
     * @return the new tape (its evaluation counts are those of the replay: 3 per step)
     */
    public Tape replay(double[] theta, double[] y0, VirtualBrownianTree tree, Tape steps) {
        model.requireLength(theta);
        long evaluations = (long) S * steps.steps;
        return new Tape(theta, y0, tree, steps.start.clone(), steps.end.clone(), evaluations, evaluations);
    }

    /**
     * The record of one solve: accepted steps, stage inputs, increments, states, errors; the observed
     * states; and the reverse sweep. Not thread-safe (holds scratch space); one per trajectory.
     */
    public final class Tape {
        private final int n;
        private final int steps;
        private final double[] thetaF;
        private final double[] phi;
        private final double[] start;
        private final double[] end;
        /** Stage inputs z[(j*S + k)*n + i]; z_1 is the state at the step's start. */
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
        private final double[] a;
        private final double[] neg;
        private final double[] thetaFBar;
        private final double[] phiBar;

        private Tape(double[] theta, double[] y0, VirtualBrownianTree tree, double[] start, double[] end,
                long driftEvaluations, long diffusionEvaluations) {
            this.n = model.dimension();
            this.steps = start.length;
            this.start = start;
            this.end = end;
            this.thetaF = model.driftParameters(theta);
            this.phi = model.diffusionParameters(theta);
            this.driftEvaluations = driftEvaluations;
            this.diffusionEvaluations = diffusionEvaluations;
            z = new double[steps * S * n];
            w = new double[steps * n];
            hArea = new double[steps * n];
            yEnd = new double[steps * n];
            err = new double[steps * n];
            scaled = new double[steps];
            observationStep = new int[observationTimes.length];
            observationWeight = new double[observationTimes.length];
            observed = new double[observationTimes.length][];
            int j0 = 0;
            for (int o = 0; o < observationTimes.length; o++) {
                double tau = observationTimes[o];
                while (j0 < steps - 1 && end[j0] < tau) {
                    j0++;
                }
                observationStep[o] = j0;
                // Exactly 1 when the steps are clipped to the observation (end == tau), exactly 0 at t0.
                observationWeight[o] = tau == end[j0] ? 1.0 : (tau - start[j0]) / (end[j0] - start[j0]);
            }
            fBar = new double[S * n];
            gBar = new double[S * n];
            zBar = new double[n];
            a = new double[n];
            neg = new double[n];
            thetaFBar = new double[thetaF.length];
            phiBar = new double[phi.length];
            replay(y0, tree);
            for (int o = 0; o < observationTimes.length; o++) {
                int j = observationStep[o];
                double w1 = observationWeight[o];
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    double ya = z[j * S * n + i];
                    double yb = yEnd[j * n + i];
                    v[i] = w1 == 1.0 ? yb : w1 == 0.0 ? ya : ya + w1 * (yb - ya);
                }
                observed[o] = v;
            }
        }

        private void replay(double[] y0, VirtualBrownianTree tree) {
            MutableBrownianIncrement noise = new MutableBrownianIncrement(n, LevyArea.SPACE_TIME);
            double[] fs = new double[S * n];
            double[] gw = new double[S * n];
            double[] gh = new double[S * n];
            double[] zk = new double[n];
            double[] f = new double[n];
            double[] g = new double[n];
            double[] y = y0.clone();
            for (int j = 0; j < steps; j++) {
                double ta = start[j];
                double tb = end[j];
                double h = tb - ta;
                tree.increment(ta, tb, noise);
                double[] wj = noise.w();
                double[] hj = noise.h();
                System.arraycopy(wj, 0, w, j * n, n);
                System.arraycopy(hj, 0, hArea, j * n, n);
                for (int k = 0; k < S; k++) {
                    // Same arithmetic, in the same order, as SrkStepper.stepGeneral.
                    for (int i = 0; i < n; i++) {
                        double df = 0.0;
                        double dg = 0.0;
                        for (int l = 0; l < k; l++) {
                            if (A[k][l] != 0.0) {
                                df += A[k][l] * fs[l * n + i];
                            }
                            if (AW[k][l] != 0.0) {
                                dg += AW[k][l] * gw[l * n + i];
                            }
                            if (AH[k][l] != 0.0) {
                                dg += AH[k][l] * gh[l * n + i];
                            }
                        }
                        zk[i] = y[i] + h * df + dg;
                    }
                    System.arraycopy(zk, 0, z, (j * S + k) * n, n);
                    double tk = C[k] == 1.0 ? tb : ta + C[k] * h;
                    model.stratonovichDrift(tk, zk, thetaF, phi, f, neg);
                    model.diffusion().evaluate(tk, zk, phi, g);
                    for (int i = 0; i < n; i++) {
                        fs[k * n + i] = f[i];
                        gw[k * n + i] = g[i] * wj[i];
                        gh[k * n + i] = g[i] * hj[i];
                    }
                }
                double sum = 0.0;
                for (int i = 0; i < n; i++) {
                    double y1 = combine(h, y[i], B, BW, BH, fs, gw, gh, i);
                    double e = combine(h, 0.0, BE, BWE, BHE, fs, gw, gh, i);
                    yEnd[j * n + i] = y1;
                    err[j * n + i] = e;
                    double scale = atol + rtol * Math.max(Math.abs(y[i]), Math.abs(y1));
                    sum += (e / scale) * (e / scale);
                }
                scaled[j] = Math.sqrt(sum / n);
                System.arraycopy(yEnd, j * n, y, 0, n);
            }
        }

        private double combine(double h, double base, double[] b, double[] bw, double[] bh, double[] fs,
                double[] gw, double[] gh, int i) {
            double df = 0.0;
            double dg = 0.0;
            for (int k = 0; k < S; k++) {
                if (b[k] != 0.0) {
                    df += b[k] * fs[k * n + i];
                }
                if (bw[k] != 0.0) {
                    dg += bw[k] * gw[k * n + i];
                }
                if (bh[k] != 0.0) {
                    dg += bh[k] * gh[k * n + i];
                }
            }
            return base + h * df + dg;
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
                        a[i] += f * cotangents[o][i];
                    }
                }
            }
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
            if (observationCotangents.length != observationTimes.length) {
                throw new IllegalArgumentException("observationCotangents.length must equal the number of observation times "
                        + observationTimes.length + ", got " + observationCotangents.length);
            }
            Arrays.fill(thetaFBar, 0.0);
            Arrays.fill(phiBar, 0.0);
            Arrays.fill(a, 0.0);
            double[] e = new double[n];
            double[] y0Extra = new double[n];
            double[] zk = new double[n];
            for (int j = steps - 1; j >= 0; j--) {
                inject(j, observationCotangents, true);
                double h = end[j] - start[j];
                int base = j * S * n;
                Arrays.fill(e, 0.0);
                Arrays.fill(y0Extra, 0.0);
                double ej = scaled[j];
                if (errorWeight != 0.0 && ej > 0.0 && Double.isFinite(ej)) {
                    double eBar = errorWeight * h;
                    for (int i = 0; i < n; i++) {
                        double y0i = z[base + i];
                        double y1i = yEnd[j * n + i];
                        double scale = atol + rtol * Math.max(Math.abs(y0i), Math.abs(y1i));
                        double q = err[j * n + i] / scale;
                        e[i] = eBar * q / (n * ej * scale);
                        double dScale = -eBar * q * q / (n * ej * scale);
                        if (Math.abs(y0i) >= Math.abs(y1i)) {
                            y0Extra[i] = dScale * rtol * Math.signum(y0i);
                        } else {
                            a[i] += dScale * rtol * Math.signum(y1i);
                        }
                    }
                }
                // Cotangents of the stage values f_k, g_k from y' and e.
                int wj = j * n;
                for (int k = 0; k < S; k++) {
                    for (int i = 0; i < n; i++) {
                        fBar[k * n + i] = h * (B[k] * a[i] + BE[k] * e[i]);
                        gBar[k * n + i] = (BW[k] * a[i] + BWE[k] * e[i]) * w[wj + i]
                                + (BH[k] * a[i] + BHE[k] * e[i]) * hArea[wj + i];
                    }
                }
                for (int i = 0; i < n; i++) {
                    a[i] += y0Extra[i];
                }
                for (int k = S - 1; k >= 0; k--) {
                    System.arraycopy(z, base + k * n, zk, 0, n);
                    double tk = C[k] == 1.0 ? end[j] : start[j] + C[k] * h;
                    Arrays.fill(zBar, 0.0);
                    System.arraycopy(fBar, k * n, neg, 0, n);
                    model.drift().vectorJacobianProduct(tk, zk, thetaF, neg, zBar, thetaFBar);
                    for (int i = 0; i < n; i++) {
                        neg[i] = -fBar[k * n + i];
                    }
                    model.diffusion().itoCorrectionVectorJacobianProduct(tk, zk, phi, neg, zBar, phiBar);
                    System.arraycopy(gBar, k * n, neg, 0, n);
                    model.diffusion().vectorJacobianProduct(tk, zk, phi, neg, zBar, phiBar);
                    // z_k = y + h Σ a_kl f_l + Σ (aW_kl g_l∘W + aH_kl g_l∘H)
                    for (int i = 0; i < n; i++) {
                        a[i] += zBar[i];
                    }
                    for (int l = 0; l < k; l++) {
                        for (int i = 0; i < n; i++) {
                            fBar[l * n + i] += h * A[k][l] * zBar[i];
                            gBar[l * n + i] += (AW[k][l] * w[wj + i] + AH[k][l] * hArea[wj + i]) * zBar[i];
                        }
                    }
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
                System.arraycopy(a, 0, y0Bar, 0, n);
            }
        }
    }
}
