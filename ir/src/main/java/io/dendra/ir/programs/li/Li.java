package io.dendra.ir.programs.li;

import static io.dendra.ir.FixedPoint.roundShift;
import static io.dendra.ir.FixedPoint.saturate;
import static io.dendra.ir.programs.Kernel.NO_MESSAGE;

import io.dendra.ir.programs.Layout;
import io.dendra.ir.programs.ProgramDefinition;
import java.util.List;

/**
 * {@code li}: a non-spiking leaky integrator that streams its potential — NIR's LI, CubaLI and I
 * (docs/nir.md: J = α·J + R·x, v = τ·v + J + bias; the output is v). Per step, with decays as
 * Q12 fractions and the state width S:
 * <pre>
 *   j ← sat(roundShift(decay_j · j, 12) + input + bias, S)   decay_j = 0: j is this step's input
 *   v ← sat(roundShift(decay_v · v, 12) + j, S)              decay_v = 4096: a pure integrator
 *   payload = sat(roundShift(v, shift_out), P); nothing is sent when it is 0
 * </pre>
 * The bias is added to the input, so a warm-up moves it into host bias messages like any input bias.
 * Op counts: active = decay j, add input, decay v, add j and bias, saturate, scale and send (6);
 * inactive = read, test, skip (3).
 */
public final class Li {
    /** Parameter words of one neuron, in memory order. */
    public static final int DECAY_J = 0, DECAY_V = 1, BIAS = 2, SHIFT_OUT = 3, PARAMS = 4;
    /** The decays are Q12 fractions: the share of j or v a step keeps is decay / 4096. */
    public static final int DECAY_BITS = 12;

    public static final ProgramDefinition DEFINITION = new ProgramDefinition("li",
            "non-spiking leaky integrator (NIR LI, CubaLI, I): current j and potential v, streaming v as a graded message", 6, 3, 0,
            new Layout(List.of("decay_j", "decay_v", "bias", "shift_out"), List.of(), List.of("j", "v"), List.of(), 1, true, List.of("bias")), Li::update);

    private Li() {}

    static int update(int count, int states, int[] params, long[] state, long[] input, long[] out, int stateBits, int payloadBits, boolean[] activeOut) {
        int active = 0;
        for (int i = 0; i < count; i++) {
            int p = i * PARAMS;
            long j = state[2 * i];
            long v = state[2 * i + 1];
            long in = input[i] + params[p + BIAS];
            boolean busy = (in | j | v) != 0;
            if (activeOut != null) activeOut[i] = busy;
            active += busy ? 1 : 0;
            j = saturate(roundShift(params[p + DECAY_J] * j, DECAY_BITS) + in, stateBits);
            v = saturate(roundShift(params[p + DECAY_V] * v, DECAY_BITS) + j, stateBits);
            state[2 * i] = j;
            state[2 * i + 1] = v;
            long payload = saturate(roundShift(v, params[p + SHIFT_OUT]), payloadBits);
            out[i] = payload == 0 ? NO_MESSAGE : payload;
        }
        return active;
    }
}
