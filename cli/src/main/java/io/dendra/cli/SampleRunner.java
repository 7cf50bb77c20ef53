package io.dendra.cli;

import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.simulator.ChipSimulator;
import io.dendra.simulator.Simulation;
import java.io.PrintWriter;

/**
 * Where {@code dendra run} simulates its samples: threads in this process ({@link LocalSamples}),
 * or another engine the command was built with (the Spark edition's, for {@code --spark}). Every
 * runner merges the samples in sample order into the same result, so the files a run writes do
 * not depend on where it ran.
 */
public interface SampleRunner {

    /**
     * What a runner needs of the run's options: the {@code --spark} master (or null), whether the
     * float reference runs beside it, the sample the report draws, whether progress is shown, and where
     * the command prints.
     */
    record Request(String sparkMaster, boolean compare, int rasterSample, boolean quiet, PrintWriter out) {}

    /** Refuses options this runner cannot serve, with a one-line error. */
    void check(Request request);

    /** Where the samples ran, for the summary line ("on 2 thread(s)"). */
    String where(Request request, int threads);

    /** Simulates every sample and merges their counts in sample order; {@code sink} (may be null) sees each sample's run. */
    Simulation.Result simulate(ChipSimulator sim, SequenceBatch batch, int threads, Simulation.SampleSink sink, Request request);
}
