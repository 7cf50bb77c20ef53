package io.dendra.simulator;

/**
 * What one sample's run leaves once its workspace moves on to the next sample: the decoded output,
 * its counts, and its raster (each simulated step's time, each core's sends per input step, and each
 * neuron's spikes when they were recorded), and the engine's profile when asked (else null). Nothing
 * of the chip's working state is kept.
 */
public record SampleResult(double[] output, Counters counters, RasterRun.Snapshot raster, EngineProfile profile) implements RasterRun {
    @Override public double[] output() { return output.clone(); }

    /** The output itself, not a copy (a streamed output can be large), for the collector that keeps it. */
    double[] outputArray() { return output; }
    @Override public long[] stepFs() { return raster.stepFs(); }
    @Override public int sends(int c, int t) { return raster.sends(c, t); }
    @Override public boolean recordedSpikes() { return raster.recordedSpikes(); }
    @Override public boolean spiked(int c, int t, int i) { return raster.spiked(c, t, i); }
}
