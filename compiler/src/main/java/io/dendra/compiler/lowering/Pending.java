package io.dendra.compiler.lowering;

import io.dendra.compiler.graph.SparseMatrix;
import io.dendra.compiler.network.ChipValue;
import io.dendra.compiler.network.Connection;

/**
 * {@code W·source + b}: a graph value as an affine map of something the chip sends, W a sparse
 * rows × source-width matrix (the identity, a diagonal, a convolution, a dense map), so that linear
 * layers fold into the weights of whatever consumes them.
 */
public record Pending(ChipValue source, SparseMatrix map, double[] bias) implements Lowered {
    public static Pending identity(ChipValue source) {
        return new Pending(source, SparseMatrix.identity(source.width()), new double[source.width()]);
    }

    public int rows() {
        return map.rows();
    }

    /** Whether this is the source's values themselves. */
    public boolean isIdentity() {
        if (!map.isIdentity()) return false;
        for (double b : bias) if (b != 0) return false;
        return true;
    }

    public Connection connection(int compartment, int delay) {
        return Connection.of(source, compartment, map, delay);
    }

    /** (W, b) ↦ (L·W, L·b + c) for a linear map L (outRows × rows); {@code c} may be null. */
    public Pending then(SparseMatrix l, double[] c) {
        double[] b = l.times(bias);
        if (c != null) for (int o = 0; o < b.length; o++) b[o] += c[o];
        return new Pending(source, l.times(map), b);
    }

    /** {@link #then(SparseMatrix, double[])} with a dense row-major L. */
    public Pending then(double[] l, double[] c, int outRows) {
        return then(SparseMatrix.dense(l, outRows, rows()), c);
    }

    /** Per-row scale and shift (a BatchNorm, a soma's input gain). */
    public Pending scaled(double[] scale, double[] shift) {
        double[] b = new double[rows()];
        for (int r = 0; r < b.length; r++) b[r] = bias[r] * scale[r] + shift[r];
        return new Pending(source, map.scaleRows(scale), b);
    }

    /** The ops a dense engine (a GPU) spends on this map per step: one per weight it stores. */
    public long denseOps() {
        return map.nonZeros();
    }
}
