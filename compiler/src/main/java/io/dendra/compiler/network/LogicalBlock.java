package io.dendra.compiler.network;

import io.dendra.compiler.graph.LifNode;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.S4dNode;
import io.dendra.ir.NeuronProgram;
import java.util.ArrayList;
import java.util.List;

/**
 * The neurons of one model layer as lowering makes them, in real numbers: program, count, the step
 * they start, biases, the model layers their parameters come from, the connections feeding them.
 * Quantization reads it and makes a {@link QuantizedBlock}; nothing changes it after lowering.
 */
public final class LogicalBlock implements ChipValue {
    private final String name;
    private final NeuronProgram program;
    private final int count;
    private final int states;
    private final int startStep;
    private final Node valueNode;
    private final double[] bias;
    private final List<Connection> inputs = new ArrayList<>();
    private final S4dNode s4d;
    private final LifNode lif;
    private final long denseOpsPerStep;
    /** lif blocks: the current u each neuron starts with (model units); empty for zero. */
    private final double[] initialCurrent;
    /** Sigma-delta: the change of a payload worth a message, in model units; 0 when every payload is sent. */
    private double deltaThreshold;
    private boolean deltaCumulative;

    public LogicalBlock(String name, NeuronProgram program, int count, int states, int startStep, Node valueNode, double[] bias, S4dNode s4d, LifNode lif,
            long denseOpsPerStep, double[] initialCurrent) {
        this.name = name;
        this.program = program;
        this.count = count;
        this.states = states;
        this.startStep = startStep;
        this.valueNode = valueNode;
        this.bias = bias;
        this.s4d = s4d;
        this.lif = lif;
        this.denseOpsPerStep = denseOpsPerStep;
        this.initialCurrent = initialCurrent.clone();
        if (bias.length != count * program.compartments()) throw new IllegalArgumentException("one bias per compartment");
    }

    public void connect(Connection c) {
        inputs.add(c);
    }

    /** Makes the block send sigma-delta changes of at least {@code threshold} (model units), as lowering finds a delta encoding after it. */
    public void sendDeltas(double threshold, boolean cumulative) {
        if (!graded() || !(threshold > 0)) throw new IllegalArgumentException(name + ": sigma-delta needs a graded block and a positive threshold");
        deltaThreshold = threshold;
        deltaCumulative = cumulative;
    }

    /** Whether its sigma-delta sends carry their unsent error. */
    public boolean deltaCumulative() { return deltaCumulative; }

    /** The sigma-delta threshold in model units; 0 when the block sends every payload. */
    public double deltaThreshold() { return deltaThreshold; }

    public String name() { return name; }
    public NeuronProgram program() { return program; }
    public int count() { return count; }
    public int states() { return states; }
    public int startStep() { return startStep; }
    public int compartments() { return program.compartments(); }
    public double bias(int neuron, int compartment) { return bias[neuron * compartments() + compartment]; }
    public List<Connection> inputs() { return List.copyOf(inputs); }

    /**
     * The connections grouped by source and delay, in the order they were made: each group becomes
     * one input axon per source value on every core that holds a neuron it reaches.
     */
    public List<List<Connection>> axonGroups() {
        List<List<Connection>> groups = new ArrayList<>();
        for (Connection c : inputs) {
            List<Connection> group = null;
            for (List<Connection> g : groups) if (g.get(0).source() == c.source() && g.get(0).delay() == c.delay()) group = g;
            if (group == null) groups.add(group = new ArrayList<>());
            group.add(c);
        }
        return groups;
    }
    public long denseOpsPerStep() { return denseOpsPerStep; }
    /** The S4D layer of an ssm block (null for other programs). */
    public S4dNode s4d() { return s4d; }
    /** The LIF soma of an lif or ssm block (null for other programs). */
    public LifNode lif() { return lif; }
    /** lif blocks: the current each neuron starts with, in model units; empty when all are zero. */
    public double[] initialCurrent() { return initialCurrent.clone(); }

    @Override public int width() { return count; }
    @Override public int sendStep() { return startStep; }
    @Override public boolean graded() { return program.graded(); }
    @Override public Node valueNode() { return valueNode; }
}
