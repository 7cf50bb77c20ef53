package io.dendra.compiler.graph;

import java.util.Arrays;

/**
 * An immutable real matrix in compressed sparse rows: row r holds the entries
 * {@code rowStart[r] .. rowStart[r+1]-1}, each a column (ascending) and a non-zero value.
 * Convolutions and pooling are such matrices, and so are the compiler's composed affine maps.
 */
public final class SparseMatrix {
    private final int rows;
    private final int cols;
    private final int[] rowStart;
    private final int[] col;
    private final double[] value;
    /** When the matrix is a convolution: how its rows share kernels; else null. */
    private final SharedKernel kernel;

    /**
     * The rows of one output channel of a convolution (of {@code channels}) apply one kernel of
     * {@code weightsPerChannel} weights at {@code positions} positions: what a target with
     * shared-kernel convolutions stores once per core. Rows are channel-major ((C, H, W), row
     * r in channel r / positions), or channel-last ({@code channelLast}: Lava's (W, H, C), channel r mod C).
     */
    public record SharedKernel(int channels, int positions, int weightsPerChannel, boolean channelLast) {
        public SharedKernel {
            if (channels < 1 || positions < 1 || weightsPerChannel < 1) throw new IllegalArgumentException("a kernel serves a channel or more");
        }

        /** How many channels rows {@code first .. first + n − 1} belong to. */
        public int channelsOf(int first, int n) {
            if (channelLast) return Math.min(channels, n);
            return (first + n - 1) / positions - first / positions + 1;
        }
    }

    private SparseMatrix(int rows, int cols, int[] rowStart, int[] col, double[] value) {
        this(rows, cols, rowStart, col, value, null);
    }

    private SparseMatrix(int rows, int cols, int[] rowStart, int[] col, double[] value, SharedKernel kernel) {
        this.rows = rows;
        this.cols = cols;
        this.rowStart = rowStart;
        this.col = col;
        this.value = value;
        this.kernel = kernel;
    }

    /** This matrix, described as a convolution whose rows share kernels. */
    public SparseMatrix withKernel(SharedKernel k) {
        if (rows != (long) k.channels() * k.positions()) throw new IllegalArgumentException(rows + " rows are not " + k.channels() + " channels of " + k.positions());
        return new SparseMatrix(rows, cols, rowStart, col, value, k);
    }

    /** How the rows share kernels, when the matrix is a convolution; null otherwise. */
    public SharedKernel kernel() { return kernel; }

    public static SparseMatrix identity(int n) {
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        return diagonal(ones);
    }

    public static SparseMatrix diagonal(double[] d) {
        Builder b = new Builder(d.length, d.length);
        for (int r = 0; r < d.length; r++) {
            b.add(r, d[r]);
            b.endRow();
        }
        return b.build();
    }

    /** From a dense row-major rows × cols array; zeros make no entry. */
    public static SparseMatrix dense(double[] w, int rows, int cols) {
        if (w.length != (long) rows * cols) throw new IllegalArgumentException("weights are " + rows + " x " + cols);
        Builder b = new Builder(rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) b.add(c, w[r * cols + c]);
            b.endRow();
        }
        return b.build();
    }

    public int rows() { return rows; }
    public int cols() { return cols; }
    public int start(int row) { return rowStart[row]; }
    public int end(int row) { return rowStart[row + 1]; }
    public int col(int entry) { return col[entry]; }
    public double value(int entry) { return value[entry]; }
    public long nonZeros() { return value.length; }

    public double get(int row, int column) {
        int k = Arrays.binarySearch(col, rowStart[row], rowStart[row + 1], column);
        return k >= 0 ? value[k] : 0;
    }

    public boolean isIdentity() {
        if (rows != cols || value.length != rows) return false;
        for (int r = 0; r < rows; r++) if (rowStart[r] != r || col[r] != r || value[r] != 1) return false;
        return true;
    }

    /** this · other (rows × other.cols), accumulated row by row in a dense scratch row. */
    public SparseMatrix times(SparseMatrix other) {
        if (cols != other.rows) throw new IllegalArgumentException(rows + "x" + cols + " times " + other.rows + "x" + other.cols);
        if (other.isIdentity()) return this; // the common case: a layer's map applied to a block's own output
        Builder b = new Builder(rows, other.cols);
        double[] acc = new double[other.cols];
        boolean[] touched = new boolean[other.cols];
        int[] touchedList = new int[other.cols];
        for (int r = 0; r < rows; r++) {
            int n = 0;
            for (int e = rowStart[r]; e < rowStart[r + 1]; e++) {
                double a = value[e];
                int k = col[e];
                for (int f = other.rowStart[k]; f < other.rowStart[k + 1]; f++) {
                    int c = other.col[f];
                    if (!touched[c]) {
                        touched[c] = true;
                        touchedList[n++] = c;
                    }
                    acc[c] += a * other.value[f];
                }
            }
            Arrays.sort(touchedList, 0, n);
            for (int i = 0; i < n; i++) {
                int c = touchedList[i];
                b.add(c, acc[c]);
                acc[c] = 0;
                touched[c] = false;
            }
            b.endRow();
        }
        return b.build();
    }

    /** this · x for a vector x of length cols. */
    public double[] times(double[] x) {
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int e = rowStart[r]; e < rowStart[r + 1]; e++) sum += value[e] * x[col[e]];
            y[r] = sum;
        }
        return y;
    }

    /** diag(scale) · this; still a convolution when every channel's rows are scaled alike. */
    public SparseMatrix scaleRows(double[] scale) {
        double[] v = value.clone();
        for (int r = 0; r < rows; r++) for (int e = rowStart[r]; e < rowStart[r + 1]; e++) v[e] *= scale[r];
        boolean perChannel = kernel != null;
        for (int r = 0; perChannel && r < rows; r++) {
            int firstOfChannel = kernel.channelLast() ? r % kernel.channels() : r - r % kernel.positions();
            perChannel = scale[r] == scale[firstOfChannel];
        }
        return new SparseMatrix(rows, cols, rowStart, col, v, perChannel ? kernel : null);
    }

    /**
     * The same matrix with row r moved to {@code rowAt[r]} and column c to {@code colAt[c]} (each a
     * permutation); a convolution stays one, with {@code kernel} describing its new row order.
     */
    public SparseMatrix reorder(int[] rowAt, int[] colAt, SharedKernel newKernel) {
        int[] rowOf = new int[rows];
        for (int r = 0; r < rows; r++) rowOf[rowAt[r]] = r;
        Builder b = new Builder(rows, cols);
        long[] entries = new long[0];
        for (int nr = 0; nr < rows; nr++) {
            int r = rowOf[nr];
            int n = rowStart[r + 1] - rowStart[r];
            if (entries.length < n) entries = new long[Math.max(n, 2 * entries.length)];
            for (int e = 0; e < n; e++) entries[e] = ((long) colAt[col[rowStart[r] + e]] << 32) | (rowStart[r] + e);
            Arrays.sort(entries, 0, n);
            for (int e = 0; e < n; e++) b.add((int) (entries[e] >>> 32), value[(int) entries[e]]);
            b.endRow();
        }
        SparseMatrix m = b.build();
        return newKernel == null ? m : m.withKernel(newKernel);
    }

    /** Rows {@code from .. to-1}. */
    public SparseMatrix rowRange(int from, int to) {
        int[] start = new int[to - from + 1];
        for (int r = from; r <= to; r++) start[r - from] = rowStart[r] - rowStart[from];
        return new SparseMatrix(to - from, cols, start, Arrays.copyOfRange(col, rowStart[from], rowStart[to]),
                Arrays.copyOfRange(value, rowStart[from], rowStart[to]));
    }

    /** Builds a matrix row by row: {@link #add} entries of the current row (columns ascending), then {@link #endRow}. */
    public static final class Builder {
        private final int rows;
        private final int cols;
        private final int[] rowStart;
        private int[] col = new int[16];
        private double[] value = new double[16];
        private int size;
        private int row;

        public Builder(int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
            this.rowStart = new int[rows + 1];
        }

        /** Adds an entry to the current row; a zero adds nothing. */
        public Builder add(int column, double v) {
            if (v == 0) return this;
            if (column < 0 || column >= cols || size > rowStart[row] && col[size - 1] >= column) {
                throw new IllegalArgumentException("column " + column + " out of order or range in row " + row);
            }
            if (size == col.length) {
                col = Arrays.copyOf(col, 2 * size);
                value = Arrays.copyOf(value, 2 * size);
            }
            col[size] = column;
            value[size++] = v;
            return this;
        }

        public Builder endRow() {
            rowStart[++row] = size;
            return this;
        }

        public SparseMatrix build() {
            if (row != rows) throw new IllegalStateException(row + " of " + rows + " rows built");
            return new SparseMatrix(rows, cols, rowStart, Arrays.copyOf(col, size), Arrays.copyOf(value, size));
        }
    }
}
