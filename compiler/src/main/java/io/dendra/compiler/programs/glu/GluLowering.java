package io.dendra.compiler.programs.glu;

import io.dendra.compiler.graph.GluNode;
import io.dendra.compiler.lowering.Lowered;
import io.dendra.compiler.lowering.LoweringContext;
import io.dendra.compiler.lowering.Pending;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.ir.NeuronProgram;

/** The GLU's mix becomes {@code glu} neurons: compartment a takes rows 0..H−1 of the mixed input, g rows H..2H−1. */
public final class GluLowering {
    private GluLowering() {}

    /** What {@code glu} lowers to. */
    public static Lowered lower(GluNode glu, LoweringContext context) {
        Pending in = context.pending(glu.input(), glu);
        context.requireProgram(NeuronProgram.GLU, glu, "GLU neurons");
        int h = glu.width();
        Pending mixed = in.then(glu.weight(), glu.bias(), 2 * h);
        int cols = mixed.source().width();
        double[] bias = new double[2 * h];
        for (int o = 0; o < h; o++) {
            bias[2 * o] = mixed.bias()[o];
            bias[2 * o + 1] = mixed.bias()[h + o];
        }
        LogicalBlock b = context.block(glu.name(), NeuronProgram.GLU, h, 0, bias, null, null, mixed.source(), 2L * h * cols, glu, new double[0]);
        b.connect(mixed.rows(0, h).connection(0, 0));
        b.connect(mixed.rows(h, 2 * h).connection(1, 0));
        return Pending.identity(b);
    }
}
