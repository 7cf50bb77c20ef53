package io.dendra.cli;

import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import io.dendra.ir.ChipImage;
import io.dendra.simulator.ChipSimulator;
import io.dendra.simulator.Simulation;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The samples on this machine's threads, with a progress bar on a terminal (in steps for one long sequence, in samples for a batch). */
final class LocalSamples implements SampleRunner {

    /**
     * The plain command has no Spark on its classpath: {@code --spark} is for the Spark edition,
     * which {@code ./dendra} starts when it sees the option.
     */
    @Override
    public void check(Request request) {
        if (request.sparkMaster() != null) {
            throw new DendraException(ErrorCode.USAGE, Place.named("--spark"), "this dendra jar has no Spark on its classpath",
                    "start it through ./dendra, which builds and runs the Spark edition for --spark, or use spark-submit (docs/spark.md)");
        }
    }

    @Override
    public String where(Request request, int threads) {
        return "on " + threads + " thread(s)";
    }

    @Override
    public Simulation.Result simulate(ChipSimulator sim, SequenceBatch batch, int threads, Simulation.SampleSink sink, Request request) {
        ChipImage image = sim.image();
        boolean record = request.compare();
        int raster = request.rasterSample();
        boolean bar = !request.quiet() && System.console() != null;
        if (!bar) return Simulation.run(sim, batch.samples(), batch.steps(), threads, record, raster, null, sink, null);
        if (batch.size() == 1) {
            // one sequence: progress in simulated steps, so that a long one shows it is moving
            long total = (long) image.output().firstStep() + batch.steps();
            try (ProgressBar progress = new ProgressBarBuilder().setTaskName("simulating").setUnit(" steps", 1).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).build()) {
                return Simulation.run(sim, batch.samples(), batch.steps(), threads, record, raster, null, sink, progress::stepBy);
            }
        }
        try (ProgressBar progress = new ProgressBarBuilder().setTaskName("simulating").setInitialMax(batch.size()).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250).build()) {
            return Simulation.run(sim, batch.samples(), batch.steps(), threads, record, raster, progress::stepTo, sink, null);
        }
    }
}
