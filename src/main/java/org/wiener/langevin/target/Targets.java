package org.wiener.langevin.target;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Argument checks and parameter names shared by the targets. */
public final class Targets {

    private Targets() {
    }

    /**
     * The parameter names of a target: its own if it is {@link NamedParameters}, otherwise
     * {@code x1 .. xd}.
     *
     * @param target a log density
     * @return an unmodifiable list of d names
     */
    public static List<String> parameterNames(LogDensity target) {
        if (target instanceof NamedParameters named) {
            return named.parameterNames();
        }
        List<String> names = new ArrayList<>(target.dimension());
        for (int i = 1; i <= target.dimension(); i++) {
            names.add("x" + i);
        }
        return Collections.unmodifiableList(names);
    }

    static void checkLength(String name, double[] array, int expected) {
        if (array == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (array.length != expected) {
            throw new IllegalArgumentException(name + " must have length " + expected + ", got " + array.length);
        }
    }
}
