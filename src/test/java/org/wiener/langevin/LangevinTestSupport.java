package org.wiener.langevin;

import java.util.concurrent.atomic.AtomicLong;

import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.wiener.brownian.BrownianPath;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.langevin.target.LogDensity;

/** Targets, problems and an exact pathwise reference shared by the Langevin tests. */
final class LangevinTestSupport {

    private LangevinTestSupport() {
    }

    /** log p = −Σ x²: ∇f = 2x, the harmonic oscillator of {@code langevin.md} §8. */
    static LogDensity quadratic(int d) {
        return new LogDensity() {
            @Override
            public int dimension() {
                return d;
            }

            @Override
            public double logDensityAndGradient(double[] x, double[] gradient) {
                double s = 0.0;
                for (int i = 0; i < d; i++) {
                    s += x[i] * x[i];
                    gradient[i] = -2.0 * x[i];
                }
                return -s;
            }
        };
    }

    /** A centred Gaussian N(0, Σ): log p = −½ xᵀΣ⁻¹x, ∇log p = −Σ⁻¹x. */
    static LogDensity gaussian(double[][] sigma) {
        int d = sigma.length;
        double[][] precision = MatrixUtils.inverse(MatrixUtils.createRealMatrix(sigma)).getData();
        return new LogDensity() {
            @Override
            public int dimension() {
                return d;
            }

            @Override
            public double logDensityAndGradient(double[] x, double[] gradient) {
                double q = 0.0;
                for (int i = 0; i < d; i++) {
                    double s = 0.0;
                    for (int j = 0; j < d; j++) {
                        s += precision[i][j] * x[j];
                    }
                    gradient[i] = -s;
                    q += x[i] * s;
                }
                return -0.5 * q;
            }
        };
    }

    /** f = (x² − 1)² per component: ∇f = 4x(x² − 1), Diffrax's {@code get_bqp}. */
    static LogDensity doubleWell(int d) {
        return new LogDensity() {
            @Override
            public int dimension() {
                return d;
            }

            @Override
            public double logDensityAndGradient(double[] x, double[] gradient) {
                double s = 0.0;
                for (int i = 0; i < d; i++) {
                    double q = x[i] * x[i] - 1.0;
                    s += q * q;
                    gradient[i] = -4.0 * x[i] * q;
                }
                return -s;
            }
        };
    }

    /** Counts every call of the wrapped target: the ground truth for the gradient statistics. */
    static final class Counting implements LogDensity {
        private final LogDensity inner;
        private final AtomicLong calls = new AtomicLong();

        Counting(LogDensity inner) {
            this.inner = inner;
        }

        long calls() {
            return calls.get();
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }

        @Override
        public double logDensityAndGradient(double[] x, double[] gradient) {
            calls.incrementAndGet();
            return inner.logDensityAndGradient(x, gradient);
        }
    }

    /** The harmonic oscillator of {@code langevin.md} §8 / {@code problems.md} §3.4: γ = (2, ½), u = (½, 2). */
    static final double[] HO_GAMMA = {2.0, 0.5};
    static final double[] HO_U = {0.5, 2.0};

    static LangevinProblem harmonicOscillator(double t0, double t1, double[] x0, double[] v0) {
        return LangevinProblem.builder().target(quadratic(2)).friction(HO_GAMMA).inverseMass(HO_U)
                .initialPosition(x0).initialVelocity(v0).interval(t0, t1).build();
    }

    /** Diffrax's {@code get_bqp}: ∇f = 4x(x² − 1), γ = 0.8, u = 0.2, y0 = (0, 0). */
    static LangevinProblem doubleWellProblem(double t0, double t1) {
        return LangevinProblem.builder().target(doubleWell(1)).friction(0.8).inverseMass(0.2)
                .initialPosition(new double[] {0.0}).interval(t0, t1).build();
    }

    static VirtualBrownianTree tree(long seed, int dimension, double t0, double t1, double tolerance, LevyArea level) {
        return VirtualBrownianTree.builder().interval(t0, t1).dimension(dimension).tolerance(tolerance)
                .levyArea(level).seed(seed).build();
    }

    /**
     * The pathwise solution of a linear Langevin SDE with ∇f = k·x (per component: dY = AY dt + B dW with
     * A = [[0, 1], [−uk, −γ]], B = (0, ρ)), independent of the solvers under test: on a fine grid of n sub-steps
     * δ, y ← e^{Aδ}y + c_W·W + c_H·H + c_K·K, where c_X is the least-squares projection of the exact noise integral
     * ∫_0^δ e^{A(δ−s)}B dW_s onto the sub-step's (W, H, K) (Gauss–Legendre quadrature of ∫ e^{A(δ−s)}B κ_X(s) ds
     * divided by ∫κ_X², with the kernels κ_W = 1, κ_H = ½ − s/δ, κ_K = 1/12 − s(δ − s)/(2δ²) of {@code brownian.md}).
     * Exact in the drift; the projection leaves a noise residual of variance O(δ⁷) per sub-step, so the
     * pathwise error is O(δ³).
     */
    static final class LinearReference {
        private final int d;
        private final double[][] m; // per component, e^{Aδ} row-major 2×2
        private final double[][] cw;
        private final double[][] ch;
        private final double[][] ck;
        private final int n;
        private final double t0;
        private final double delta;

        LinearReference(double[] gamma, double[] u, double k, double t0, double t1, int n) {
            this.d = gamma.length;
            this.n = n;
            this.t0 = t0;
            this.delta = (t1 - t0) / n;
            this.m = new double[d][];
            this.cw = new double[d][];
            this.ch = new double[d][];
            this.ck = new double[d][];
            GaussIntegrator gl = new GaussIntegratorFactory().legendre(24, 0.0, delta);
            for (int i = 0; i < d; i++) {
                RealMatrix a = MatrixUtils.createRealMatrix(new double[][] {{0.0, 1.0}, {-u[i] * k, -gamma[i]}});
                double rho = Math.sqrt(2.0 * gamma[i] * u[i]);
                RealMatrix e = MatrixUtils.matrixExponential(a.scalarMultiply(delta));
                m[i] = new double[] {e.getEntry(0, 0), e.getEntry(0, 1), e.getEntry(1, 0), e.getEntry(1, 1)};
                double dd = delta;
                double[] w = new double[2];
                double[] h = new double[2];
                double[] kk = new double[2];
                for (int row = 0; row < 2; row++) {
                    final int r = row;
                    java.util.function.DoubleUnaryOperator phi = s -> {
                        RealMatrix es = MatrixUtils.matrixExponential(a.scalarMultiply(dd - s));
                        return es.getEntry(r, 1) * rho; // e^{A(δ−s)}·(0, ρ)ᵀ
                    };
                    w[row] = gl.integrate(s -> phi.applyAsDouble(s)) / dd;
                    h[row] = gl.integrate(s -> phi.applyAsDouble(s) * (0.5 - s / dd)) / (dd / 12.0);
                    kk[row] = gl.integrate(s -> phi.applyAsDouble(s) * (1.0 / 12.0 - s * (dd - s) / (2.0 * dd * dd)))
                            / (dd / 720.0);
                }
                cw[i] = w;
                ch[i] = h;
                ck[i] = kk;
            }
        }

        /**
         * @param path the path (space-time-time level)
         * @param y0 (x, v)
         * @param every record the state every this many sub-steps
         * @return states at t0 + j·every·δ, j = 1..n/every
         */
        double[][] solve(BrownianPath path, double[] y0, int every) {
            MutableBrownianIncrement inc = new MutableBrownianIncrement(d, LevyArea.SPACE_TIME_TIME);
            double[] y = y0.clone();
            double[][] out = new double[n / every][];
            for (int s = 0; s < n; s++) {
                double a = t0 + s * delta;
                double b = s == n - 1 ? t0 + n * delta : t0 + (s + 1) * delta;
                path.increment(a, b, inc);
                double[] w = inc.w();
                double[] h = inc.h();
                double[] k = inc.k();
                for (int i = 0; i < d; i++) {
                    double x = y[i];
                    double v = y[d + i];
                    double[] mi = m[i];
                    y[i] = mi[0] * x + mi[1] * v + cw[i][0] * w[i] + ch[i][0] * h[i] + ck[i][0] * k[i];
                    y[d + i] = mi[2] * x + mi[3] * v + cw[i][1] * w[i] + ch[i][1] * h[i] + ck[i][1] * k[i];
                }
                if ((s + 1) % every == 0) {
                    out[(s + 1) / every - 1] = y.clone();
                }
            }
            return out;
        }
    }

    /** Least-squares slope of y against x. */
    static double slope(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }
}
