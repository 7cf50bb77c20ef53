package io.dendra.compiler.graph;

import io.dendra.diagnostics.Place;
import java.util.List;

/** LayerNorm over the channels of each timestep: {@code (x - mean) / sqrt(var + eps) * weight + bias}, biased variance. */
public record LayerNormNode(String name, Place place, Node input, double[] weight, double[] bias, double eps) implements Node {
    public LayerNormNode {
        if (weight.length != input.width() || bias.length != input.width()) throw new IllegalArgumentException("one weight and bias per channel");
        weight = weight.clone();
        bias = bias.clone();
    }

    public double weight(int channel) { return weight[channel]; }
    public double bias(int channel) { return bias[channel]; }

    @Override public double[] weight() { return weight.clone(); }
    @Override public double[] bias() { return bias.clone(); }
    @Override public int width() { return input.width(); }
    @Override public List<Node> inputs() { return List.of(input); }
    @Override public Timing timing() { return input.timing(); }
    @Override public String kind() { return "layernorm"; }
    @Override public long parameterCount() { return 2L * weight.length; }
}
