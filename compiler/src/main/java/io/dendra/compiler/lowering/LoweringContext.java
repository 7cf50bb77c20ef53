package io.dendra.compiler.lowering;

import io.dendra.compiler.graph.LifNode;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.S4dNode;
import io.dendra.compiler.network.ChipValue;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.ir.NeuronProgram;
import io.dendra.targets.Target;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the lowering patterns share while the graph is walked: the target, what each node lowered
 * to, the blocks made so far, how many layers read each node, and the layers that cannot map.
 */
public final class LoweringContext {
    private final Target target;
    private final boolean spikeInput;
    private final List<LogicalBlock> blocks = new ArrayList<>();
    private final Map<Node, Lowered> lowered = new IdentityHashMap<>();
    private final Map<Node, Integer> consumers = new IdentityHashMap<>();
    private final List<Legality.Problem> problems = new ArrayList<>();

    LoweringContext(ModelGraph graph, Target target, boolean spikeInput) {
        this.target = target;
        this.spikeInput = spikeInput;
        for (Node node : graph.nodes()) for (Node in : node.inputs()) consumers.merge(in, 1, Integer::sum);
    }

    public Target target() {
        return target;
    }

    /** Whether the input is spikes (every calibration value 0 or 1), so that the host sends binary messages even where graded ones exist. */
    public boolean spikeInput() {
        return spikeInput;
    }

    /** What {@code node} lowered to. */
    public Lowered of(Node node) {
        return lowered.get(node);
    }

    void put(Node node, Lowered value) {
        lowered.put(node, value);
    }

    /** How many layers read {@code node}. */
    public int consumers(Node node) {
        return consumers.getOrDefault(node, 0);
    }

    /**
     * What {@code reader} reads of {@code from} as an affine map of a chip value; when {@code from}
     * is not one (it waits for another layer) that is reported and the walk goes on as if it were.
     */
    public Pending pending(Node from, Node reader) {
        Lowered value = lowered.get(from);
        if (value instanceof Pending p) return p;
        return ((Waiting) value).misread(this, from, reader);
    }

    /** Reports a layer that cannot map, once: its first reason. */
    public void refuse(ErrorCode code, Node node, String message, String hint) {
        for (Legality.Problem p : problems) if (p.node() == node) return;
        problems.add(new Legality.Problem(code, node, message, hint));
    }

    /** Whether the target runs {@code program}; reports {@code where} when it does not ({@code what} needs it). */
    public boolean requireProgram(NeuronProgram program, Node where, String what) {
        if (target.supports(program)) return true;
        String programs = String.join(", ", target.programs().stream().map(NeuronProgram::id).sorted().toList());
        refuse(ErrorCode.UNSUPPORTED_ON_TARGET, where, "layer " + where.name() + ": " + what + " need" + (what.endsWith("s") ? "" : "s") + " the "
                + program.id() + " program; target " + target.name() + " runs only " + programs, null);
        return false;
    }

    /** Whether the target carries graded spikes; reports {@code where} when it does not ({@code needs}: "needs", "ssm neurons need"). */
    public boolean requireGraded(Node where, String needs) {
        if (target.formats().gradedSpikes()) return true;
        refuse(ErrorCode.UNSUPPORTED_ON_TARGET, where, "layer " + where.name() + ": " + needs + " graded spikes; target " + target.name() + " has none", null);
        return false;
    }

    /** A new block of neurons fed by one source, starting the step after that source sends. */
    public LogicalBlock block(String name, NeuronProgram program, int count, int states, double[] bias, S4dNode s4d, LifNode lif, ChipValue source,
            long dense, Node valueNode, double[] initialCurrent) {
        return add(new LogicalBlock(name, program, count, states, source.sendStep() + 1, valueNode, bias, s4d, lif, dense, initialCurrent));
    }

    /** Adds a block to the network, in the order blocks are made. */
    public LogicalBlock add(LogicalBlock block) {
        blocks.add(block);
        return block;
    }

    List<LogicalBlock> blocks() {
        return blocks;
    }

    List<Legality.Problem> problems() {
        return problems;
    }
}
