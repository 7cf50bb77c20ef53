package io.dendra.simulator;

/**
 * What the report draws of one sample's run: every simulated step's time, each core's sends per
 * input step, and (when recorded) each neuron's spikes. A {@link SampleResult} is one; its
 * {@link Snapshot} is plain arrays that travel (to a Spark driver, for example).
 */
public interface RasterRun {
    /** The time of each simulated step in femtoseconds. */
    long[] stepFs();

    /** How many of core {@code c}'s neurons sent at input step {@code t}. */
    int sends(int c, int t);

    boolean recordedSpikes();

    /** Whether neuron {@code i} of core {@code c} spiked at input step {@code t} (recorded runs only). */
    boolean spiked(int c, int t, int i);

    /** A run's raster as plain arrays: serializable, and answering exactly what the run answers. */
    record Snapshot(long[] stepFs, int[][] sendsPerStep, long[][] spikeTrains, int[] neurons) implements RasterRun, java.io.Serializable {
        @Override public long[] stepFs() { return stepFs.clone(); }
        @Override public int sends(int c, int t) { return sendsPerStep[c][t]; }
        @Override public boolean recordedSpikes() { return spikeTrains != null; }

        @Override
        public boolean spiked(int c, int t, int i) {
            int bit = t * neurons[c] + i;
            return (spikeTrains[c][bit >>> 6] & (1L << (bit & 63))) != 0;
        }
    }
}
