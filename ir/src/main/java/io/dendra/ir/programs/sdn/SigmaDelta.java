package io.dendra.ir.programs.sdn;

import static io.dendra.ir.programs.Kernel.NO_MESSAGE;

import io.dendra.ir.programs.Layout;
import io.dendra.ir.programs.ProgramDefinition;
import java.util.List;

/**
 * {@code sigma_delta}: Loihi 2's sigma-delta neuron with a ReLU (a NetX SDNN layer), bit-exact
 * with Lava's {@code PySigmaDeltaModelFixed} ({@code lava-nc/lava}, {@code src/lava/proc/sdn/models.py},
 * the model lava-dl's fixed-point run configurations select; its later "corrected" variant
 * differs) without cumulative error: sigma ← sigma + in (the receiver integrates the changes it is
 * sent); act = max(sigma + bias, 0); Δ = act − act_prev + residue; the neuron sends s = Δ when
 * |Δ| ≥ vth, else nothing; residue ← Δ − s; act_prev ← act; the payload is s >> state_exp (a
 * floor), and a payload of 0 is no message. vth and bias are already scaled by 2^(spike_exp +
 * state_exp), as Lava's process scales them. Op counts: active = integrate, add the bias, ReLU,
 * difference, add the residue, compare, keep the residue, shift the payload (8); inactive = read,
 * test, skip (3).
 */
public final class SigmaDelta {
    /** Parameter words of one neuron, in memory order. */
    public static final int VTH = 0, BIAS = 1, STATE_EXP = 2, PARAMS = 3;
    /** State words of one neuron. */
    public static final int SIGMA = 0, ACT = 1, RESIDUE = 2, STATE = 3;

    public static final ProgramDefinition DEFINITION = new ProgramDefinition("sigma_delta",
            "Loihi 2 sigma-delta neuron with a ReLU, bit-exact with Lava's PySigmaDeltaModelFixed", 8, 3, 0,
            new Layout(List.of("vth", "bias", "state_exp"), List.of(), List.of("sigma", "act", "residue"), List.of(), 1, true, List.of()),
            SigmaDelta::update);

    private SigmaDelta() {}

    static int update(int count, int states, int[] params, long[] state, long[] input, long[] out, int stateBits, int payloadBits, boolean[] activeOut) {
        int active = 0;
        for (int i = 0; i < count; i++) {
            int p = i * PARAMS;
            int s = i * STATE;
            long sigma = state[s + SIGMA] + input[i];
            long act = Math.max(sigma + params[p + BIAS], 0);
            long delta = act - state[s + ACT] + state[s + RESIDUE];
            long sent = Math.abs(delta) >= params[p + VTH] ? delta : 0;
            boolean busy = (input[i] | delta) != 0;
            if (activeOut != null) activeOut[i] = busy;
            active += busy ? 1 : 0;
            state[s + SIGMA] = sigma;
            state[s + ACT] = act;
            state[s + RESIDUE] = delta - sent;
            long payload = sent >> params[p + STATE_EXP];
            out[i] = payload != 0 ? payload : NO_MESSAGE;
        }
        return active;
    }
}
