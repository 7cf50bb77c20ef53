package io.dendra.compiler.programs.li;

import io.dendra.compiler.graph.DiscreteSsms;
import io.dendra.compiler.graph.IntegratorNode;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.compiler.programs.FixedPointChoices;
import io.dendra.compiler.programs.ProgramCompiler;
import io.dendra.compiler.programs.ProgramParams;
import io.dendra.ir.programs.li.Li;
import java.util.Map;

/**
 * {@code li}: j and v share one format, the most fraction bits that hold how far they reached on the
 * calibration sequences (and the block's input) in the state width and that its largest weight
 * allows; the decays are α and τ as Q12 fractions; {@code shift_out} takes v to its payload's
 * format. Its bias is an input bias, so a warm-up moves it into host bias messages.
 */
public final class LiCompiler implements ProgramCompiler {
    @Override
    public int inputCap(FixedPointChoices q, LogicalBlock b, int compartment) {
        double[] reached = q.calibration().programRanges(b);
        double reach = reached.length == 0 ? 0 : reached[0];
        return FixedPointChoices.fit(Math.max(reach, q.calibration().inputMax(b, 0)), q.stateBits());
    }

    /** The largest |j| or |v| of the block in real numbers on one sequence (one value): j ← α·j + input (its bias included), v ← τ·v + j. */
    @Override
    public double[] measure(LogicalBlock block, double[][] input, Map<Node, double[]> values, int steps, DiscreteSsms ssms) {
        IntegratorNode n = node(block);
        double[] pre = input[0];
        int count = block.count();
        double max = 0;
        for (int i = 0; i < count; i++) {
            double j = 0;
            double v = 0;
            for (int t = 0; t < steps; t++) {
                j = n.currentDecay() * j + pre[t * count + i];
                v = n.tau() * v + j;
                max = Math.max(max, Math.max(Math.abs(j), Math.abs(v)));
            }
        }
        return new double[] {max};
    }

    @Override
    public ProgramParams quantize(FixedPointChoices q, LogicalBlock b) {
        IntegratorNode n = node(b);
        int f = Math.min(inputCap(q, b, 0), q.weightLimit(b, 0));
        int decayJ = (int) Math.round(n.currentDecay() * (1 << Li.DECAY_BITS));
        int decayV = (int) Math.round(n.tau() * (1 << Li.DECAY_BITS));
        int[] params = new int[b.count() * Li.PARAMS];
        double err = Math.max(Math.abs(decayJ / 4096.0 - n.currentDecay()), Math.abs(decayV / 4096.0 - n.tau()));
        for (int i = 0; i < b.count(); i++) {
            int p = i * Li.PARAMS;
            params[p + Li.DECAY_J] = decayJ;
            params[p + Li.DECAY_V] = decayV;
            params[p + Li.BIAS] = FixedPointChoices.toInt(Math.round(Math.scalb(b.bias(i, 0), f)));
            params[p + Li.SHIFT_OUT] = f - q.outputFraction(b);
        }
        return new ProgramParams(new int[] {f}, params, new int[0], err / Math.max(n.tau(), 1e-9));
    }

    private static IntegratorNode node(LogicalBlock block) {
        return (IntegratorNode) block.valueNode();
    }
}
