package io.dendra.compiler.lowering;

import io.dendra.compiler.graph.AddNode;
import io.dendra.compiler.graph.DelayNode;
import io.dendra.compiler.graph.DeltaNode;
import io.dendra.compiler.graph.GluNode;
import io.dendra.compiler.graph.InputNode;
import io.dendra.compiler.graph.IntegerNeuronNode;
import io.dendra.compiler.graph.IntegerSynapseNode;
import io.dendra.compiler.graph.IntegratorNode;
import io.dendra.compiler.graph.LifNode;
import io.dendra.compiler.graph.MeanTimeNode;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.S4dNode;
import io.dendra.compiler.graph.ThresholdNode;
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
            NodePattern.of(InputNode.class, InputPattern::lower),
            new AffinePattern(),
            NodePattern.of(IntegerSynapseNode.class, IntegerSynapsePattern::lower),
            NodePattern.of(DelayNode.class, DelayPattern::lower),
            NodePattern.of(DeltaNode.class, DeltaPattern::lower),
            NodePattern.of(S4dNode.class, SsmLowering::lowerS4d),
            NodePattern.of(LifNode.class, SsmLowering::isSoma, SsmLowering::lowerSoma),
            NodePattern.of(LifNode.class, LifLowering::lower),
            NodePattern.of(GluNode.class, GluLowering::lower),
            NodePattern.of(AddNode.class, SumLowering::lower),
            NodePattern.of(MeanTimeNode.class, ReadoutLowering::lower),
            NodePattern.of(IntegratorNode.class, LiLowering::lower),
            NodePattern.of(ThresholdNode.class, ThresholdLowering::lower),
            NodePattern.of(IntegerNeuronNode.class, IntegerNeuronPattern::lower),
            new RefusedLayers());

    private LoweringPatterns() {}

    static Lowered lower(Node node, LoweringContext context) {
        for (LoweringPattern p : PATTERNS) if (p.matches(node, context)) return p.lower(node, context);
        throw new IllegalStateException("no pattern for " + node.name()); // RefusedLayers matches every node
    }
}
