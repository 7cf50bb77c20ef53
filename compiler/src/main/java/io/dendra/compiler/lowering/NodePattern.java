package io.dendra.compiler.lowering;

import io.dendra.compiler.graph.Node;

/** A pattern for the nodes of one kind ({@code N}), perhaps only some of them ({@link #accepts}). */
public abstract class NodePattern<N extends Node> implements LoweringPattern {
    private final Class<N> kind;

    protected NodePattern(Class<N> kind) {
        this.kind = kind;
    }

    @Override
    public final boolean matches(Node node, LoweringContext context) {
        return kind.isInstance(node) && accepts(kind.cast(node), context);
    }

    @Override
    public final Lowered lower(Node node, LoweringContext context) {
        return lowerNode(kind.cast(node), context);
    }

    /** Whether this pattern lowers this node of its kind: by default, every one. */
    protected boolean accepts(N node, LoweringContext context) {
        return true;
    }

    /** What {@code node} lowers to. */
    protected abstract Lowered lowerNode(N node, LoweringContext context);
}
