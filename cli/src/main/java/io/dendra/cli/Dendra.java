package io.dendra.cli;

import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.Diagnostic;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code dendra} command: compiles spiking networks for Loihi-style chips and runs them. */
@Command(name = "dendra", mixinStandardHelpOptions = true, versionProvider = Dendra.Version.class,
        description = "Compiles trained spiking networks (SpikingSSMs first) for Loihi-style neuromorphic chips and simulates them.",
        subcommands = {CheckCommand.class, ReferenceCommand.class, ImportSpikingSsmCommand.class, TargetsCommand.class, CompileCommand.class,
                InspectCommand.class, RunCommand.class, ReportCommand.class, SweepStubCommand.class,
                CommandLine.HelpCommand.class})
public final class Dendra implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Dendra formats every number with Locale.ROOT; this also covers the libraries that format with the
        // default locale (XChart's heat-map labels), so that reports are the same on every machine.
        Locale.setDefault(Locale.ROOT);
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line and returns its exit status: 0 on success, 2 for a usage mistake (an
     * option or argument wrong: picocli's convention), 1 for bad input (a file, a model, a target
     * that cannot be used), 3 for an internal error (a bug in Dendra, E0003).
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(new Dendra(), args, out, err);
    }

    /**
     * Runs a command line rooted at {@code root} (the Spark edition has its own) with the same
     * one-line error handling; a root that is also a picocli factory makes its subcommands (the
     * Spark edition's makes a run whose samples go to Spark).
     */
    public static int execute(Object root, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(root, root instanceof CommandLine.IFactory factory ? factory : CommandLine.defaultFactory());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, arguments) -> {
            String command = ex.getCommandLine().getCommandName();
            err.println(new Diagnostic(ErrorCode.USAGE, Place.named(command), ex.getMessage(), "run 'dendra "
                    + (command.equals("dendra") ? "" : command + " ") + "--help'").format());
            err.flush();
            return USAGE_STATUS;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> fail(ex, err));
        try {
            return cli.execute(args);
        } catch (Throwable t) {
            // Errors (out of memory, stack overflow) pass picocli's handler, which sees Exceptions only
            return fail(t, err);
        }
    }

    /** Exit status of a usage mistake, of bad input, of an internal error. */
    public static final int USAGE_STATUS = 2, INPUT_STATUS = 1, INTERNAL_STATUS = 3;

    /** The exit status a diagnostic's code calls for. */
    static int status(ErrorCode code) {
        return code == ErrorCode.USAGE ? USAGE_STATUS : code == ErrorCode.INTERNAL ? INTERNAL_STATUS : INPUT_STATUS;
    }

    /** Prints one line for anything that stopped a command, and returns its exit status ({@link #status}). */
    private static int fail(Throwable ex, PrintWriter err) {
        Diagnostic diagnostic;
        if (ex instanceof DendraException d) {
            diagnostic = d.diagnostic();
        } else if (ex instanceof OutOfMemoryError) {
            diagnostic = new Diagnostic(ErrorCode.OUT_OF_MEMORY, null, "the Java heap of " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB ran out", null);
        } else if (ex instanceof StackOverflowError) {
            diagnostic = new Diagnostic(ErrorCode.TOO_DEEP, null, "the input is nested too deeply to process", null);
        } else {
            String message = ex.getMessage() == null ? "" : ": " + ex.getMessage().lines().findFirst().orElse("");
            diagnostic = new Diagnostic(ErrorCode.INTERNAL, null, ex.getClass().getSimpleName() + message, null);
        }
        err.println(diagnostic.format());
        if (!(ex instanceof DendraException) && System.getenv("DENDRA_DEBUG") != null) ex.printStackTrace(err);
        err.flush();
        return status(diagnostic.code());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Dendra.class.getPackage().getImplementationVersion();
            return new String[] {"dendra " + (version == null ? "development" : version)};
        }
    }
}
