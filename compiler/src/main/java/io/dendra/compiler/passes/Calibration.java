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
import io.dendra.ir.NeuronProgram;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The value ranges the fixed-point formats must hold, measured by running the float64 reference
 * on calibration sequences: the largest magnitude each chip value sends, each block's input per
 * compartment, and for ssm neurons each channel's complex states and soma potential.
 */
public final class Calibration {
    private final Map<ChipValue, Double> outputMax = new IdentityHashMap<>();
    private final Map<LogicalBlock, double[]> inputMax = new IdentityHashMap<>();
    private final Map<LogicalBlock, double[]> stateMax = new IdentityHashMap<>();
    private final Map<LogicalBlock, double[]> somaMax = new IdentityHashMap<>();
    private final Map<LogicalBlock, Double> lifMax = new IdentityHashMap<>();
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
            if (block.program() == NeuronProgram.SSM) recordSsm(block, pre[0], values.get(block.s4d()), steps);
            if (block.program() == NeuronProgram.LIF) lifMax.merge(block, lifReach(block, pre[0], steps), Math::max);
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

    /** Runs the float recurrence of each channel on its input to measure its states and soma. */
    private void recordSsm(LogicalBlock block, double[] z, double[] s4dOutput, int steps) {
        int h = block.count();
        int m = block.states();
        S4dNode.Discrete d = discrete.of(block.s4d());
        double[] states = stateMax.computeIfAbsent(block, b -> new double[h]);
        double[] soma = somaMax.computeIfAbsent(block, b -> new double[h]);
        for (int c = 0; c < h; c++) {
            for (int k = 0; k < m; k++) {
                int mode = c * m + k;
                double re = 0;
                double im = 0;
                for (int t = 0; t < steps; t++) {
                    double u = z[t * h + c];
                    double nextRe = d.abarRe()[mode] * re - d.abarIm()[mode] * im + d.bbarRe()[mode] * u;
                    double nextIm = d.abarRe()[mode] * im + d.abarIm()[mode] * re + d.bbarIm()[mode] * u;
                    re = nextRe;
                    im = nextIm;
                    states[c] = Math.max(states[c], Math.max(Math.abs(re), Math.abs(im)));
                }
            }
            double v = 0;
            double scale = block.lif().inputScale(c);
            for (int t = 0; t < steps; t++) {
                double y = s4dOutput[t * h + c] * scale;
                v = block.lif().tau() * v + y;
                soma[c] = Math.max(soma[c], Math.max(Math.abs(v), Math.abs(y)));
                if (block.lif().fires(v)) v = 0;
            }
        }
    }

    /**
     * The largest |u| or |v| of a lif block as the chip computes it in real numbers: u starts at the
     * block's initial current, u ← α·u + a (the input without the bias), v ← τ·v + u + bias.
     */
    private static double lifReach(LogicalBlock block, double[] pre, int steps) {
        int n = block.count();
        double alpha = block.lif().currentDecay();
        double tau = block.lif().tau();
        double max = 0;
        double[] initialCurrent = block.initialCurrent();
        for (int i = 0; i < n; i++) {
            double bias = block.bias(i, 0);
            double u = initialCurrent.length == 0 ? 0 : initialCurrent[i];
            double v = 0;
            for (int t = 0; t < steps; t++) {
                u = alpha * u + pre[t * n + i] - bias;
                v = tau * v + u + bias;
                max = Math.max(max, Math.max(Math.abs(u), Math.abs(v)));
                if (block.lif().fires(v)) v = 0;
            }
        }
        return max;
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) max = Math.max(max, Math.abs(v));
        return max;
    }

    public double outputMax(ChipValue value) { return outputMax.getOrDefault(value, 0.0); }
    public double inputMax(LogicalBlock block, int compartment) { return inputMax.get(block)[compartment]; }
    public double stateMax(LogicalBlock block, int neuron) { return stateMax.get(block)[neuron]; }
    public double somaMax(LogicalBlock block, int neuron) { return somaMax.get(block)[neuron]; }
    /** The largest |u| or |v| a lif block reached on the calibration sequences. */
    public double lifMax(LogicalBlock block) { return lifMax.getOrDefault(block, 0.0); }
    /** An S4D layer's discrete coefficients, as calibration used them. */
    public S4dNode.Discrete discrete(S4dNode layer) { return discrete.of(layer); }
}
