package io.dendra.compiler.passes;

import io.dendra.compiler.graph.DiscreteSsms;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.S4dNode;
import io.dendra.compiler.network.ChipValue;
import io.dendra.compiler.network.Connection;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.compiler.network.LogicalNetwork;
import io.dendra.compiler.reference.ReferenceInterpreter;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.compiler.programs.ProgramCompiler;
import io.dendra.compiler.programs.ProgramCompilers;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The value ranges the fixed-point formats must hold, measured by running the float64 reference
 * on calibration sequences: the largest magnitude each chip value sends, each block's input per
 * compartment, and what each block's program measures for itself (an ssm channel's complex states
 * and soma, how far a lif's u and v reach).
 */
public final class Calibration {
    private final Map<ChipValue, Double> outputMax = new IdentityHashMap<>();
    private final Map<LogicalBlock, double[]> inputMax = new IdentityHashMap<>();
    /** What each block's program measures for itself ({@link ProgramCompiler#measure}), element-wise maxima over sequences. */
    private final Map<LogicalBlock, double[]> programRanges = new IdentityHashMap<>();
    /** Each S4D layer's discrete coefficients, for the float recurrence here and for quantization. */
    private final DiscreteSsms discrete;

    private Calibration(DiscreteSsms discrete) {
        this.discrete = discrete;
    }

    /** The calibrate pass: the reference on every calibration sequence, its ranges recorded per block. */
    public static Calibration measure(ModelGraph graph, DiscreteSsms discrete, LogicalNetwork network, SequenceBatch batch) {
        Calibration c = new Calibration(discrete);
        ReferenceInterpreter reference = new ReferenceInterpreter(graph, discrete);
        for (double[] sample : batch.samples()) c.record(network, reference.evaluate(sample, batch.steps()), batch.steps());
        return c;
    }

    private void record(LogicalNetwork network, Map<Node, double[]> values, int steps) {
        outputMax.merge(network.input(), maxAbs(values.get(network.input().valueNode())), Math::max);
        for (LogicalBlock block : network.blocks()) {
            if (block.graded()) outputMax.merge(block, maxAbs(values.get(block.valueNode())), Math::max);
            double[][] pre = preactivations(block, values, steps);
            double[] max = inputMax.computeIfAbsent(block, b -> new double[b.compartments()]);
            for (int c = 0; c < pre.length; c++) max[c] = Math.max(max[c], maxAbs(pre[c]));
            double[] ranges = ProgramCompilers.of(block.program()).measure(block, pre, values, steps, discrete);
            programRanges.merge(block, ranges, Calibration::elementWiseMax);
        }
    }

    /** What each compartment of each neuron receives per step: Σ over connections of W·source + bias. */
    static double[][] preactivations(LogicalBlock block, Map<Node, double[]> values, int steps) {
        int n = block.count();
        double[][] pre = new double[block.compartments()][steps * n];
        for (int c = 0; c < block.compartments(); c++) {
            for (int t = 0; t < steps; t++) for (int i = 0; i < n; i++) pre[c][t * n + i] = block.bias(i, c);
        }
        for (Connection conn : block.inputs()) {
            double[] source = values.get(conn.source().valueNode());
            int width = conn.source().width();
            double[] target = pre[conn.compartment()];
            // a block's synapses from itself read its previous step
            int lag = conn.source() == block ? 1 : 0;
            for (int t = lag; t < steps; t++) {
                for (int k = 0; k < width; k++) {
                    double x = source[(t - lag) * width + k];
                    if (x == 0) continue; // spikes are mostly zero
                    for (int e = conn.start(k); e < conn.end(k); e++) target[t * n + conn.neuron(e)] += conn.weightAt(e) * x;
                }
            }
        }
        return pre;
    }

    private static double[] elementWiseMax(double[] a, double[] b) {
        double[] max = a.clone();
        for (int i = 0; i < max.length; i++) max[i] = Math.max(a[i], b[i]);
        return max;
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) max = Math.max(max, Math.abs(v));
        return max;
    }

    public double outputMax(ChipValue value) { return outputMax.getOrDefault(value, 0.0); }
    public double inputMax(LogicalBlock block, int compartment) { return inputMax.get(block)[compartment]; }
    /** What the block's program measured for itself, as its {@link ProgramCompiler#measure} defines it (empty when nothing). */
    public double[] programRanges(LogicalBlock block) { return programRanges.getOrDefault(block, new double[0]).clone(); }
    /** An S4D layer's discrete coefficients, as calibration used them. */
    public S4dNode.Discrete discrete(S4dNode layer) { return discrete.of(layer); }
}
