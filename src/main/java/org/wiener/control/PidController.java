package org.wiener.control;

import java.util.Arrays;

import org.wiener.sde.Drift;
import org.wiener.sde.SdeProblem;

/**
 * Adaptive step control with Diffrax's PID law (its {@code PIDController} and
 * {@code ClipStepSizeController}), reproduced exactly because the published adaptive SDE results were
 * produced with it.
 *
 * <p><b>Error norm.</b> ε = RMS<sub>i</sub>( e<sub>i</sub> / (atol + rtol·max(|y0<sub>i</sub>|, |y1<sub>i</sub>|)) );
 * a non-finite candidate or NaN error counts as ε = ∞. <b>Accept</b> if ε &lt; 1, or if the step was
 * taken at dtmin. <b>Control law</b> with ι = 1/ε and ι', ι'' from the last two accepted steps:
 * factor = safety·ι<sup>(i+p+d)/q</sup>·ι'<sup>−(p+2d)/q</sup>·ι''<sup>d/q</sup>, clipped to
 * [1, factormax] on acceptance (accepted steps never shrink) and to [factormin, safety] on rejection;
 * then dt ← min(dt·factor, dtmax) and the dtmin rules (§2.5 of {@code step-control.md}).
 * q is the solver's error order (strong order + ½ on SDEs, the ODE order on ODEs) unless overridden.
 *
 * <p><b>Jumps.</b> Steps end exactly at each jump time, and the solver drops its carried values there.
 * <b>Rejected-step buffer.</b> With {@code rejectedStepBuffer(N)}, every rejected step end is stored and
 * later steps are clipped to land on it exactly: without this, adaptive solutions of SDEs with
 * non-commutative noise acquire a Lévy-area bias (Foster &amp; Jelinčič, arXiv:2311.14201). As in
 * Diffrax, the buffer holds the rejected ends still awaiting their revisit (nested, nearest on top);
 * one more than N of them ends the solve with {@code TOO_MANY_REJECTIONS}, in particular after more
 * than N consecutive rejections. Only rejected step <em>ends</em> are revisited: with
 * {@code StepDoubling}, whose attempts also query their midpoints, a small bias remains (measured in
 * {@code AdaptiveConvergenceTest}; Diffrax's HalfSolver behaves the same).
 *
 * <p><b>First step.</b> {@code dt0} if given, otherwise Hairer–Nørsett–Wanner's heuristic on the drift
 * alone (for SDEs too; it never queries the Brownian path), clipped to [dtmin, dtmax].
 *
 * <p><b>Not in Diffrax, off by default.</b> {@link Builder#dyadicStepEnds} moves each proposed end back to a
 * coarse dyadic point of a Virtual Brownian Tree's interval, where the tree answers with a few node draws;
 * {@link Builder#resumeProposedStep} lets the step grow back to its proposed size after a step that was
 * shortened (by that move, a save time, a jump, a rejected end or t1).
 */
public final class PidController implements StepSizeController {

    private final double rtol;
    private final double atol;
    private final double pcoeff;
    private final double icoeff;
    private final double dcoeff;
    private final double dtmin;
    private final double dtmax;
    private final boolean forceDtmin;
    private final double factormin;
    private final double factormax;
    private final double safety;
    private final double errorOrder;
    private final double dt0;
    private final double[] jumpTimes;
    private final int rejectedStepBuffer;
    private final double dyadicOrigin;
    private final double dyadicSpan;
    /**
     * 1/span when span is a power of two, else NaN. Then x·(1/span) is the same real number as x/span, so it
     * rounds to the same double, and a multiplication is much quicker than a division on the solve's critical path.
     */
    private final double dyadicInverseSpan;
    private final double dyadicShrink;
    private final boolean resumeProposedStep;

    private PidController(Builder b) {
        this.rtol = b.rtol;
        this.atol = b.atol;
        this.pcoeff = b.pcoeff;
        this.icoeff = b.icoeff;
        this.dcoeff = b.dcoeff;
        this.dtmin = b.dtmin;
        this.dtmax = b.dtmax;
        this.forceDtmin = b.forceDtmin;
        this.factormin = b.factormin;
        this.factormax = b.factormax;
        this.safety = b.safety;
        this.errorOrder = b.errorOrder;
        this.dt0 = b.dt0;
        this.jumpTimes = b.jumpTimes;
        this.rejectedStepBuffer = b.rejectedStepBuffer;
        this.dyadicOrigin = b.dyadicOrigin;
        this.dyadicSpan = b.dyadicSpan;
        this.dyadicInverseSpan = isPowerOfTwo(b.dyadicSpan) ? 1.0 / b.dyadicSpan : Double.NaN;
        this.dyadicShrink = b.dyadicShrink;
        this.resumeProposedStep = b.resumeProposedStep;
    }

    /**
     * @param rtol relative tolerance, ≥ 0
     * @param atol absolute tolerance, ≥ 0 (not both zero)
     * @return a builder with Diffrax's defaults (I-control, safety 0.9, factors [0.2, 10])
     */
    public static Builder builder(double rtol, double atol) {
        return new Builder(rtol, atol);
    }

    @Override
    public boolean isAdaptive() {
        return true;
    }

    /** @return the error order override, or NaN to use the solver's */
    public double errorOrderOverride() {
        return errorOrder;
    }

    /** @return dtmin (0 if unset) */
    public double dtmin() {
        return dtmin;
    }

    @Override
    public StepControl start(SdeProblem problem, double solverErrorOrder) {
        double q = Double.isNaN(errorOrder) ? solverErrorOrder : errorOrder;
        if (!(q > 0.0)) {
            throw new IllegalArgumentException("error order must be > 0, got " + q);
        }
        return new Control(problem, q);
    }

    private final class Control implements StepControl {
        private final SdeProblem problem;
        private final double q;
        /** The control law's exponents (i+p+d)/q, −(p+2d)/q and d/q, constant over a solve. */
        private final double currentExponent;
        private final double previousExponent;
        private final double previousPreviousExponent;
        private double inversePrev = 1.0;
        private double inversePrevPrev = 1.0;
        private boolean atDtmin;
        private boolean acceptedAtDtmin;
        private double scaledError = Double.NaN;
        private double next;
        /** The step size the control law chose for the current attempt, before snapping and clipping. */
        private double proposed;
        private Failure failure;
        private boolean madeJump;
        private final double[] rejectedEnds = rejectedStepBuffer > 0 ? new double[rejectedStepBuffer] : NO_TIMES;
        private int rejectedCount;

        Control(SdeProblem problem, double q) {
            this.problem = problem;
            this.q = q;
            this.currentExponent = (icoeff + pcoeff + dcoeff) / q;
            this.previousExponent = -(pcoeff + 2 * dcoeff) / q;
            this.previousPreviousExponent = dcoeff / q;
        }

        @Override
        public double firstStepEnd(double t0, double[] y0, Drift drift) {
            double h = Double.isNaN(dt0) ? hairerInitialStep(t0, y0, drift) : dt0;
            h = Math.min(h, dtmax);
            if (dtmin > 0) {
                atDtmin = h <= dtmin;
                h = Math.max(h, dtmin);
            }
            proposed = h;
            next = clip(t0, dyadicEnd(t0, t0 + h));
            return next;
        }

        private double hairerInitialStep(double t0, double[] y0, Drift drift) {
            int n = y0.length;
            double[] f0 = new double[n];
            double[] f1 = new double[n];
            double[] y1 = new double[n];
            drift.evaluate(t0, y0, f0);
            double d0 = 0;
            double d1 = 0;
            for (int i = 0; i < n; i++) {
                double scale = atol + Math.abs(y0[i]) * rtol;
                d0 += square(y0[i] / scale);
                d1 += square(f0[i] / scale);
            }
            d0 = Math.sqrt(d0 / n);
            d1 = Math.sqrt(d1 / n);
            double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
            for (int i = 0; i < n; i++) {
                y1[i] = y0[i] + h0 * f0[i];
            }
            drift.evaluate(t0 + h0, y1, f1);
            double d2 = 0;
            for (int i = 0; i < n; i++) {
                double scale = atol + Math.abs(y0[i]) * rtol;
                d2 += square((f1[i] - f0[i]) / scale);
            }
            d2 = Math.sqrt(d2 / n) / h0;
            double dmax = Math.max(d1, d2);
            double h1 = dmax <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / dmax, 1.0 / q);
            return Math.min(100 * h0, h1);
        }

        @Override
        public boolean decide(double t0, double t1, double[] y0, double[] y1, double[] error) {
            double eps = errorNorm(y0, y1, error);
            scaledError = eps;
            boolean keep = eps < 1.0 || (dtmin > 0 && atDtmin);
            double inverse = 1.0 / eps;
            // safety·ι^a·ι'^b·ι''^c, multiplied left to right; a factor with a zero exponent is exactly 1.0
            // (Math.pow(x, ±0) = 1 for every x, and x·1.0 = x), so it is skipped (the d term under PI control,
            // the ι' term under I control) without changing a bit.
            double factor = safety * Math.pow(inverse, currentExponent);
            if (previousExponent != 0.0) {
                factor *= Math.pow(inversePrev, previousExponent);
            }
            if (previousPreviousExponent != 0.0) {
                factor *= Math.pow(inversePrevPrev, previousPreviousExponent);
            }
            factor = keep ? clamp(factor, 1.0, factormax) : clamp(factor, factormin, safety);
            double dt = (t1 - t0) * factor;
            if (keep && resumeProposedStep) {
                dt = Math.max(dt, proposed);
            }
            dt = Math.min(dt, dtmax);
            if (dtmin > 0) {
                if (!forceDtmin && dt < dtmin) {
                    failure = Failure.DTMIN_REACHED;
                }
                if (atDtmin && factor == 1.0) {
                    dt = dtmin;
                }
                acceptedAtDtmin = keep && atDtmin;
                atDtmin = dt <= dtmin;
                dt = Math.max(dt, dtmin);
            }
            madeJump = false;
            if (keep) {
                inversePrevPrev = inversePrev;
                inversePrev = inverse == 0.0 || Double.isInfinite(inverse) ? 1.0 : inverse;
                if (rejectedCount > 0 && rejectedEnds[rejectedCount - 1] <= t1) {
                    rejectedCount--;
                }
                madeJump = isJump(t1);
            } else if (rejectedEnds.length > 0 && (rejectedCount == 0 || rejectedEnds[rejectedCount - 1] > t1)) {
                // As Diffrax's buffer: an end equal to the nearest stored one is stored already; any other is
                // pushed, and one that does not fit ends the solve (max_steps_rejected). Rejected ends still
                // awaiting their revisit count, not only consecutive rejections: forgetting one would
                // bring back the bias the buffer exists to remove.
                if (rejectedCount == rejectedEnds.length) {
                    failure = Failure.TOO_MANY_REJECTIONS;
                } else {
                    rejectedEnds[rejectedCount++] = t1;
                }
            }
            double start = keep ? t1 : t0;
            proposed = dt;
            next = clip(start, dyadicEnd(start, start + dt));
            return keep;
        }

        private double errorNorm(double[] y0, double[] y1, double[] error) {
            int n = y0.length;
            double sum = 0.0;
            if (n == 1) {
                // The loop below for one component (its set-up costs more than the arithmetic), without its exact
                // no-ops, which lie on the solve's critical path: 0.0 + x = x for the square x (never -0.0),
                // x / 1 = x, and sqrt(x·x) = |x| in binary floating point with rounding to nearest whenever x·x
                // neither overflows nor underflows (S. Boldo, "Stupid is as stupid does: taking the square root of
                // the square of a floating-point number", 2015); outside that range, the square root as before.
                if (!Double.isFinite(y1[0])) {
                    return Double.POSITIVE_INFINITY;
                }
                double scale = atol + rtol * Math.max(Math.abs(y0[0]), Math.abs(y1[0]));
                double scaled = error[0] / scale;
                double magnitude = Math.abs(scaled);
                double eps = magnitude >= 0x1p-500 && magnitude <= 0x1p500 ? magnitude : Math.sqrt(square(scaled));
                return Double.isNaN(eps) ? Double.POSITIVE_INFINITY : eps;
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(y1[i])) {
                    return Double.POSITIVE_INFINITY;
                }
                double scale = atol + rtol * Math.max(Math.abs(y0[i]), Math.abs(y1[i]));
                sum += square(error[i] / scale);
            }
            double eps = Math.sqrt(sum / n);
            return Double.isNaN(eps) ? Double.POSITIVE_INFINITY : eps;
        }

        /**
         * With {@code dyadicStepEnds}: the coarsest point origin + span·k·2<sup>-j</sup> (smallest j, then
         * largest k) in [end − shrink·(end − start), end] and after start; the end itself when there is none,
         * when it lies outside [origin, origin + span], or when the step would fall below dtmin.
         */
        private double dyadicEnd(double start, double end) {
            if (!(dyadicSpan > 0.0)) {
                return end;
            }
            double h = end - start;
            double lo;
            double hi;
            double after;
            if (dyadicInverseSpan > 0.0) {
                lo = (end - dyadicShrink * h - dyadicOrigin) * dyadicInverseSpan;
                hi = (end - dyadicOrigin) * dyadicInverseSpan;
                after = (start - dyadicOrigin) * dyadicInverseSpan;
            } else {
                lo = (end - dyadicShrink * h - dyadicOrigin) / dyadicSpan;
                hi = (end - dyadicOrigin) / dyadicSpan;
                after = (start - dyadicOrigin) / dyadicSpan;
            }
            if (!(hi > 0.0 && hi <= 1.0)) {
                return end;
            }
            for (int j = 0; j <= 62; j++) {
                // floor(hi·2^j)·2^-j; both products by powers of two are exact here (0 < hi ≤ 1, j ≤ 62), as
                // Math.scalb's would be, and cheaper. The cast to long is floor for 0 ≤ x < 2^63 and, unlike
                // Math.floor on JDK 17 without SSE4.1 intrinsics, never a library call.
                double point = (double) (long) (hi * POWERS_OF_TWO[j]) * INVERSE_POWERS_OF_TWO[j];
                if (point >= lo && point > after) {
                    double snapped = dyadicOrigin + dyadicSpan * point;
                    return snapped - start >= dtmin && snapped > start ? snapped : end;
                }
            }
            return end;
        }

        /** Clips a proposed step [start, end] to stored rejected ends and to jump times. */
        private double clip(double start, double end) {
            if (rejectedCount > 0) {
                double target = rejectedEnds[rejectedCount - 1];
                if (target > start && target < end) {
                    end = target;
                }
            }
            for (double jump : jumpTimes) {
                if (jump > start && jump < end) {
                    end = jump;
                    break;
                }
            }
            return Math.min(end, problem.t1());
        }

        private boolean isJump(double t) {
            return jumpTimes.length > 0 && Arrays.binarySearch(jumpTimes, t) >= 0;
        }

        @Override
        public double nextStepEnd() {
            return next;
        }

        @Override
        public double scaledError() {
            return scaledError;
        }

        @Override
        public boolean atDtmin() {
            return acceptedAtDtmin;
        }

        @Override
        public Failure failure() {
            return failure;
        }

        @Override
        public boolean madeJump() {
            return madeJump;
        }
    }

    /** The (never written) rejected-end buffer of a controller without one. */
    private static final double[] NO_TIMES = new double[0];

    /** 2^j and 2^-j for j = 0, …, 62 (exact doubles), for {@code dyadicEnd}. */
    private static final double[] POWERS_OF_TWO = new double[63];
    private static final double[] INVERSE_POWERS_OF_TWO = new double[63];

    static {
        for (int j = 0; j <= 62; j++) {
            POWERS_OF_TWO[j] = Math.scalb(1.0, j);
            INVERSE_POWERS_OF_TWO[j] = Math.scalb(1.0, -j);
        }
    }

    /** @return whether x is a positive power of two (a normal double, whose reciprocal is then exact) */
    static boolean isPowerOfTwo(double x) {
        return x > 0.0 && Double.isFinite(x) && (Double.doubleToRawLongBits(x) & 0x000FFFFFFFFFFFFFL) == 0L;
    }

    private static double square(double x) {
        return x * x;
    }

    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    /** Builds a {@link PidController}; defaults are Diffrax's. */
    public static final class Builder {
        private final double rtol;
        private final double atol;
        private double pcoeff = 0.0;
        private double icoeff = 1.0;
        private double dcoeff = 0.0;
        private double dtmin = 0.0;
        private double dtmax = Double.POSITIVE_INFINITY;
        private boolean forceDtmin = true;
        private double factormin = 0.2;
        private double factormax = 10.0;
        private double safety = 0.9;
        private double errorOrder = Double.NaN;
        private double dt0 = Double.NaN;
        private double[] jumpTimes = new double[0];
        private int rejectedStepBuffer;
        private double dyadicOrigin;
        private double dyadicSpan = Double.NaN;
        private double dyadicShrink;
        private boolean resumeProposedStep;

        private Builder(double rtol, double atol) {
            if (!(rtol >= 0.0) || !Double.isFinite(rtol)) {
                throw new IllegalArgumentException("rtol must be finite and >= 0, got " + rtol);
            }
            if (!(atol >= 0.0) || !Double.isFinite(atol)) {
                throw new IllegalArgumentException("atol must be finite and >= 0, got " + atol);
            }
            if (rtol == 0.0 && atol == 0.0) {
                throw new IllegalArgumentException("rtol and atol must not both be 0");
            }
            this.rtol = rtol;
            this.atol = atol;
        }

        /**
         * PID coefficients; Diffrax recommends p = 0.1, i = 0.3 for SDEs.
         *
         * @param p proportional coefficient
         * @param i integral coefficient
         * @param d derivative coefficient
         * @return this builder
         */
        public Builder coefficients(double p, double i, double d) {
            if (!Double.isFinite(p) || !Double.isFinite(i) || !Double.isFinite(d)) {
                throw new IllegalArgumentException("coefficients must be finite, got p=" + p + ", i=" + i + ", d=" + d);
            }
            this.pcoeff = p;
            this.icoeff = i;
            this.dcoeff = d;
            return this;
        }

        /**
         * @param dtmin smallest step, ≥ 0 (0: none); keep the Brownian tree's tolerance at most dtmin/2
         * @param dtmax largest step, &gt; dtmin
         * @return this builder
         */
        public Builder stepBounds(double dtmin, double dtmax) {
            if (!(dtmin >= 0.0) || !Double.isFinite(dtmin)) {
                throw new IllegalArgumentException("dtmin must be finite and >= 0, got " + dtmin);
            }
            if (!(dtmax > dtmin)) {
                throw new IllegalArgumentException("dtmax must be > dtmin=" + dtmin + ", got " + dtmax);
            }
            this.dtmin = dtmin;
            this.dtmax = dtmax;
            return this;
        }

        /**
         * @param force true (default): steps at dtmin are accepted whatever their error; false: a step
         *     below dtmin ends the solve with DTMIN_REACHED
         * @return this builder
         */
        public Builder forceDtmin(boolean force) {
            this.forceDtmin = force;
            return this;
        }

        /**
         * @param min smallest factor on rejection, in (0, 1]
         * @param max largest factor on acceptance, ≥ 1
         * @return this builder
         */
        public Builder factorBounds(double min, double max) {
            if (!(min > 0.0 && min <= 1.0)) {
                throw new IllegalArgumentException("factormin must be in (0, 1], got " + min);
            }
            if (!(max >= 1.0) || !Double.isFinite(max)) {
                throw new IllegalArgumentException("factormax must be finite and >= 1, got " + max);
            }
            this.factormin = min;
            this.factormax = max;
            return this;
        }

        /**
         * @param safety safety factor in (0, 1]
         * @return this builder
         */
        public Builder safety(double safety) {
            if (!(safety > 0.0 && safety <= 1.0)) {
                throw new IllegalArgumentException("safety must be in (0, 1], got " + safety);
            }
            this.safety = safety;
            return this;
        }

        /**
         * @param order overrides the solver's error order q, &gt; 0
         * @return this builder
         */
        public Builder errorOrder(double order) {
            if (!(order > 0.0) || !Double.isFinite(order)) {
                throw new IllegalArgumentException("errorOrder must be finite and > 0, got " + order);
            }
            this.errorOrder = order;
            return this;
        }

        /**
         * @param dt0 the first step size, &gt; 0 (default: Hairer's heuristic on the drift)
         * @return this builder
         */
        public Builder initialStep(double dt0) {
            if (!(dt0 > 0.0) || !Double.isFinite(dt0)) {
                throw new IllegalArgumentException("initialStep must be finite and > 0, got " + dt0);
            }
            this.dt0 = dt0;
            return this;
        }

        /**
         * @param times known discontinuities of the vector field in time (finite)
         * @return this builder
         */
        public Builder jumpTimes(double... times) {
            double[] sorted = times.clone();
            for (int i = 0; i < sorted.length; i++) {
                if (!Double.isFinite(sorted[i])) {
                    throw new IllegalArgumentException("jumpTimes[" + i + "] must be finite, got " + sorted[i]);
                }
            }
            Arrays.sort(sorted);
            this.jumpTimes = sorted;
            return this;
        }

        /**
         * @param size how many rejected step ends to remember and revisit (0: off; Diffrax notes 10 is
         *     rarely exceeded); needed for non-commutative noise. A rejection whose end does not fit
         *     (more than {@code size} ends awaiting their revisit, e.g. after more than {@code size}
         *     consecutive rejections) ends the solve with TOO_MANY_REJECTIONS
         * @return this builder
         */
        public Builder rejectedStepBuffer(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("rejectedStepBuffer must be >= 0, got " + size);
            }
            this.rejectedStepBuffer = size;
            return this;
        }

        /**
         * Moves every proposed step end back, by at most {@code shrink} of the step, to the coarsest dyadic
         * point of [origin, origin + span]: the point origin + span·k·2<sup>-j</sup> with the smallest j in
         * [end − shrink·h, end] (never closer to the step's start than dtmin). Not in Diffrax. It is meant
         * for a {@link org.wiener.brownian.VirtualBrownianTree} on [origin, origin + span]: a query ending at
         * such a point stops its descent at level j, where the point is a node's midpoint, instead of going
         * down to a leaf and drawing a point inside it, so an adaptive solve draws a few nodes per step
         * rather than about log<sub>2</sub>(h/leaf) + 1. The answers are the same exact Brownian path; only
         * the steps change (each at most {@code shrink} shorter than the control law proposes, about
         * shrink/2 on average, which the law then compensates). Use a power-of-two {@code span} with
         * {@code origin = 0}, so that the dyadic points are exact doubles both here and in the tree.
         * Clipping to rejected ends, jump times and the problem's end comes afterwards and is unchanged.
         *
         * @param origin start of the dyadic range, finite (the tree's t0)
         * @param span its length, finite and &gt; 0 (the tree's t1 − t0)
         * @param shrink largest fraction of a step given up, in (0, 1)
         * @return this builder
         */
        public Builder dyadicStepEnds(double origin, double span, double shrink) {
            if (!Double.isFinite(origin)) {
                throw new IllegalArgumentException("dyadic origin must be finite, got " + origin);
            }
            if (!(span > 0.0) || !Double.isFinite(span)) {
                throw new IllegalArgumentException("dyadic span must be finite and > 0, got " + span);
            }
            if (!(shrink > 0.0 && shrink < 1.0)) {
                throw new IllegalArgumentException("dyadic shrink must be in (0, 1), got " + shrink);
            }
            this.dyadicOrigin = origin;
            this.dyadicSpan = span;
            this.dyadicShrink = shrink;
            return this;
        }

        /**
         * After an accepted step that was shortened (by {@link #dyadicStepEnds}, a save time, a jump time, a
         * rejected end or the end of the interval), grow the next step from the size the control law had
         * proposed rather than from the shortened step: dt ← max(h·factor, proposed). Default false, as in
         * Diffrax, where a step shortened to land on a save time makes the next one short too and the law
         * takes several steps to recover (with draws every 0.5 time units and steps of about 0.3, that is
         * most steps of a Langevin sampler). OrdinaryDiffEq.jl resumes the proposed step after a tstop in
         * the same way. Rejected steps shrink from the step actually tried, as before.
         *
         * @param resume true to resume the proposed step size after a shortened, accepted step
         * @return this builder
         */
        public Builder resumeProposedStep(boolean resume) {
            this.resumeProposedStep = resume;
            return this;
        }

        /** @return the controller */
        public PidController build() {
            return new PidController(this);
        }
    }
}
