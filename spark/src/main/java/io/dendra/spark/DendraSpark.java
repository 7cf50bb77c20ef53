package io.dendra.spark;

import io.dendra.cli.Dendra;
import io.dendra.cli.RunCommand;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The Spark edition's entry point: {@code dendra run … --spark MASTER} (the {@code ./dendra}
 * launcher starts it when it sees {@code --spark}), and the main class for {@code spark-submit}.
 */
@Command(name = "dendra", mixinStandardHelpOptions = true, subcommands = {RunCommand.class, SweepCommand.class},
        description = "dendra run on Apache Spark: the samples spread over a cluster, merged into the report a threaded run writes.")
public final class DendraSpark implements Runnable, CommandLine.IFactory {
    /** Makes {@code dendra run} a run whose samples go to Spark; every other command as picocli makes it. */
    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type == RunCommand.class) return type.cast(new RunCommand(new SparkSamples()));
        return CommandLine.defaultFactory().create(type);
    }

    public static void main(String[] args) {
        // Dendra formats every number with Locale.ROOT; this also covers the libraries that format with the
        // default locale (XChart's heat-map labels), so that reports are the same on every machine.
        Locale.setDefault(Locale.ROOT);
        int status = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        SparkEvaluation.stop();
        System.exit(status);
    }

    /**
     * Runs the command line; paths given as URIs of a file system ({@code hdfs://}, {@code s3a://},
     * {@code file:///}) are read and written through Spark's Hadoop configuration ({@link RemotePaths}).
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        String master = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--spark") && i + 1 < args.length) master = args[i + 1];
            else if (args[i].startsWith("--spark=")) master = args[i].substring("--spark=".length());
        }
        if (master == null || !RemotePaths.any(args)) return Dendra.execute(new DendraSpark(), args, out, err);
        RemotePaths.Localized local = null;
        try {
            org.apache.hadoop.conf.Configuration hadoop = SparkEvaluation.context(master).hadoopConfiguration();
            local = RemotePaths.localize(args, hadoop);
            int status = Dendra.execute(new DendraSpark(), local.args(), out, err);
            if (status == 0 && local.output() != null) {
                RemotePaths.publish(local, hadoop);
                out.printf(Locale.ROOT, "published the output to %s%n", local.output());
                out.flush();
            }
            return status;
        } catch (io.dendra.diagnostics.DendraException e) {
            err.println(e.diagnostic().format());
            err.flush();
            return 1;
        } catch (java.io.IOException | RuntimeException e) {
            err.println(new io.dendra.diagnostics.Diagnostic(io.dendra.diagnostics.ErrorCode.SPARK_JOB, io.dendra.diagnostics.Place.named("file system"),
                    String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName()), "check the path and Spark's Hadoop configuration")
                    .format());
            err.flush();
            return 1;
        } finally {
            if (local != null) RemotePaths.cleanUp(local);
        }
    }

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
