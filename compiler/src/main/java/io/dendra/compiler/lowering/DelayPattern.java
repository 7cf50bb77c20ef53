package io.dendra.compiler.lowering;

import io.dendra.compiler.graph.DelayNode;
import io.dendra.diagnostics.ErrorCode;

/**
 * A delay (NIR's Delay) runs on no neuron: it becomes synaptic delay on the synapses that carry its
 * value ({@link Pending#delayed}). A value sent at step s + t for model step t, delayed d steps,
 * still reaches its readers at s + t + 1 for model step t − d: the readers keep their start step,
 * and see nothing for the first d steps, as the model does. Every channel must have the same delay
 * within the target's range, and no constant may precede it (the model's delayed constant is zero
 * for the first d steps, a neuron's bias is not).
 */
final class DelayPattern {
    private DelayPattern() {}

    /** What {@code n} lowers to. */
    static Lowered lower(DelayNode n, LoweringContext context) {
        Pending in = context.pending(n.input(), n);
        int[] steps = n.steps();
        int d = steps.length == 0 ? 0 : steps[0];
        for (int s : steps) {
            if (s != d) {
                context.refuse(ErrorCode.NOT_LOWERABLE, n, "layer " + n.name() + ": its channels have different delays (" + d + " and " + s
                        + " steps); only one delay for all channels is lowered", null);
                return in;
            }
        }
        for (double b : in.bias()) {
            if (b != 0) {
                context.refuse(ErrorCode.NOT_LOWERABLE, n, "layer " + n.name() + ": a constant (a bias) before a delay has no exact lowering:"
                        + " the delayed constant is zero for its first " + d + " steps", null);
                return in;
            }
        }
        if (!context.target().core().delay().contains(in.delay() + d)) {
            context.refuse(ErrorCode.DELAY_OUT_OF_RANGE, n, "layer " + n.name() + ": a delay of " + (in.delay() + d) + " steps; " + context.target().name()
                    + " allows " + context.target().core().delay(), null);
        }
        return in.delayed(d);
    }
}
