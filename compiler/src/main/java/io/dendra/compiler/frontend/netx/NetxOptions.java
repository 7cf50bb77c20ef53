package io.dendra.compiler.frontend.netx;

import io.dendra.compiler.tensor.Tensor;

/**
 * How a NetX network runs, as lava-dl's {@code netx.hdf5.Network} takes it: every neuron layer
 * resets u and v every {@code resetInterval} steps (0: never), layer k (counting neuron layers from
 * 0) at Lava's time steps T with T mod interval = resetOffset + 1 + k; {@code inputBias}, when not
 * null, is the input layer's bias mantissa per neuron (how lava-dl feeds PilotNet and tinynet an
 * image), in Lava's (W, H, C) order or (C, H, W); {@code spikeExp} is netx's {@code spike_exp}, the
 * fraction bits of a sigma-delta neuron's graded messages (6 by default).
 */
public record NetxOptions(int resetInterval, int resetOffset, Tensor inputBias, int spikeExp) {
    public static final NetxOptions NONE = new NetxOptions(0, 0, null);

    public NetxOptions {
        if (resetInterval < 0) throw new IllegalArgumentException("reset interval is not negative");
        if (spikeExp < 0 || spikeExp > 12) throw new IllegalArgumentException("spike exponent in 0..12");
    }

    /** With netx's default spike exponent, 6. */
    public NetxOptions(int resetInterval, int resetOffset, Tensor inputBias) {
        this(resetInterval, resetOffset, inputBias, 6);
    }
}
