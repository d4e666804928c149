package org.wiener.nde;

import java.util.Locale;

/**
 * Which solver heuristic is added to the training loss ({@code regularization.md} §1, §2, §6).
 * The lower-case spellings ({@link #spelling()}) are the CLI's contract.
 */
public enum Regularizer {
    /** No regularization: the vanilla model. */
    NONE("none"),
    /** Global error estimate R_E = Σ_j E_j |h_j| over accepted steps (Pal et al. 2021). */
    ERROR("error"),
    /** Stiffness R_S from the Shampine–Hiebert estimate over accepted steps (Pal et al. 2021). */
    STIFFNESS("stiffness"),
    /** One step's E·|h| at t_reg ~ U[t0, t1] (Pal, Edelman &amp; Rackauckas 2023, Algorithm 1). */
    LOCAL_UNBIASED("local-unbiased"),
    /** One step's E·|h| at a uniformly chosen accepted step time (2023, Algorithm 2). */
    LOCAL_BIASED("local-biased");

    private final String spelling;

    Regularizer(String spelling) {
        this.spelling = spelling;
    }

    /** @return the CLI spelling, e.g. {@code local-unbiased} */
    public String spelling() {
        return spelling;
    }

    /**
     * @param spelling a CLI spelling (case-insensitive)
     * @return the regularizer
     * @throws IllegalArgumentException naming the value and the allowed spellings
     */
    public static Regularizer bySpelling(String spelling) {
        for (Regularizer r : values()) {
            if (r.spelling.equals(spelling == null ? null : spelling.toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("regularizer = " + spelling
                + " is not known; allowed: none, error, stiffness, local-unbiased, local-biased");
    }
}
