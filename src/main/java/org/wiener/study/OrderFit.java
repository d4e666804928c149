package org.wiener.study;

/**
 * The fitted convergence order of one solver in a study.
 *
 * @param solver the solver's name
 * @param mode the step mode
 * @param orderVsStep least-squares slope of log(error) against log(step size) (CONSTANT) or
 *     log(tolerance) (ADAPTIVE)
 * @param orderVsStepLow lower end of the 95% bootstrap interval of {@code orderVsStep}
 * @param orderVsStepHigh upper end of that interval
 * @param orderVsWork least-squares slope of log(error) against −log(mean steps)
 * @param orderVsWorkLow lower end of the 95% bootstrap interval of {@code orderVsWork}
 * @param orderVsWorkHigh upper end of that interval
 */
public record OrderFit(String solver, StepMode mode, double orderVsStep, double orderVsStepLow, double orderVsStepHigh,
                       double orderVsWork, double orderVsWorkLow, double orderVsWorkHigh) {

    /** @return whether {@code order} lies in [orderVsStepLow, orderVsStepHigh] widened by {@code margin} */
    public boolean stepIntervalCovers(double order, double margin) {
        return order >= orderVsStepLow - margin && order <= orderVsStepHigh + margin;
    }

    /** @return whether {@code order} lies in [orderVsWorkLow, orderVsWorkHigh] widened by {@code margin} */
    public boolean workIntervalCovers(double order, double margin) {
        return order >= orderVsWorkLow - margin && order <= orderVsWorkHigh + margin;
    }
}
