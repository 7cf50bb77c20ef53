package io.dendra.compiler.lowering;

import io.dendra.compiler.graph.LinearNode;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.SparseLinearNode;
import io.dendra.compiler.graph.SparseMatrix;

/** A linear layer (dense or sparse: a convolution, a pooling) runs on no neuron: it folds into the map its consumer's synapses carry. */
final class AffinePattern implements LoweringPattern {
    @Override
    public boolean matches(Node node, LoweringContext context) {
        return node instanceof LinearNode || node instanceof SparseLinearNode;
    }

    @Override
    public Lowered lower(Node node, LoweringContext context) {
        Node input = node.inputs().get(0);
        SparseMatrix map;
        double[] bias;
        if (node instanceof SparseLinearNode n) {
            map = n.matrix();
            bias = n.bias();
        } else {
            LinearNode n = (LinearNode) node;
            map = SparseMatrix.dense(n.weight(), n.width(), input.width());
            bias = n.hasBias() ? n.bias() : new double[n.width()];
        }
        if (context.of(input) instanceof Waiting waiting) {
            Lowered after = waiting.then(map, bias);
            if (after != null) return after;
        }
        return context.pending(input, node).then(map, bias);
    }
}
