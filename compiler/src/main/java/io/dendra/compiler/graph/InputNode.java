package io.dendra.compiler.graph;

import io.dendra.diagnostics.Place;
import java.util.List;

/**
 * The model's input: per timestep either {@code width} reals, or one token id below
 * {@code vocabulary} (then width is 1).
 */
public record InputNode(String name, Place place, int width, int vocabulary) implements Node {
    public InputNode {
        if (width <= 0) throw new IllegalArgumentException("input width must be positive");
        if (vocabulary < 0 || (vocabulary > 0 && width != 1)) throw new IllegalArgumentException("token input has width 1");
    }

    public boolean tokens() {
        return vocabulary > 0;
    }

    @Override public List<Node> inputs() { return List.of(); }
    @Override public Timing timing() { return Timing.SEQUENCE; }
    @Override public String kind() { return tokens() ? "tokens" : "real"; }
    @Override public long parameterCount() { return 0; }
}
