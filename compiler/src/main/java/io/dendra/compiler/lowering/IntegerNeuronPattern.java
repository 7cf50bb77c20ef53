package io.dendra.compiler.lowering;

import io.dendra.compiler.graph.IntegerNeuronNode;
import io.dendra.compiler.graph.IntegerSynapseNode;
import io.dendra.compiler.network.Connection;
import io.dendra.compiler.network.LogicalBlock;
import java.util.List;
import io.dendra.diagnostics.ErrorCode;

/**
 * A layer that is a neuron program with its own integers (a NetX layer) becomes a block of that
 * program with those words. Its input arrives as Lava delivers it: from the host on the step it is
 * sent, through a Dense or Conv one step late (plus its delay). The chip's hop is that step: a
 * layer fed through integer synapses starts on its source's start step rather than the one after,
 * so that every layer of a NetX network updates from the first step as Lava's do, with nothing to
 * warm up, and the chip's step s is Lava's time step s (docs/lowering.md). Synapses with
 * different delays become one synapse group per delay; a recurrent Dense, synapses from the block to
 * itself.
 */
final class IntegerNeuronPattern {
    private IntegerNeuronPattern() {}

    /** What {@code n} lowers to. */
    static Lowered lower(IntegerNeuronNode n, LoweringContext context) {
        List<Pending> parts = context.of(n.input()) instanceof IntegerSynapsePattern.DelayedSynapses d ? d.parts() : List.of(context.pending(n.input(), n));
        context.requireProgram(n.program(), n, "NetX " + n.program().id() + " neurons");
        Pending first = parts.get(0);
        if (first.source().graded() && !context.target().formats().gradedSpikes()) context.requireGraded(n, "needs");
        for (Pending in : parts) {
            for (double b : in.bias()) {
                if (b != 0) {
                    context.refuse(ErrorCode.NOT_LOWERABLE, n, "layer " + n.name() + ": a constant before a NetX neuron has no lowering (its bias is its own)",
                            null);
                    break;
                }
            }
        }
        int sourceStart = first.source().sendStep();
        int hop = n.input() instanceof IntegerSynapseNode ? 1 : 0;
        int start = Math.max(1, sourceStart + 1 - hop);
        long dense = 0;
        for (Pending in : parts) dense += in.denseOps();
        LogicalBlock b = context.add(new LogicalBlock(n.name(), n.program(), n.width(), 0, start, n, new double[n.width()], null, null, dense,
                new double[0]));
        for (Pending in : parts) {
            int synapticDelay = start - sourceStart - 1 + in.delay();
            if (!context.target().core().delay().contains(synapticDelay)) {
                context.refuse(ErrorCode.DELAY_OUT_OF_RANGE, n, "layer " + n.name() + ": a synaptic delay of " + synapticDelay + " steps; "
                        + context.target().name() + " allows " + context.target().core().delay(), null);
            }
            b.connect(in.connection(0, synapticDelay - in.delay()));
        }
        // a recurrent synapse (Lava's RecurrentDense): the block's messages of step t arrive at t + 1, Lava's one step
        if (n.recurrent() != null) b.connect(Connection.of(b, 0, n.recurrent(), 0));
        return Pending.identity(b);
    }
}
