package org.wiener.langevin;

/**
 * The coefficients of the Langevin solvers ({@code langevin.md} §2–§6), written once: each is a function of the
 * friction c = γ (one component) and the step h, through α = γh, evaluated either in closed form or by its
 * degree-5 Taylor polynomial in h. The closed forms cancel badly for small α, so a solver uses the Taylor
 * polynomials of every component whose γh is below its {@code taylorThreshold} (Diffrax's rule; the choice is made
 * per component and per step from the <em>full</em> step γh).
 *
 * <table>
 * <caption>The base coefficients (β = e<sup>−α</sup>); Taylor coefficients of h<sup>0</sup> … h<sup>5</sup></caption>
 * <tr><th>kind</th><th>closed form</th><th>Taylor</th></tr>
 * <tr><td>BETA</td><td>e<sup>−α</sup></td><td>1, −c, c²/2, −c³/6, c⁴/24, −c⁵/120</td></tr>
 * <tr><td>A (a1)</td><td>(1 − β)/γ</td><td>0, 1, −c/2, c²/6, −c³/24, c⁴/120</td></tr>
 * <tr><td>B (b1)</td><td>(β + α − 1)/(γα)</td><td>0, 1/2, −c/6, c²/24, −c³/120, c⁴/720</td></tr>
 * <tr><td>AA (a1/h)</td><td>(1 − β)/(γh)</td><td>1, −c/2, c²/6, −c³/24, c⁴/120, −c⁵/720</td></tr>
 * <tr><td>CHH</td><td>6(β(α + 2) + α − 2)/(α²γ)</td><td>0, 1, −c/2, 3c²/20, −c³/30, c⁴/168</td></tr>
 * <tr><td>CKK</td><td>60(β(α(α + 6) + 12) − α(α − 6) − 12)/(α³γ)</td><td>0, 0, −c, c²/2, −c³/7, 5c⁴/168</td></tr>
 * <tr><td>CHH_HALF (UBU)</td><td>6(e<sup>−α/2</sup>(α + 2) + α²/4 − 2)/(α²γ)</td>
 *     <td>0, 1/2, −3c/32, c²/80, −c³/768, c⁴/8960</td></tr>
 * </table>
 *
 * <p>Derived coefficients are base ones at a fraction θ of the step, times a scale ({@link Term}): β<sub>θ</sub> =
 * BETA(θh), a<sub>θ</sub> = A(θh), b<sub>θ</sub> = θ·B(θh) = (β<sub>θ</sub> + θα − 1)/(γ²h) — whose Taylor
 * coefficients are the base ones times θ<sup>k</sup> (β, a) or θ<sup>k+1</sup> (b), as in {@code langevin.md} §4.1
 * and §5.1 (β½, a½, b½ of ShOULD and UBU; a<sub>l</sub>, a<sub>r</sub>, a<sub>⅓</sub>, ... of QUICSORT).
 *
 * <p>The closed forms are evaluated as written in the reference, only regrouped around e<sup>−α</sup> − 1 (computed
 * by {@code expm1}), which is algebraically identical and loses fewer digits: e.g. CHH =
 * 6((α + 2)·expm1(−α) + 2α)/(α²γ) and CKK = 60((α² + 6α + 12)·expm1(−α) + 12α)/(α³γ). Even so, CKK loses about
 * 720·ε/α⁴ relatively (1e−5 at α = 0.01) and CHH 12·ε/α² in closed form, while the Taylor polynomials are off by
 * their first omitted term (about α⁶/720 relatively for BETA: 1.4e−9 at α = 0.1, 1.4e−15 at α = 0.01); the
 * coefficient test measures both against long series. StrictMath throughout, so that runs are reproducible
 * bit for bit.
 */
final class LangevinCoefficients {

    /** ½ − √3/6, the left Gauss–Legendre node of QUICSORT ({@code langevin.md} §5.1). */
    static final double QUICSORT_LEFT = 0.5 - Math.sqrt(3.0) / 6.0;
    /** ½ + √3/6, the right Gauss–Legendre node of QUICSORT. */
    static final double QUICSORT_RIGHT = 0.5 + Math.sqrt(3.0) / 6.0;

    private LangevinCoefficients() {
    }

    /** A base coefficient: its closed form and its Taylor polynomial h<sup>offset</sup>·P(γh). */
    enum Kind {
        /** β = e^(−α). */
        BETA(0, 1.0, -1.0, 1.0 / 2, -1.0 / 6, 1.0 / 24, -1.0 / 120),
        /** a1 = (1 − β)/γ. */
        A(1, 1.0, -1.0 / 2, 1.0 / 6, -1.0 / 24, 1.0 / 120),
        /** b1 = (β + α − 1)/(γα). */
        B(1, 1.0 / 2, -1.0 / 6, 1.0 / 24, -1.0 / 120, 1.0 / 720),
        /** aa = a1/h. */
        AA(0, 1.0, -1.0 / 2, 1.0 / 6, -1.0 / 24, 1.0 / 120, -1.0 / 720),
        /** chh = 6(β(α + 2) + α − 2)/(α²γ): the weight of H in x. */
        CHH(1, 1.0, -1.0 / 2, 3.0 / 20, -1.0 / 30, 1.0 / 168),
        /** ckk = 60(β(α(α + 6) + 12) − α(α − 6) − 12)/(α³γ): the weight of K in x. */
        CKK(1, 0.0, -1.0, 1.0 / 2, -1.0 / 7, 5.0 / 168),
        /** UBU's weight of H in the midpoint position: 6(e^(−α/2)(α + 2) + α²/4 − 2)/(α²γ). */
        CHH_HALF(1, 1.0 / 2, -3.0 / 32, 1.0 / 80, -1.0 / 768, 1.0 / 8960);

        /** The Taylor polynomial is h^offset · Σ_j poly[j]·(γh)^j (degree 5 in h). */
        private final int offset;
        private final double[] poly;

        Kind(int offset, double... poly) {
            this.offset = offset;
            this.poly = poly;
        }

        /**
         * @param c γ of the component, &gt; 0
         * @param h the step, &gt; 0
         * @return the closed form
         */
        double closed(double c, double h) {
            double alpha = c * h;
            double em1 = StrictMath.expm1(-alpha); // β − 1, accurately
            switch (this) {
                case BETA:
                    return StrictMath.exp(-alpha);
                case A:
                    return -em1 / c;
                case B:
                    return (em1 + alpha) / (c * alpha);
                case AA:
                    return -em1 / (c * h);
                case CHH:
                    return 6.0 * ((alpha + 2.0) * em1 + 2.0 * alpha) / (alpha * alpha * c);
                case CKK:
                    return 60.0 * ((alpha * (alpha + 6.0) + 12.0) * em1 + 12.0 * alpha) / (alpha * alpha * alpha * c);
                case CHH_HALF:
                    // e^(−α/2)(α + 2) + α²/4 − 2 = (α + 2)·expm1(−α/2) + α + α²/4
                    return 6.0 * ((alpha + 2.0) * StrictMath.expm1(-0.5 * alpha) + alpha + 0.25 * alpha * alpha)
                            / (alpha * alpha * c);
                default:
                    throw new AssertionError(this);
            }
        }

        /**
         * @param c γ of the component
         * @param h the step
         * @return the degree-5 Taylor polynomial in h
         */
        double taylor(double c, double h) {
            double x = c * h;
            double p = 0.0;
            for (int j = poly.length - 1; j >= 0; j--) {
                p = p * x + poly[j];
            }
            return offset == 0 ? p : h * p;
        }

        /**
         * @param c γ
         * @param h the step
         * @param useTaylor whether to use the Taylor polynomial
         * @return the coefficient
         */
        double value(double c, double h, boolean useTaylor) {
            return useTaylor ? taylor(c, h) : closed(c, h);
        }
    }

    /** A coefficient of a solver: scale · kind(θh). */
    static final class Term {
        final Kind kind;
        final double theta;
        final double scale;

        Term(Kind kind, double theta, double scale) {
            this.kind = kind;
            this.theta = theta;
            this.scale = scale;
        }

        /** @return the base coefficient over the full step */
        static Term of(Kind kind) {
            return new Term(kind, 1.0, 1.0);
        }

        /** @return β_θ = BETA(θh) */
        static Term beta(double theta) {
            return new Term(Kind.BETA, theta, 1.0);
        }

        /** @return a_θ = A(θh) = (1 − β_θ)/γ */
        static Term a(double theta) {
            return new Term(Kind.A, theta, 1.0);
        }

        /** @return b_θ = θ·B(θh) = (β_θ + θα − 1)/(γ²h) */
        static Term b(double theta) {
            return new Term(Kind.B, theta, theta);
        }

        double value(double c, double h, boolean useTaylor) {
            return scale * kind.value(c, theta * h, useTaylor);
        }
    }

    /**
     * Whether a component uses the Taylor polynomials ({@code langevin.md} §2).
     *
     * @param c γ
     * @param h the step
     * @param threshold the solver's taylorThreshold
     * @return γh &lt; threshold
     */
    static boolean useTaylor(double c, double h, double threshold) {
        return c * h < threshold;
    }

    /**
     * The per-component coefficient table of one solver for the last steps sizes seen: two slots, so that the
     * alternating full and half steps of step doubling do not recompute them. A step size within relative 1e−10
     * (absolute 1e−12) of a cached one reuses it, as Diffrax does. Not thread-safe (one per stepper).
     */
    static final class Cache {
        private final Term[] terms;
        private final double[] gamma;
        private final double threshold;
        private final double[][][] values;
        private final double[] hs = {Double.NaN, Double.NaN};
        private int lastUsed;
        private long computations;

        Cache(Term[] terms, double[] gamma, double threshold) {
            this.terms = terms;
            this.gamma = gamma.clone();
            this.threshold = threshold;
            this.values = new double[2][terms.length][gamma.length];
        }

        /**
         * @param h the step
         * @return values[term][component] for this step (a live array, valid until the next call)
         */
        double[][] get(double h) {
            for (int slot = 0; slot < 2; slot++) {
                double cached = hs[slot];
                if (Math.abs(h - cached) <= 1e-12 + 1e-10 * Math.abs(cached)) {
                    lastUsed = slot;
                    return values[slot];
                }
            }
            int slot = 1 - lastUsed;
            double[][] v = values[slot];
            for (int i = 0; i < gamma.length; i++) {
                double c = gamma[i];
                boolean taylor = useTaylor(c, h, threshold);
                for (int j = 0; j < terms.length; j++) {
                    v[j][i] = terms[j].value(c, h, taylor);
                }
            }
            hs[slot] = h;
            lastUsed = slot;
            computations++;
            return v;
        }

        /** @return how many times the table was computed (for tests) */
        long computations() {
            return computations;
        }
    }
}
