package org.wiener.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.wiener.solver.Solvers;
import org.wiener.study.ProblemLibrary;

/** problems and solvers: one row per entry, with the declared properties. */
class ListingCommandsTest {

    @Test
    void problemsListsEveryProblemOfTheLibrary() {
        Cli.Run run = Cli.run("problems").ok();
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).matches("name +calculus +noise +dim +exact +description"), lines.get(0));
        for (String name : ProblemLibrary.names()) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(name + " ")), name + " missing:\n" + run.out());
        }
        assertTrue(lines.stream().anyMatch(l -> l.matches("gbm +Itô +scalar +1x1 +yes +dX = .*")), run.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("general +Itô +general +2x2 +no +.*")), run.out());
    }

    @Test
    void problemsAsMarkdown() {
        Cli.Run run = Cli.run("problems", "--markdown").ok();
        List<String> lines = run.out().lines().toList();
        assertEquals("| name | calculus | noise | dim | exact | description |", lines.get(0));
        assertEquals(ProblemLibrary.names().size() + 2, lines.size(), run.out());
    }

    @Test
    void solversListsEverySolverWithItsDeclaredOrders() {
        Cli.Run run = Cli.run("solvers").ok();
        List<String> lines = run.out().lines().toList();
        for (String name : Solvers.names()) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(name + " ")), name + " missing:\n" + run.out());
        }
        assertTrue(lines.stream().anyMatch(l -> l.matches("euler +Itô +0\\.5 +0\\.5 +1 +none +no +1/1")), run.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("shark +Strat\\. +– +– +1\\.5 +space-time +yes +2/2")),
                run.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("slow_rk +Strat\\. +0\\.5 +1\\.5 +1\\.5 +space-time +no +2/5")),
                run.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("tsit5 +ODE +– +– +– +– +yes.* +6")), run.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("hosts +Itô +– +1\\.4 \\(scalar\\) +– +space-time +no +0/0")),
                run.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("die ")), run.out());
    }
}
