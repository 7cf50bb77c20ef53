package io.dendra.ir.programs.sum;

import static io.dendra.ir.programs.Kernel.NO_MESSAGE;

import io.dendra.ir.FixedPoint;
import io.dendra.ir.programs.Layout;
import io.dendra.ir.programs.ProgramDefinition;
import java.util.List;

/** {@code sum}: adds its graded inputs and its bias and sends the sum, saturated to the payload width, as a graded spike (nothing when it is 0). */
public final class Sum {
    public static final int BIAS = 0, PARAMS = 1;

    public static final ProgramDefinition DEFINITION = new ProgramDefinition("sum", "adds its graded inputs and sends the sum as a graded spike", 2, 1, 0,
            new Layout(List.of("bias"), List.of(), List.of(), List.of(), 1, true, List.of("bias")), Sum::update);

    private Sum() {}

    static int update(int count, int states, int[] params, long[] state, long[] input, long[] out, int stateBits, int payloadBits, boolean[] activeOut) {
        int active = 0;
        for (int i = 0; i < count; i++) {
            if (input[i] != 0) active++;
            if (activeOut != null) activeOut[i] = input[i] != 0;
            long payload = FixedPoint.saturate(input[i] + params[i * PARAMS + BIAS], payloadBits);
            out[i] = payload == 0 ? NO_MESSAGE : payload;
        }
        return active;
    }
}
