package io.dendra.compiler.programs.threshold;

import io.dendra.compiler.graph.ThresholdNode;
import io.dendra.compiler.lowering.Lowered;
import io.dendra.compiler.lowering.LoweringContext;
import io.dendra.compiler.lowering.Pending;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.ir.NeuronProgram;

/** NIR's Threshold becomes {@code threshold} neurons: the input map becomes their synapses and its constant part their bias. */
public final class ThresholdLowering {
    private ThresholdLowering() {}

    /** What {@code n} lowers to. */
    public static Lowered lower(ThresholdNode n, LoweringContext context) {
        Pending in = context.pending(n.input(), n);
        context.requireProgram(NeuronProgram.THRESHOLD, n, "a threshold (NIR Threshold)");
        LogicalBlock b = context.block(n.name(), NeuronProgram.THRESHOLD, n.width(), 0, in.bias(), null, null, in.source(), in.denseOps() + n.width(), n,
                new double[0]);
        b.connect(in.connection(0, 0));
        return Pending.identity(b);
    }
}
