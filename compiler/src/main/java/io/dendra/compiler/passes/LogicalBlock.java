package io.dendra.compiler.passes;

import io.dendra.compiler.graph.LifNode;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.S4dNode;
import io.dendra.ir.NeuronKernels;
import io.dendra.ir.NeuronProgram;
import java.util.ArrayList;
import java.util.List;

/**
 * The neurons of one model layer before they are split into cores: program, count, the step they
 * start, real-valued biases and parameters, the connections feeding them; then, after
 * quantization, the fraction bits of their inputs and outputs and their integer parameters.
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
    final S4dNode s4d;
    final LifNode lif;
    private final long denseOpsPerStep;

    /** lif blocks: the current u each neuron starts with (model units), or null for zero. */
    double[] initialCurrent;

    int[] inputFraction;
    int outputFraction;
    int[] params;
    int[] initialState = new int[0];

    LogicalBlock(String name, NeuronProgram program, int count, int states, int startStep, Node valueNode, double[] bias, S4dNode s4d, LifNode lif,
            long denseOpsPerStep) {
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
        if (bias.length != count * program.compartments()) throw new IllegalArgumentException("one bias per compartment");
    }

    void connect(Connection c) {
        inputs.add(c);
    }

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
    public int inputFraction(int compartment) { return inputFraction[compartment]; }
    public int[] params() { return params.clone(); }
    /** The quantized initial state words, empty when all are zero. */
    public int[] initialState() { return initialState.clone(); }

    @Override public int width() { return count; }
    @Override public int sendStep() { return startStep; }
    @Override public boolean graded() { return program.graded(); }
    @Override public Node valueNode() { return valueNode; }
    @Override public int outputFraction() { return graded() ? outputFraction : 0; }
}
