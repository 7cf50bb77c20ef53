package io.dendra.compiler.graph;

import io.dendra.diagnostics.Place;
import java.util.List;

/**
 * Synapses in integers as Lava's fixed-point Dense and Conv processes compute them (lava-dl NetX
 * layers): {@code y[t][r] = Σ_e W_e·x[t − 1 − delay_e][col_e]} (zero before), W a sparse matrix of
 * whole numbers, each entry with its synaptic delay ({@code delays}, in the matrix's entry order:
 * Lava's DelayDense; all equal for a Dense or Conv). The one step is Lava's: a Dense or Conv sends at
 * step t what it received at t − 1. A convolution's sum wraps into {@code wrapBits} signed bits (24
 * for Lava's Conv; 0 for none). {@code kind} is {@code dense} or {@code conv}.
 */
public record IntegerSynapseNode(String name, Place place, Node input, String kind, SparseMatrix weights, int[] delays, int wrapBits,
        long parameterCount) implements Node {
    public IntegerSynapseNode {
        if (weights.cols() != input.width()) throw new IllegalArgumentException("weights take " + weights.cols() + " values, input has " + input.width());
        for (int e = 0; e < weights.nonZeros(); e++) {
            if (weights.value(e) != Math.rint(weights.value(e))) throw new IllegalArgumentException("integer synapses hold whole numbers");
        }
        if (delays.length != weights.nonZeros()) throw new IllegalArgumentException("one delay per weight");
        for (int d : delays) if (d < 0) throw new IllegalArgumentException("delays are not negative");
        delays = delays.clone();
    }

    /** The same delay on every synapse. */
    public IntegerSynapseNode(String name, Place place, Node input, String kind, SparseMatrix weights, int delay, int wrapBits, long parameterCount) {
        this(name, place, input, kind, weights, filled((int) weights.nonZeros(), delay), wrapBits, parameterCount);
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    @Override public int[] delays() { return delays.clone(); }

    /** The model steps between a value and its effect downstream through entry {@code e}: Lava's one plus its delay. */
    public int steps(int e) {
        return 1 + delays[e];
    }

    /** The delay every synapse has, or -1 when they differ. */
    public int uniformDelay() {
        if (delays.length == 0) return 0;
        for (int d : delays) if (d != delays[0]) return -1;
        return delays[0];
    }

    /** The weights by delay, ascending: each delay's entries as a matrix of the same shape. */
    public java.util.SortedMap<Integer, SparseMatrix> byDelay() {
        java.util.SortedMap<Integer, SparseMatrix> parts = new java.util.TreeMap<>();
        for (int d : new java.util.TreeSet<>(java.util.Arrays.stream(delays).boxed().toList())) {
            SparseMatrix.Builder b = new SparseMatrix.Builder(weights.rows(), weights.cols());
            for (int r = 0; r < weights.rows(); r++) {
                for (int e = weights.start(r); e < weights.end(r); e++) if (delays[e] == d) b.add(weights.col(e), weights.value(e));
                b.endRow();
            }
            parts.put(d, b.build());
        }
        return parts;
    }

    /** {@code sum} wrapped into {@code wrapBits} signed bits, as Lava's {@code signed_clamp}; unchanged when wrapBits is 0. */
    public long wrap(long sum) {
        if (wrapBits == 0) return sum;
        long base = 1L << wrapBits;
        return Math.floorMod(sum + base / 2, base) - base / 2;
    }

    @Override public List<Node> inputs() { return List.of(input); }
    @Override public int width() { return weights.rows(); }
    @Override public Timing timing() { return Timing.SEQUENCE; }

    /** Lava's Dense, DelayDense or Conv in integers: y[t][r] = wrap(Σ_e W_e·x[t − 1 − delay_e][col_e]), zero before the first input arrives. */
    public double[] reference(double[] x, int steps) {
        IntegerSynapseNode n = this;
        int in = n.input().width();
        int out = n.width();
        SparseMatrix w = n.weights();
        double[] y = new double[steps * out];
        for (int t = 0; t < steps; t++) {
            for (int r = 0; r < out; r++) {
                long sum = 0;
                for (int e = w.start(r); e < w.end(r); e++) {
                    int from = t - n.steps(e);
                    if (from >= 0) sum += (long) w.value(e) * (long) x[from * in + w.col(e)];
                }
                y[t * out + r] = n.wrap(sum);
            }
        }
        return y;
    }
}
