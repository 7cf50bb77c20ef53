package io.dendra.compiler.graph;

import io.dendra.diagnostics.Place;
import java.util.List;

/** Element-wise sum of two layers of the same width and timing: the residual addition. */
public record AddNode(String name, Place place, Node left, Node right) implements Node {
    public AddNode {
        if (left.width() != right.width() || left.timing() != right.timing()) throw new IllegalArgumentException("add needs equal shapes");
    }

    @Override public int width() { return left.width(); }
    @Override public List<Node> inputs() { return List.of(left, right); }
    @Override public Timing timing() { return left.timing(); }
    @Override public String kind() { return "add"; }
    @Override public long parameterCount() { return 0; }
}
