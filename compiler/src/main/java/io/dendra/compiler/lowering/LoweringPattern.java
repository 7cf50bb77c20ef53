package io.dendra.compiler.lowering;

import io.dendra.compiler.graph.Node;

/**
 * One way a graph node becomes something on the chip. A pattern both lowers and says whether and
 * why it can map: whatever the target cannot run it reports through
 * {@link LoweringContext#refuse} and lowers anyway, as if it had mapped, so that the layers after
 * it are checked on their own. Legality is therefore the same walk as lowering (MLIR's dialect
 * conversion does the same), and the two cannot drift apart.
 */
public interface LoweringPattern {
    /** Whether this pattern lowers {@code node}, given what its inputs lowered to. */
    boolean matches(Node node, LoweringContext context);

    /** What {@code node} lowers to. */
    Lowered lower(Node node, LoweringContext context);
}
