package io.dendra.compiler.graph;

import java.util.Map;

/** Rebuilding a graph node to read other nodes: what a pass that replaces some nodes does to the nodes after them. */
public final class Rewiring {
    private Rewiring() {}

    /** The same node reading {@code replaced}'s version of each of its inputs (itself when none changed). */
    public static Node rebuild(Node n, Map<Node, Node> replaced) {
        boolean changed = false;
        for (Node in : n.inputs()) changed |= replaced.get(in) != in;
        if (!changed) return n;
        if (n instanceof LinearNode x) return new LinearNode(x.name(), x.place(), replaced.get(x.input()), x.width(), x.weight(), x.bias());
        if (n instanceof SparseLinearNode x) {
            return new SparseLinearNode(x.name(), x.place(), replaced.get(x.input()), x.kind(), x.shape(), x.matrix(), x.bias(), x.parameterCount());
        }
        if (n instanceof IntegratorNode x) {
            return new IntegratorNode(x.name(), x.place(), replaced.get(x.input()), x.kind(), x.tau(), x.currentDecay(), x.inputScale(), x.bias());
        }
        if (n instanceof ThresholdNode x) return new ThresholdNode(x.name(), x.place(), replaced.get(x.input()), x.threshold());
        if (n instanceof DelayNode x) return new DelayNode(x.name(), x.place(), replaced.get(x.input()), x.steps());
        if (n instanceof S4dNode x) {
            return new S4dNode(x.name(), x.place(), replaced.get(x.input()), x.states(), x.kernel(), x.dt(), x.aRe(), x.aIm(), x.bRe(), x.bIm(), x.directions(),
                    x.cRe(), x.cIm(), x.d());
        }
        if (n instanceof LifNode x) {
            return new LifNode(x.name(), x.place(), replaced.get(x.input()), x.tau(), x.threshold(), x.reset(), x.inputScale(), x.bias(), x.strict(),
                    x.currentDecay(), x.recurrentWeight(), x.recurrentBias());
        }
        if (n instanceof GluNode x) return new GluNode(x.name(), x.place(), replaced.get(x.input()), x.weight(), x.bias());
        if (n instanceof AddNode x) return new AddNode(x.name(), x.place(), replaced.get(x.left()), replaced.get(x.right()));
        if (n instanceof LayerNormNode x) return new LayerNormNode(x.name(), x.place(), replaced.get(x.input()), x.weight(), x.bias(), x.eps());
        if (n instanceof MeanTimeNode x) return new MeanTimeNode(x.name(), x.place(), replaced.get(x.input()));
        if (n instanceof BatchNormNode x) {
            return new BatchNormNode(x.name(), x.place(), replaced.get(x.input()), x.weight(), x.bias(), x.runningMean(), x.runningVar(), x.eps());
        }
        if (n instanceof IntegerSynapseNode x) {
            return new IntegerSynapseNode(x.name(), x.place(), replaced.get(x.input()), x.kind(), x.weights(), x.delays(), x.wrapBits(), x.parameterCount());
        }
        if (n instanceof IntegerNeuronNode x) {
            return new IntegerNeuronNode(x.name(), x.place(), replaced.get(x.input()), x.program(), x.params(), x.initialState(), x.recurrent());
        }
        if (n instanceof DeltaNode x) return new DeltaNode(x.name(), x.place(), replaced.get(x.input()), x.threshold(), x.cumulative());
        if (n instanceof EmbeddingNode || n instanceof InputNode) return n; // read only the input, which is never replaced
        throw new IllegalStateException("no rebuild for " + n.kind());
    }
}
