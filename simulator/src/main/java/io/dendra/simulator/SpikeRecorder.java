package io.dendra.simulator;

/**
 * What one run keeps for its report: every simulated step's time, each core's sends per input step,
 * and (when asked) each neuron's spikes per input step as bits. Written by the run as it goes;
 * {@link #finish} hands it over as the sample's {@link RasterRun}.
 */
final class SpikeRecorder implements RasterRun {
    private final int[] neurons;
    private final long[] stepFs;
    private final int[][] sendsPerStep;
    private final long[][] spikeTrains;

    SpikeRecorder(int[] neurons, int simulatedSteps, int inputSteps, boolean spikes) {
        this.neurons = neurons.clone();
        int cores = neurons.length;
        stepFs = new long[simulatedSteps];
        sendsPerStep = new int[cores][inputSteps];
        spikeTrains = spikes ? new long[cores][] : null;
        if (spikes) for (int c = 0; c < cores; c++) spikeTrains[c] = new long[(inputSteps * neurons[c] + 63) / 64];
    }

    /** Step {@code step} (from 1) took {@code fs} femtoseconds. */
    void step(int step, long fs) {
        stepFs[step - 1] = fs;
    }

    /** Core c's neurons sent {@code n} messages at input step t. */
    void sends(int c, int t, int n) {
        sendsPerStep[c][t] = n;
    }

    /** Whether spikes are kept. */
    @Override public boolean recordedSpikes() {
        return spikeTrains != null;
    }

    /** Neuron i of core c spiked at input step t. */
    void spike(int c, int t, int i) {
        int bit = t * neurons[c] + i;
        spikeTrains[c][bit >>> 6] |= 1L << (bit & 63);
    }

    @Override public long[] stepFs() { return stepFs.clone(); }

    @Override public int sends(int c, int t) {
        return sendsPerStep[c][t];
    }

    @Override public boolean spiked(int c, int t, int i) {
        int bit = t * neurons[c] + i;
        return (spikeTrains[c][bit >>> 6] & (1L << (bit & 63))) != 0;
    }

    /** What was recorded, handed over as it is: the recorder is not used after this. */
    RasterRun.Snapshot finish() {
        return new RasterRun.Snapshot(stepFs, sendsPerStep, spikeTrains, neurons);
    }
}
