package io.dendra.compiler.lowering;

import io.dendra.compiler.graph.InputNode;
import io.dendra.compiler.network.HostSource;
import io.dendra.diagnostics.ErrorCode;

/** The model's input: the host sends it, graded where the target carries payloads and the input is not spikes; token inputs need a lookup the chip has not. */
final class InputPattern {
    private InputPattern() {}

    /** What {@code in} lowers to. */
    static Lowered lower(InputNode in, LoweringContext context) {
        if (in.tokens()) {
            context.refuse(ErrorCode.NOT_LOWERABLE, in, "token input '" + in.name() + "' needs an embedding lookup, which runs on the host and is not lowered",
                    "feed the embedded vectors as a real input");
        }
        return Pending.identity(new HostSource(in, context.spikeInput() || !context.target().formats().gradedSpikes()));
    }
}
