package io.dendra.compiler.graph;

import io.dendra.diagnostics.Place;
import java.util.List;

/**
 * y = M x + b applied to every timestep, M a sparse matrix: a convolution or a pooling over
 * values laid out channel-major (C, H, W), as NIR and PyTorch lay them out. {@code kind} says
 * which ({@code conv2d}, {@code sumpool2d} ...), {@code shape} how it reads and writes.
 */
public record SparseLinearNode(String name, Place place, Node input, String kind, String shape, SparseMatrix matrix, double[] bias,
        long parameterCount) implements Node {
    public SparseLinearNode {
        if (matrix.cols() != input.width()) throw new IllegalArgumentException("matrix takes " + matrix.cols() + " values, input has " + input.width());
        if (bias != null && bias.length != matrix.rows()) throw new IllegalArgumentException("bias must have " + matrix.rows() + " entries");
        bias = bias == null ? null : bias.clone();
    }

    @Override public double[] bias() { return bias == null ? null : bias.clone(); }
    @Override public List<Node> inputs() { return List.of(input); }
    @Override public int width() { return matrix.rows(); }
    @Override public Timing timing() { return input.timing(); }

    /** Row by row through the sparse matrix, each row's sum in a fixed order. */
    public double[] reference(double[] x, int rows) {
        SparseLinearNode n = this;
        SparseMatrix m = n.matrix();
        int in = m.cols();
        int out = m.rows();
        double[] b = n.bias();
        double[] y = new double[rows * out];
        for (int t = 0; t < rows; t++) {
            for (int o = 0; o < out; o++) {
                double sum = b == null ? 0 : b[o];
                for (int e = m.start(o); e < m.end(o); e++) sum += m.value(e) * x[t * in + m.col(e)];
                y[t * out + o] = sum;
            }
        }
        return y;
    }
}
