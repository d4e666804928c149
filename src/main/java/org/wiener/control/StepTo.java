package org.wiener.control;

import org.wiener.sde.SdeProblem;

/**
 * Steps exactly to given times: the grid must start at the problem's t0, end at its t1 and increase
 * strictly. Every step is accepted.
 */
public final class StepTo implements StepSizeController {

    private final double[] times;

    /**
     * @param times the step ends, including t0 and t1, strictly increasing and finite
     */
    public StepTo(double... times) {
        if (times == null || times.length < 2) {
            throw new IllegalArgumentException("times must hold at least t0 and t1, got "
                    + (times == null ? "null" : times.length + " value(s)"));
        }
        for (int i = 0; i < times.length; i++) {
            if (!Double.isFinite(times[i])) {
                throw new IllegalArgumentException("times[" + i + "] must be finite, got " + times[i]);
            }
            if (i > 0 && !(times[i] > times[i - 1])) {
                throw new IllegalArgumentException("times must increase strictly, got times[" + (i - 1) + "]="
                        + times[i - 1] + ", times[" + i + "]=" + times[i]);
            }
        }
        this.times = times.clone();
    }

    @Override
    public boolean isAdaptive() {
        return false;
    }

    @Override
    public StepControl start(SdeProblem problem, double errorOrder) {
        if (times[0] != problem.t0() || times[times.length - 1] != problem.t1()) {
            throw new IllegalArgumentException("times must start at t0=" + problem.t0() + " and end at t1="
                    + problem.t1() + ", got [" + times[0] + ", " + times[times.length - 1] + "]");
        }
        return new ConstantStepSize.GridControl(times.clone());
    }
}
