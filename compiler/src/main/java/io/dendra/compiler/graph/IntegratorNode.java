package io.dendra.compiler.graph;

import io.dendra.diagnostics.Place;
import java.util.List;

/**
 * A non-spiking integrator per channel, whose output is its potential (NIR's LI, CubaLI and I):
 * <pre>
 *   J = currentDecay·J + scale[h]·x[h]        (currentDecay 0: J is this step's scaled input)
 *   v = tau·v + J + bias[h]
 * </pre>
 * {@code tau} is the per-step decay (1 for a pure integrator).
 */
public record IntegratorNode(String name, Place place, Node input, String kind, double tau, double currentDecay, double[] inputScale, double[] bias)
        implements Node {
    public IntegratorNode {
        if (inputScale.length != input.width() || bias.length != input.width()) throw new IllegalArgumentException("one input scale and bias per channel");
        inputScale = inputScale.clone();
        bias = bias.clone();
    }

    @Override public double[] inputScale() { return inputScale.clone(); }
    @Override public double[] bias() { return bias.clone(); }
    @Override public List<Node> inputs() { return List.of(input); }
    @Override public int width() { return input.width(); }
    @Override public Timing timing() { return Timing.SEQUENCE; }
    @Override public long parameterCount() { return 0; }
}
