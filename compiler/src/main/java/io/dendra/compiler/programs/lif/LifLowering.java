package io.dendra.compiler.programs.lif;

import io.dendra.compiler.graph.LifNode;
import io.dendra.compiler.graph.SparseMatrix;
import io.dendra.compiler.lowering.Lowered;
import io.dendra.compiler.lowering.LoweringContext;
import io.dendra.compiler.lowering.Pending;
import io.dendra.compiler.network.Connection;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.ir.NeuronProgram;

/**
 * A LIF layer (not an S4D's soma) becomes {@code lif} neurons: its input map, scaled by the soma's
 * gain, becomes their synapses; a recurrence becomes synapses from the block to itself. The Loihi
 * lif resets to zero and takes spikes.
 */
public final class LifLowering {
    private LifLowering() {}

    /** What {@code lif} lowers to. */
    public static Lowered lower(LifNode lif, LoweringContext context) {
        Pending in = context.pending(lif.input(), lif);
        if (context.requireProgram(NeuronProgram.LIF, lif, "LIF neurons")) {
            if (lif.reset() != LifNode.Reset.ZERO) {
                context.refuse(ErrorCode.NOT_LOWERABLE, lif, "layer " + lif.name() + ": the Loihi lif resets to zero; reset=\"subtract\" has no lowering", null);
            } else if (in.source().graded()) {
                context.requireGraded(lif, "needs");
            }
        }
        return Pending.identity(block(lif, in, context));
    }

    /**
     * The soma's gain scales the incoming map. On the Loihi lif a bias enters v, not the current u.
     * A constant input b into the current (u ← α·u + a + b) is exactly a bias c = b / (1 − α) into v
     * with u starting at −c: u + c then follows the model's current from zero (docs/lowering.md).
     */
    private static LogicalBlock block(LifNode lif, Pending in, LoweringContext context) {
        int h = lif.width();
        double[] scale = lif.inputScale();
        double settle = 1 / (1 - lif.currentDecay());
        double[] recurrentBias = lif.recurrent() ? lif.recurrentBias() : new double[h];
        double[] bias = new double[h];
        double[] initialCurrent = new double[h];
        boolean anyCurrent = false;
        for (int c = 0; c < h; c++) {
            double steady = (in.bias()[c] + recurrentBias[c]) * scale[c] * settle;
            bias[c] = steady + lif.bias(c);
            initialCurrent[c] = -steady;
            anyCurrent |= lif.currentDecay() > 0 && steady != 0;
        }
        Pending scaled = in.scaled(scale, new double[h]);
        LogicalBlock b = context.block(lif.name(), NeuronProgram.LIF, h, 0, bias, null, lif, in.source(),
                in.denseOps() + (lif.recurrent() ? (long) h * h : 0), lif, anyCurrent ? initialCurrent : new double[0]);
        b.connect(scaled.connection(0, 0));
        if (lif.recurrent()) {
            // The block's own spikes of step t arrive at step t + 1: the recurrence reads the previous step, as in the model.
            double[] w = lif.recurrentWeight();
            for (int c = 0; c < h; c++) for (int k = 0; k < h; k++) w[c * h + k] *= scale[c];
            b.connect(Connection.of(b, 0, SparseMatrix.dense(w, h, h), 0));
        }
        return b;
    }
}
