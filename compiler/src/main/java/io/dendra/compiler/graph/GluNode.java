package io.dendra.compiler.graph;

import io.dendra.diagnostics.Place;
import java.util.List;

/**
 * The SpikingSSM feature mix: a 1×1 convolution from H to 2H, then a GLU,
 * {@code out = (W[0:H] x + b[0:H]) * sigmoid(W[H:2H] x + b[H:2H])}; W is 2H×H, row-major.
 */
public record GluNode(String name, Place place, Node input, double[] weight, double[] bias) implements Node {
    public GluNode {
        int h = input.width();
        if (weight.length != 2L * h * h) throw new IllegalArgumentException("weight must be 2H x H");
        if (bias.length != 2 * h) throw new IllegalArgumentException("bias must have 2H entries");
        weight = weight.clone();
        bias = bias.clone();
    }

    public double weight(int out, int in) { return weight[out * input.width() + in]; }
    public double bias(int out) { return bias[out]; }

    @Override public double[] weight() { return weight.clone(); }
    @Override public double[] bias() { return bias.clone(); }
    @Override public int width() { return input.width(); }
    @Override public List<Node> inputs() { return List.of(input); }
    @Override public Timing timing() { return input.timing(); }
    @Override public String kind() { return "glu"; }
    @Override public long parameterCount() { return weight.length + bias.length; }

    /** The reference semantics (float64, DESIGN §5): this layer's value for its input's. */
    public double[] reference(double[] x, int rows) {
        GluNode n = this;
        int h = n.width();
        double[] w = n.weight();
        double[] b = n.bias();
        double[] y = new double[rows * h];
        double[] a = new double[h];
        double[] g = new double[h];
        for (int t = 0; t < rows; t++) {
            System.arraycopy(b, 0, a, 0, h);
            System.arraycopy(b, h, g, 0, h);
            for (int i = 0; i < h; i++) {
                double xi = x[t * h + i];
                if (xi == 0) continue;
                for (int o = 0; o < h; o++) {
                    a[o] += w[o * h + i] * xi;
                    g[o] += w[(h + o) * h + i] * xi;
                }
            }
            for (int o = 0; o < h; o++) y[t * h + o] = a[o] / (1 + Math.exp(-g[o]));
        }
        return y;
    }
}
