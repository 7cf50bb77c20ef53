package io.dendra.ir;

import java.util.Arrays;

/**
 * How the host feeds a sequence in: at step t, channel c's value u is sent as payload
 * {@code round(u · 2^scale)} (or as a spike when the input is binary, sent only for non-zero u)
 * to each of the channel's destinations {@code start[c] .. start[c+1]} (core, axon). The range each
 * channel took in the calibration input travels along (NaN when unknown), so that a run can say when
 * its inputs leave the range the fixed-point scales were chosen for.
 *
 * <p>The host also sends bias messages: a fixed payload (1, a spike, or a power of two on chips with
 * graded spikes) to each bias destination (core, axon) at every step from its first send step on,
 * one step per input step. They carry the constant
 * input of blocks whose bias must not act before their first input arrives (docs/neuron-programs.md,
 * warm-up).
 */
public final class InputMap {
    private final int channels;
    private final boolean binary;
    private final int scale;
    private final int[] start;
    private final int[] core;
    private final int[] axon;
    private final double[] calibratedMin;
    private final double[] calibratedMax;
    private final int[] biasCore;
    private final int[] biasAxon;
    private final int[] biasFirstSend;
    private final int[] biasPayload;

    /** An input map whose calibration range is unknown. */
    public InputMap(int channels, boolean binary, int scale, int[] start, int[] core, int[] axon) {
        this(channels, binary, scale, start, core, axon, nan(channels), nan(channels));
    }

    public InputMap(int channels, boolean binary, int scale, int[] start, int[] core, int[] axon, double[] calibratedMin, double[] calibratedMax) {
        this(channels, binary, scale, start, core, axon, calibratedMin, calibratedMax, new int[0], new int[0], new int[0], new int[0]);
    }

    public InputMap(int channels, boolean binary, int scale, int[] start, int[] core, int[] axon, double[] calibratedMin, double[] calibratedMax,
            int[] biasCore, int[] biasAxon, int[] biasFirstSend, int[] biasPayload) {
        if (channels <= 0 || start.length != channels + 1 || start[0] != 0) throw new IllegalArgumentException("one destination list per channel");
        if (core.length != start[channels] || axon.length != core.length) throw new IllegalArgumentException("one core and axon per destination");
        this.channels = channels;
        this.binary = binary;
        this.scale = scale;
        this.start = start.clone();
        this.core = core.clone();
        this.axon = axon.clone();
        if (calibratedMin.length != channels || calibratedMax.length != channels) throw new IllegalArgumentException("one calibration range per channel");
        for (int c = 0; c < channels; c++) {
            if (calibratedMin[c] > calibratedMax[c] || Double.isInfinite(calibratedMin[c]) || Double.isInfinite(calibratedMax[c])
                    || Double.isNaN(calibratedMin[c]) != Double.isNaN(calibratedMax[c])) {
                throw new IllegalArgumentException("calibration range of channel " + c);
            }
        }
        this.calibratedMin = calibratedMin.clone();
        this.calibratedMax = calibratedMax.clone();
        if (biasAxon.length != biasCore.length || biasFirstSend.length != biasCore.length || biasPayload.length != biasCore.length) {
            throw new IllegalArgumentException("one core, axon, first step and payload per bias destination");
        }
        for (int step : biasFirstSend) if (step < 0) throw new IllegalArgumentException("bias first send step " + step);
        for (int p : biasPayload) if (p <= 0) throw new IllegalArgumentException("bias payload " + p);
        this.biasCore = biasCore.clone();
        this.biasAxon = biasAxon.clone();
        this.biasFirstSend = biasFirstSend.clone();
        this.biasPayload = biasPayload.clone();
    }

    private static double[] nan(int channels) {
        double[] v = new double[Math.max(channels, 0)];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    /** The same map with the range each channel took in the calibration input. */
    public InputMap withCalibratedRange(double[] min, double[] max) {
        return new InputMap(channels, binary, scale, start, core, axon, min, max, biasCore, biasAxon, biasFirstSend, biasPayload);
    }

    /** The same map with these bias destinations. */
    public InputMap withBias(int[] core, int[] axon, int[] firstSend, int[] payload) {
        return new InputMap(channels, binary, scale, start, this.core, this.axon, calibratedMin, calibratedMax, core, axon, firstSend, payload);
    }

    /** How many (core, axon) the host sends bias spikes to. */
    public int biasDestinations() { return biasCore.length; }
    public int biasCore(int d) { return biasCore[d]; }
    public int biasAxon(int d) { return biasAxon[d]; }
    /** The step in which the host sends destination d its first bias spike (its block reads it one step later). */
    public int biasFirstSend(int d) { return biasFirstSend[d]; }
    /** The payload of destination d's bias messages. */
    public int biasPayload(int d) { return biasPayload[d]; }

    /** Whether bias destination d receives a spike sent in {@code step} of a run of {@code inputSteps} input steps. */
    public boolean biasSentAt(int d, int step, int inputSteps) {
        return step >= biasFirstSend[d] && step < biasFirstSend[d] + inputSteps;
    }

    /** The smallest value channel c took in the calibration input, NaN when unknown. */
    public double calibratedMin(int channel) { return calibratedMin[channel]; }
    /** The largest value channel c took in the calibration input, NaN when unknown. */
    public double calibratedMax(int channel) { return calibratedMax[channel]; }

    /** The largest magnitude a real input can have and still be sent without saturating; infinite for binary input. */
    public double largestRepresentable(int payloadBits) {
        return binary ? Double.POSITIVE_INFINITY : Math.scalb(FixedPoint.maxMagnitude(payloadBits) + 0.5, -scale);
    }

    public int channels() { return channels; }
    public boolean binary() { return binary; }
    /** Fraction bits of the input payload. */
    public int scale() { return scale; }
    public int start(int channel) { return start[channel]; }
    public int end(int channel) { return start[channel + 1]; }
    public int core(int destination) { return core[destination]; }
    public int axon(int destination) { return axon[destination]; }

    /** The payload the host sends for a value, or 0 for nothing to send. */
    public long payload(double value, int payloadBits) {
        if (binary) return value != 0 ? 1 : 0;
        return FixedPoint.saturate(Math.round(Math.scalb(value, scale)), payloadBits);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputMap m && channels == m.channels && binary == m.binary && scale == m.scale && Arrays.equals(start, m.start)
                && Arrays.equals(core, m.core) && Arrays.equals(axon, m.axon) && Arrays.equals(calibratedMin, m.calibratedMin)
                && Arrays.equals(calibratedMax, m.calibratedMax) && Arrays.equals(biasCore, m.biasCore) && Arrays.equals(biasAxon, m.biasAxon)
                && Arrays.equals(biasFirstSend, m.biasFirstSend) && Arrays.equals(biasPayload, m.biasPayload);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(core) + 31 * channels;
    }
}
