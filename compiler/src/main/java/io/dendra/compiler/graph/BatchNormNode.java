package io.dendra.compiler.graph;

import io.dendra.diagnostics.Place;
import java.util.List;

/**
 * BatchNorm in inference mode, per channel: {@code (x - runningMean) / sqrt(runningVar + eps) * weight + bias}.
 * It is an affine map per channel, which is what lets a compiler fold it into its neighbours.
 */
public record BatchNormNode(String name, Place place, Node input, double[] weight, double[] bias, double[] runningMean,
        double[] runningVar, double eps) implements Node {
    public BatchNormNode {
        int h = input.width();
        if (weight.length != h || bias.length != h || runningMean.length != h || runningVar.length != h) {
            throw new IllegalArgumentException("one weight, bias, mean and variance per channel");
        }
        weight = weight.clone();
        bias = bias.clone();
        runningMean = runningMean.clone();
        runningVar = runningVar.clone();
    }

    /** The per-channel multiplier of the equivalent affine map. */
    public double scale(int channel) { return weight[channel] / Math.sqrt(runningVar[channel] + eps); }

    /** The per-channel offset of the equivalent affine map. */
    public double shift(int channel) { return bias[channel] - runningMean[channel] * scale(channel); }

    @Override public double[] weight() { return weight.clone(); }
    @Override public double[] bias() { return bias.clone(); }
    @Override public double[] runningMean() { return runningMean.clone(); }
    @Override public double[] runningVar() { return runningVar.clone(); }
    @Override public int width() { return input.width(); }
    @Override public List<Node> inputs() { return List.of(input); }
    @Override public Timing timing() { return input.timing(); }
    @Override public String kind() { return "batchnorm"; }
    @Override public long parameterCount() { return 2L * weight.length; }

    /** The reference semantics (float64, DESIGN §5): this layer's value for its input's. */
    public double[] reference(double[] x, int rows) {
        BatchNormNode n = this;
        int h = n.width();
        double[] mean = n.runningMean();
        double[] variance = n.runningVar();
        double[] weight = n.weight();
        double[] bias = n.bias();
        double[] y = new double[rows * h];
        for (int t = 0; t < rows; t++) {
            for (int c = 0; c < h; c++) {
                y[t * h + c] = (x[t * h + c] - mean[c]) / Math.sqrt(variance[c] + n.eps()) * weight[c] + bias[c];
            }
        }
        return y;
    }
}
