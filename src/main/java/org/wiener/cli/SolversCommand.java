package org.wiener.cli;

import java.util.Locale;
import java.util.concurrent.Callable;

import org.wiener.brownian.LevyArea;
import org.wiener.sde.Calculus;
import org.wiener.sde.NoiseType;
import org.wiener.solver.Solver;
import org.wiener.solver.SolverProperties;
import org.wiener.study.ProblemLibrary;
import org.wiener.study.TestProblem;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wiener solvers}: every solver the command line knows, with what it declares — the table of
 * {@code docs/solving.md}, generated from {@link SolverProperties}.
 */
@Command(name = "solvers", mixinStandardHelpOptions = true,
        description = "List the solvers: calculus, declared strong orders on general/commutative/additive noise, "
                + "Lévy area needed, error estimate, evaluations per step.")
public final class SolversCommand implements Callable<Integer> {

    @Option(names = "--markdown", description = "Print a Markdown table instead of aligned text.")
    private boolean markdown;

    @Override
    public Integer call() {
        TextTable table = new TextTable("name", "calculus", "general", "commutative", "additive", "Lévy area",
                "error estimate", "f/g per step");
        for (String name : CliSupport.solverNames()) {
            Solver solver = CliSupport.solver(name, cirProblemFor(name));
            SolverProperties p = solver.properties();
            boolean ode = !p.supportsSde();
            table.add(name, ode ? "ODE" : calculus(p.calculus()),
                    ode ? "–" : CliSupport.order(p.strongOrder(NoiseType.GENERAL)),
                    ode ? "–" : commutative(p),
                    ode ? "–" : CliSupport.order(p.strongOrder(NoiseType.ADDITIVE)),
                    ode ? "–" : levy(p.levyArea()),
                    p.hasEmbeddedError() ? (p.hasStiffnessEstimate() ? "yes, + stiffness" : "yes") : "no",
                    ode ? Integer.toString(p.driftEvaluations()) : p.driftEvaluations() + "/" + p.diffusionEvaluations());
        }
        System.out.print(markdown ? table.toMarkdown() : table.toText());
        if (!markdown) {
            System.out.println();
            System.out.println("Orders are declared strong orders (– : the solver does not apply). Any name + _doubled "
                    + "adds an error estimate by step doubling. hosts and die are CIR schemes (cir-medium, cir-high), "
                    + "declared for scalar noise only. Measured orders: 'wiener solver-orders'.");
        }
        return 0;
    }

    /** The commutative column: COMMUTATIVE, or SCALAR for solvers declared for scalar noise only (CIR). */
    private static String commutative(SolverProperties p) {
        if (p.supports(NoiseType.COMMUTATIVE)) {
            return CliSupport.order(p.strongOrder(NoiseType.COMMUTATIVE));
        }
        if (p.supports(NoiseType.SCALAR)) {
            return CliSupport.order(p.strongOrder(NoiseType.SCALAR)) + " (scalar)";
        }
        return "–";
    }

    private static TestProblem cirProblemFor(String name) {
        return CliSupport.CIR_SOLVERS.contains(name) ? ProblemLibrary.byName("cir-medium") : null;
    }

    private static String calculus(Calculus c) {
        return c == Calculus.ITO ? "Itô" : "Strat.";
    }

    private static String levy(LevyArea area) {
        return area.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
