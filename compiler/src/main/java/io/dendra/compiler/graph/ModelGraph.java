package io.dendra.compiler.graph;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A checked model: its nodes in topological order (the input first), every shape already
 * consistent, and the node whose value is the model's output.
 */
public record ModelGraph(String name, Path source, List<Node> nodes, Node output) {
    public ModelGraph {
        Objects.requireNonNull(name, "name");
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty() || !(nodes.get(0) instanceof InputNode)) throw new IllegalArgumentException("the first node is the input");
        if (!nodes.contains(output)) throw new IllegalArgumentException("the output is one of the nodes");
        for (int i = 0; i < nodes.size(); i++) {
            for (Node in : nodes.get(i).inputs()) {
                int at = nodes.indexOf(in);
                if (at < 0 || at >= i) throw new IllegalArgumentException(nodes.get(i).name() + " reads a node that is not before it");
            }
        }
    }

    public InputNode input() {
        return (InputNode) nodes.get(0);
    }

    public long parameterCount() {
        return nodes.stream().mapToLong(Node::parameterCount).sum();
    }

    /**
     * Whether every layer carries its own integers (a NetX network: integer synapses and Loihi
     * neurons), so that the compiler has no scale to choose and nothing to calibrate.
     */
    public boolean fixedPoint() {
        for (Node n : nodes) if (!(n instanceof InputNode || n instanceof IntegerSynapseNode || n instanceof IntegerNeuronNode)) return false;
        return true;
    }

    /** The number of values the output has per sample: per timestep for a sequence output. */
    public boolean sequenceOutput() {
        return output.timing() == Node.Timing.SEQUENCE;
    }
}
