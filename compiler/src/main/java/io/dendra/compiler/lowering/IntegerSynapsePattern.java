package io.dendra.compiler.lowering;

import io.dendra.compiler.graph.IntegerSynapseNode;
import io.dendra.compiler.graph.SparseMatrix;
import io.dendra.diagnostics.ErrorCode;

/**
 * Lava's integer Dense or Conv (a NetX layer's synapses) runs on no neuron: its weights fold into the
 * map its consumer's synapses carry, {@code 1 + delay} model steps late ({@link Pending#delayed}); a
 * consumer that knows the step is Lava's hop starts early instead (docs/lowering.md). Synapses whose
 * delays differ become one map per delay. A
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
        int uniform = n.uniformDelay();
        if (uniform >= 0) return in.then(n.weights(), null).delayed(1 + uniform);
        java.util.List<Pending> parts = new java.util.ArrayList<>();
        n.byDelay().forEach((d, w) -> parts.add(in.then(w, null).delayed(1 + d)));
        return new DelayedSynapses(n, parts);
    }

    /**
     * Synapses whose delays differ (Lava's DelayDense): one map per delay, each {@code 1 + delay}
     * steps late. Only a NetX neuron layer reads them ({@link IntegerNeuronPattern}), one synapse
     * group per delay.
     */
    record DelayedSynapses(IntegerSynapseNode node, java.util.List<Pending> parts) implements Waiting {
        @Override
        public Pending misread(LoweringContext context, io.dendra.compiler.graph.Node producer, io.dendra.compiler.graph.Node reader) {
            context.refuse(ErrorCode.NOT_LOWERABLE, reader, "layer " + reader.name() + ": it reads " + node.name() + ", whose synapses have different"
                    + " delays; only a NetX neuron layer takes them", null);
            return parts.get(0);
        }

        @Override
        public LoweredOutput asOutput(LoweringContext context, io.dendra.compiler.graph.Node output) {
            context.refuse(ErrorCode.NOT_LOWERABLE, output, "synapses with different delays (" + node.name() + ") cannot be the output", null);
            return null;
        }
    }
}
