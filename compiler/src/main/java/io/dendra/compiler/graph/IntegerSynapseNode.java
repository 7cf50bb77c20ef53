package io.dendra.compiler.graph;

import io.dendra.diagnostics.Place;
import java.util.List;

/**
 * Synapses in integers as Lava's fixed-point Dense and Conv processes compute them (lava-dl NetX
 * layers): {@code y[t] = W·x[t − 1 − delay]} (zero before), W a sparse matrix of whole numbers over
 * values laid out (C, H, W). The one step is Lava's: a Dense or Conv sends at step t what it
 * received at t − 1. A convolution's sum wraps into {@code wrapBits} signed bits (24 for Lava's
 * Conv; 0 for none). {@code kind} is {@code dense} or {@code conv}.
 */
public record IntegerSynapseNode(String name, Place place, Node input, String kind, SparseMatrix weights, int delay, int wrapBits,
        long parameterCount) implements Node {
    public IntegerSynapseNode {
        if (weights.cols() != input.width()) throw new IllegalArgumentException("weights take " + weights.cols() + " values, input has " + input.width());
        for (int e = 0; e < weights.nonZeros(); e++) {
            if (weights.value(e) != Math.rint(weights.value(e))) throw new IllegalArgumentException("integer synapses hold whole numbers");
        }
        if (delay < 0) throw new IllegalArgumentException("delay is not negative");
    }

    /** The model steps between a value and its effect downstream: Lava's one plus the synaptic delay. */
    public int steps() {
        return 1 + delay;
    }

    /** {@code sum} wrapped into {@code wrapBits} signed bits, as Lava's {@code signed_clamp}; unchanged when wrapBits is 0. */
    public long wrap(long sum) {
        if (wrapBits == 0) return sum;
        long base = 1L << wrapBits;
        return Math.floorMod(sum + base / 2, base) - base / 2;
    }

    @Override public List<Node> inputs() { return List.of(input); }
    @Override public int width() { return weights.rows(); }
    @Override public Timing timing() { return Timing.SEQUENCE; }
}
