package io.dendra.compiler.lowering;

import io.dendra.compiler.graph.EmbeddingNode;
import io.dendra.compiler.graph.LayerNormNode;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.network.RefusedValue;
import io.dendra.diagnostics.ErrorCode;

/**
 * The layers no chip runs — a LayerNorm (it needs every channel's statistics at every step), an
 * embedding (a lookup on the host), and any kind no pattern lowers — refused, with the walk going
 * on as if each had sent its values.
 */
final class RefusedLayers implements LoweringPattern {
    @Override
    public boolean matches(Node node, LoweringContext context) {
        return true;
    }

    @Override
    public Lowered lower(Node node, LoweringContext context) {
        if (node instanceof LayerNormNode n) {
            context.refuse(ErrorCode.LAYERNORM_ON_CHIP, n, "layer " + n.name() + ": LayerNorm needs the mean and variance of all " + n.width()
                    + " channels at every step, which no neuron sees", null);
            return context.pending(n.input(), n);
        }
        if (node instanceof EmbeddingNode n) {
            context.refuse(ErrorCode.NOT_LOWERABLE, n, "embedding '" + n.name() + "' runs on the host", null);
            return Pending.identity(new RefusedValue(n.width(), 0, context.target().formats().gradedSpikes(), n));
        }
        context.refuse(ErrorCode.NOT_LOWERABLE, node, "layer kind " + node.kind() + " is not lowered", null);
        int step = 0;
        for (Node in : node.inputs()) if (context.of(in) instanceof Pending p) step = Math.max(step, p.source().sendStep());
        return Pending.identity(new RefusedValue(node.width(), step + 1, true, node));
    }
}
