package io.dendra.ir;

import static io.dendra.ir.FixedPoint.roundShift;
import static io.dendra.ir.FixedPoint.saturate;

/**
 * The fixed-point update of every neuron program, bit by bit, each program's kernel named by its
 * {@link NeuronProgram} constant: the one definition both the functional {@link ImageExecutor}
 * and the cycle-level simulator run. docs/neuron-programs.md states the same arithmetic in prose. All arithmetic is on {@code long}; widths are enforced by
 * {@link FixedPoint#saturate} where the text says so.
 */
public final class NeuronKernels {
    /** What a neuron that sends nothing this step puts in its output slot. */
    public static final long NO_MESSAGE = Long.MIN_VALUE;

    // lif parameters (DESIGN §3, Lava's PyLifModelBitAcc)
    public static final int LIF_DU = 0, LIF_DV = 1, LIF_BIAS_MANT = 2, LIF_BIAS_EXP = 3, LIF_VTH = 4, LIF_PARAMS = 5;
    // ssm parameters: a header, then per complex state: Ā (re, im), B̄ (re, im), C (re, im)
    public static final int SSM_STATES = 0, SSM_SHIFT_A = 1, SSM_SHIFT_B = 2, SSM_SHIFT_C = 3, SSM_D = 4, SSM_SHIFT_D = 5,
            SSM_BIAS = 6, SSM_TAU = 7, SSM_THETA = 8, SSM_HEADER = 9, SSM_PER_STATE = 6;
    /** The soma decay is a Q12 fraction: tau = TAU / 4096. */
    public static final int SSM_TAU_BITS = 12;
    // glu parameters
    public static final int GLU_BIAS_A = 0, GLU_BIAS_G = 1, GLU_SHIFT_G = 2, GLU_SHIFT_OUT = 3, GLU_PARAMS = 4;
    // sum parameters
    public static final int SUM_BIAS = 0, SUM_PARAMS = 1;

    /** σ sampled every 1/32 over [−8, 8] in Q16: entry k is round(σ(−8 + k/32) · 2^16). */
    public static final int SIGMOID_FRACTION_BITS = 16;
    /** The table position is the argument in units of 2^-13 (1/32 steps with 8 fraction bits). */
    public static final int SIGMOID_ARGUMENT_BITS = 13;
    private static final int SIGMOID_STEPS_PER_UNIT = 32;
    private static final int SIGMOID_ENTRIES = 512;
    private static final int[] SIGMOID = sigmoidTable();

    private NeuronKernels() {}

    /**
     * DESIGN §3 {@code lif}, line by line: u, v 24-bit; u wraps, v saturates; spike when v > vth·64.
     * Written without data-dependent branches (the decays' truncation toward zero as an add of the
     * sign's mask, the wrap and the clamp as selects). A quiet neuron (no input, no bias, zero u and
     * v) is updated like the others: skipping it would be exact when its threshold is not negative,
     * but the branch cost more than the update on the networks measured (docs/PERFORMANCE.md).
     */
    static int lif(int count, int states, int[] params, long[] state, long[] input, long[] out, int stateBits, int payloadBits, boolean[] activeOut) {
        int active = 0;
        for (int i = 0; i < count; i++) {
            int p = i * LIF_PARAMS;
            long u = state[2 * i];
            long v = state[2 * i + 1];
            long aIn = input[i];
            long biasMant = params[p + LIF_BIAS_MANT];
            long vth = (long) params[p + LIF_VTH] << 6;
            boolean busy = (aIn | u | v | biasMant) != 0;
            if (activeOut != null) activeOut[i] = busy;
            active += busy ? 1 : 0;
            int biasExp = params[p + LIF_BIAS_EXP];
            long bias = biasExp >= 0 ? biasMant << biasExp : biasMant >> -biasExp;
            // x · (4096 − d) / 4096, truncated toward zero (Lava's sign(x)·(|x| >> 12)): a negative product adds 4095 first
            long pu = u * (4095 - params[p + LIF_DU]);
            u = ((pu + ((pu >> 63) & 4095)) >> 12) + (aIn << 6);
            u += (u <= -(1L << 23) ? 1L << 24 : 0) - (u > (1L << 23) ? 1L << 24 : 0);
            long qv = v * (4096 - params[p + LIF_DV]);
            v = ((qv + ((qv >> 63) & 4095)) >> 12) + u + bias;
            v = Math.max(-(1L << 23) + 1, Math.min((1L << 23) - 1, v));
            boolean spike = v > vth;
            state[2 * i] = u;
            state[2 * i + 1] = spike ? 0 : v;
            out[i] = spike ? 1 : NO_MESSAGE;
        }
        return active;
    }

    /**
     * The SpikingSSM channel: z = input + bias; per complex state s ← Ā·s + B̄·z (each product
     * rounded once, states saturated); y = Σ Re(C·s) (rounded once) + D·z; soma v ← tau·v + y;
     * spike when v ≥ θ, then v = 0. Parameters and state in the kernel's order
     * ({@link NeuronProgram#kernelParams}): the header words neuron after neuron, then Ā, B̄ and C's
     * real and imaginary parts and the states' as one array each over [neuron][state], so that the
     * loop over a neuron's states reads consecutive words; when both of a neuron's state shifts are
     * to the right (as the compiler chooses them) the rounding shifts are written out without a
     * branch on the shift's sign.
     */
    static int ssm(int count, int states, int[] params, long[] state, long[] input, long[] out, int stateBits, int payloadBits, boolean[] activeOut) {
        if (VectorLanes.AVAILABLE && SsmLanes.handles(count, states, params)) return SsmLanes.ssm(count, states, params, state, input, out, stateBits, activeOut);
        return ssmScalar(count, states, params, state, input, out, stateBits, activeOut);
    }

    /** {@link #ssm} one state at a time: the definition, which {@link SsmLanes} computes eight states at a time. */
    static int ssmScalar(int count, int states, int[] params, long[] state, long[] input, long[] out, int stateBits, boolean[] activeOut) {
        SsmWords at = SsmWords.of(count, states);
        long max = FixedPoint.maxMagnitude(stateBits);
        long min = -max - 1;
        int active = 0;
        for (int i = 0; i < count; i++) {
            int h = i * SSM_HEADER;
            int shiftA = params[h + SSM_SHIFT_A];
            int shiftB = params[h + SSM_SHIFT_B];
            long z = input[i] + params[h + SSM_BIAS];
            long y = 0;
            long old = 0;
            int first = i * states;
            int end = first + states;
            if (shiftA > 0 && shiftB > 0) {
                // the compiler's case: both shifts to the right, so roundShift(x, k) = (x + 2^(k−1)) >> k, with no branch on k
                long halfA = 1L << (shiftA - 1);
                long halfB = 1L << (shiftB - 1);
                for (int n = first; n < end; n++) {
                    long re = state[at.sRe() + n];
                    long im = state[at.sIm() + n];
                    old |= re | im;
                    long ar = params[at.aRe() + n];
                    long ai = params[at.aIm() + n];
                    long nextRe = (ar * re - ai * im + halfA >> shiftA) + ((long) params[at.bRe() + n] * z + halfB >> shiftB);
                    long nextIm = (ar * im + ai * re + halfA >> shiftA) + ((long) params[at.bIm() + n] * z + halfB >> shiftB);
                    re = Math.max(min, Math.min(max, nextRe));
                    im = Math.max(min, Math.min(max, nextIm));
                    state[at.sRe() + n] = re;
                    state[at.sIm() + n] = im;
                    y += params[at.cRe() + n] * re - params[at.cIm() + n] * im;
                }
            } else {
                for (int n = first; n < end; n++) {
                    long re = state[at.sRe() + n];
                    long im = state[at.sIm() + n];
                    old |= re | im;
                    long ar = params[at.aRe() + n];
                    long ai = params[at.aIm() + n];
                    long nextRe = roundShift(ar * re - ai * im, shiftA) + roundShift((long) params[at.bRe() + n] * z, shiftB);
                    long nextIm = roundShift(ar * im + ai * re, shiftA) + roundShift((long) params[at.bIm() + n] * z, shiftB);
                    re = saturate(nextRe, stateBits);
                    im = saturate(nextIm, stateBits);
                    state[at.sRe() + n] = re;
                    state[at.sIm() + n] = im;
                    y += params[at.cRe() + n] * re - params[at.cIm() + n] * im;
                }
            }
            boolean busy = (z | old | state[i]) != 0;
            out[i] = ssmSoma(params, state, i, y, z, stateBits) ? 1 : NO_MESSAGE;
            if (busy) active++;
            if (activeOut != null) activeOut[i] = busy;
        }
        return active;
    }

    /**
     * The soma of ssm neuron {@code i} once its states are updated: y = Σ Re(C·s) (given unrounded)
     * rounded once, plus D·z; v ← tau·v + y, saturated; a spike when v ≥ θ, then v = 0. Returns
     * whether it spiked.
     */
    static boolean ssmSoma(int[] params, long[] state, int i, long y, long z, int stateBits) {
        int h = i * SSM_HEADER;
        long soma = roundShift(y, params[h + SSM_SHIFT_C]) + roundShift((long) params[h + SSM_D] * z, params[h + SSM_SHIFT_D]);
        long v = saturate(roundShift((long) params[h + SSM_TAU] * state[i], SSM_TAU_BITS) + soma, stateBits);
        boolean spike = v >= params[h + SSM_THETA];
        state[i] = spike ? 0 : v;
        return spike;
    }

    /** a = input_a + bias_a, g = input_g + bias_g; out = a·σ(g), σ by table with linear interpolation. */
    static int glu(int count, int states, int[] params, long[] state, long[] input, long[] out, int stateBits, int payloadBits, boolean[] activeOut) {
        int active = 0;
        for (int i = 0; i < count; i++) {
            int p = i * GLU_PARAMS;
            long a = input[2 * i] + params[p + GLU_BIAS_A];
            long g = input[2 * i + 1] + params[p + GLU_BIAS_G];
            boolean busy = input[2 * i] != 0 || input[2 * i + 1] != 0;
            if (busy) active++;
            if (activeOut != null) activeOut[i] = busy;
            long payload = saturate(roundShift(a * sigmoid(g, params[p + GLU_SHIFT_G]), params[p + GLU_SHIFT_OUT]), payloadBits);
            out[i] = payload == 0 ? NO_MESSAGE : payload;
        }
        return active;
    }

    /**
     * σ(g) in Q16 for g in units with {@code shift} = (fraction bits of g) − 13: the table position
     * is g·2^-shift in 2^-13 units of the argument, i.e. 1/32 steps with 8 fraction bits, linearly
     * interpolated; outside [−8, 8] σ is the table's end value.
     */
    public static long sigmoid(long g, int shift) {
        long position = roundShift(g, shift) + ((long) SIGMOID_ENTRIES / 2 << 8);
        if (position <= 0) return SIGMOID[0];
        long k = position >> 8;
        if (k >= SIGMOID_ENTRIES) return SIGMOID[SIGMOID_ENTRIES];
        long fraction = position & 0xff;
        int low = SIGMOID[(int) k];
        return low + roundShift((SIGMOID[(int) k + 1] - low) * fraction, 8);
    }

    static int sum(int count, int states, int[] params, long[] state, long[] input, long[] out, int stateBits, int payloadBits, boolean[] activeOut) {
        int active = 0;
        for (int i = 0; i < count; i++) {
            if (input[i] != 0) active++;
            if (activeOut != null) activeOut[i] = input[i] != 0;
            long payload = saturate(input[i] + params[i * SUM_PARAMS + SUM_BIAS], payloadBits);
            out[i] = payload == 0 ? NO_MESSAGE : payload;
        }
        return active;
    }

    static int readout(int count, int states, int[] params, long[] state, long[] input, long[] out, int stateBits, int payloadBits, boolean[] activeOut) {
        int active = 0;
        for (int i = 0; i < count; i++) {
            if (input[i] != 0) active++;
            if (activeOut != null) activeOut[i] = input[i] != 0;
            state[i] += input[i];
            out[i] = NO_MESSAGE;
        }
        return active;
    }

    private static int[] sigmoidTable() {
        int[] table = new int[SIGMOID_ENTRIES + 1];
        for (int k = 0; k <= SIGMOID_ENTRIES; k++) {
            double x = -8.0 + (double) k / SIGMOID_STEPS_PER_UNIT;
            table[k] = (int) Math.round((1 << SIGMOID_FRACTION_BITS) / (1 + Math.exp(-x)));
        }
        return table;
    }
}
