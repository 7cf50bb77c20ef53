package io.dendra.compiler.programs.ssm;

import io.dendra.compiler.graph.LifNode;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.S4dNode;
import io.dendra.compiler.lowering.Lowered;
import io.dendra.compiler.lowering.LoweredOutput;
import io.dendra.compiler.lowering.LoweringContext;
import io.dendra.compiler.lowering.Pending;
import io.dendra.compiler.lowering.Waiting;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.compiler.network.RefusedValue;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.ir.NeuronProgram;

/**
 * An S4D layer and the LIF soma that reads it become one {@code ssm} neuron per channel: the S4D
 * waits ({@link #lowerS4d}) for its soma ({@link #lowerSoma}); the S4D's input map becomes the neurons'
 * synapses and bias. The S4D must be causal and read by exactly one soma.
 */
public final class SsmLowering {
    private SsmLowering() {}

    /** An S4D waiting for the LIF soma it fuses with. */
    record WaitingSsm(S4dNode s4d, Pending input) implements Waiting {
        @Override
        public Pending misread(LoweringContext context, Node producer, Node reader) {
            context.refuse(ErrorCode.NOT_LOWERABLE, producer, "layer " + producer.name() + ": an s4d output must go into a lif soma", null);
            return Pending.identity(new RefusedValue(s4d.width(), input.source().sendStep() + 1, true, producer));
        }

        @Override
        public LoweredOutput asOutput(LoweringContext context, Node output) {
            context.refuse(ErrorCode.NOT_LOWERABLE, output, "an s4d output must go into a lif soma", null);
            return null;
        }
    }

    /** The S4D layer: waits for its soma. */
    public static Lowered lowerS4d(S4dNode n, LoweringContext context) {
        if (n.bidirectional()) {
            context.refuse(ErrorCode.BIDIRECTIONAL_ON_CHIP, n, "layer " + n.name() + ": its backward half needs inputs that arrive later", null);
        }
        if (context.consumers(n) != 1) {
            context.refuse(ErrorCode.NOT_LOWERABLE, n, "layer " + n.name() + ": an s4d output must go into exactly one lif soma", null);
        }
        return new WaitingSsm(n, context.pending(n.input(), n));
    }

    /** Whether {@code lif} is the soma of a waiting S4D. */
    public static boolean isSoma(LifNode lif, LoweringContext context) {
        return context.of(lif.input()) instanceof WaitingSsm;
    }

    /** The LIF soma of a waiting S4D: one ssm neuron per channel. */
    public static Lowered lowerSoma(LifNode lif, LoweringContext context) {
        WaitingSsm ssm = (WaitingSsm) context.of(lif.input());
        S4dNode s4d = ssm.s4d();
        Pending in = ssm.input();
        check(context, ssm, lif);
        long dense = (long) s4d.width() * in.source().width() + 8L * s4d.width() * s4d.states();
        LogicalBlock b = context.block(s4d.name(), NeuronProgram.SSM, s4d.width(), s4d.states(), in.bias(), s4d, lif, in.source(), dense, lif,
                new double[0]);
        b.connect(in.connection(0, 0));
        return Pending.identity(b);
    }

    private static void check(LoweringContext context, WaitingSsm ssm, LifNode lif) {
        S4dNode s4d = ssm.s4d();
        if (ssm.input().source().graded() && !context.requireGraded(s4d, "needs")) return;
        if (!context.requireGraded(s4d, "ssm neurons need") || !context.requireProgram(NeuronProgram.SSM, s4d, "an SSM channel with its LIF soma")) return;
        if (lif.reset() != LifNode.Reset.ZERO) context.refuse(ErrorCode.NOT_LOWERABLE, lif, "layer " + lif.name() + ": the ssm soma resets to zero", null);
    }
}
