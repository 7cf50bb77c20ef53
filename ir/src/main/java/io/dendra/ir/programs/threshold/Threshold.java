package io.dendra.ir.programs.threshold;

import static io.dendra.ir.programs.Kernel.NO_MESSAGE;

import io.dendra.ir.programs.Layout;
import io.dendra.ir.programs.ProgramDefinition;
import java.util.List;

/**
 * {@code threshold}: NIR's Threshold, a stateless spike wherever this step's input exceeds the
 * threshold — {@code spike = in + bias > theta}, no state, no leak. Its bias is an input bias (a
 * warm-up moves it into host bias messages). Op counts: active = add the bias, compare, send (3);
 * inactive = read, test, skip (3).
 */
public final class Threshold {
    /** Parameter words of one neuron, in memory order. */
    public static final int BIAS = 0, THETA = 1, PARAMS = 2;

    public static final ProgramDefinition DEFINITION = new ProgramDefinition("threshold",
            "stateless spike when the input exceeds a threshold (NIR Threshold)", 3, 3, 0,
            new Layout(List.of("bias", "theta"), List.of(), List.of(), List.of(), 1, false, List.of("bias")), Threshold::update);

    private Threshold() {}

    static int update(int count, int states, int[] params, long[] state, long[] input, long[] out, int stateBits, int payloadBits, boolean[] activeOut) {
        int active = 0;
        for (int i = 0; i < count; i++) {
            long in = input[i] + params[i * PARAMS + BIAS];
            boolean busy = in != 0;
            if (activeOut != null) activeOut[i] = busy;
            active += busy ? 1 : 0;
            out[i] = in > params[i * PARAMS + THETA] ? 1 : NO_MESSAGE;
        }
        return active;
    }
}
