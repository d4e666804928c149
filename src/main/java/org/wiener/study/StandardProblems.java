package org.wiener.study;

import java.util.List;

/** The problems of {@code problems.md} §2–4 (everything but CIR). */
final class StandardProblems {

    private StandardProblems() {
    }

    static List<TestProblem> all() {
        return List.of();
    }
}
