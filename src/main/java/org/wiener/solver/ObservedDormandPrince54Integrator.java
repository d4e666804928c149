package org.wiener.solver;

import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.nonstiff.StepsizeHelper;
import org.hipparchus.util.FastMath;
import org.wiener.integrate.StepObserver;

/**
 * Hipparchus's {@link DormandPrince54Integrator}, unchanged in every computation, that reports every
 * attempted step (accepted or rejected) to a Wiener {@link StepObserver}: the heuristics that
 * {@code regularization.md} regularizes, read from a solve that Hipparchus controls.
 *
 * <p>How: Hipparchus 4.0.3's {@code EmbeddedRungeKuttaIntegrator.integrate} computes all stages of an
 * attempt and then calls the protected {@code estimateError(yDotK, y0, y1, h)} exactly once per attempt,
 * rejecting the attempt when the returned value is ≥ 1 (and throwing when it is NaN). This class overrides
 * that method, returns Hipparchus's own value unchanged, and reports before returning:
 * <ul>
 * <li>{@code t}: the start of the attempted step, {@code getStepStart().getTime()};</li>
 * <li>{@code h}: the attempted (signed) step, {@code getStepSize()} — if an event detector later truncates an
 *     accepted step, the truncation is not reflected here;</li>
 * <li>{@code accepted}: {@code scaledError < 1}, exactly Hipparchus's test (a NaN error is reported as
 *     rejected, then Hipparchus throws);</li>
 * <li>{@code scaledError}: the value Hipparchus computed (RMS over the main set of h·(e·k)<sub>i</sub> /
 *     (atol<sub>i</sub> + rtol<sub>i</sub>·max(|y0<sub>i</sub>|, |y1<sub>i</sub>|)));</li>
 * <li>{@code error}: the unscaled error vector h·Σ<sub>j</sub>(b<sub>j</sub> − b̂<sub>j</sub>)·k<sub>j</sub> over
 *     the main state (length = main set dimension), recomputed from Hipparchus's stage derivatives with the
 *     weights of {@link Dopri5} (equal to Hipparchus's private error array); a live buffer, valid during the
 *     call only;</li>
 * <li>{@code stiffness}: |h|·‖k<sub>7</sub> − k<sub>6</sub>‖ / ‖y<sub>1</sub> − Y<sub>6</sub>‖ /
 *     {@value Dopri5#STABILITY_SIZE} over the main state, as {@link Dopri5}. The stage input
 *     Y<sub>6</sub> is not passed to {@code estimateError}; it is recomputed from y0, h, the stage
 *     derivatives and {@code getA()} with the same operations in the same order as Hipparchus's
 *     {@code applyInternalButcherWeights}, hence bit for bit the point at which Hipparchus evaluated
 *     k<sub>6</sub>; y<sub>1</sub> is Hipparchus's own.</li>
 * </ul>
 * Nothing is impossible with this API for this integrator. What it costs: one extra pass over the stages per
 * attempt (no drift evaluation), and Hipparchus itself allocates per step, so this integrator is not
 * allocation-free as Wiener's {@link Dopri5} is. Step-size control, initial step, events and step handlers
 * are Hipparchus's (see {@code step-control.md} §2.8 for how its controller differs from Diffrax's).
 */
public class ObservedDormandPrince54Integrator extends DormandPrince54Integrator {

    private static final double[] E = Dopri5.e();

    private final StepObserver observer;
    private final double[] a6;
    private double[] error = new double[0];

    /**
     * @param minStep minimal step (Hipparchus's meaning)
     * @param maxStep maximal step
     * @param absTol absolute tolerance
     * @param relTol relative tolerance
     * @param observer receives every attempted step
     */
    public ObservedDormandPrince54Integrator(double minStep, double maxStep, double absTol, double relTol,
                                             StepObserver observer) {
        super(minStep, maxStep, absTol, relTol);
        this.observer = requireObserver(observer);
        this.a6 = getA()[4];
    }

    /**
     * @param minStep minimal step (Hipparchus's meaning)
     * @param maxStep maximal step
     * @param absTol absolute tolerances, one per main-state component
     * @param relTol relative tolerances, one per main-state component
     * @param observer receives every attempted step
     */
    public ObservedDormandPrince54Integrator(double minStep, double maxStep, double[] absTol, double[] relTol,
                                             StepObserver observer) {
        super(minStep, maxStep, absTol, relTol);
        this.observer = requireObserver(observer);
        this.a6 = getA()[4];
    }

    static StepObserver requireObserver(StepObserver observer) {
        if (observer == null) {
            throw new IllegalArgumentException("observer must not be null");
        }
        return observer;
    }

    @Override
    protected double estimateError(double[][] yDotK, double[] y0, double[] y1, double h) {
        double scaled = super.estimateError(yDotK, y0, y1, h);
        StepsizeHelper helper = getStepSizeHelper();
        int n = helper.getMainSetDimension();
        if (error.length != n) {
            error = new double[n];
        }
        double num = 0.0;
        double den = 0.0;
        for (int i = 0; i < n; i++) {
            double e = E[0] * yDotK[0][i];
            for (int j = 1; j < 7; j++) {
                e += E[j] * yDotK[j][i];
            }
            error[i] = h * e;
            // stage 6 input, as Hipparchus's applyInternalButcherWeights computes it
            double sum = yDotK[0][i] * a6[0];
            for (int l = 1; l < 5; l++) {
                sum += yDotK[l][i] * a6[l];
            }
            double y6 = y0[i] + h * sum;
            double dk = yDotK[6][i] - yDotK[5][i];
            double dy = y1[i] - y6;
            num += dk * dk;
            den += dy * dy;
        }
        double stiffness = den == 0.0 ? 0.0 : FastMath.abs(h) * FastMath.sqrt(num / den) / Dopri5.STABILITY_SIZE;
        observer.onStep(getStepStart().getTime(), h, scaled < 1.0, scaled, error, stiffness);
        return scaled;
    }
}
