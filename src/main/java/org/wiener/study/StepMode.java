package org.wiener.study;

import java.util.Locale;

/** How a convergence study chooses the steps of its solves at each level. */
public enum StepMode {
    /** Level l: 2<sup>l</sup> equal steps over [t0, t1]. */
    CONSTANT,
    /** Level l: an adaptive controller with rtol = atol = 2<sup>−l</sup>. */
    ADAPTIVE;

    /**
     * @param name "constant" or "adaptive", any case
     * @return the mode
     * @throws IllegalArgumentException naming the argument {@code mode} if the name is unknown
     */
    public static StepMode parse(String name) {
        if (name != null) {
            String key = name.trim().toUpperCase(Locale.ROOT);
            for (StepMode m : values()) {
                if (m.name().equals(key)) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("mode must be one of [constant, adaptive], got "
                + (name == null ? "null" : "'" + name + "'"));
    }
}
