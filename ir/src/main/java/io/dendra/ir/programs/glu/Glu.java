package io.dendra.ir.programs.glu;

import static io.dendra.ir.FixedPoint.roundShift;
import static io.dendra.ir.FixedPoint.saturate;
import static io.dendra.ir.programs.Kernel.NO_MESSAGE;

import io.dendra.ir.programs.Layout;
import io.dendra.ir.programs.ProgramDefinition;
import java.util.List;

/**
 * {@code glu}: two dendritic accumulators a and g, and the graded output a·σ(g) ({@link Sigmoid}),
 * rounded by {@code shift_out} and saturated to the payload width (nothing when it is 0).
 */
public final class Glu {
    public static final int BIAS_A = 0, BIAS_G = 1, SHIFT_G = 2, SHIFT_OUT = 3, PARAMS = 4;

    public static final ProgramDefinition DEFINITION = new ProgramDefinition("glu", "two dendritic accumulators a, g and the graded output a·σ(g) (σ by table)",
            6, 2, 0, new Layout(List.of("bias_a", "bias_g", "shift_g", "shift_out"), List.of(), List.of(), List.of(), 2, true, List.of("bias_a", "bias_g")),
            Glu::update);

    private Glu() {}

    /** a = input_a + bias_a, g = input_g + bias_g; out = a·σ(g), σ by table with linear interpolation. */
    static int update(int count, int states, int[] params, long[] state, long[] input, long[] out, int stateBits, int payloadBits, boolean[] activeOut) {
        int active = 0;
        for (int i = 0; i < count; i++) {
            int p = i * PARAMS;
            long a = input[2 * i] + params[p + BIAS_A];
            long g = input[2 * i + 1] + params[p + BIAS_G];
            boolean busy = input[2 * i] != 0 || input[2 * i + 1] != 0;
            if (busy) active++;
            if (activeOut != null) activeOut[i] = busy;
            long payload = saturate(roundShift(a * Sigmoid.of(g, params[p + SHIFT_G]), params[p + SHIFT_OUT]), payloadBits);
            out[i] = payload == 0 ? NO_MESSAGE : payload;
        }
        return active;
    }
}
