package io.dendra.ir.programs.lif;

import static io.dendra.ir.programs.Kernel.NO_MESSAGE;

import io.dendra.ir.programs.Layout;
import io.dendra.ir.programs.ProgramDefinition;
import java.util.List;

/**
 * {@code lif}: Loihi 1's current-based LIF (u, v 24-bit), bit-exact with Lava's
 * {@code PyLifModelBitAcc} ({@code lava-nc/lava}, {@code src/lava/proc/lif/models.py}): u decays by
 * du and takes the input ×64, v decays by dv and adds u and the bias mantissa·2^exponent; u wraps,
 * v saturates; a spike when v > vth·64, then v = 0. Op counts: active = decay u, add input, wrap u,
 * decay v, add u + bias, saturate and compare, reset (7); inactive = read, test, skip (3); with
 * Loihi 1's published 81 pJ / 52 pJ per active/inactive update these give 7.25 pJ per op and a
 * 30.25 pJ base.
 */
public final class Lif {
    /** Parameter words of one neuron, in memory order. */
    public static final int DU = 0, DV = 1, BIAS_MANT = 2, BIAS_EXP = 3, VTH = 4, PARAMS = 5;

    public static final ProgramDefinition DEFINITION = new ProgramDefinition("lif",
            "Loihi 1 CUBA LIF (u, v 24-bit), bit-exact with Lava's PyLifModelBitAcc", 7, 3, 0,
            new Layout(List.of("du", "dv", "bias_mant", "bias_exp", "vth"), List.of(), List.of("u", "v"), List.of(), 1, false, List.of()),
            Lif::update);

    private Lif() {}

    /** A neuron's bias, mantissa·2^exponent (a negative exponent shifts right, flooring). */
    public static long bias(int[] params, int neuron) {
        int p = neuron * PARAMS;
        long mant = params[p + BIAS_MANT];
        int exp = params[p + BIAS_EXP];
        return exp >= 0 ? mant << exp : mant >> -exp;
    }

    /**
     * DESIGN §3 {@code lif}, line by line: u, v 24-bit; u wraps, v saturates; spike when v > vth·64.
     * Written without data-dependent branches (the decays' truncation toward zero as an add of the
     * sign's mask, the wrap and the clamp as selects). A quiet neuron (no input, no bias, zero u and
     * v) is updated like the others: skipping it would be exact when its threshold is not negative,
     * but the branch cost more than the update on the networks measured (docs/PERFORMANCE.md).
     */
    static int update(int count, int states, int[] params, long[] state, long[] input, long[] out, int stateBits, int payloadBits, boolean[] activeOut) {
        int active = 0;
        for (int i = 0; i < count; i++) {
            int p = i * PARAMS;
            long u = state[2 * i];
            long v = state[2 * i + 1];
            long aIn = input[i];
            long biasMant = params[p + BIAS_MANT];
            long vth = (long) params[p + VTH] << 6;
            boolean busy = (aIn | u | v | biasMant) != 0;
            if (activeOut != null) activeOut[i] = busy;
            active += busy ? 1 : 0;
            int biasExp = params[p + BIAS_EXP];
            long bias = biasExp >= 0 ? biasMant << biasExp : biasMant >> -biasExp;
            u = wrap(decay(u, 4095 - params[p + DU]) + (aIn << 6));
            v = saturate(decay(v, 4096 - params[p + DV]) + u + bias);
            boolean spike = v > vth;
            state[2 * i] = u;
            state[2 * i + 1] = spike ? 0 : v;
            out[i] = spike ? 1 : NO_MESSAGE;
        }
        return active;
    }

    /**
     * x · keep / 4096 truncated toward zero, as Lava's {@code sign(x)·(|x·keep| >> 12)}: a negative
     * product adds 4095 before the shift. {@code keep} is 4096 minus the decay.
     */
    public static long decay(long x, int keep) {
        long product = x * keep;
        return (product + ((product >> 63) & 4095)) >> 12;
    }

    /** u wrapped once into 24 bits as Lava wraps it: above 2^23 down by 2^24, at or below −2^23 up by 2^24. */
    public static long wrap(long u) {
        return u + (u <= -(1L << 23) ? 1L << 24 : 0) - (u > (1L << 23) ? 1L << 24 : 0);
    }

    /** v saturated to ±(2^23 − 1). */
    public static long saturate(long v) {
        return Math.max(-(1L << 23) + 1, Math.min((1L << 23) - 1, v));
    }
}
