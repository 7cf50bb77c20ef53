package io.dendra.compiler.lowering;

import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.network.HostSource;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.compiler.network.LogicalNetwork;
import io.dendra.compiler.programs.sum.SumLowering;
import io.dendra.ir.OutputMap;
import io.dendra.targets.Target;
import java.util.List;

/**
 * The lower pass (docs/lowering.md): walks a graph whose norms are folded, node by node, and lowers
 * each with the first of {@link LoweringPatterns} that matches it. Each graph value is carried as a
 * pending affine map {@code W·source + b} over something the chip sends, so that linear layers fold
 * into the weights of whatever consumes them; every hop costs one step, which sets each block's
 * start. The output is read from the last block, or from {@code sum} neurons when it is an affine
 * map of one. The patterns also say what cannot map, so the same walk is the legality check: the
 * network is returned only when nothing was refused.
 */
public final class Lowering {

    /** The lowered network (null when some layer cannot map) and every layer that cannot. */
    public record Result(LogicalNetwork network, Legality.Result legality) {
        /** The network, or the first problem's error. */
        public LogicalNetwork orThrow() {
            legality.orThrow();
            return network;
        }
    }

    private Lowering() {}

    /**
     * {@code spikeInput}: the input is spikes (every calibration value 0 or 1), so the host sends
     * binary messages even where graded ones exist, and the first synapses keep their full weight precision.
     */
    public static Result lower(ModelGraph graph, Target target, boolean spikeInput) {
        LoweringContext context = new LoweringContext(graph, target, spikeInput);
        for (Node node : graph.nodes()) context.put(node, LoweringPatterns.lower(node, context));
        LoweredOutput output = output(graph.output(), context);
        Legality.Result legality = new Legality.Result(target.name(), context.problems());
        if (!legality.legal()) return new Result(null, legality);
        HostSource input = (HostSource) ((Pending) context.of(graph.input())).source();
        return new Result(new LogicalNetwork(graph.name(), input, context.blocks(), output.kind(), output.block(), output.bias()), legality);
    }

    private static LoweredOutput output(Node node, LoweringContext context) {
        Lowered value = context.of(node);
        if (value instanceof Waiting waiting) return waiting.asOutput(context, node);
        Pending p = (Pending) value;
        if (p.source() instanceof LogicalBlock b && p.isIdentity()) return new LoweredOutput(OutputMap.Kind.STREAM, b, new double[b.width()]);
        LogicalBlock sum = SumLowering.materialize(context, node.name() + ".out", List.of(p), node);
        return new LoweredOutput(OutputMap.Kind.STREAM, sum, new double[sum.width()]);
    }
}
