package org.wiener.solver;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The solvers by their lower-case names, for the command line and for users:
 * {@code Solvers.byName("spark")}. A name ending in {@code _doubled} wraps the named solver in
 * {@link StepDoubling} (for example {@code "slow_rk_doubled"}).
 */
public final class Solvers {

    private static final Map<String, Supplier<Solver>> SOLVERS;

    static {
        Map<String, Supplier<Solver>> m = new LinkedHashMap<>();
        m.put("euler", Euler::new);
        m.put("euler_heun", EulerHeun::new);
        m.put("heun", Heun::new);
        m.put("midpoint", Midpoint::new);
        m.put("ralston", Ralston::new);
        m.put("ito_milstein", ItoMilstein::new);
        m.put("stratonovich_milstein", StratonovichMilstein::new);
        m.put("reversible_heun", ReversibleHeun::new);
        m.put("sra1", SRA1::new);
        m.put("shark", ShARK::new);
        m.put("sea", SEA::new);
        m.put("spark", SPaRK::new);
        m.put("general_shark", GeneralShARK::new);
        m.put("slow_rk", SlowRK::new);
        m.put("sriw1", SRIW1::new);
        m.put("tsit5", Tsit5::new);
        m.put("dopri5", Dopri5::new);
        m.put("dopri8", Dopri8::new);
        SOLVERS = Collections.unmodifiableMap(m);
    }

    private Solvers() {
    }

    /**
     * @param name a solver's lower-case name (see {@link #names()}), optionally with the suffix
     *     {@code _doubled}
     * @return a new solver
     * @throws IllegalArgumentException naming the known solvers if the name is unknown
     */
    public static Solver byName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("solver name must be one of " + SOLVERS.keySet() + ", got null");
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (key.endsWith("_doubled") && SOLVERS.containsKey(key.substring(0, key.length() - "_doubled".length()))) {
            return new StepDoubling(SOLVERS.get(key.substring(0, key.length() - "_doubled".length())).get());
        }
        Supplier<Solver> solver = SOLVERS.get(key);
        if (solver == null) {
            throw new IllegalArgumentException("solver name must be one of " + SOLVERS.keySet()
                    + " (optionally with _doubled), got '" + name + "'");
        }
        return solver.get();
    }

    /** @return the known names, in the order of {@code docs/solving.md} */
    public static java.util.Set<String> names() {
        return SOLVERS.keySet();
    }
}
