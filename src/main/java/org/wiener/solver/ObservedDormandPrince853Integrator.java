package org.wiener.solver;

import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.nonstiff.StepsizeHelper;
import org.hipparchus.util.FastMath;
import org.wiener.integrate.StepObserver;

/**
 * Hipparchus's {@link DormandPrince853Integrator}, unchanged in every computation, that reports every
 * attempted step (accepted or rejected) to a Wiener {@link StepObserver}; the same mechanism as
 * {@link ObservedDormandPrince54Integrator} (an override of the protected {@code estimateError}, called once
 * per attempt, whose value is returned unchanged).
 *
 * <p>Reported per attempt:
 * <ul>
 * <li>{@code t}, {@code h}, {@code accepted} ({@code scaledError < 1}, Hipparchus's test) and
 *     {@code scaledError} (Hipparchus's value, Hairer's |h|·E5² / √(n·(E5² + 0.01·E3²))) as in
 *     {@link ObservedDormandPrince54Integrator};</li>
 * <li>{@code error}: the vector h·φ·(e5·k) over the main state, with e5 = b − b̂5 the 5th-order error weights
 *     (those of {@link Dopri8}, equal to Hipparchus's private ones) and φ = √(E5² / (E5² + 0.01·E3²)) formed
 *     with the <i>scaled</i> sums, which this subclass can compute because Hipparchus's
 *     {@code StepsizeHelper.getTolerance} is reachable: the RMS of error<sub>i</sub>/tol<sub>i</sub> is then
 *     exactly Hipparchus's scaled error (up to rounding). DOP853 has no single error vector; this is the one
 *     whose norm is the controller's input. (Wiener's {@link Dopri8} stepper, which does not know the
 *     tolerances, forms φ from unscaled sums instead.)</li>
 * <li>{@code stiffness}: |h|·‖k<sub>13</sub> − k<sub>12</sub>‖ / ‖y<sub>1</sub> − Y<sub>12</sub>‖ /
 *     {@value Dopri8#STABILITY_SIZE}, stages 12 and 13 being at c = 1; Y<sub>12</sub> is recomputed bit for
 *     bit as Hipparchus computed it.</li>
 * </ul>
 * Hipparchus 4.0.3 evaluates all 16 rows of its Butcher array on every attempt, including the three stages
 * used only by its dense output: 15 evaluations per attempt (plus one at the start), against 12 for
 * Wiener's {@link Dopri8}.
 */
public class ObservedDormandPrince853Integrator extends DormandPrince853Integrator {

    private static final double[] E5 = Dopri8.e5();
    private static final double[] E3 = Dopri8.e3();

    private final StepObserver observer;
    private final double[] a12;
    private double[] error = new double[0];

    /**
     * @param minStep minimal step (Hipparchus's meaning)
     * @param maxStep maximal step
     * @param absTol absolute tolerance
     * @param relTol relative tolerance
     * @param observer receives every attempted step
     */
    public ObservedDormandPrince853Integrator(double minStep, double maxStep, double absTol, double relTol,
                                              StepObserver observer) {
        super(minStep, maxStep, absTol, relTol);
        this.observer = ObservedDormandPrince54Integrator.requireObserver(observer);
        this.a12 = getA()[10];
    }

    /**
     * @param minStep minimal step (Hipparchus's meaning)
     * @param maxStep maximal step
     * @param absTol absolute tolerances, one per main-state component
     * @param relTol relative tolerances, one per main-state component
     * @param observer receives every attempted step
     */
    public ObservedDormandPrince853Integrator(double minStep, double maxStep, double[] absTol, double[] relTol,
                                              StepObserver observer) {
        super(minStep, maxStep, absTol, relTol);
        this.observer = ObservedDormandPrince54Integrator.requireObserver(observer);
        this.a12 = getA()[10];
    }

    @Override
    protected double estimateError(double[][] yDotK, double[] y0, double[] y1, double h) {
        double scaled = super.estimateError(yDotK, y0, y1, h);
        StepsizeHelper helper = getStepSizeHelper();
        int n = helper.getMainSetDimension();
        if (error.length != n) {
            error = new double[n];
        }
        double s5 = 0.0;
        double s3 = 0.0;
        double num = 0.0;
        double den = 0.0;
        for (int i = 0; i < n; i++) {
            double e5 = E5[0] * yDotK[0][i];
            double e3 = E3[0] * yDotK[0][i];
            for (int j = 5; j < 12; j++) {
                e5 += E5[j] * yDotK[j][i];
                e3 += E3[j] * yDotK[j][i];
            }
            error[i] = e5;
            double tol = helper.getTolerance(i, FastMath.max(FastMath.abs(y0[i]), FastMath.abs(y1[i])));
            s5 += (e5 / tol) * (e5 / tol);
            s3 += (e3 / tol) * (e3 / tol);
            // stage 12 input, as Hipparchus's applyInternalButcherWeights computes it
            double sum = yDotK[0][i] * a12[0];
            for (int l = 1; l < 11; l++) {
                sum += yDotK[l][i] * a12[l];
            }
            double y12 = y0[i] + h * sum;
            double dk = yDotK[12][i] - yDotK[11][i];
            double dy = y1[i] - y12;
            num += dk * dk;
            den += dy * dy;
        }
        double d = s5 + 0.01 * s3;
        double phi = d > 0.0 ? FastMath.sqrt(s5 / d) : 0.0;
        for (int i = 0; i < n; i++) {
            error[i] *= h * phi;
        }
        double stiffness = den == 0.0 ? 0.0 : FastMath.abs(h) * FastMath.sqrt(num / den) / Dopri8.STABILITY_SIZE;
        observer.onStep(getStepStart().getTime(), h, scaled < 1.0, scaled, error, stiffness);
        return scaled;
    }
}
