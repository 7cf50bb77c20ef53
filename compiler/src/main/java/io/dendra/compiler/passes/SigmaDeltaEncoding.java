package io.dendra.compiler.passes;

import io.dendra.compiler.graph.AddNode;
import io.dendra.compiler.graph.DeltaNode;
import io.dendra.compiler.graph.GluNode;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.Rewiring;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --sigma-delta T}: the model with sigma-delta encoded activations. After every GLU and every
 * residual sum but the output (the graded values of a SpikingSSM that a chip would otherwise send every step) a
 * {@link DeltaNode} of threshold T holds the value its readers see; every reader reads it. The
 * reference runs this graph, and a chip that carries sigma-delta messages sends only the changes,
 * so the two still compute the same thing. Returns a new graph.
 */
public final class SigmaDeltaEncoding {
    private SigmaDeltaEncoding() {}

    public static ModelGraph apply(ModelGraph graph, double threshold) {
        return apply(graph, threshold, Map.of());
    }

    /**
     * With a threshold per layer where {@code perLayer} names one (by the GLU's or sum's name), the
     * default elsewhere (0 or less: not encoded). Refuses a name that is no such layer.
     */
    public static ModelGraph apply(ModelGraph graph, double threshold, Map<String, Double> perLayer) {
        for (String name : perLayer.keySet()) {
            boolean found = graph.nodes().stream().anyMatch(n -> n.name().equals(name) && encoded(n) && n != graph.output());
            if (!found) {
                String layers = String.join(", ", graph.nodes().stream().filter(n -> encoded(n) && n != graph.output()).map(Node::name).toList());
                throw new DendraException(ErrorCode.USAGE, Place.named("--sigma-delta"), "'" + name + "' is not a GLU or residual sum of " + graph.name()
                        + " (the model's output sends values)", "its layers that can send changes: " + layers);
            }
        }
        Map<Node, Node> replaced = new IdentityHashMap<>();
        List<Node> nodes = new ArrayList<>();
        for (Node n : graph.nodes()) {
            Node rebuilt = Rewiring.rebuild(n, replaced);
            nodes.add(rebuilt);
            double t = perLayer.getOrDefault(n.name(), threshold);
            if (encoded(n) && n != graph.output() && t > 0) {
                DeltaNode delta = new DeltaNode(n.name() + ".delta", n.place(), rebuilt, t);
                nodes.add(delta);
                replaced.put(n, delta);
            } else {
                replaced.put(n, rebuilt);
            }
        }
        return new ModelGraph(graph.name(), graph.source(), nodes, replaced.get(graph.output()));
    }

    /** The layers whose graded output becomes sigma-delta messages. */
    static boolean encoded(Node n) {
        return n instanceof GluNode || n instanceof AddNode;
    }
}
