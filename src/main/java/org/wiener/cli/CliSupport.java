package org.wiener.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.wiener.sde.NoiseType;
import org.wiener.solver.Solver;
import org.wiener.solver.SolverProperties;
import org.wiener.solver.Solvers;
import org.wiener.study.CirProblems;
import org.wiener.study.DriftImplicitEuler;
import org.wiener.study.Hosts;
import org.wiener.study.ProblemLibrary;
import org.wiener.study.StepMode;
import org.wiener.study.TestProblem;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * What the commands share: looking up problems and solvers by their command-line names (with messages
 * that name the flag and the choices), the {@code --levels} and {@code --mode} converters, and number
 * formatting.
 */
final class CliSupport {

    /** The CIR-specific schemes, by their command-line names. */
    static final List<String> CIR_SOLVERS = List.of("hosts", "die");

    private CliSupport() {
    }

    /**
     * @param name a problem name
     * @return the problem
     * @throws IllegalArgumentException naming {@code --problem} and the known problems
     */
    static TestProblem problem(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!ProblemLibrary.names().contains(key)) {
            throw new IllegalArgumentException("--problem must be one of " + ProblemLibrary.names() + ", got '"
                    + name + "' (see 'wiener problems')");
        }
        return ProblemLibrary.byName(key);
    }

    /** @return every solver name the command line knows: those of {@link Solvers} and the CIR schemes */
    static List<String> solverNames() {
        List<String> names = new ArrayList<>(Solvers.names());
        names.addAll(CIR_SOLVERS);
        return names;
    }

    /**
     * Builds the solvers of a comma-separated list for a problem. The CIR schemes (hosts, die) are built
     * with the CIR problem's (a, b, σ) and refused for other problems.
     *
     * @param names the names (each may end in {@code _doubled})
     * @param problem the problem they are for
     * @return the solvers, in the order given
     * @throws IllegalArgumentException naming {@code --solver} for unknown or repeated names
     */
    static List<Solver> solvers(List<String> names, TestProblem problem) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("--solver needs at least one solver name, e.g. --solver heun,euler");
        }
        List<Solver> solvers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : names) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("--solver has an empty name in '" + String.join(",", names) + "'");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("--solver lists '" + name + "' twice");
            }
            solvers.add(solver(name, problem));
        }
        return solvers;
    }

    /**
     * @param name a solver's command-line name
     * @param problem the problem it is for (decides the CIR schemes' parameters)
     * @return the solver
     */
    static Solver solver(String name, TestProblem problem) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (CIR_SOLVERS.contains(key)) {
            double sigma = cirSigma(problem);
            if (Double.isNaN(sigma)) {
                throw new IllegalArgumentException("--solver " + key + " is a scheme for the CIR problems "
                        + "(cir-medium, cir-high) only, got problem '" + problem.name() + "'");
            }
            return key.equals("hosts") ? new Hosts(CirProblems.A, CirProblems.B, sigma)
                    : new DriftImplicitEuler(CirProblems.A, CirProblems.B, sigma);
        }
        try {
            return Solvers.byName(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--solver must be among " + solverNames()
                    + " (optionally with _doubled), got '" + name + "' (see 'wiener solvers')");
        }
    }

    /**
     * @param problem a problem
     * @return σ of a CIR problem of the library, NaN for any other problem
     */
    static double cirSigma(TestProblem problem) {
        switch (problem.name()) {
            case "cir-medium":
                return CirProblems.SIGMA_MEDIUM;
            case "cir-high":
                return CirProblems.SIGMA_HIGH;
            default:
                return Double.NaN;
        }
    }

    /**
     * @param solvers solvers
     * @return whether any is a CIR-specific scheme
     */
    static boolean anyCirScheme(List<Solver> solvers) {
        return solvers.stream().anyMatch(s -> CIR_SOLVERS.contains(s.properties().name()));
    }

    /**
     * Refuses, before any work, what the driver would refuse in the middle of a run.
     *
     * @param solver the solver
     * @param problem the problem
     * @param adaptive whether an error-based adaptive controller will be used
     */
    static void checkSolver(Solver solver, TestProblem problem, boolean adaptive) {
        SolverProperties p = solver.properties();
        String name = p.name();
        if (!p.supportsSde()) {
            throw new IllegalArgumentException("--solver " + name + " solves ODEs only; problem " + problem.name()
                    + " is an SDE");
        }
        NoiseType noise = problem.noiseType();
        if (!p.supports(noise)) {
            throw new IllegalArgumentException("--solver " + name + " does not apply to " + noise + " noise (problem "
                    + problem.name() + "); see 'wiener solvers'");
        }
        if (adaptive) {
            if (name.equals("euler") || name.startsWith("euler_doubled")) {
                throw new IllegalArgumentException("--solver euler does not converge under adaptive step control; "
                        + "use --mode constant or an adaptive solver such as heun or spark");
            }
            if (!p.hasEmbeddedError()) {
                throw new IllegalArgumentException("--mode adaptive needs an error estimate, which --solver " + name
                        + " does not have: use " + name + "_doubled or --mode constant");
            }
        }
    }

    /**
     * @param flag the flag's name, for the message
     * @param value its value
     * @return the value
     * @throws IllegalArgumentException if the value is below 1
     */
    static int atLeastOne(String flag, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(flag + " must be >= 1, got " + value);
        }
        return value;
    }

    /**
     * @param dir the output directory
     * @return it, absolute and normalized
     */
    static Path outDir(Path dir) {
        return dir.toAbsolutePath().normalize();
    }

    /**
     * @param x a number
     * @return it with 3 decimals, or "nan"/"inf"
     */
    static String fixed3(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%.3f", x);
    }

    /**
     * @param x a number
     * @param digits significant digits
     * @return it in scientific notation, or "nan"/"inf"
     */
    static String sci(double x, int digits) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%." + (digits - 1) + "e", x);
    }

    /**
     * @param order a declared order
     * @return it as the solver table writes it: "1", "1.5", or "–" for NaN
     */
    static String order(double order) {
        if (Double.isNaN(order)) {
            return "–";
        }
        return order == Math.rint(order) ? Long.toString((long) order) : Double.toString(order);
    }

    /** The first and last level of a study: {@code --levels L1:L2}. */
    record Levels(int first, int last) {
        @Override
        public String toString() {
            return first + ":" + last;
        }
    }

    /** Parses {@code L1:L2} with 0 ≤ L1 ≤ L2. */
    static final class LevelsConverter implements ITypeConverter<Levels> {
        @Override
        public Levels convert(String value) {
            String[] parts = value.trim().split(":", -1);
            if (parts.length != 2) {
                throw new TypeConversionException("expected L1:L2 (e.g. 3:7), got '" + value + "'");
            }
            int first;
            int last;
            try {
                first = Integer.parseInt(parts[0].trim());
                last = Integer.parseInt(parts[1].trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("expected two integers L1:L2 (e.g. 3:7), got '" + value + "'");
            }
            if (first < 0) {
                throw new TypeConversionException("L1 must be >= 0, got '" + value + "'");
            }
            if (first > last) {
                throw new TypeConversionException("L1 must be <= L2, got '" + value + "'");
            }
            return new Levels(first, last);
        }
    }

    /** Parses {@code constant} or {@code adaptive} (any case). */
    static final class ModeConverter implements ITypeConverter<StepMode> {
        @Override
        public StepMode convert(String value) {
            String key = value.trim().toLowerCase(Locale.ROOT);
            if (key.equals("constant")) {
                return StepMode.CONSTANT;
            }
            if (key.equals("adaptive")) {
                return StepMode.ADAPTIVE;
            }
            throw new TypeConversionException("expected constant or adaptive, got '" + value + "'");
        }
    }

    /**
     * @param mode a mode
     * @return its command-line spelling
     */
    static String modeName(StepMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
