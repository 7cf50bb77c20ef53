package io.dendra.compiler.lowering;

import io.dendra.compiler.graph.SparseMatrix;
import io.dendra.compiler.network.ChipValue;
import io.dendra.compiler.network.Connection;

/**
 * {@code W·source + b}: a graph value as an affine map of something the chip sends, W a sparse
 * rows × source-width matrix (the identity, a diagonal, a convolution, a dense map), so that linear
 * layers fold into the weights of whatever consumes them; {@code delay} steps of synaptic delay
 * on every synapse that carries it (a NIR Delay), which does not change when the source sends.
 */
public record Pending(ChipValue source, SparseMatrix map, double[] bias, int delay) implements Lowered {
    public static Pending identity(ChipValue source) {
        return new Pending(source, SparseMatrix.identity(source.width()), new double[source.width()], 0);
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

    /** The synapses of this map onto a block's {@code compartment}, with {@code extraDelay} steps beyond its own delay. */
    public Connection connection(int compartment, int extraDelay) {
        return Connection.of(source, compartment, map, delay + extraDelay);
    }

    /** Rows {@code from} to {@code to} − 1 of this map. */
    public Pending rows(int from, int to) {
        return new Pending(source, map.rowRange(from, to), java.util.Arrays.copyOfRange(bias, from, to), delay);
    }

    /** This map, its synapses {@code steps} steps later. */
    public Pending delayed(int steps) {
        return new Pending(source, map, bias, delay + steps);
    }

    /** (W, b) ↦ (L·W, L·b + c) for a linear map L (outRows × rows); {@code c} may be null. */
    public Pending then(SparseMatrix l, double[] c) {
        double[] b = l.times(bias);
        if (c != null) for (int o = 0; o < b.length; o++) b[o] += c[o];
        return new Pending(source, l.times(map), b, delay);
    }

    /** {@link #then(SparseMatrix, double[])} with a dense row-major L. */
    public Pending then(double[] l, double[] c, int outRows) {
        return then(SparseMatrix.dense(l, outRows, rows()), c);
    }

    /** Per-row scale and shift (a BatchNorm, a soma's input gain). */
    public Pending scaled(double[] scale, double[] shift) {
        double[] b = new double[rows()];
        for (int r = 0; r < b.length; r++) b[r] = bias[r] * scale[r] + shift[r];
        return new Pending(source, map.scaleRows(scale), b, delay);
    }

    /** The ops a dense engine (a GPU) spends on this map per step: one per weight it stores. */
    public long denseOps() {
        return map.nonZeros();
    }
}
