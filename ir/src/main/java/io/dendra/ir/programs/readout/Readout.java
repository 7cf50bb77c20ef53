package io.dendra.ir.programs.readout;

import static io.dendra.ir.programs.Kernel.NO_MESSAGE;

import io.dendra.ir.programs.Layout;
import io.dendra.ir.programs.ProgramDefinition;
import java.util.List;

/** {@code readout}: accumulates its input over the sequence into {@code sum}, which the host reads at the end; sends nothing. */
public final class Readout {
    public static final ProgramDefinition DEFINITION = new ProgramDefinition("readout",
            "accumulates its input over the sequence; read by the host at the end", 2, 1, 0,
            new Layout(List.of(), List.of(), List.of("sum"), List.of(), 1, false, List.of()), Readout::update);

    private Readout() {}

    static int update(int count, int states, int[] params, long[] state, long[] input, long[] out, int stateBits, int payloadBits, boolean[] activeOut) {
        int active = 0;
        for (int i = 0; i < count; i++) {
            if (input[i] != 0) active++;
            if (activeOut != null) activeOut[i] = input[i] != 0;
            state[i] += input[i];
            out[i] = NO_MESSAGE;
        }
        return active;
    }
}
