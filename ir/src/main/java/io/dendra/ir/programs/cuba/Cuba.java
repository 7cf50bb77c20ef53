package io.dendra.ir.programs.cuba;

import static io.dendra.ir.programs.Kernel.NO_MESSAGE;

import io.dendra.ir.programs.Layout;
import io.dendra.ir.programs.ProgramDefinition;
import io.dendra.ir.programs.lif.Lif;
import java.util.List;

/**
 * {@code cuba}: Loihi's current-based LIF as lava-dl NetX deploys it on Loihi 2, with the periodic
 * reset NetX gives every layer ({@code reset_interval}): bit-exact with Lava's
 * {@code PyLifResetModelBitAcc} ({@code lava-nc/lava}, {@code src/lava/proc/lif/models.py}). At the
 * start of an update where the neuron's {@code phase} word is 0 (and {@code reset_interval} is
 * not 0), u and v become 0; then the update is the {@code lif}'s, word for word ({@link Lif#decay},
 * {@link Lif#wrap}, {@link Lif#saturate}): u ← u·(4095 − du)/4096 + a_in·64 (wrapped), v ← v·(4096 −
 * dv)/4096 + u + bias_mant·2^bias_exp (saturated), a spike when v > vth·64, then v = 0; then phase
 * advances by one, to 0 after {@code reset_interval − 1}. Lava resets when its time step T (1 for
 * the first update) satisfies T mod interval = offset, so a layer starts with phase (1 − offset) mod
 * interval. The phase is a state word of each neuron here; Loihi 2 runs the same test in its
 * neuron microcode. Op counts: the lif's 7 plus the phase test and advance (9); inactive = read,
 * test, advance the phase, skip (4).
 */
public final class Cuba {
    /** Parameter words of one neuron, in memory order. */
    public static final int DU = 0, DV = 1, BIAS_MANT = 2, BIAS_EXP = 3, VTH = 4, RESET_INTERVAL = 5, PARAMS = 6;
    /** State words of one neuron, in memory order. */
    public static final int U = 0, V = 1, PHASE = 2, STATE = 3;

    public static final ProgramDefinition DEFINITION = new ProgramDefinition("cuba",
            "Loihi 2 CUBA LIF with NetX's periodic reset, bit-exact with Lava's PyLifResetModelBitAcc", 9, 4, 0,
            new Layout(List.of("du", "dv", "bias_mant", "bias_exp", "vth", "reset_interval"), List.of(), List.of("u", "v", "phase"), List.of(), 1, false,
                    List.of()),
            Cuba::update);

    private Cuba() {}

    /** The phase a neuron starts with so that it resets at Lava's time steps T with T mod interval = offset (T = 1 first). */
    public static int initialPhase(int interval, int offset) {
        return interval <= 0 ? 0 : Math.floorMod(1 - offset, interval);
    }

    static int update(int count, int states, int[] params, long[] state, long[] input, long[] out, int stateBits, int payloadBits, boolean[] activeOut) {
        int active = 0;
        for (int i = 0; i < count; i++) {
            int p = i * PARAMS;
            int s = i * STATE;
            int interval = params[p + RESET_INTERVAL];
            long phase = state[s + PHASE];
            boolean reset = interval > 0 && phase == 0;
            long u = reset ? 0 : state[s + U];
            long v = reset ? 0 : state[s + V];
            long aIn = input[i];
            long biasMant = params[p + BIAS_MANT];
            boolean busy = (aIn | u | v | biasMant) != 0;
            if (activeOut != null) activeOut[i] = busy;
            active += busy ? 1 : 0;
            int biasExp = params[p + BIAS_EXP];
            long bias = biasExp >= 0 ? biasMant << biasExp : biasMant >> -biasExp;
            u = Lif.wrap(Lif.decay(u, 4095 - params[p + DU]) + (aIn << 6));
            v = Lif.saturate(Lif.decay(v, 4096 - params[p + DV]) + u + bias);
            boolean spike = v > (long) params[p + VTH] << 6;
            state[s + U] = u;
            state[s + V] = spike ? 0 : v;
            state[s + PHASE] = interval <= 0 || phase + 1 == interval ? 0 : phase + 1;
            out[i] = spike ? 1 : NO_MESSAGE;
        }
        return active;
    }
}
