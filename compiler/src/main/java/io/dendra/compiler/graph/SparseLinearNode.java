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
}
