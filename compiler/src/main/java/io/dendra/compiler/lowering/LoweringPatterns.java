package io.dendra.compiler.lowering;

import io.dendra.compiler.graph.Node;
import io.dendra.compiler.programs.glu.GluLowering;
import io.dendra.compiler.programs.li.LiLowering;
import io.dendra.compiler.programs.lif.LifLowering;
import io.dendra.compiler.programs.readout.ReadoutLowering;
import io.dendra.compiler.programs.ssm.SsmLowering;
import io.dendra.compiler.programs.sum.SumLowering;
import io.dendra.compiler.programs.threshold.ThresholdLowering;
import java.util.List;

/** Every lowering pattern, in the order they are tried: the first that matches a node lowers it. */
final class LoweringPatterns {
    private static final List<LoweringPattern> PATTERNS = List.of(
            new InputPattern(),
            new AffinePattern(),
            new DelayPattern(),
            new SsmLowering.S4d(),
            new SsmLowering.Soma(),
            new LifLowering(),
            new GluLowering(),
            new SumLowering(),
            new ReadoutLowering(),
            new LiLowering(),
            new ThresholdLowering(),
            new RefusedLayers());

    private LoweringPatterns() {}

    static Lowered lower(Node node, LoweringContext context) {
        for (LoweringPattern p : PATTERNS) if (p.matches(node, context)) return p.lower(node, context);
        throw new IllegalStateException("no pattern for " + node.name()); // RefusedLayers matches every node
    }
}
