package io.dendra.compiler.passes;

import io.dendra.compiler.graph.BatchNormNode;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.graph.Rewiring;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.SparseLinearNode;
import io.dendra.compiler.graph.SparseMatrix;
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
            Node f = n instanceof BatchNormNode bn ? fold(bn, folded.get(bn.input())) : Rewiring.rebuild(n, folded);
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
}
