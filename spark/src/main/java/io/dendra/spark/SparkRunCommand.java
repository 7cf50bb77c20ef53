package io.dendra.spark;

import io.dendra.cli.RunCommand;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import io.dendra.simulator.ChipSimulator;
import io.dendra.simulator.Simulation;
import picocli.CommandLine.Command;

/**
 * {@code dendra run … --spark MASTER}: the run a user knows — the same options, checks and files —
 * with the samples simulated on Apache Spark ({@link SparkEvaluation}) and merged into exactly the
 * report a threaded run writes.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Simulate a chip image (.dchip), or a model (.dnd or .nir) compiled in memory for --target, on input sequences, on Apache Spark.",
                "Writes OUT/output.npy, OUT/report.json, OUT/report.txt (also printed) and OUT/report.html, equal to what dendra run writes."})
public class SparkRunCommand extends RunCommand {
    @Override
    protected void checkSpark() {
        if (sparkMaster() == null) {
            throw new DendraException(ErrorCode.USAGE, Place.named("--spark"), "the Spark edition of dendra run needs --spark MASTER",
                    "local[N] runs Spark inside this process; spark://host:port, yarn or k8s://… a cluster");
        }
        if (compareModel() != null) {
            throw new DendraException(ErrorCode.USAGE, Place.named("--compare"), "--compare does not run on Spark yet",
                    "run the float reference on its own: dendra reference MODEL --input X.npy -o Y.npy");
        }
    }

    @Override
    protected String workers(int threadCount) {
        return "on Spark " + sparkMaster();
    }

    @Override
    protected Simulation.Result simulate(ChipSimulator sim, SequenceBatch batch, int threadCount, Simulation.SampleSink sink) {
        return SparkEvaluation.run(sparkMaster(), sim.image(), sim.target(), batch.samples(), batch.steps(), rasterSample(), quiet() ? null : out());
    }
}
