package io.dendra.compiler.graph;

import io.dendra.diagnostics.Place;
import java.util.List;

/**
 * Loihi's current-based LIF in its own integers, as a lava-dl NetX {@code LOIHI}/{@code CUBA} layer
 * defines it: Lava's {@code LIF} (or {@code LIFReset} with a reset interval) on the integer input
 * a_in, with {@code du} and {@code dv} as Lava takes them (NetX: du = iDecay − 1, dv = vDecay), the
 * threshold mantissa {@code vth}, a bias mantissa per neuron with one exponent, and the reset every
 * {@code resetInterval} steps at Lava's time steps T with T mod interval = {@code resetOffset}
 * (interval 0: never). The update itself is the {@code cuba} neuron program's
 * ({@link io.dendra.ir.programs.cuba.Cuba}), defined once: the reference runs it too. The output is
 * the spike vector.
 */
public record CubaNode(String name, Place place, Node input, int du, int dv, int vth, int[] biasMant, int biasExp, int resetInterval,
        int resetOffset) implements Node {
    public CubaNode {
        if (biasMant.length != input.width()) throw new IllegalArgumentException("one bias per neuron");
        if (resetInterval < 0) throw new IllegalArgumentException("reset interval is not negative");
        biasMant = biasMant.clone();
    }

    @Override public int[] biasMant() { return biasMant.clone(); }

    /** The same layer with another bias (a NetX input layer fed an image as its bias). */
    public CubaNode withBias(int[] bias) {
        return new CubaNode(name, place, input, du, dv, vth, bias, biasExp, resetInterval, resetOffset);
    }

    @Override public List<Node> inputs() { return List.of(input); }
    @Override public int width() { return input.width(); }
    @Override public Timing timing() { return Timing.SEQUENCE; }
    @Override public String kind() { return "cuba"; }
    @Override public long parameterCount() { return biasMant.length; }
}
