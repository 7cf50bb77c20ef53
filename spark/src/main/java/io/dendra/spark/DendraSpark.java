package io.dendra.spark;

import io.dendra.cli.Dendra;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/**
 * The Spark edition's entry point: {@code dendra run … --spark MASTER} (the {@code ./dendra}
 * launcher starts it when it sees {@code --spark}), and the main class for {@code spark-submit}.
 */
@Command(name = "dendra", mixinStandardHelpOptions = true, subcommands = {SparkRunCommand.class, SweepCommand.class},
        description = "dendra run on Apache Spark: the samples spread over a cluster, merged into the report a threaded run writes.")
public final class DendraSpark implements Runnable {
    public static void main(String[] args) {
        int status = Dendra.execute(new DendraSpark(), args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        SparkEvaluation.stop();
        System.exit(status);
    }

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
