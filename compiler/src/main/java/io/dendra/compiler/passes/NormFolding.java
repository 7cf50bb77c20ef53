package io.dendra.compiler.passes;

import io.dendra.compiler.graph.AddNode;
import io.dendra.compiler.graph.BatchNormNode;
import io.dendra.compiler.graph.DelayNode;
import io.dendra.compiler.graph.EmbeddingNode;
import io.dendra.compiler.graph.GluNode;
import io.dendra.compiler.graph.InputNode;
import io.dendra.compiler.graph.IntegratorNode;
import io.dendra.compiler.graph.LayerNormNode;
import io.dendra.compiler.graph.LifNode;
import io.dendra.compiler.graph.LinearNode;
import io.dendra.compiler.graph.MeanTimeNode;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.S4dNode;
import io.dendra.compiler.graph.SparseLinearNode;
import io.dendra.compiler.graph.SparseMatrix;
import io.dendra.compiler.graph.ThresholdNode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fold-norms pass: every BatchNorm, an affine map per channel in inference mode, becomes the
 * diagonal map {@code scale·x + shift} it is (a {@link SparseLinearNode} of kind {@code batchnorm}
 * with the same name and place), which lowering then folds into the synapses of whatever reads it.
 * A LayerNorm depends on every channel at every step and is not folded (the legality check refuses
 * it on a chip). Returns a new graph; the model's graph is not changed.
 */
public final class NormFolding {
    private NormFolding() {}

    public static ModelGraph apply(ModelGraph graph) {
        boolean any = false;
        for (Node n : graph.nodes()) any |= n instanceof BatchNormNode;
        if (!any) return graph;
        Map<Node, Node> folded = new IdentityHashMap<>();
        List<Node> nodes = new ArrayList<>();
        for (Node n : graph.nodes()) {
            Node f = n instanceof BatchNormNode bn ? fold(bn, folded.get(bn.input())) : rebuild(n, folded);
            folded.put(n, f);
            nodes.add(f);
        }
        return new ModelGraph(graph.name(), graph.source(), nodes, folded.get(graph.output()));
    }

    private static SparseLinearNode fold(BatchNormNode n, Node input) {
        int h = n.width();
        double[] scale = new double[h];
        double[] shift = new double[h];
        for (int c = 0; c < h; c++) {
            scale[c] = n.scale(c);
            shift[c] = n.shift(c);
        }
        return new SparseLinearNode(n.name(), n.place(), input, n.kind(), "[" + h + "]", SparseMatrix.diagonal(scale), shift, n.parameterCount());
    }

    /** The same node reading the folded versions of its inputs (itself when none changed). */
    private static Node rebuild(Node n, Map<Node, Node> folded) {
        boolean changed = false;
        for (Node in : n.inputs()) changed |= folded.get(in) != in;
        if (!changed) return n;
        if (n instanceof LinearNode x) return new LinearNode(x.name(), x.place(), folded.get(x.input()), x.width(), x.weight(), x.bias());
        if (n instanceof SparseLinearNode x) {
            return new SparseLinearNode(x.name(), x.place(), folded.get(x.input()), x.kind(), x.shape(), x.matrix(), x.bias(), x.parameterCount());
        }
        if (n instanceof IntegratorNode x) {
            return new IntegratorNode(x.name(), x.place(), folded.get(x.input()), x.kind(), x.tau(), x.currentDecay(), x.inputScale(), x.bias());
        }
        if (n instanceof ThresholdNode x) return new ThresholdNode(x.name(), x.place(), folded.get(x.input()), x.threshold());
        if (n instanceof DelayNode x) return new DelayNode(x.name(), x.place(), folded.get(x.input()), x.steps());
        if (n instanceof S4dNode x) {
            return new S4dNode(x.name(), x.place(), folded.get(x.input()), x.states(), x.kernel(), x.dt(), x.aRe(), x.aIm(), x.bRe(), x.bIm(), x.directions(),
                    x.cRe(), x.cIm(), x.d());
        }
        if (n instanceof LifNode x) {
            return new LifNode(x.name(), x.place(), folded.get(x.input()), x.tau(), x.threshold(), x.reset(), x.inputScale(), x.bias(), x.strict(),
                    x.currentDecay(), x.recurrentWeight(), x.recurrentBias());
        }
        if (n instanceof GluNode x) return new GluNode(x.name(), x.place(), folded.get(x.input()), x.weight(), x.bias());
        if (n instanceof AddNode x) return new AddNode(x.name(), x.place(), folded.get(x.left()), folded.get(x.right()));
        if (n instanceof LayerNormNode x) return new LayerNormNode(x.name(), x.place(), folded.get(x.input()), x.weight(), x.bias(), x.eps());
        if (n instanceof MeanTimeNode x) return new MeanTimeNode(x.name(), x.place(), folded.get(x.input()));
        if (n instanceof BatchNormNode x) {
            return new BatchNormNode(x.name(), x.place(), folded.get(x.input()), x.weight(), x.bias(), x.runningMean(), x.runningVar(), x.eps());
        }
        if (n instanceof EmbeddingNode || n instanceof InputNode) return n; // read only the input, which is never folded
        throw new IllegalStateException("no rebuild for " + n.kind());
    }
}
