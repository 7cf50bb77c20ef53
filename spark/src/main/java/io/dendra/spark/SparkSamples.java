package io.dendra.spark;

import io.dendra.cli.SampleRunner;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import io.dendra.simulator.ChipSimulator;
import io.dendra.simulator.Simulation;

/**
 * {@code dendra run … --spark MASTER}: the run a user knows — the same options, checks and files —
 * with the samples simulated on Apache Spark ({@link SparkEvaluation}) and merged into exactly the
 * report a threaded run writes.
 */
final class SparkSamples implements SampleRunner {
    @Override
    public void check(Request request) {
        if (request.sparkMaster() == null) {
            throw new DendraException(ErrorCode.USAGE, Place.named("--spark"), "the Spark edition of dendra run needs --spark MASTER",
                    "local[N] runs Spark inside this process; spark://host:port, yarn or k8s://… a cluster");
        }
        if (request.compare()) {
            throw new DendraException(ErrorCode.USAGE, Place.named("--compare"), "--compare does not run on Spark yet",
                    "run the float reference on its own: dendra reference MODEL --input X.npy -o Y.npy");
        }
    }

    @Override
    public String where(Request request, int threads) {
        return "on Spark " + request.sparkMaster();
    }

    @Override
    public Simulation.Result simulate(ChipSimulator sim, SequenceBatch batch, int threads, Simulation.SampleSink sink, Request request) {
        return SparkEvaluation.run(request.sparkMaster(), sim.image(), sim.target(), batch.samples(), batch.steps(), request.rasterSample(),
                request.quiet() ? null : request.out());
    }
}
