package org.wiener.study;

/**
 * A pathwise exact solution expressed through the same Brownian path the solver sees:
 * x(t) = F(t, W<sub>t</sub> − W<sub>t0</sub>).
 */
@FunctionalInterface
public interface ExactSolution {

    /**
     * @param t time
     * @param w W<sub>t</sub> − W<sub>t0</sub>, one entry per Brownian component
     * @param out receives x(t), length n
     */
    void evaluate(double t, double[] w, double[] out);
}
