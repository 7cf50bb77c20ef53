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

    /** The reference semantics (float64, DESIGN §5): this layer's value for its input's. */
    public double[] reference(double[] x, int rows) {
        LayerNormNode n = this;
        int h = n.width();
        double[] y = new double[rows * h];
        for (int t = 0; t < rows; t++) {
            double mean = 0;
            for (int c = 0; c < h; c++) mean += x[t * h + c];
            mean /= h;
            double variance = 0;
            for (int c = 0; c < h; c++) {
                double dev = x[t * h + c] - mean;
                variance += dev * dev;
            }
            variance /= h;
            double inv = 1 / Math.sqrt(variance + n.eps());
            for (int c = 0; c < h; c++) y[t * h + c] = (x[t * h + c] - mean) * inv * n.weight(c) + n.bias(c);
        }
        return y;
    }
}
