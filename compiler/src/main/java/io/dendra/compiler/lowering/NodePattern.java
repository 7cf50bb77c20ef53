package io.dendra.compiler.lowering;

import io.dendra.compiler.graph.Node;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;

/**
 * A pattern for the nodes of one kind ({@code N}), perhaps only some of them: a program's package
 * writes its lowering as a method, and {@link LoweringPatterns} lists it with {@link #of}.
 */
public final class NodePattern<N extends Node> implements LoweringPattern {
    private final Class<N> kind;
    private final BiPredicate<N, LoweringContext> accepts;
    private final BiFunction<N, LoweringContext, Lowered> lower;

    private NodePattern(Class<N> kind, BiPredicate<N, LoweringContext> accepts, BiFunction<N, LoweringContext, Lowered> lower) {
        this.kind = kind;
        this.accepts = accepts;
        this.lower = lower;
    }

    /** Lowers every node of {@code kind} with {@code lower}. */
    public static <N extends Node> NodePattern<N> of(Class<N> kind, BiFunction<N, LoweringContext, Lowered> lower) {
        return new NodePattern<>(kind, (n, c) -> true, lower);
    }

    /** Lowers the nodes of {@code kind} that {@code accepts} takes with {@code lower}. */
    public static <N extends Node> NodePattern<N> of(Class<N> kind, BiPredicate<N, LoweringContext> accepts, BiFunction<N, LoweringContext, Lowered> lower) {
        return new NodePattern<>(kind, accepts, lower);
    }

    @Override
    public boolean matches(Node node, LoweringContext context) {
        return kind.isInstance(node) && accepts.test(kind.cast(node), context);
    }

    @Override
    public Lowered lower(Node node, LoweringContext context) {
        return lower.apply(kind.cast(node), context);
    }
}
