package org.wiener.nde;

import java.util.Arrays;

import org.wiener.control.PidController;
import org.wiener.control.StepControl;
import org.wiener.sde.Drift;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.ButcherTableau;
import org.wiener.solver.Dopri5;
import org.wiener.solver.Solver;
import org.wiener.solver.Tsit5;

/**
 * Exact discrete ("discretise then optimise") gradients of task loss + λ·regularizer with respect to
 * the parameters θ and the initial state y₀, through an adaptive solve with {@link Tsit5} or
 * {@link Dopri5} under a {@link PidController} ({@code regularization.md} §3).
 *
 * <p><b>Forward.</b> The solve is the one {@link org.wiener.integrate.Integrator} performs with
 * {@code SaveAt.times(saveTimes)}: the same controller object decides every attempted step, steps are
 * clipped to land on each save time, the same approach to t₁ is used, and the stages are computed with
 * the arithmetic of the solver's stepper (see {@link ButcherTableau}), so the states, the accepted steps
 * and the count of evaluations are bitwise those of the Integrator (checked in the tests). The stage
 * inputs Y<sub>s</sub> and derivatives k<sub>s</sub> of every accepted step are taped: memory
 * 2·steps·stages·n doubles, reused across solves. Checkpointing is not offered: the spiral model needs
 * a few hundred steps of 2-dimensional states (tens of kilobytes); for long, high-dimensional solves
 * it would be the next thing to add.
 *
 * <p><b>Backward.</b> Reverse mode over the taped stages, step by step from the last, with the
 * field's {@link ParametricVectorField#vectorJacobianProduct}. The accepted step sizes h<sub>j</sub>,
 * the step times and the accept/reject decisions are held constant (as Diffrax does for its PID
 * controller, and as Tracker/Zygote do for OrdinaryDiffEq's dt): the gradient is that of the discrete
 * map y₀, θ ↦ (y<sub>j</sub>) with the step sizes frozen, exact to rounding.
 *
 * <p><b>Regularizers</b> (weights from the caller's λ):
 * <ul>
 * <li>{@link Regularizer#ERROR}: R_E = Σ<sub>j</sub> E<sub>j</sub>|h<sub>j</sub>| over accepted steps, E<sub>j</sub> the
 *     controller's scaled error RMS<sub>i</sub>(err<sub>i</sub>/(atol + rtol·max(|y<sub>j,i</sub>|, |y<sub>j+1,i</sub>|)))
 *     (§1); the max is differentiated along the branch taken (the y<sub>j</sub> side on ties).</li>
 * <li>{@link Regularizer#STIFFNESS}: R_S = Σ<sub>j</sub> |h<sub>j</sub>|·ρ<sub>j</sub>/s<sub>stab</sub> with
 *     ρ<sub>j</sub> = ‖k<sub>7</sub> − k<sub>6</sub>‖/‖Y<sub>7</sub> − Y<sub>6</sub>‖ (Shampine–Hiebert, §2; s<sub>stab</sub> = 3.5068
 *     for Tsit5, 3.3066 for Dopri5), i.e. the sum of the steppers' {@code stiffness()} values. This is the
 *     thesis form Σ S<sub>j</sub>|h<sub>j</sub>| with S<sub>j</sub> = ρ<sub>j</sub>/s<sub>stab</sub>, and per step
 *     LocalRegNeuralDE.jl's h·|λ|/3.5068; RegNeuralDE.jl's max<sub>j</sub> |λ|/3.5068 (without h) is not used
 *     because a max passes gradient to one step only and, without h, does not reward fewer steps.</li>
 * <li>{@link Regularizer#LOCAL_UNBIASED}: t_reg = t₀ + u·(t₁ − t₀); as in LocalRegNeuralDE.jl, t_reg is added to
 *     the save times of the main solve (so its steps are clipped there) and y(t_reg) is read from it;
 *     {@link Regularizer#LOCAL_BIASED}: t_reg = t<sub>j</sub>, j = ⌊u·N⌋ among the N accepted step starts.
 *     Then one step from (t_reg, y(t_reg)) of size h = min(Hairer's initial step, t₁ − t_reg) (the
 *     heuristic of {@link PidController}, §6.2) gives R = E·h, differentiated with respect to θ only
 *     (not through y(t_reg) or h, as in the paper's code).</li>
 * </ul>
 *
 * <p><b>Threads.</b> Holds the tape and scratch: not thread-safe, one instance per thread. Allocates
 * only when the tape grows (amortised) and a few small objects per solve (the controller's state, the
 * result), never per step.
 */
public final class DiscreteAdjoint {

    private final ParametricVectorField field;
    private final Solver solver;
    private final PidController controller;
    private final double rtol;
    private final double atol;
    private final long maxSteps;
    private final int n;
    private final int stages;
    private final int last;
    private final double[] c;
    private final double[][] a;
    private final double[] b;
    private final double[] e;
    private final int stiffStage;
    private final double stabilitySize;
    private final double errorOrder;

    // Tape: stage inputs and derivatives of accepted step j at ((j·stages + s)·n + i); times[j] = t_j.
    private double[] tapeY = new double[0];
    private double[] tapeK = new double[0];
    private double[] times = new double[0];
    private int steps;
    private int attempted;
    private long evaluations;
    private double[] theta;

    private double[] clipTimes = new double[0];
    private int[] saveStep = new int[0];
    private double[][] saveStates = new double[0][];
    private double[][] saveBar = new double[0][];

    // The local regularization step: its own stage tape.
    private final double[] localY;
    private final double[] localK;
    private double tReg = Double.NaN;
    private double hReg = Double.NaN;

    // Scratch.
    private final double[] error;
    private final double[][] kBar;
    private final double[] yBar;
    private final double[] yBarStart;
    private final double[] stageBar;
    private final double[] stiffBar;
    private final double[] hairerF0;
    private final double[] hairerF1;
    private final double[] hairerY1;

    private DiscreteAdjoint(Builder builder) {
        this.field = builder.field;
        this.solver = builder.solver;
        this.rtol = builder.rtol;
        this.atol = builder.atol;
        this.maxSteps = builder.maxSteps;
        this.controller = PidController.builder(rtol, atol).build();
        ButcherTableau tableau = builder.solver instanceof Tsit5 ? Tsit5.tableau() : Dopri5.tableau();
        this.n = field.dimension();
        this.stages = tableau.stages();
        this.last = stages - 1;
        this.c = tableau.c();
        this.a = tableau.a();
        this.b = tableau.b();
        this.e = tableau.e();
        this.stiffStage = tableau.stiffStage();
        this.stabilitySize = tableau.stabilitySize();
        this.errorOrder = solver.properties().errorOrder(null);
        this.localY = new double[stages * n];
        this.localK = new double[stages * n];
        this.error = new double[n];
        this.kBar = new double[stages][n];
        this.yBar = new double[n];
        this.yBarStart = new double[n];
        this.stageBar = new double[n];
        this.stiffBar = new double[n];
        this.hairerF0 = new double[n];
        this.hairerF1 = new double[n];
        this.hairerY1 = new double[n];
    }

    /**
     * @param field the vector field
     * @return a builder (defaults: Tsit5, rtol = atol = 1e−6, 100,000 attempted steps at most)
     */
    public static Builder builder(ParametricVectorField field) {
        return new Builder(field);
    }

    /** @return the controller deciding the steps (Diffrax defaults at this object's tolerances) */
    public PidController controller() {
        return controller;
    }

    /** @return the solver */
    public Solver solver() {
        return solver;
    }

    /**
     * The outcome of one solve.
     *
     * @param loss task loss + λ·regularization (NaN if the solve failed)
     * @param taskLoss the task loss
     * @param regularization the regularizer's value
     * @param evaluations evaluations of f in the forward pass (main solve, its initial-step heuristic and,
     *     for local regularizers, the extra step with its heuristic); the backward pass adds one
     *     vector–Jacobian product per taped stage
     * @param acceptedSteps accepted steps of the main solve
     * @param rejectedSteps rejected steps of the main solve
     * @param failure null, or why the solve stopped early (then no gradient was accumulated)
     */
    public record Evaluation(double loss, double taskLoss, double regularization, long evaluations,
                             int acceptedSteps, int rejectedSteps, String failure) {
    }

    /**
     * Solves from (t0, y0) through the save times, evaluates loss + λ·regularizer and, if the solve
     * succeeded and the loss is finite, accumulates its gradient into thetaBar and y0Bar.
     *
     * @param theta parameters (length P)
     * @param t0 start time
     * @param y0 initial state (length n)
     * @param saveTimes strictly increasing times in (t0, ∞); the last one is t₁
     * @param loss the task loss on the states at the save times
     * @param regularizer which regularizer
     * @param lambda its weight λ ≥ 0
     * @param u a uniform in (0, 1) choosing t_reg for the local regularizers (ignored otherwise)
     * @param thetaBar accumulates ∂(loss)/∂θ (length P), or null for no gradient
     * @param y0Bar accumulates ∂(loss)/∂y₀ (length n), or null
     * @return the values
     */
    public Evaluation evaluate(double[] theta, double t0, double[] y0, double[] saveTimes, ObservationLoss loss,
                               Regularizer regularizer, double lambda, double u, double[] thetaBar, double[] y0Bar) {
        check(theta, y0, saveTimes, lambda, u, regularizer, thetaBar, y0Bar);
        this.theta = theta;
        double t1 = saveTimes[saveTimes.length - 1];
        tReg = Double.NaN;
        hReg = Double.NaN;
        prepareClipTimes(saveTimes, regularizer == Regularizer.LOCAL_UNBIASED ? t0 + u * (t1 - t0) : Double.NaN);
        evaluations = 0;
        String failure = forward(t0, y0, t1);
        if (failure != null) {
            return new Evaluation(Double.NaN, Double.NaN, Double.NaN, evaluations, steps, attempted - steps, failure);
        }
        int saves = saveTimes.length;
        int k = 0;
        for (int i = 0; i < clipTimes.length; i++) {
            if (k < saves && clipTimes[i] == saveTimes[k]) {
                System.arraycopy(tapeY, offset(saveStep[i], 0), saveStates[k], 0, n);
                Arrays.fill(saveBar[k], 0.0);
                k++;
            }
        }
        double taskLoss = loss.evaluate(saveStates, saveBar);
        double regularization = 0.0;
        switch (regularizer) {
            case ERROR:
                for (int j = 0; j < steps; j++) {
                    double h = times[j + 1] - times[j];
                    regularization += scaledError(tapeY, tapeK, offset(j, 0), h, null, 0.0) * Math.abs(h);
                }
                break;
            case STIFFNESS:
                for (int j = 0; j < steps; j++) {
                    regularization += stiffness(tapeY, tapeK, offset(j, 0), times[j + 1] - times[j], 0.0);
                }
                break;
            case LOCAL_UNBIASED:
            case LOCAL_BIASED:
                regularization = localStep(regularizer, u, t1);
                break;
            default:
                break;
        }
        double total = taskLoss + lambda * regularization;
        Evaluation result = new Evaluation(total, taskLoss, regularization, evaluations, steps, attempted - steps, null);
        if (Double.isFinite(total) && (thetaBar != null || y0Bar != null)) {
            backward(regularizer, lambda, saves, saveTimes, thetaBar, y0Bar);
        }
        return result;
    }

    /** @return accepted steps of the last solve */
    public int acceptedSteps() {
        return steps;
    }

    /**
     * @param j 0 … {@link #acceptedSteps()}
     * @return the time t<sub>j</sub> at which accepted step j starts (j = N: the end)
     */
    public double stepTime(int j) {
        if (j < 0 || j > steps) {
            throw new IllegalArgumentException("j must be in [0, " + steps + "], got " + j);
        }
        return times[j];
    }

    /**
     * @param j 0 … {@link #acceptedSteps()}
     * @param out receives y<sub>j</sub> (length n)
     */
    public void stepState(int j, double[] out) {
        if (j < 0 || j > steps) {
            throw new IllegalArgumentException("j must be in [0, " + steps + "], got " + j);
        }
        System.arraycopy(tapeY, offset(j, 0), out, 0, n);
    }

    /** @return t_reg of the last local regularization (NaN if none) */
    public double localTime() {
        return tReg;
    }

    /** @return the step size h of the last local regularization step (NaN if none) */
    public double localStepSize() {
        return hReg;
    }

    /** @param out receives y(t_reg) of the last local regularization (length n) */
    public void localState(double[] out) {
        System.arraycopy(localY, 0, out, 0, n);
    }

    private void check(double[] theta, double[] y0, double[] saveTimes, double lambda, double u,
                       Regularizer regularizer, double[] thetaBar, double[] y0Bar) {
        int p = field.parameterCount();
        if (theta == null || theta.length != p) {
            throw new IllegalArgumentException("theta.length must equal the field's parameterCount() = " + p
                    + ", got " + (theta == null ? "null" : theta.length));
        }
        if (thetaBar != null && thetaBar.length != p) {
            throw new IllegalArgumentException("thetaBar.length must equal parameterCount() = " + p + ", got "
                    + thetaBar.length);
        }
        if (y0 == null || y0.length != n) {
            throw new IllegalArgumentException("y0.length must equal the field's dimension " + n + ", got "
                    + (y0 == null ? "null" : y0.length));
        }
        if (y0Bar != null && y0Bar.length != n) {
            throw new IllegalArgumentException("y0Bar.length must equal the dimension " + n + ", got " + y0Bar.length);
        }
        if (saveTimes == null || saveTimes.length == 0) {
            throw new IllegalArgumentException("saveTimes must hold at least one time (the last is t1)");
        }
        if (!(lambda >= 0.0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        }
        if (regularizer == null) {
            throw new IllegalArgumentException("regularizer must not be null");
        }
        if ((regularizer == Regularizer.LOCAL_BIASED || regularizer == Regularizer.LOCAL_UNBIASED)
                && !(u > 0.0 && u < 1.0)) {
            throw new IllegalArgumentException("u must be in (0, 1) for a local regularizer, got " + u);
        }
    }

    /** Save times, plus t_reg if given (unless it coincides with one), form the times steps land on. */
    private void prepareClipTimes(double[] saveTimes, double extra) {
        int count = saveTimes.length + (Double.isNaN(extra) ? 0 : 1);
        if (clipTimes.length != count) {
            clipTimes = new double[count];
            saveStep = new int[count];
        }
        if (saveStates.length != saveTimes.length) {
            saveStates = new double[saveTimes.length][n];
            saveBar = new double[saveTimes.length][n];
        }
        int k = 0;
        boolean placed = Double.isNaN(extra);
        for (int i = 0; i < saveTimes.length; i++) {
            double s = saveTimes[i];
            if (!Double.isFinite(s) || (i > 0 && !(s > saveTimes[i - 1]))) {
                throw new IllegalArgumentException("saveTimes must be finite and increase strictly, got saveTimes["
                        + i + "] = " + s);
            }
            if (!placed && extra <= s) {
                placed = true;
                if (extra < s) {
                    clipTimes[k++] = extra;
                }
            }
            clipTimes[k++] = s;
        }
        if (k < count) {
            clipTimes = Arrays.copyOf(clipTimes, k);
            saveStep = new int[k];
        }
        tReg = extra;
    }

    private int offset(int step, int stage) {
        return (step * stages + stage) * n;
    }

    private void ensureCapacity(int step) {
        int needed = offset(step + 2, 0);
        if (tapeY.length < needed) {
            int size = Math.max(needed, 2 * tapeY.length);
            tapeY = Arrays.copyOf(tapeY, size);
            tapeK = Arrays.copyOf(tapeK, size);
        }
        if (times.length < step + 2) {
            times = Arrays.copyOf(times, Math.max(step + 2, 2 * times.length));
        }
    }

    private void f(double t, double[] y, int yOffset, double[] out, int outOffset, double[] in, double[] res) {
        // The field works on whole arrays; the tape is flat, so stage vectors pass through two small buffers.
        System.arraycopy(y, yOffset, in, 0, n);
        field.evaluate(t, in, theta, res);
        evaluations++;
        System.arraycopy(res, 0, out, outOffset, n);
    }

    /** The Integrator's loop (see its {@code run}), taping the accepted steps. */
    private String forward(double t0, double[] y0, double tEnd) {
        if (!(clipTimes[0] > t0)) {
            throw new IllegalArgumentException("saveTimes must be > t0 = " + t0 + ", got " + clipTimes[0]);
        }
        steps = 0;
        attempted = 0;
        ensureCapacity(0);
        System.arraycopy(y0, 0, tapeY, 0, n);
        times[0] = t0;
        double[] start = new double[n];
        double[] candidate = new double[n];
        double[] in = hairerY1;
        double[] res = hairerF1;
        Drift drift = (t, y, out) -> {
            evaluations++;
            field.evaluate(t, y, theta, out);
        };
        SdeProblem problem = SdeProblem.builder().drift(drift).initialState(y0).interval(t0, tEnd).build();
        StepControl control = controller.start(problem, errorOrder);
        System.arraycopy(y0, 0, start, 0, n);
        double next = control.firstStepEnd(t0, start, drift);
        double t = t0;
        int clipIndex = 0;
        boolean lastRejected = false;
        boolean haveStart = false;
        while (t < tEnd) {
            if (attempted >= maxSteps) {
                return "stopped at t = " + t + " after " + attempted + " attempted steps (maxSteps = " + maxSteps + ")";
            }
            double end = next;
            if (end > tEnd - 100 * Math.ulp(tEnd)) {
                end = lastRejected ? t + 0.5 * (tEnd - t) : tEnd;
            }
            if (clipIndex < clipTimes.length && clipTimes[clipIndex] < end) {
                end = clipTimes[clipIndex];
            }
            if (!(end > t)) {
                return "step size underflow at t = " + t + " (next step end " + end + ")";
            }
            ensureCapacity(steps);
            int base = offset(steps, 0);
            if (!haveStart) {
                if (steps == 0) {
                    f(t, tapeY, base, tapeK, base, in, res);
                } else {
                    System.arraycopy(tapeK, offset(steps - 1, last), tapeK, base, n);
                }
                haveStart = true;
            }
            stepStages(t, end, tapeY, tapeK, base);
            System.arraycopy(tapeY, base + last * n, candidate, 0, n);
            attempted++;
            boolean keep = control.decide(t, end, start, candidate, error);
            lastRejected = !keep;
            if (keep) {
                for (int i = 0; i < n; i++) {
                    if (!Double.isFinite(candidate[i])) {
                        return "the state became non-finite in the step [" + t + ", " + end + "]";
                    }
                }
                steps++;
                times[steps] = end;
                System.arraycopy(candidate, 0, tapeY, offset(steps, 0), n);
                System.arraycopy(candidate, 0, start, 0, n);
                haveStart = false;
                t = end;
                if (clipIndex < clipTimes.length && t == clipTimes[clipIndex]) {
                    saveStep[clipIndex++] = steps;
                }
            }
            if (control.failure() != null) {
                return "controller stopped at t = " + t + ": " + control.failure();
            }
            next = control.nextStepEnd();
        }
        if (clipIndex < clipTimes.length) {
            throw new IllegalStateException("internal: save time " + clipTimes[clipIndex] + " was not reached");
        }
        return null;
    }

    /**
     * Stages 2 … s of a step from the state at Y[base] with k₁ at K[base], the error into {@link #error}.
     * Arithmetic exactly as {@code FsalRungeKuttaStepper.step}.
     */
    private void stepStages(double t0, double t1, double[] y, double[] k, int base) {
        double h = t1 - t0;
        double[] in = hairerY1;
        double[] res = hairerF1;
        for (int s = 1; s < stages; s++) {
            double[] w = s == last ? b : a[s];
            int target = base + s * n;
            combine(w, s, k, base, y, target);
            for (int i = 0; i < n; i++) {
                y[target + i] = y[base + i] + h * y[target + i];
            }
            f(c[s] == 1.0 ? t1 : t0 + c[s] * h, y, target, k, target, in, res);
        }
        combine(e, stages, k, base, error, 0);
        for (int i = 0; i < n; i++) {
            error[i] *= h;
        }
    }

    /** out = Σ_{j<count} w_j k_j, summed in the order of j with zero weights after the first skipped. */
    private void combine(double[] w, int count, double[] k, int base, double[] out, int outOffset) {
        double w0 = w[0];
        for (int i = 0; i < n; i++) {
            out[outOffset + i] = k[base + i] * w0;
        }
        for (int j = 1; j < count; j++) {
            double wj = w[j];
            if (wj == 0.0) {
                continue;
            }
            int kj = base + j * n;
            for (int i = 0; i < n; i++) {
                out[outOffset + i] += k[kj + i] * wj;
            }
        }
    }

    /**
     * The controller's scaled error of a taped step; with a weight, also its gradient: ∂(weight·E)/∂k
     * added to {@link #kBar} and ∂/∂y at the two ends to yStartBar / yEndBar.
     */
    private double scaledError(double[] y, double[] k, int base, double h, double[] yStartBar, double weight) {
        combine(e, stages, k, base, error, 0);
        int end = base + last * n;
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double err = error[i] * h;
            double scale = atol + rtol * Math.max(Math.abs(y[base + i]), Math.abs(y[end + i]));
            double q = err / scale;
            sum += q * q;
        }
        double eps = Math.sqrt(sum / n);
        if (weight == 0.0 || !(eps > 0.0)) {
            return eps;
        }
        for (int i = 0; i < n; i++) {
            double err = error[i] * h;
            double y0i = y[base + i];
            double y1i = y[end + i];
            boolean startBranch = Math.abs(y0i) >= Math.abs(y1i);
            double scale = atol + rtol * (startBranch ? Math.abs(y0i) : Math.abs(y1i));
            double q = err / scale;
            double errBar = weight * q / (scale * n * eps);
            double scaleBar = -weight * q * q / (scale * n * eps);
            for (int m = 0; m < stages; m++) {
                kBar[m][i] += h * e[m] * errBar;
            }
            if (startBranch) {
                yStartBar[i] += scaleBar * rtol * Math.signum(y0i);
            } else {
                yBar[i] += scaleBar * rtol * Math.signum(y1i);
            }
        }
        return eps;
    }

    /** |h|·ρ/s_stab of a taped step; with a weight, its gradient into kBar, yBar (end) and stiffBar. */
    private double stiffness(double[] y, double[] k, int base, double h, double weight) {
        int kl = base + last * n;
        int ks = base + stiffStage * n;
        double num = 0.0;
        double den = 0.0;
        for (int i = 0; i < n; i++) {
            double dk = k[kl + i] - k[ks + i];
            double dy = y[kl + i] - y[ks + i];
            num += dk * dk;
            den += dy * dy;
        }
        if (den == 0.0) {
            return 0.0;
        }
        double value = Math.abs(h) * Math.sqrt(num / den) / stabilitySize;
        if (weight == 0.0 || num == 0.0) {
            return value;
        }
        double numBar = weight * value / (2 * num);
        double denBar = -weight * value / (2 * den);
        for (int i = 0; i < n; i++) {
            double dk = k[kl + i] - k[ks + i];
            double dy = y[kl + i] - y[ks + i];
            kBar[last][i] += 2 * numBar * dk;
            kBar[stiffStage][i] -= 2 * numBar * dk;
            yBar[i] += 2 * denBar * dy;
            stiffBar[i] -= 2 * denBar * dy;
        }
        return value;
    }

    /** The local regularization step; returns E·h. */
    private double localStep(Regularizer regularizer, double u, double t1) {
        int j;
        if (regularizer == Regularizer.LOCAL_BIASED) {
            j = Math.min(steps - 1, (int) Math.floor(u * steps));
        } else {
            j = -1;
            for (int i = 0; i <= steps; i++) {
                if (times[i] == tReg) {
                    j = i;
                    break;
                }
            }
            if (j < 0) {
                throw new IllegalStateException("internal: t_reg = " + tReg + " is not a step time");
            }
        }
        tReg = times[j];
        System.arraycopy(tapeY, offset(j, 0), localY, 0, n);
        System.arraycopy(localY, 0, hairerY1, 0, n);
        double h = Math.min(hairerInitialStep(tReg, localY), t1 - tReg);
        hReg = h;
        f(tReg, localY, 0, localK, 0, hairerY1, hairerF1);
        stepStages(tReg, tReg + h, localY, localK, 0);
        return scaledError(localY, localK, 0, h, null, 0.0) * h;
    }

    /** Hairer–Nørsett–Wanner's initial step, exactly as {@link PidController} computes it (without bounds). */
    private double hairerInitialStep(double t0, double[] y0) {
        System.arraycopy(y0, 0, hairerY1, 0, n);
        field.evaluate(t0, hairerY1, theta, hairerF0);
        evaluations++;
        double d0 = 0;
        double d1 = 0;
        for (int i = 0; i < n; i++) {
            double scale = atol + Math.abs(y0[i]) * rtol;
            d0 += (y0[i] / scale) * (y0[i] / scale);
            d1 += (hairerF0[i] / scale) * (hairerF0[i] / scale);
        }
        d0 = Math.sqrt(d0 / n);
        d1 = Math.sqrt(d1 / n);
        double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
        for (int i = 0; i < n; i++) {
            hairerY1[i] = y0[i] + h0 * hairerF0[i];
        }
        field.evaluate(t0 + h0, hairerY1, theta, hairerF1);
        evaluations++;
        double d2 = 0;
        for (int i = 0; i < n; i++) {
            double scale = atol + Math.abs(y0[i]) * rtol;
            double d = (hairerF1[i] - hairerF0[i]) / scale;
            d2 += d * d;
        }
        d2 = Math.sqrt(d2 / n) / h0;
        double dmax = Math.max(d1, d2);
        double h1 = dmax <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / dmax, 1.0 / errorOrder);
        return Math.min(100 * h0, h1);
    }

    private void backward(Regularizer regularizer, double lambda, int saves, double[] saveTimes, double[] thetaBar,
                          double[] y0Bar) {
        double[] tb = thetaBar != null ? thetaBar : new double[field.parameterCount()];
        Arrays.fill(yBar, 0.0);
        // Cotangents of the saved states enter when the backward sweep reaches their step.
        int clip = clipTimes.length - 1;
        int save = saves - 1;
        double errorWeight = regularizer == Regularizer.ERROR ? lambda : 0.0;
        double stiffWeight = regularizer == Regularizer.STIFFNESS ? lambda : 0.0;
        for (int j = steps; j >= 0; j--) {
            while (clip >= 0 && saveStep[clip] == j) {
                if (save >= 0 && clipTimes[clip] == saveTimes[save]) {
                    double[] bar = saveBar[save];
                    for (int i = 0; i < n; i++) {
                        yBar[i] += bar[i];
                    }
                    save--;
                }
                clip--;
            }
            if (j == 0) {
                break;
            }
            int step = j - 1;
            double h = times[j] - times[step];
            stepBackward(tapeY, tapeK, offset(step, 0), times[step], times[j], errorWeight * Math.abs(h),
                    stiffWeight, tb);
        }
        if (lambda != 0.0 && (regularizer == Regularizer.LOCAL_BIASED || regularizer == Regularizer.LOCAL_UNBIASED)) {
            // One more sweep through the local step, starting from zero cotangents; y(t_reg) is a constant.
            double[] saved = yBar.clone();
            Arrays.fill(yBar, 0.0);
            stepBackward(localY, localK, 0, tReg, tReg + hReg, lambda * hReg, 0.0, tb);
            System.arraycopy(saved, 0, yBar, 0, n);
        }
        if (y0Bar != null) {
            for (int i = 0; i < n; i++) {
                y0Bar[i] += yBar[i];
            }
        }
    }

    /**
     * Reverse sweep through one taped step: on entry yBar is the cotangent of its end state, on exit of
     * its start state; θ's cotangent accumulates into thetaBar.
     */
    private void stepBackward(double[] y, double[] k, int base, double t0, double t1, double errorWeight,
                              double stiffWeight, double[] thetaBar) {
        double h = t1 - t0;
        for (double[] row : kBar) {
            Arrays.fill(row, 0.0);
        }
        Arrays.fill(yBarStart, 0.0);
        Arrays.fill(stiffBar, 0.0);
        if (errorWeight != 0.0) {
            scaledError(y, k, base, h, yBarStart, errorWeight);
        }
        if (stiffWeight != 0.0) {
            stiffness(y, k, base, h, stiffWeight);
        }
        double[] in = hairerY1;
        // k_s = f(t1, y1): only the regularizers see it.
        if (nonZero(kBar[last])) {
            System.arraycopy(y, base + last * n, in, 0, n);
            field.vectorJacobianProduct(t1, in, theta, kBar[last], yBar, thetaBar);
        }
        // y1 = y0 + h Σ b_m k_m
        for (int i = 0; i < n; i++) {
            yBarStart[i] += yBar[i];
        }
        addWeighted(b, last, h, yBar);
        for (int s = last - 1; s >= 1; s--) {
            if (s == stiffStage) {
                System.arraycopy(stiffBar, 0, stageBar, 0, n);
            } else {
                Arrays.fill(stageBar, 0.0);
            }
            System.arraycopy(y, base + s * n, in, 0, n);
            field.vectorJacobianProduct(c[s] == 1.0 ? t1 : t0 + c[s] * h, in, theta, kBar[s], stageBar, thetaBar);
            for (int i = 0; i < n; i++) {
                yBarStart[i] += stageBar[i];
            }
            addWeighted(a[s], s, h, stageBar);
        }
        System.arraycopy(y, base, in, 0, n);
        field.vectorJacobianProduct(t0, in, theta, kBar[0], yBarStart, thetaBar);
        System.arraycopy(yBarStart, 0, yBar, 0, n);
    }

    /** kBar_m += h·w_m·v for m &lt; count. */
    private void addWeighted(double[] w, int count, double h, double[] v) {
        for (int m = 0; m < count; m++) {
            double hw = h * w[m];
            if (hw == 0.0) {
                continue;
            }
            double[] row = kBar[m];
            for (int i = 0; i < n; i++) {
                row[i] += hw * v[i];
            }
        }
    }

    private static boolean nonZero(double[] v) {
        for (double x : v) {
            if (x != 0.0) {
                return true;
            }
        }
        return false;
    }

    /** Builds a {@link DiscreteAdjoint}. */
    public static final class Builder {
        private final ParametricVectorField field;
        private Solver solver = new Tsit5();
        private double rtol = 1e-6;
        private double atol = 1e-6;
        private long maxSteps = 100_000;

        private Builder(ParametricVectorField field) {
            if (field == null) {
                throw new IllegalArgumentException("field must not be null");
            }
            this.field = field;
        }

        /**
         * @param solver a {@link Tsit5} or a {@link Dopri5}
         * @return this builder
         */
        public Builder solver(Solver solver) {
            if (!(solver instanceof Tsit5) && !(solver instanceof Dopri5)) {
                throw new IllegalArgumentException("solver must be tsit5 or dopri5, got "
                        + (solver == null ? "null" : solver.properties().name()));
            }
            this.solver = solver;
            return this;
        }

        /**
         * @param rtol relative tolerance ≥ 0
         * @param atol absolute tolerance ≥ 0 (not both 0)
         * @return this builder
         */
        public Builder tolerances(double rtol, double atol) {
            PidController.builder(rtol, atol); // the controller's checks and messages
            this.rtol = rtol;
            this.atol = atol;
            return this;
        }

        /**
         * @param maxSteps limit on attempted steps per solve, ≥ 1
         * @return this builder
         */
        public Builder maxSteps(long maxSteps) {
            if (maxSteps < 1) {
                throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
            }
            this.maxSteps = maxSteps;
            return this;
        }

        /** @return the engine */
        public DiscreteAdjoint build() {
            return new DiscreteAdjoint(this);
        }
    }
}
