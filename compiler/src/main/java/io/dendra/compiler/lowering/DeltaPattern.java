package io.dendra.compiler.lowering;

import io.dendra.compiler.graph.DeltaNode;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.diagnostics.ErrorCode;

/**
 * A sigma-delta encoding runs on no neuron of its own: the graded block before it sends only the
 * changes of its payloads that reach the threshold ({@link LogicalBlock#sendDeltas}), and every
 * synapse it feeds integrates them, so its readers hold what the encoding holds. It needs a target
 * that carries sigma-delta messages, a block of neurons right before it, and that block read by
 * nothing else (its plain values would no longer leave it).
 */
final class DeltaPattern {
    private DeltaPattern() {}

    /** What {@code n} lowers to. */
    static Lowered lower(DeltaNode n, LoweringContext context) {
        Pending in = context.pending(n.input(), n);
        if (!context.target().formats().sigmaDelta()) {
            context.refuse(ErrorCode.UNSUPPORTED_ON_TARGET, n, "layer " + n.name() + ": sigma-delta messages need a target whose synapses integrate"
                    + " them; target " + context.target().name() + " has none", "leave out --sigma-delta, or use a target with formats.sigma_delta = yes");
            return in;
        }
        if (!(in.source() instanceof LogicalBlock block) || !in.isIdentity() || !block.graded()) {
            context.refuse(ErrorCode.NOT_LOWERABLE, n, "layer " + n.name() + ": a sigma-delta encoding follows a layer of graded neurons, which "
                    + n.input().name() + " is not", null);
            return in;
        }
        if (context.consumers(n.input()) > 1) {
            context.refuse(ErrorCode.NOT_LOWERABLE, n, "layer " + n.name() + ": " + n.input().name() + " is read by other layers too; its neurons can"
                    + " send either changes or values, not both", null);
            return in;
        }
        block.sendDeltas(n.threshold(), n.cumulative());
        return in;
    }
}
