package io.dendra.cli;

import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code dendra sweep} belongs to the Spark edition ({@code spark/SweepCommand}), which
 * {@code ./dendra} starts when it sees {@code --spark}: here it is listed and documented with the
 * same options, and without {@code --spark} it says how to start it.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Evaluate several chip images on the same input on Apache Spark: OUT/NAME/ holds each image's dendra run files,",
                "OUT/comparison.md compares them. Needs --spark MASTER (./dendra then starts the Spark edition; docs/spark.md)."})
final class SweepStubCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    SweepOptions options;

    @Override
    public Integer call() {
        if (options.spark != null) {
            throw new DendraException(ErrorCode.USAGE, Place.named("sweep"), "this is the plain edition of dendra; sweeps run in the Spark edition",
                    "start it with ./dendra, which sees --spark, or with spark-submit and spark/target/dendra-spark.jar (docs/spark.md)");
        }
        throw new DendraException(ErrorCode.USAGE, Place.named("sweep"), "dendra sweep runs on Apache Spark and needs --spark MASTER",
                "add --spark 'local[2]' to run it in this process (./dendra starts the Spark edition; docs/spark.md)");
    }
}
