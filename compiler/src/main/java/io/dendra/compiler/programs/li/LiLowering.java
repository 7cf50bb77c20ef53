package io.dendra.compiler.programs.li;

import io.dendra.compiler.graph.IntegratorNode;
import io.dendra.compiler.lowering.Lowered;
import io.dendra.compiler.lowering.LoweringContext;
import io.dendra.compiler.lowering.Pending;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.ir.NeuronProgram;

/**
 * NIR's LI, CubaLI and I become {@code li} neurons streaming their potential: the input map, scaled
 * by R, becomes their synapses and its constant part their bias, which the li adds to the current's
 * input; so does the model's own bias on v where the current has no memory (LI, I: J is this step's
 * input). The potential is a graded message, so the target needs graded spikes.
 */
public final class LiLowering {
    private LiLowering() {}

    /** What {@code n} lowers to. */
    public static Lowered lower(IntegratorNode n, LoweringContext context) {
        Pending in = context.pending(n.input(), n);
        if (context.requireProgram(NeuronProgram.LI, n, "a non-spiking integrator (NIR " + nirName(n) + ")")) {
            context.requireGraded(n, "streams its potential and needs");
        }
        int h = n.width();
        double[] scale = n.inputScale();
        double[] bias = new double[h];
        for (int c = 0; c < h; c++) {
            // the model's bias acts on v; on j it is the same only where j has no memory
            if (n.currentDecay() > 0 && n.bias()[c] != 0) {
                context.refuse(ErrorCode.NOT_LOWERABLE, n, "layer " + n.name() + ": a CubaLI with a leak potential (v_leak ≠ 0) has no exact lowering:"
                        + " li adds its bias to the current", null);
            }
            bias[c] = in.bias()[c] * scale[c] + n.bias()[c];
        }
        Pending scaled = in.scaled(scale, new double[h]);
        LogicalBlock b = context.block(n.name(), NeuronProgram.LI, h, 0, bias, null, null, in.source(), in.denseOps() + 2L * h, n, new double[0]);
        b.connect(scaled.connection(0, 0));
        return Pending.identity(b);
    }

    private static String nirName(IntegratorNode n) {
        return switch (n.kind()) {
            case "li" -> "LI";
            case "cubali" -> "CubaLI";
            default -> "I";
        };
    }
}
