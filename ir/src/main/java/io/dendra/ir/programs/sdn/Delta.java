package io.dendra.ir.programs.sdn;

import static io.dendra.ir.programs.Kernel.NO_MESSAGE;

import io.dendra.ir.programs.Layout;
import io.dendra.ir.programs.ProgramDefinition;
import java.util.List;

/**
 * {@code delta}: Loihi 2's delta encoder (a NetX SDNN input layer), bit-exact with Lava's
 * {@code PyDeltaModelFixed} ({@code lava-nc/lava}, {@code src/lava/proc/sdn/models.py}) without
 * cumulative error: a ← in·2^shift (shift = spike_exp + state_exp); Δ = a − act + residue; the
 * neuron sends s = Δ when |Δ| ≥ vth (vth already scaled by 2^shift, as Lava's process scales it),
 * else nothing; residue ← Δ − s; act ← a; the message's payload is s >> state_exp (a floor). A
 * payload of 0 is no message. Op counts: active = shift, difference, add the residue, compare,
 * select, keep the residue, shift the payload (7); inactive = read, test, skip (3).
 */
public final class Delta {
    /** Parameter words of one neuron, in memory order. */
    public static final int VTH = 0, SHIFT = 1, STATE_EXP = 2, PARAMS = 3;
    /** State words of one neuron. */
    public static final int ACT = 0, RESIDUE = 1, STATE = 2;

    public static final ProgramDefinition DEFINITION = new ProgramDefinition("delta",
            "Loihi 2 delta encoder (graded messages of the change), bit-exact with Lava's PyDeltaModelFixed", 7, 3, 0,
            new Layout(List.of("vth", "shift", "state_exp"), List.of(), List.of("act", "residue"), List.of(), 1, true, List.of()), Delta::update);

    private Delta() {}

    static int update(int count, int states, int[] params, long[] state, long[] input, long[] out, int stateBits, int payloadBits, boolean[] activeOut) {
        int active = 0;
        for (int i = 0; i < count; i++) {
            int p = i * PARAMS;
            int s = i * STATE;
            long a = input[i] << params[p + SHIFT];
            long delta = a - state[s + ACT] + state[s + RESIDUE];
            long sent = Math.abs(delta) >= params[p + VTH] ? delta : 0;
            boolean busy = (input[i] | delta) != 0;
            if (activeOut != null) activeOut[i] = busy;
            active += busy ? 1 : 0;
            state[s + RESIDUE] = delta - sent;
            state[s + ACT] = a;
            long payload = sent >> params[p + STATE_EXP];
            out[i] = payload != 0 ? payload : NO_MESSAGE;
        }
        return active;
    }
}
