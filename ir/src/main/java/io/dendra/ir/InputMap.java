package io.dendra.ir;

import java.util.Arrays;

/**
 * How the host feeds a sequence in: at step t, channel c's value u is sent as payload
 * {@code round(u · 2^scale)} (or as a spike when the input is binary, sent only for non-zero u)
 * to each of the channel's destinations {@code start[c] .. start[c+1]} (core, axon).
 */
public final class InputMap {
    private final int channels;
    private final boolean binary;
    private final int scale;
    private final int[] start;
    private final int[] core;
    private final int[] axon;

    public InputMap(int channels, boolean binary, int scale, int[] start, int[] core, int[] axon) {
        if (channels <= 0 || start.length != channels + 1 || start[0] != 0) throw new IllegalArgumentException("one destination list per channel");
        if (core.length != start[channels] || axon.length != core.length) throw new IllegalArgumentException("one core and axon per destination");
        this.channels = channels;
        this.binary = binary;
        this.scale = scale;
        this.start = start.clone();
        this.core = core.clone();
        this.axon = axon.clone();
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
                && Arrays.equals(core, m.core) && Arrays.equals(axon, m.axon);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(core) + 31 * channels;
    }
}
