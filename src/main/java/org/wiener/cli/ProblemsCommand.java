package org.wiener.cli;

import java.util.concurrent.Callable;

import org.wiener.sde.Calculus;
import org.wiener.study.ProblemLibrary;
import org.wiener.study.TestProblem;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wiener problems}: the test problems of the library, as a table. */
@Command(name = "problems", mixinStandardHelpOptions = true,
        description = "List the test problems: name, calculus, noise class, exact solution, description.")
public final class ProblemsCommand implements Callable<Integer> {

    @Option(names = "--markdown", description = "Print a Markdown table instead of aligned text.")
    private boolean markdown;

    @Override
    public Integer call() {
        TextTable table = new TextTable("name", "calculus", "noise", "dim", "exact", "description");
        for (TestProblem p : ProblemLibrary.all()) {
            table.add(p.name(), p.calculus() == Calculus.ITO ? "Itô" : "Stratonovich",
                    p.noiseType() == null ? "ODE" : p.noiseType().name().toLowerCase(java.util.Locale.ROOT),
                    p.problem().dimension() + "x" + p.problem().noiseDimension(),
                    p.hasExactSolution() ? "yes" : "no", p.description());
        }
        System.out.print(markdown ? table.toMarkdown() : table.toText());
        if (!markdown) {
            System.out.println();
            System.out.println(table.size() + " problems; dim is state x noise dimension. Problems without an exact "
                    + "solution are measured against a finer same-path solve.");
        }
        return 0;
    }
}
