package org.wiener.solver;

import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.sde.Calculus;
import org.wiener.sde.SdeProblem;

/**
 * The reversible Heun method of P. Kidger, J. Foster, X. Li and T. Lyons, "Efficient and accurate gradients
 * for neural SDEs", NeurIPS 2021, as Diffrax's {@code reversible_heun.py} ({@code solvers.md} §3).
 *
 * <p>The stepper carries the state (ŷ<sub>n</sub>, v<sub>n</sub>) with v<sub>n</sub> = vf(t<sub>n</sub>,
 * ŷ<sub>n</sub>) = (f, g) there, v·ΔX standing for f·h + g·ΔW:
 * <pre>
 * ŷ_{n+1} = 2 y_n − ŷ_n + v_n·ΔX
 * v_{n+1} = vf(t_{n+1}, ŷ_{n+1})
 * y_{n+1} = y_n + ½ (v_n + v_{n+1})·ΔX
 * error   = ½ (v_{n+1} − v_n)·ΔX
 * </pre>
 * Initialisation and {@link Stepper#reset} (after a jump) set ŷ = y and recompute v = vf(t, y) (one drift
 * and one diffusion evaluation). A step only computes the candidate (ŷ<sub>n+1</sub>, v<sub>n+1</sub>);
 * {@link Stepper#accept} commits it, so a rejected step leaves the state untouched. Stratonovich; strong
 * order 0.5 (general), 1 (commutative, additive); weak order 1; ODE order 2. One new drift and diffusion
 * evaluation per step (two on the first); embedded error estimate.
 */
public final class ReversibleHeun implements Solver {

    private static final SolverProperties PROPERTIES = NoiseOrders.declare(
            SolverProperties.builder("reversible_heun")
                    .calculus(Calculus.STRATONOVICH).odeOrder(2.0).embeddedError(true).evaluations(1, 1),
            0.5, 1.0, 1.0, 1.0, 1.0, 1.0).build();

    @Override
    public SolverProperties properties() {
        return PROPERTIES;
    }

    @Override
    public Stepper newStepper(SdeProblem problem) {
        SolverChecks.requireProblem(problem);
        return new ReversibleHeunStepper(problem);
    }

    private static final class ReversibleHeunStepper extends AbstractStepper {
        private final boolean sde;
        // Committed state at time tState.
        private double[] yHat;
        private double[] vf;
        private double[] vg;
        private double tState = Double.NaN;
        private boolean initialised;
        // Candidate of the last attempted step.
        private double[] yHatNew;
        private double[] vfNew;
        private double[] vgNew;
        private double tNew;
        private boolean pending;
        private final double[] dx0;
        private final double[] dx1;
        private final double[] gw;

        ReversibleHeunStepper(SdeProblem problem) {
            super(problem);
            this.sde = !problem.isOde();
            int mm = Math.max(m, 1);
            yHat = new double[n];
            vf = new double[n];
            vg = new double[n * mm];
            yHatNew = new double[n];
            vfNew = new double[n];
            vgNew = new double[n * mm];
            dx0 = new double[n];
            dx1 = new double[n];
            gw = new double[n];
        }

        @Override
        public void reset(double t, double[] y) {
            System.arraycopy(y, 0, yHat, 0, n);
            drift(t, yHat, vf);
            if (sde) {
                diffusion(t, yHat, vg);
            }
            tState = t;
            initialised = true;
            pending = false;
        }

        /** dx = f·h + g·W. */
        private void apply(double[] f, double[] g, double h, MutableBrownianIncrement noise, double[] dx) {
            if (noise == null) {
                for (int i = 0; i < n; i++) {
                    dx[i] = f[i] * h;
                }
                return;
            }
            multiply(g, noise.w(), gw);
            for (int i = 0; i < n; i++) {
                dx[i] = f[i] * h + gw[i];
            }
        }

        @Override
        public void step(double t0, double t1, double[] y0, MutableBrownianIncrement noise, double[] y1,
                         double[] error) {
            if (!initialised || t0 != tState) {
                // Never reset, or asked to step from a time the carried state does not belong to.
                reset(t0, y0);
            }
            double h = t1 - t0;
            apply(vf, vg, h, noise, dx0);
            for (int i = 0; i < n; i++) {
                yHatNew[i] = 2.0 * y0[i] - yHat[i] + dx0[i];
            }
            drift(t1, yHatNew, vfNew);
            if (noise != null) {
                diffusion(t1, yHatNew, vgNew);
            }
            apply(vfNew, vgNew, h, noise, dx1);
            for (int i = 0; i < n; i++) {
                y1[i] = y0[i] + 0.5 * (dx0[i] + dx1[i]);
            }
            if (error != null) {
                for (int i = 0; i < n; i++) {
                    error[i] = 0.5 * (dx1[i] - dx0[i]);
                }
            }
            tNew = t1;
            pending = true;
        }

        @Override
        public void accept() {
            if (!pending) {
                return;
            }
            double[] tmp = yHat;
            yHat = yHatNew;
            yHatNew = tmp;
            tmp = vf;
            vf = vfNew;
            vfNew = tmp;
            tmp = vg;
            vg = vgNew;
            vgNew = tmp;
            tState = tNew;
            pending = false;
        }
    }
}
