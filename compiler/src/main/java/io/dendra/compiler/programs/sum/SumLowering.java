package io.dendra.compiler.programs.sum;

import io.dendra.compiler.graph.AddNode;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.lowering.Lowered;
import io.dendra.compiler.lowering.LoweringContext;
import io.dendra.compiler.lowering.Pending;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.ir.NeuronProgram;
import java.util.List;

/**
 * A residual addition becomes a {@code sum} neuron per row adding affine maps of its sources, the
 * earlier sources delayed so that all arrive in the same step (the delay balancing of DESIGN §6);
 * so does an output that is an affine map rather than a block's own values.
 */
public final class SumLowering {
    private SumLowering() {}

    /** What {@code n} lowers to. */
    public static Lowered lower(AddNode n, LoweringContext context) {
        Pending left = context.pending(n.left(), n);
        Pending right = context.pending(n.right(), n);
        return Pending.identity(materialize(context, n.name(), List.of(left, right), n));
    }

    /** A sum neuron per row adding {@code terms}, each delayed to arrive with the latest; the checks the target needs for it. */
    public static LogicalBlock materialize(LoweringContext context, String name, List<Pending> terms, Node valueNode) {
        int rows = terms.get(0).rows();
        int latest = 0;
        for (Pending p : terms) latest = Math.max(latest, p.source().sendStep());
        check(context, name, terms, valueNode, latest);
        double[] bias = new double[rows];
        long dense = 0;
        for (Pending p : terms) {
            for (int r = 0; r < rows; r++) bias[r] += p.bias()[r];
            dense += p.denseOps();
        }
        LogicalBlock sum = new LogicalBlock(name, NeuronProgram.SUM, rows, 0, latest + 1, valueNode, bias, null, null, dense, new double[0]);
        for (Pending p : terms) sum.connect(p.connection(0, latest - p.source().sendStep()));
        return context.add(sum);
    }

    private static void check(LoweringContext context, String name, List<Pending> terms, Node node, int latest) {
        if (!context.requireProgram(NeuronProgram.SUM, node, "a residual sum")) return;
        for (Pending t : terms) if (t.source().graded() && !context.requireGraded(node, "needs")) return;
        for (Pending t : terms) {
            int delay = t.delay() + latest - t.source().sendStep();
            if (!context.target().core().delay().contains(delay)) {
                context.refuse(ErrorCode.DELAY_OUT_OF_RANGE, node, "layer " + name + ": balancing its inputs needs a delay of " + delay + " steps; "
                        + context.target().name() + " allows " + context.target().core().delay(), null);
                return;
            }
        }
    }
}
