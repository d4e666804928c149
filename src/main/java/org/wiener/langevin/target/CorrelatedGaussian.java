package org.wiener.langevin.target;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.exception.MathIllegalArgumentException;

/**
 * A multivariate normal N(μ, Σ): log p(x) = −½(x − μ)ᵀΣ⁻¹(x − μ) − ½ log det Σ − (d/2) log 2π (the exact
 * normalised log density), gradient −Σ⁻¹(x − μ).
 *
 * <p>Σ is factorised once with Hipparchus' {@link CholeskyDecomposition} (which also checks symmetry
 * and positive definiteness); the precision matrix Σ⁻¹ is stored densely so that an evaluation is one
 * O(d²) matrix–vector product without allocation. Immutable and thread-safe.
 */
public final class CorrelatedGaussian implements LogDensity, NamedParameters {

    /** Relative symmetry threshold for Σ. */
    private static final double SYMMETRY_THRESHOLD = 1e-12;
    /** Smallest admissible pivot in the Cholesky factorisation (absolute). */
    private static final double POSITIVITY_THRESHOLD = 1e-300;

    private final int d;
    private final double[] mean;
    private final double[][] covariance;
    private final double[] precision; // row-major d × d
    private final double logNormaliser;
    private final List<String> names;

    /**
     * @param mean μ (length d ≥ 1, finite)
     * @param covariance Σ (d × d, symmetric positive definite, finite)
     * @throws IllegalArgumentException on any violation, naming the offending entry
     */
    public CorrelatedGaussian(double[] mean, double[][] covariance) {
        if (mean == null || mean.length == 0) {
            throw new IllegalArgumentException("mean must have length >= 1, got "
                    + (mean == null ? "null" : "length 0"));
        }
        d = mean.length;
        for (int i = 0; i < d; i++) {
            if (!Double.isFinite(mean[i])) {
                throw new IllegalArgumentException("mean[" + i + "] must be finite, got " + mean[i]);
            }
        }
        if (covariance == null || covariance.length != d) {
            throw new IllegalArgumentException("covariance must have " + d + " rows, got "
                    + (covariance == null ? "null" : covariance.length));
        }
        for (int i = 0; i < d; i++) {
            if (covariance[i] == null || covariance[i].length != d) {
                throw new IllegalArgumentException("covariance row " + i + " must have length " + d + ", got "
                        + (covariance[i] == null ? "null" : covariance[i].length));
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(covariance[i][j])) {
                    throw new IllegalArgumentException("covariance[" + i + "][" + j + "] must be finite, got "
                            + covariance[i][j]);
                }
            }
        }
        this.mean = mean.clone();
        this.covariance = new double[d][];
        for (int i = 0; i < d; i++) {
            this.covariance[i] = covariance[i].clone();
        }
        CholeskyDecomposition cholesky;
        try {
            cholesky = new CholeskyDecomposition(new Array2DRowRealMatrix(this.covariance, true),
                    SYMMETRY_THRESHOLD, POSITIVITY_THRESHOLD);
        } catch (MathIllegalArgumentException e) {
            throw new IllegalArgumentException("covariance must be symmetric positive definite: "
                    + e.getMessage(), e);
        }
        RealMatrix inverse = cholesky.getSolver().getInverse();
        precision = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                // Symmetrise: the solver's inverse is symmetric only up to rounding.
                precision[i * d + j] = 0.5 * (inverse.getEntry(i, j) + inverse.getEntry(j, i));
            }
        }
        RealMatrix l = cholesky.getL();
        double halfLogDet = 0.0;
        for (int i = 0; i < d; i++) {
            halfLogDet += StrictMath.log(l.getEntry(i, i));
        }
        logNormaliser = -halfLogDet - 0.5 * d * StrictMath.log(2.0 * Math.PI);
        List<String> n = new ArrayList<>(d);
        for (int i = 1; i <= d; i++) {
            n.add("x" + i);
        }
        names = Collections.unmodifiableList(n);
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public double logDensityAndGradient(double[] x, double[] gradient) {
        Targets.checkLength("x", x, d);
        Targets.checkLength("gradient", gradient, d);
        double quadratic = 0.0;
        for (int i = 0; i < d; i++) {
            double g = 0.0;
            int row = i * d;
            for (int j = 0; j < d; j++) {
                g -= precision[row + j] * (x[j] - mean[j]);
            }
            gradient[i] = g;
            quadratic += (x[i] - mean[i]) * g;
        }
        return 0.5 * quadratic + logNormaliser;
    }

    /** The log density alone (same value as {@link #logDensityAndGradient}, bit for bit), without allocating. */
    @Override
    public double logDensity(double[] x) {
        Targets.checkLength("x", x, d);
        double quadratic = 0.0;
        for (int i = 0; i < d; i++) {
            double g = 0.0;
            int row = i * d;
            for (int j = 0; j < d; j++) {
                g -= precision[row + j] * (x[j] - mean[j]);
            }
            quadratic += (x[i] - mean[i]) * g;
        }
        return 0.5 * quadratic + logNormaliser;
    }

    /** @return a copy of μ */
    public double[] mean() {
        return mean.clone();
    }

    /** @return a copy of Σ */
    public double[][] covariance() {
        double[][] copy = new double[d][];
        for (int i = 0; i < d; i++) {
            copy[i] = covariance[i].clone();
        }
        return copy;
    }

    @Override
    public List<String> parameterNames() {
        return names;
    }

    @Override
    public String name() {
        return "CorrelatedGaussian(d=" + d + ")";
    }
}
