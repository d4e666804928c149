package org.wiener.study;

import org.wiener.control.StepControl;
import org.wiener.control.StepSizeController;
import org.wiener.sde.Drift;
import org.wiener.sde.SdeProblem;

/**
 * Paper A's step-size controller for the CIR process ({@code CIRController} in
 * {@code cir_adaptive.py}; {@code step-control.md} §7, {@code problems.md} §6.3): driven by the state,
 * not by an error estimate, it takes small steps near 0, where the square-root diffusion is least
 * regular.
 *
 * <ul>
 *   <li>Desired step for a state y: d(y) = clip((ctol·max(y, 0))<sup>2/3</sup>, dtmin, dtmax).</li>
 *   <li>First step: d(y<sub>0</sub>).</li>
 *   <li>An attempted step [t0, t1] with candidate y1 is accepted iff
 *   t1 − t0 &lt; 1.1·d(min(y0, y1)).</li>
 *   <li>Next step: after acceptance d(y1) from t1; after rejection d(min(y0, y1)) from t0. A step
 *   at dtmin is always accepted (dtmin &lt; 1.1·dtmin), and each rejection shrinks the desired step by
 *   more than 1.1, so rejections end.</li>
 *   <li>A non-finite candidate is rejected and the step halved (not below dtmin); at dtmin it is
 *   accepted, so that the driver ends the solve with {@code NON_FINITE_STATE} (as the PID controller
 *   does with a forced dtmin). The CIR schemes never produce one from finite input.</li>
 * </ul>
 * Proposed ends are clipped to the problem's t1. The state must be one-dimensional.
 *
 * <p><b>Not error-based:</b> {@link #isAdaptive()} is false, because the controller neither needs nor
 * reads an error estimate, so the driver accepts solvers without one (HOStS, DIE). The driver
 * therefore does <em>not</em> apply the check it makes for adaptive controllers that the Brownian path
 * is seed-deterministic and answers any time. That check matters here all the same: after a rejection
 * the step is retried on a shorter interval of the same path, and the step ends are arbitrary times.
 * <b>Use this controller with a {@code VirtualBrownianTree}</b> whose tolerance is at most dtmin/2
 * (paper A: 2<sup>−16</sup> with dtmin = 2<sup>−15</sup>); a fixed-grid path would either refuse the
 * off-grid times or, for a path drawing fresh increments per query, silently change the path on retry.
 *
 * <p>Immutable and thread-safe; {@link #start} creates the per-solve state.
 */
public final class CirController implements StepSizeController {

    /** Paper A's smallest step, 2<sup>−15</sup>. */
    public static final double DEFAULT_DTMIN = 0x1p-15;
    /** Paper A's largest step, 1. */
    public static final double DEFAULT_DTMAX = 1.0;
    /** A step is accepted if its length is below this factor times the desired step. */
    public static final double ACCEPT_FACTOR = 1.1;

    private final double ctol;
    private final double dtmin;
    private final double dtmax;

    /**
     * With paper A's bounds dtmin = 2<sup>−15</sup>, dtmax = 1.
     *
     * @param ctol the tolerance, &gt; 0 (paper A: 2<sup>−ℓ</sup>)
     */
    public CirController(double ctol) {
        this(ctol, DEFAULT_DTMIN, DEFAULT_DTMAX);
    }

    /**
     * @param ctol the tolerance, &gt; 0 and finite
     * @param dtmin smallest step, &gt; 0
     * @param dtmax largest step, ≥ dtmin and finite
     */
    public CirController(double ctol, double dtmin, double dtmax) {
        if (!(ctol > 0.0) || !Double.isFinite(ctol)) {
            throw new IllegalArgumentException("ctol must be finite and > 0, got " + ctol);
        }
        if (!(dtmin > 0.0) || !Double.isFinite(dtmin)) {
            throw new IllegalArgumentException("dtmin must be finite and > 0, got " + dtmin);
        }
        if (!(dtmax >= dtmin) || !Double.isFinite(dtmax)) {
            throw new IllegalArgumentException("dtmax must be finite and >= dtmin=" + dtmin + ", got " + dtmax);
        }
        this.ctol = ctol;
        this.dtmin = dtmin;
        this.dtmax = dtmax;
    }

    /** @return ctol */
    public double ctol() {
        return ctol;
    }

    /** @return dtmin */
    public double dtmin() {
        return dtmin;
    }

    /** @return dtmax */
    public double dtmax() {
        return dtmax;
    }

    /**
     * @param y a state value (negative counts as 0; NaN gives dtmin)
     * @return the desired step clip((ctol·max(y, 0))<sup>2/3</sup>, dtmin, dtmax)
     */
    public double desiredStep(double y) {
        double raw = Math.pow(ctol * Math.max(y, 0.0), 2.0 / 3.0);
        if (Double.isNaN(raw)) {
            return dtmin;
        }
        return Math.max(dtmin, Math.min(dtmax, raw));
    }

    /** @return false: the controller is driven by the state, not by an error estimate (see the class comment) */
    @Override
    public boolean isAdaptive() {
        return false;
    }

    @Override
    public StepControl start(SdeProblem problem, double errorOrder) {
        if (problem == null) {
            throw new IllegalArgumentException("problem must not be null");
        }
        if (problem.dimension() != 1) {
            throw new IllegalArgumentException("CirController steps by a scalar state: the problem must have "
                    + "dimension 1, got " + problem.dimension());
        }
        return new Control(problem.t1());
    }

    @Override
    public String toString() {
        return "CirController(ctol=" + ctol + ", dtmin=" + dtmin + ", dtmax=" + dtmax + ")";
    }

    private final class Control implements StepControl {
        private final double tEnd;
        private double next;
        private double proposed;
        private boolean acceptedAtDtmin;

        Control(double tEnd) {
            this.tEnd = tEnd;
        }

        @Override
        public double firstStepEnd(double t0, double[] y0, Drift drift) {
            propose(t0, desiredStep(y0[0]));
            return next;
        }

        @Override
        public boolean decide(double t0, double t1, double[] y0, double[] y1, double[] error) {
            double h = t1 - t0;
            if (!Double.isFinite(y1[0])) {
                boolean keep = proposed <= dtmin || h <= dtmin;
                acceptedAtDtmin = keep;
                double start = keep ? t1 : t0;
                propose(start, Math.max(dtmin, 0.5 * h));
                return keep;
            }
            double desired = desiredStep(Math.min(y0[0], y1[0]));
            boolean keep = h < ACCEPT_FACTOR * desired;
            acceptedAtDtmin = keep && proposed <= dtmin;
            if (keep) {
                propose(t1, desiredStep(y1[0]));
            } else {
                propose(t0, desired);
            }
            return keep;
        }

        private void propose(double start, double dt) {
            proposed = dt;
            next = Math.min(start + dt, tEnd);
        }

        @Override
        public double nextStepEnd() {
            return next;
        }

        @Override
        public double scaledError() {
            return Double.NaN;
        }

        @Override
        public boolean atDtmin() {
            return acceptedAtDtmin;
        }

        @Override
        public Failure failure() {
            return null;
        }
    }
}
