package io.dendra.cli;

import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code dendra sweep} belongs to the Spark edition: without {@code --spark} the plain command says how to start it. */
@Command(name = "sweep", hidden = true, mixinStandardHelpOptions = false)
final class SweepStubCommand implements Callable<Integer> {
    @picocli.CommandLine.Unmatched
    List<String> ignored;

    @Override
    public Integer call() {
        throw new DendraException(ErrorCode.USAGE, Place.named("sweep"), "dendra sweep runs on Apache Spark and needs --spark MASTER",
                "add --spark 'local[2]' to run it in this process (./dendra starts the Spark edition; docs/spark.md)");
    }
}
