package org.wiener.control;

import org.wiener.sde.Drift;
import org.wiener.sde.SdeProblem;

/**
 * N equal steps: N = ⌈(t1 − t0)/nextUp(dt)⌉ (the nextUp keeps rounding from adding a tiny extra step
 * when (t1 − t0)/dt is an integer), and step k ends at t0 + (t1 − t0)·k/N, computed from k rather than
 * accumulated, as in Diffrax. Every step is accepted.
 */
public final class ConstantStepSize implements StepSizeController {

    private final double dt;

    /**
     * @param dt the step size, positive and finite
     */
    public ConstantStepSize(double dt) {
        if (!(dt > 0.0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("dt must be positive and finite, got " + dt);
        }
        this.dt = dt;
    }

    /** @return the requested step size */
    public double dt() {
        return dt;
    }

    @Override
    public boolean isAdaptive() {
        return false;
    }

    @Override
    public StepControl start(SdeProblem problem, double errorOrder) {
        double t0 = problem.t0();
        double t1 = problem.t1();
        long count = (long) Math.ceil((t1 - t0) / Math.nextUp(dt));
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("dt=" + dt + " gives " + count + " steps on [" + t0 + ", " + t1
                    + "], more than " + Integer.MAX_VALUE);
        }
        int steps = (int) Math.max(1, count);
        double[] grid = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            grid[k] = k == steps ? t1 : t0 + (t1 - t0) * k / steps;
        }
        return new GridControl(grid);
    }

    /** Steps to the points of a fixed grid; shared with {@link StepTo}. */
    static final class GridControl implements StepControl {
        private final double[] grid;
        private int next = 1;

        GridControl(double[] grid) {
            this.grid = grid;
        }

        @Override
        public double firstStepEnd(double t0, double[] y0, Drift drift) {
            return grid[1];
        }

        @Override
        public boolean decide(double t0, double t1, double[] y0, double[] y1, double[] error) {
            // The driver may have clipped the step to a save time: aim for the first grid point after t1.
            while (next < grid.length - 1 && grid[next] <= t1) {
                next++;
            }
            return true;
        }

        @Override
        public double nextStepEnd() {
            return grid[next];
        }

        @Override
        public double scaledError() {
            return Double.NaN;
        }

        @Override
        public boolean atDtmin() {
            return false;
        }

        @Override
        public Failure failure() {
            return null;
        }
    }
}
