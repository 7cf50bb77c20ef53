package io.dendra.compiler.graph;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The discretise pass: every S4D layer's zero-order hold ({@link S4dNode#discretize()}), computed
 * once per layer for the reference, calibration and quantization that follow it.
 */
public final class DiscreteSsms {
    private final Map<S4dNode, S4dNode.Discrete> byLayer = new IdentityHashMap<>();

    private DiscreteSsms() {}

    public static DiscreteSsms of(ModelGraph graph) {
        DiscreteSsms d = new DiscreteSsms();
        for (Node node : graph.nodes()) if (node instanceof S4dNode n) d.byLayer.put(n, n.discretize());
        return d;
    }

    /** The layer's discrete coefficients; the layer must be one of the graph's. */
    public S4dNode.Discrete of(S4dNode layer) {
        S4dNode.Discrete d = byLayer.get(layer);
        if (d == null) throw new IllegalArgumentException("layer " + layer.name() + " is not in the discretised graph");
        return d;
    }

    public int layers() {
        return byLayer.size();
    }
}
