package io.dendra.compiler.lowering;

import io.dendra.compiler.graph.IntegerSynapseNode;
import io.dendra.compiler.graph.SparseMatrix;
import io.dendra.diagnostics.ErrorCode;

/**
 * Lava's integer Dense or Conv (a NetX layer's synapses) runs on no neuron: its weights fold into the
 * map its consumer's synapses carry, {@code 1 + delay} model steps late ({@link Pending#delayed}); a
 * consumer that knows the step is Lava's hop starts early instead (docs/lowering.md). A
 * convolution's sum wraps at 24 bits in Lava; the chip's synapses do not wrap, so a layer whose
 * sum could reach 2^23 is refused.
 */
final class IntegerSynapsePattern {
    private IntegerSynapsePattern() {}

    /** What {@code n} lowers to. */
    static Lowered lower(IntegerSynapseNode n, LoweringContext context) {
        Pending in = context.pending(n.input(), n);
        if (n.wrapBits() > 0 && !in.source().graded()) {
            SparseMatrix w = n.weights();
            for (int r = 0; r < w.rows(); r++) {
                double reach = 0;
                for (int e = w.start(r); e < w.end(r); e++) reach += Math.abs(w.value(e));
                if (reach >= Math.scalb(1.0, n.wrapBits() - 1)) {
                    context.refuse(ErrorCode.NOT_LOWERABLE, n, "layer " + n.name() + ": its sum can reach " + (long) reach + ", where Lava wraps it at "
                            + n.wrapBits() + " bits and the chip's synapses do not", null);
                    break;
                }
            }
        }
        return in.then(n.weights(), null).delayed(n.steps());
    }
}
