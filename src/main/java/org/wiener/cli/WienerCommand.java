package org.wiener.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code wiener} command line: {@code java -jar target/wiener-cli.jar <command>}.
 *
 * <p>A wrong flag or value prints one clear line on stderr and exits with code 2; a file that cannot be
 * written prints one line and exits with code 1.
 */
@Command(name = "wiener", mixinStandardHelpOptions = true, version = "wiener 0.1.0",
        description = "Exact, reproducible SDE simulation on a seed-deterministic Virtual Brownian Tree.",
        subcommands = {TourCommand.class, ProblemsCommand.class, SolversCommand.class, SimulateCommand.class,
            SampleCommand.class, StrongOrderCommand.class, WeakOrderCommand.class, SolverOrdersCommand.class,
            TrainCommand.class,
            CommandLine.HelpCommand.class})
public final class WienerCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true"); // plots are drawn off-screen
        System.exit(execute(args));
    }

    /**
     * Runs the command line without exiting, for tests and embedding.
     *
     * @param args the arguments
     * @return the exit code
     */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new WienerCommand());
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage()
                    + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException) {
                commandLine.getErr().println("error: " + ex.getMessage());
                return 2;
            }
            if (ex instanceof java.io.UncheckedIOException) {
                commandLine.getErr().println("error: " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        return cli.execute(args);
    }
}
