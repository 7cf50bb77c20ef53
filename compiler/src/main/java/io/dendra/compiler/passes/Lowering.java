package io.dendra.compiler.passes;

import io.dendra.compiler.graph.AddNode;
import io.dendra.compiler.graph.GluNode;
import io.dendra.compiler.graph.InputNode;
import io.dendra.compiler.graph.LifNode;
import io.dendra.compiler.graph.LinearNode;
import io.dendra.compiler.graph.MeanTimeNode;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.S4dNode;
import io.dendra.compiler.graph.SparseLinearNode;
import io.dendra.compiler.graph.SparseMatrix;
import io.dendra.compiler.network.ChipValue;
import io.dendra.compiler.network.Connection;
import io.dendra.compiler.network.HostSource;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.compiler.network.LogicalNetwork;
import io.dendra.ir.NeuronProgram;
import io.dendra.ir.OutputMap;
import io.dendra.targets.Target;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers a model graph to neuron programs and connections (docs/lowering.md). Each graph value is
 * carried as a pending affine map {@code W·source + b} over something the chip sends, so that
 * linear layers and BatchNorm fold into the weights of whatever consumes them; a residual addition
 * becomes a {@code sum} neuron whose two inputs are delay-balanced; S4D and its LIF soma become one
 * {@code ssm} neuron; the GLU mix becomes {@code glu} neurons; a mean over time followed by a
 * decoder becomes {@code readout} neurons. Every hop costs one step, which sets each block's start.
 * It runs on a graph whose norms are folded ({@link NormFolding}) and that {@link Legality} passed
 * for the same target: what cannot map is refused there, all at once; a layer lowering cannot
 * lower is a compiler bug ({@link IllegalStateException}).
 */
public final class Lowering {

    /** {@code W·source + b}, W a sparse rows × source-width matrix (the identity, a diagonal, a convolution, a dense map). */
    private record Pending(ChipValue source, SparseMatrix map, double[] bias) {
        static Pending identity(ChipValue source) {
            return new Pending(source, SparseMatrix.identity(source.width()), new double[source.width()]);
        }

        int rows() {
            return map.rows();
        }

        boolean isIdentity() {
            if (!map.isIdentity()) return false;
            for (double b : bias) if (b != 0) return false;
            return true;
        }

        Connection connection(int compartment, int delay) {
            return Connection.of(source, compartment, map, delay);
        }

        /** (W, b) ↦ (L·W, L·b + c) for a linear map L (outRows × rows). */
        Pending then(SparseMatrix l, double[] c) {
            double[] b = l.times(bias);
            if (c != null) for (int o = 0; o < b.length; o++) b[o] += c[o];
            return new Pending(source, l.times(map), b);
        }

        Pending then(double[] l, double[] c, int outRows) {
            return then(SparseMatrix.dense(l, outRows, rows()), c);
        }

        /** Per-row scale and shift (a BatchNorm). */
        Pending scaled(double[] scale, double[] shift) {
            double[] b = new double[rows()];
            for (int r = 0; r < b.length; r++) b[r] = bias[r] * scale[r] + shift[r];
            return new Pending(source, map.scaleRows(scale), b);
        }

        /** The ops a dense engine (a GPU) spends on this map per step: one per weight it stores. */
        long denseOps() {
            return map.nonZeros();
        }
    }

    /** An S4D waiting for the LIF soma it fuses with. */
    private record PendingSsm(S4dNode s4d, Pending input) {}

    /** A mean over time, waiting for the readout; linear maps after it compose into it. */
    private record PendingMean(Pending inner) {}

    private final Target target;
    private final boolean spikeInput;
    private final List<LogicalBlock> blocks = new ArrayList<>();
    private final Map<Node, Object> lowered = new IdentityHashMap<>();

    private Lowering(Target target, boolean spikeInput) {
        this.target = target;
        this.spikeInput = spikeInput;
    }

    public static LogicalNetwork lower(ModelGraph graph, Target target) {
        return lower(graph, target, false);
    }

    /**
     * {@code spikeInput}: the input is spikes (every calibration value 0 or 1), so the host sends
     * binary messages even where graded ones exist, and the first synapses keep their full weight precision.
     */
    public static LogicalNetwork lower(ModelGraph graph, Target target, boolean spikeInput) {
        return new Lowering(target, spikeInput).run(graph);
    }

    private LogicalNetwork run(ModelGraph graph) {
        HostSource input = null;
        for (Node node : graph.nodes()) {
            if (node instanceof InputNode in) {
                input = new HostSource(in, spikeInput || !target.formats().gradedSpikes());
                lowered.put(node, Pending.identity(input));
            } else {
                lowered.put(node, lowerNode(node));
            }
        }
        Object result = lowered.get(graph.output());
        if (result instanceof PendingMean mean) {
            Pending p = mean.inner();
            LogicalBlock readout = block(graph.output().name(), NeuronProgram.READOUT, p.rows(), 0, new double[p.rows()], null, null,
                    p.source(), p.rows() * (long) p.source().width(), graph.output());
            readout.connect(p.connection(0, 0));
            return new LogicalNetwork(graph.name(), input, blocks, OutputMap.Kind.READOUT, readout, p.bias());
        }
        Pending p = (Pending) result;
        if (p.source() instanceof LogicalBlock b && p.isIdentity()) {
            return new LogicalNetwork(graph.name(), input, blocks, OutputMap.Kind.STREAM, b, new double[b.width()]);
        }
        LogicalBlock sum = materialize(graph.output().name() + ".out", List.of(p), graph.output());
        return new LogicalNetwork(graph.name(), input, blocks, OutputMap.Kind.STREAM, sum, new double[sum.width()]);
    }

    private Object lowerNode(Node node) {
        if (node instanceof SparseLinearNode n) {
            Object in = lowered.get(n.input());
            if (in instanceof PendingMean mean) return new PendingMean(mean.inner().then(n.matrix(), n.bias()));
            return pending(n.input(), in).then(n.matrix(), n.bias());
        }
        if (node instanceof LinearNode n) {
            Object in = lowered.get(n.input());
            double[] w = n.weight();
            double[] b = n.hasBias() ? n.bias() : new double[n.width()];
            if (in instanceof PendingMean mean) return new PendingMean(mean.inner().then(w, b, n.width()));
            return pending(n.input(), in).then(w, b, n.width());
        }
        if (node instanceof S4dNode n) return new PendingSsm(n, pending(n.input(), lowered.get(n.input())));
        if (node instanceof LifNode n) {
            Object in = lowered.get(n.input());
            if (in instanceof PendingSsm ssm) return Pending.identity(ssmBlock(ssm, n));
            return Pending.identity(lifBlock(n, pending(n.input(), in)));
        }
        if (node instanceof GluNode n) return Pending.identity(gluBlock(n, pending(n.input(), lowered.get(n.input()))));
        if (node instanceof AddNode n) {
            Object left = lowered.get(n.left());
            Object right = lowered.get(n.right());
            return Pending.identity(materialize(n.name(), List.of(pending(n.left(), left), pending(n.right(), right)), n));
        }
        if (node instanceof MeanTimeNode n) return new PendingMean(pending(n.input(), lowered.get(n.input())));
        throw illegal(node);
    }

    private Pending pending(Node from, Object value) {
        if (value instanceof Pending p) return p;
        throw illegal(from);
    }

    /** The S4D and its soma as one ssm neuron per channel; the input affine map becomes its synapses and bias. */
    private LogicalBlock ssmBlock(PendingSsm ssm, LifNode lif) {
        S4dNode s4d = ssm.s4d();
        Pending in = ssm.input();
        long dense = (long) s4d.width() * in.source().width() + 8L * s4d.width() * s4d.states();
        LogicalBlock b = block(s4d.name(), NeuronProgram.SSM, s4d.width(), s4d.states(), in.bias(), s4d, lif, in.source(), dense, lif);
        b.connect(in.connection(0, 0));
        return b;
    }

    private LogicalBlock lifBlock(LifNode lif, Pending in) {
        // The soma's gain scales the incoming map. On the Loihi lif a bias enters v, not the current u.
        // A constant input b into the current (u ← α·u + a + b) is exactly a bias c = b / (1 − α) into v
        // with u starting at −c: u + c then follows the model's current from zero (docs/lowering.md).
        int h = lif.width();
        double[] scale = lif.inputScale();
        double settle = 1 / (1 - lif.currentDecay());
        double[] recurrentBias = lif.recurrent() ? lif.recurrentBias() : new double[h];
        double[] bias = new double[h];
        double[] initialCurrent = new double[h];
        boolean anyCurrent = false;
        for (int c = 0; c < h; c++) {
            double steady = (in.bias()[c] + recurrentBias[c]) * scale[c] * settle;
            bias[c] = steady + lif.bias(c);
            initialCurrent[c] = -steady;
            anyCurrent |= lif.currentDecay() > 0 && steady != 0;
        }
        Pending scaled = in.scaled(scale, new double[h]);
        LogicalBlock b = block(lif.name(), NeuronProgram.LIF, h, 0, bias, null, lif, in.source(), in.denseOps() + (lif.recurrent() ? (long) h * h : 0), lif,
                anyCurrent ? initialCurrent : new double[0]);
        b.connect(scaled.connection(0, 0));
        if (lif.recurrent()) {
            // The block's own spikes of step t arrive at step t + 1: the recurrence reads the previous step, as in the model.
            double[] w = lif.recurrentWeight();
            for (int c = 0; c < h; c++) for (int k = 0; k < h; k++) w[c * h + k] *= scale[c];
            b.connect(Connection.of(b, 0, SparseMatrix.dense(w, h, h), 0));
        }
        return b;
    }

    /** Compartment a takes rows 0..H-1 of the mixed input, g rows H..2H-1. */
    private LogicalBlock gluBlock(GluNode glu, Pending in) {
        int h = glu.width();
        Pending mixed = in.then(glu.weight(), glu.bias(), 2 * h);
        int cols = mixed.source().width();
        double[] bias = new double[2 * h];
        for (int o = 0; o < h; o++) {
            bias[2 * o] = mixed.bias()[o];
            bias[2 * o + 1] = mixed.bias()[h + o];
        }
        LogicalBlock b = block(glu.name(), NeuronProgram.GLU, h, 0, bias, null, null, mixed.source(), 2L * h * cols, glu);
        b.connect(Connection.of(mixed.source(), 0, mixed.map().rowRange(0, h), 0));
        b.connect(Connection.of(mixed.source(), 1, mixed.map().rowRange(h, 2 * h), 0));
        return b;
    }

    /**
     * A sum neuron per row adding affine maps of one or more sources. Sources that send earlier
     * are delayed so that all arrive in the same step: the delay balancing of DESIGN §6.
     */
    private LogicalBlock materialize(String name, List<Pending> terms, Node valueNode) {
        int rows = terms.get(0).rows();
        int latest = 0;
        for (Pending p : terms) latest = Math.max(latest, p.source().sendStep());
        double[] bias = new double[rows];
        long dense = 0;
        for (Pending p : terms) {
            for (int r = 0; r < rows; r++) bias[r] += p.bias()[r];
            dense += p.denseOps();
        }
        LogicalBlock sum = new LogicalBlock(name, NeuronProgram.SUM, rows, 0, latest + 1, valueNode, bias, null, null, dense, new double[0]);
        for (Pending p : terms) {
            sum.connect(p.connection(0, latest - p.source().sendStep()));
        }
        blocks.add(sum);
        return sum;
    }

    /** A block fed by one source, starting the step after that source sends. */
    private LogicalBlock block(String name, NeuronProgram program, int count, int states, double[] bias, S4dNode s4d, LifNode lif,
            ChipValue source, long dense, Node valueNode) {
        return block(name, program, count, states, bias, s4d, lif, source, dense, valueNode, new double[0]);
    }

    private LogicalBlock block(String name, NeuronProgram program, int count, int states, double[] bias, S4dNode s4d, LifNode lif,
            ChipValue source, long dense, Node valueNode, double[] initialCurrent) {
        LogicalBlock b = new LogicalBlock(name, program, count, states, source.sendStep() + 1, valueNode, bias, s4d, lif, dense, initialCurrent);
        blocks.add(b);
        return b;
    }

    /** A layer the legality check refuses reached lowering: a compiler bug, not a user's error. */
    private static IllegalStateException illegal(Node node) {
        return new IllegalStateException("lowering met layer " + node.name() + ", which the legality check refuses");
    }
}
