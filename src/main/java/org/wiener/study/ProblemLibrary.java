package org.wiener.study;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named test problems of {@code problems.md}, for studies, the command line and users:
 * {@code ProblemLibrary.byName("gbm")}.
 */
public final class ProblemLibrary {

    private static final Map<String, TestProblem> PROBLEMS;

    static {
        Map<String, TestProblem> m = new LinkedHashMap<>();
        for (TestProblem p : StandardProblems.all()) {
            m.put(p.name(), p);
        }
        for (TestProblem p : CirProblems.all()) {
            m.put(p.name(), p);
        }
        PROBLEMS = Collections.unmodifiableMap(m);
    }

    private ProblemLibrary() {
    }

    /**
     * @param name a problem's name (see {@link #names()})
     * @return the problem
     * @throws IllegalArgumentException naming the known problems if the name is unknown
     */
    public static TestProblem byName(String name) {
        TestProblem p = name == null ? null : PROBLEMS.get(name.trim().toLowerCase(java.util.Locale.ROOT));
        if (p == null) {
            throw new IllegalArgumentException("problem must be one of " + PROBLEMS.keySet() + ", got '" + name + "'");
        }
        return p;
    }

    /** @return the known names */
    public static java.util.Set<String> names() {
        return PROBLEMS.keySet();
    }

    /** @return every problem, in library order */
    public static java.util.Collection<TestProblem> all() {
        return PROBLEMS.values();
    }
}
