package org.wiener.study;

import java.util.List;

/** The Cox–Ingersoll–Ross problems of paper A's experiment ({@code problems.md} §6). */
final class CirProblems {

    private CirProblems() {
    }

    static List<TestProblem> all() {
        return List.of();
    }
}
