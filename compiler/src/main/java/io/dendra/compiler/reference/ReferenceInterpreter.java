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
        if (node instanceof LinearNode n) return n.reference(x, rows);
        if (node instanceof SparseLinearNode n) return n.reference(x, rows);
        if (node instanceof IntegerSynapseNode n) return n.reference(x, steps);
        if (node instanceof IntegerNeuronNode n) return n.run(x, steps);
        if (node instanceof DeltaNode n) return n.held(x, steps);
        if (node instanceof IntegratorNode n) return n.reference(x, steps);
        if (node instanceof ThresholdNode n) return n.reference(x, steps);
        if (node instanceof DelayNode n) return n.reference(x, steps);
        if (node instanceof EmbeddingNode n) return n.reference(x, steps);
        if (node instanceof S4dNode n) return s4d(n, discrete.of(n), x, steps);
        if (node instanceof LifNode n) return n.reference(x, steps);
        if (node instanceof GluNode n) return n.reference(x, rows);
        if (node instanceof AddNode n) return add(x, values.get(n.right()));
        if (node instanceof LayerNormNode n) return n.reference(x, rows);
        if (node instanceof BatchNormNode n) return n.reference(x, rows);
        if (node instanceof MeanTimeNode n) return meanTime(x, steps, n.width());
        throw new IllegalStateException("no reference semantics for " + node.kind());
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



    static double[] add(double[] a, double[] b) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) y[i] = a[i] + b[i];
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
