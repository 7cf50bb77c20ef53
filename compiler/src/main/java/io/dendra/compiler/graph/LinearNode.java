package io.dendra.compiler.graph;

import io.dendra.diagnostics.Place;
import java.util.List;

/** y = W x + b applied to every timestep (or once, after a mean over time); W is out×in, row-major. */
public record LinearNode(String name, Place place, Node input, int width, double[] weight, double[] bias) implements Node {
    public LinearNode {
        if (weight.length != (long) width * input.width()) throw new IllegalArgumentException("weight must be " + width + "x" + input.width());
        if (bias != null && bias.length != width) throw new IllegalArgumentException("bias must have " + width + " entries");
        weight = weight.clone();
        bias = bias == null ? null : bias.clone();
    }

    public double weight(int out, int in) { return weight[out * input.width() + in]; }
    public double bias(int out) { return bias == null ? 0 : bias[out]; }
    public boolean hasBias() { return bias != null; }

    @Override public double[] weight() { return weight.clone(); }
    @Override public double[] bias() { return bias == null ? null : bias.clone(); }
    @Override public List<Node> inputs() { return List.of(input); }
    @Override public Timing timing() { return input.timing(); }
    @Override public String kind() { return "linear"; }
    @Override public long parameterCount() { return weight.length + (bias == null ? 0 : bias.length); }
}
