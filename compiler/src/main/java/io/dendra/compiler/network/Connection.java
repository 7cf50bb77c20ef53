package io.dendra.compiler.network;

import io.dendra.compiler.graph.SparseMatrix;

/**
 * Real weights from the values a source sends to one input compartment of a block's neurons,
 * arriving {@code delay} steps late, stored by source value (compressed columns): the non-zero
 * weights from source value {@code k} are {@code columnStart[k] .. columnStart[k+1]}, each a
 * neuron and a weight. Dense layers hold every pair; a BatchNorm or a residual skip holds one per value.
 * A convolution's connection also says how its weights share kernels, for targets that store each once.
 */
public final class Connection {
    private final ChipValue source;
    private final int compartment;
    private final int delay;
    private final int[] columnStart;
    private final int[] neuron;
    private final double[] weight;
    private final SparseMatrix.SharedKernel kernel;

    private Connection(ChipValue source, int compartment, int delay, int[] columnStart, int[] neuron, double[] weight, SparseMatrix.SharedKernel kernel) {
        if (delay < 0) throw new IllegalArgumentException("negative delay");
        this.source = source;
        this.compartment = compartment;
        this.delay = delay;
        this.columnStart = columnStart;
        this.neuron = neuron;
        this.weight = weight;
        this.kernel = kernel;
    }

    /** From a sparse neurons × source-width matrix (rows are neurons). */
    public static Connection of(ChipValue source, int compartment, SparseMatrix w, int delay) {
        int width = source.width();
        if (w.cols() != width) throw new IllegalArgumentException("weights are neurons x source width");
        int[] start = new int[width + 1];
        for (int r = 0; r < w.rows(); r++) for (int e = w.start(r); e < w.end(r); e++) start[w.col(e) + 1]++;
        for (int k = 0; k < width; k++) start[k + 1] += start[k];
        int[] fill = java.util.Arrays.copyOf(start, width);
        int[] rows = new int[(int) w.nonZeros()];
        double[] values = new double[rows.length];
        for (int r = 0; r < w.rows(); r++) {
            for (int e = w.start(r); e < w.end(r); e++) {
                int at = fill[w.col(e)]++;
                rows[at] = r;
                values[at] = w.value(e);
            }
        }
        return new Connection(source, compartment, delay, start, rows, values, w.kernel());
    }

    public ChipValue source() { return source; }
    public int compartment() { return compartment; }
    public int delay() { return delay; }
    public int start(int sourceIndex) { return columnStart[sourceIndex]; }
    public int end(int sourceIndex) { return columnStart[sourceIndex + 1]; }
    public int neuron(int entry) { return neuron[entry]; }
    public double weightAt(int entry) { return weight[entry]; }
    public int entries() { return weight.length; }
    /** How the weights share kernels, when they are a convolution's (its rows are the block's neurons); null otherwise. */
    public SparseMatrix.SharedKernel kernel() { return kernel; }

    /** The weight from source value {@code k} to {@code neuron} (0 when there is none). */
    public double weight(int neuronIndex, int k) {
        for (int e = columnStart[k]; e < columnStart[k + 1]; e++) if (neuron[e] == neuronIndex) return weight[e];
        return 0;
    }

    public double maxAbsWeight() {
        double max = 0;
        for (double w : weight) max = Math.max(max, Math.abs(w));
        return max;
    }
}
