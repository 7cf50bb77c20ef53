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

    /** Column by column, skipping zero inputs (spikes are mostly zero); the sum's order is fixed, so results do not vary. */
    public double[] reference(double[] x, int rows) {
        LinearNode n = this;
        int in = n.input().width();
        int out = n.width();
        double[] w = n.weight();
        double[] y = new double[rows * out];
        for (int t = 0; t < rows; t++) {
            int base = t * out;
            for (int o = 0; o < out; o++) y[base + o] = n.bias(o);
            for (int i = 0; i < in; i++) {
                double xi = x[t * in + i];
                if (xi == 0) continue;
                for (int o = 0; o < out; o++) y[base + o] += w[o * in + i] * xi;
            }
        }
        return y;
    }
}
