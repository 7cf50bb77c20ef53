package io.dendra.compiler.reference;

import io.dendra.compiler.graph.AddNode;
import io.dendra.compiler.graph.BatchNormNode;
import io.dendra.compiler.graph.DeltaNode;
import io.dendra.compiler.graph.IntegerNeuronNode;
import io.dendra.compiler.graph.IntegerSynapseNode;
import io.dendra.compiler.graph.DiscreteSsms;
import io.dendra.compiler.graph.EmbeddingNode;
import io.dendra.compiler.graph.GluNode;
import io.dendra.compiler.graph.InputNode;
import io.dendra.compiler.graph.LayerNormNode;
import io.dendra.compiler.graph.LifNode;
import io.dendra.compiler.graph.LinearNode;
import io.dendra.compiler.graph.SparseLinearNode;
import io.dendra.compiler.graph.IntegratorNode;
import io.dendra.compiler.graph.ThresholdNode;
import io.dendra.compiler.graph.DelayNode;
import io.dendra.compiler.graph.SparseMatrix;
import io.dendra.compiler.graph.MeanTimeNode;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.S4dNode;
import io.dendra.compiler.tensor.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a model graph in float64, exactly as DESIGN §5 defines it: the semantics a chip run is
 * measured against. A sequence value is a flat {@code T × width} array in time-major order.
 */
public final class ReferenceInterpreter {
    private final ModelGraph graph;
    /** Each S4D layer's discrete coefficients, computed once for every sequence the interpreter runs. */
    private final DiscreteSsms discrete;

    public ReferenceInterpreter(ModelGraph graph) {
        this(graph, DiscreteSsms.of(graph));
    }

    /** With the graph's S4D layers already discretised. */
    public ReferenceInterpreter(ModelGraph graph, DiscreteSsms discrete) {
        this.graph = graph;
        this.discrete = discrete;
    }

    /**
     * Runs one sequence. {@code input} is {@code steps × width} reals, or {@code steps} token ids;
     * returns the output's values: {@code width} for a static output, {@code steps × width} for a sequence.
     */
    public double[] runSample(double[] input, int steps) {
        return evaluate(input, steps).get(graph.output());
    }

    /** The outputs of a batch, shaped like its input, and the spike rate of each spiking layer over the whole batch. */
    public record Result(Tensor output, Map<String, Double> spikeRates) {}

    /** Runs every sample of a batch (see {@link SequenceBatch}). */
    public Result run(SequenceBatch batch) {
        return run(batch, 1);
    }

    /**
     * Runs every sample of a batch on up to {@code threads} threads, one sample per thread at a
     * time; the result does not depend on the thread count (each sample's sums are added in sample order).
     */
    public Result run(SequenceBatch batch, int threads) {
        int n = batch.size();
        double[][] outputsBySample = new double[n][];
        double[][] spikesBySample = new double[n][];
        List<Node> spiking = graph.nodes().stream().filter(ReferenceInterpreter::spiking).toList();
        java.util.function.IntConsumer one = i -> {
            Map<Node, double[]> values = evaluate(batch.samples().get(i), batch.steps());
            outputsBySample[i] = values.get(graph.output());
            double[] sums = new double[spiking.size()];
            for (int k = 0; k < sums.length; k++) sums[k] = sum(values.get(spiking.get(k)));
            spikesBySample[i] = sums;
        };
        if (threads <= 1 || n <= 1) {
            for (int i = 0; i < n; i++) one.accept(i);
        } else {
            java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(Math.min(threads, n));
            try {
                pool.submit(() -> java.util.stream.IntStream.range(0, n).parallel().forEach(one)).join();
            } finally {
                pool.shutdown();
            }
        }
        List<double[]> outputs = new ArrayList<>(java.util.Arrays.asList(outputsBySample));
        Map<String, Double> spikes = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < spiking.size(); k++) spikes.merge(spiking.get(k).name(), spikesBySample[i][k], Double::sum);
        }
        Map<String, Double> rates = new LinkedHashMap<>();
        for (Node node : graph.nodes()) {
            if (spiking(node)) rates.put(node.name(), spikes.get(node.name()) / ((double) batch.size() * batch.steps() * node.width()));
        }
        return new Result(batch.outputs(graph, outputs), rates);
    }

    /** Whether a node's value is spikes, whose rate a run reports. */
    public static boolean spiking(Node node) {
        return node instanceof LifNode || node instanceof IntegerNeuronNode n && !n.program().graded();
    }

    /** Lava's Dense, DelayDense or Conv in integers: y[t][r] = wrap(Σ_e W_e·x[t − 1 − delay_e][col_e]), zero before the first input arrives. */
    static double[] integerSynapse(IntegerSynapseNode n, double[] x, int steps) {
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

    private static double sum(double[] values) {
        double total = 0;
        for (double v : values) total += v;
        return total;
    }

    /** Runs one sequence and returns every node's value, for per-layer comparisons. */
    public Map<Node, double[]> evaluate(double[] input, int steps) {
        Map<Node, double[]> values = new IdentityHashMap<>();
        for (Node node : graph.nodes()) {
            double[] value;
            if (node instanceof InputNode) {
                value = input;
            } else {
                value = apply(node, values, steps);
            }
            values.put(node, value);
        }
        return values;
    }

    private double[] apply(Node node, Map<Node, double[]> values, int steps) {
        double[] x = values.get(node.inputs().get(0));
        int rows = node.inputs().get(0).timing() == Node.Timing.SEQUENCE ? steps : 1;
        if (node instanceof LinearNode n) return linear(n, x, rows);
        if (node instanceof SparseLinearNode n) return sparseLinear(n, x, rows);
        if (node instanceof IntegerSynapseNode n) return integerSynapse(n, x, steps);
        if (node instanceof IntegerNeuronNode n) return n.run(x, steps);
        if (node instanceof DeltaNode n) return n.held(x, steps);
        if (node instanceof IntegratorNode n) return integrator(n, x, steps);
        if (node instanceof ThresholdNode n) return threshold(n, x, steps);
        if (node instanceof DelayNode n) return delay(n, x, steps);
        if (node instanceof EmbeddingNode n) return embedding(n, x, steps);
        if (node instanceof S4dNode n) return s4d(n, discrete.of(n), x, steps);
        if (node instanceof LifNode n) return lif(n, x, steps);
        if (node instanceof GluNode n) return glu(n, x, rows);
        if (node instanceof AddNode n) return add(x, values.get(n.right()));
        if (node instanceof LayerNormNode n) return layerNorm(n, x, rows);
        if (node instanceof BatchNormNode n) return batchNorm(n, x, rows);
        if (node instanceof MeanTimeNode n) return meanTime(x, steps, n.width());
        throw new IllegalStateException("no reference semantics for " + node.kind());
    }

    /** J = α·J + scale·x, v = τ·v + J + bias; the output is v. */
    static double[] integrator(IntegratorNode n, double[] x, int steps) {
        int h = n.width();
        double[] scale = n.inputScale();
        double[] bias = n.bias();
        double[] out = new double[steps * h];
        double[] current = new double[h];
        double[] v = new double[h];
        for (int t = 0; t < steps; t++) {
            for (int c = 0; c < h; c++) {
                current[c] = n.currentDecay() * current[c] + scale[c] * x[t * h + c];
                v[c] = n.tau() * v[c] + current[c] + bias[c];
                out[t * h + c] = v[c];
            }
        }
        return out;
    }

    static double[] threshold(ThresholdNode n, double[] x, int steps) {
        int h = n.width();
        double[] theta = n.threshold();
        double[] out = new double[steps * h];
        for (int i = 0; i < out.length; i++) out[i] = x[i] > theta[i % h] ? 1 : 0;
        return out;
    }

    static double[] delay(DelayNode n, double[] x, int steps) {
        int h = n.width();
        int[] d = n.steps();
        double[] out = new double[steps * h];
        for (int t = 0; t < steps; t++) for (int c = 0; c < h; c++) if (t >= d[c]) out[t * h + c] = x[(t - d[c]) * h + c];
        return out;
    }

    /** Row by row through the sparse matrix, each row's sum in a fixed order. */
    static double[] sparseLinear(SparseLinearNode n, double[] x, int rows) {
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

    /** Column by column, skipping zero inputs (spikes are mostly zero); the sum's order is fixed, so results do not vary. */
    static double[] linear(LinearNode n, double[] x, int rows) {
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

    static double[] embedding(EmbeddingNode n, double[] tokens, int steps) {
        int h = n.width();
        double[] y = new double[steps * h];
        for (int t = 0; t < steps; t++) {
            int token = (int) tokens[t];
            for (int c = 0; c < h; c++) y[t * h + c] = n.entry(token, c);
        }
        return y;
    }

    /**
     * The S4D recurrence per channel and mode: {@code s[t] = Ā s[t-1] + B̄ z[t]}, {@code y[t] = 2 Re Σ C s[t] + D z[t]};
     * a second direction adds {@code yb[t] = 2 Re Σ C₁ r} over later inputs only, r updated after it is read.
     */
    static double[] s4d(S4dNode n, double[] z, int steps) {
        return s4d(n, n.discretize(), z, steps);
    }

    static double[] s4d(S4dNode n, S4dNode.Discrete disc, double[] z, int steps) {
        int h = n.width();
        int m = n.states();
        double[] y = new double[steps * h];
        for (int c = 0; c < h; c++) {
            for (int k = 0; k < m; k++) {
                int mode = c * m + k;
                double aRe = disc.abarRe()[mode];
                double aIm = disc.abarIm()[mode];
                double bRe = disc.bbarRe()[mode];
                double bIm = disc.bbarIm()[mode];
                double cRe = n.cRe(0, c, k);
                double cIm = n.cIm(0, c, k);
                double sRe = 0;
                double sIm = 0;
                for (int t = 0; t < steps; t++) {
                    double u = z[t * h + c];
                    double re = aRe * sRe - aIm * sIm + bRe * u;
                    double im = aRe * sIm + aIm * sRe + bIm * u;
                    sRe = re;
                    sIm = im;
                    y[t * h + c] += 2 * (cRe * sRe - cIm * sIm);
                }
                if (n.bidirectional()) {
                    double c1Re = n.cRe(1, c, k);
                    double c1Im = n.cIm(1, c, k);
                    double rRe = 0;
                    double rIm = 0;
                    for (int t = steps - 1; t >= 0; t--) {
                        y[t * h + c] += 2 * (c1Re * rRe - c1Im * rIm);
                        double u = z[t * h + c];
                        double re = aRe * rRe - aIm * rIm + bRe * u;
                        double im = aRe * rIm + aIm * rRe + bIm * u;
                        rRe = re;
                        rIm = im;
                    }
                }
            }
            double d = n.d(c);
            for (int t = 0; t < steps; t++) y[t * h + c] += d * z[t * h + c];
        }
        return y;
    }

    static double[] lif(LifNode n, double[] x, int steps) {
        int h = n.width();
        double[] spikes = new double[steps * h];
        double[] v = new double[h];
        double[] current = new double[h];
        double[] recurrentIn = new double[h];
        double[] w = n.recurrentWeight();
        double[] wb = n.recurrentBias();
        for (int t = 0; t < steps; t++) {
            if (w != null) {
                // the recurrent input reads the previous step's spikes (none before step 0)
                for (int c = 0; c < h; c++) {
                    double sum = wb[c];
                    if (t > 0) for (int k = 0; k < h; k++) sum += w[c * h + k] * spikes[(t - 1) * h + k];
                    recurrentIn[c] = sum;
                }
            }
            for (int c = 0; c < h; c++) {
                current[c] = n.currentDecay() * current[c] + n.inputScale(c) * (x[t * h + c] + recurrentIn[c]);
                double potential = n.tau() * v[c] + current[c] + n.bias(c);
                if (n.fires(potential)) {
                    spikes[t * h + c] = 1;
                    potential = n.reset() == LifNode.Reset.ZERO ? 0 : potential - n.threshold();
                }
                v[c] = potential;
            }
        }
        return spikes;
    }

    static double[] glu(GluNode n, double[] x, int rows) {
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

    static double[] add(double[] a, double[] b) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) y[i] = a[i] + b[i];
        return y;
    }

    static double[] layerNorm(LayerNormNode n, double[] x, int rows) {
        int h = n.width();
        double[] y = new double[rows * h];
        for (int t = 0; t < rows; t++) {
            double mean = 0;
            for (int c = 0; c < h; c++) mean += x[t * h + c];
            mean /= h;
            double variance = 0;
            for (int c = 0; c < h; c++) {
                double dev = x[t * h + c] - mean;
                variance += dev * dev;
            }
            variance /= h;
            double inv = 1 / Math.sqrt(variance + n.eps());
            for (int c = 0; c < h; c++) y[t * h + c] = (x[t * h + c] - mean) * inv * n.weight(c) + n.bias(c);
        }
        return y;
    }

    static double[] batchNorm(BatchNormNode n, double[] x, int rows) {
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

    static double[] meanTime(double[] x, int steps, int h) {
        double[] y = new double[h];
        for (int t = 0; t < steps; t++) {
            for (int c = 0; c < h; c++) y[c] += x[t * h + c];
        }
        for (int c = 0; c < h; c++) y[c] /= steps;
        return y;
    }
}
