package io.dendra.ir.programs.ssm;

import static io.dendra.ir.FixedPoint.roundShift;
import static io.dendra.ir.FixedPoint.saturate;
import static io.dendra.ir.programs.Kernel.NO_MESSAGE;
import static io.dendra.ir.programs.ssm.Ssm.BIAS;
import static io.dendra.ir.programs.ssm.Ssm.D;
import static io.dendra.ir.programs.ssm.Ssm.HEADER;
import static io.dendra.ir.programs.ssm.Ssm.SHIFT_A;
import static io.dendra.ir.programs.ssm.Ssm.SHIFT_B;
import static io.dendra.ir.programs.ssm.Ssm.SHIFT_C;
import static io.dendra.ir.programs.ssm.Ssm.SHIFT_D;
import static io.dendra.ir.programs.ssm.Ssm.TAU;
import static io.dendra.ir.programs.ssm.Ssm.TAU_BITS;
import static io.dendra.ir.programs.ssm.Ssm.THETA;

import io.dendra.ir.FixedPoint;
import io.dendra.ir.VectorLanes;

/**
 * The {@code ssm} update, bit by bit: z = input + bias; per complex state s ← Ā·s + B̄·z (each
 * product rounded once, states saturated); y = Σ Re(C·s) (rounded once) + D·z; soma v ← tau·v + y;
 * spike when v ≥ θ, then v = 0. Parameters and state in the kernel's order
 * ({@link io.dendra.ir.NeuronProgram#kernelParams}): the header words neuron after neuron, then Ā, B̄
 * and C's real and imaginary parts and the states' as one array each over [neuron][state]
 * ({@link SsmWords}), so that the loop over a neuron's states reads consecutive words. Runs
 * {@link SsmLanes} where it can, the scalar definition otherwise.
 */
public final class SsmKernel {
    private SsmKernel() {}

    static int update(int count, int states, int[] params, long[] state, long[] input, long[] out, int stateBits, int payloadBits, boolean[] activeOut) {
        if (VectorLanes.AVAILABLE && SsmLanes.handles(count, states, params)) return SsmLanes.ssm(count, states, params, state, input, out, stateBits, activeOut);
        return scalar(count, states, params, state, input, out, stateBits, activeOut);
    }

    /**
     * The definition, one state at a time, which {@link SsmLanes} computes eight states at a time.
     * When both of a neuron's state shifts are to the right (as the compiler chooses them) the
     * rounding shifts are written out without a branch on the shift's sign.
     */
    public static int scalar(int count, int states, int[] params, long[] state, long[] input, long[] out, int stateBits, boolean[] activeOut) {
        SsmWords at = SsmWords.of(count, states);
        long max = FixedPoint.maxMagnitude(stateBits);
        long min = -max - 1;
        int active = 0;
        for (int i = 0; i < count; i++) {
            int h = i * HEADER;
            int shiftA = params[h + SHIFT_A];
            int shiftB = params[h + SHIFT_B];
            long z = input[i] + params[h + BIAS];
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
            out[i] = soma(params, state, i, y, z, stateBits) ? 1 : NO_MESSAGE;
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
    static boolean soma(int[] params, long[] state, int i, long y, long z, int stateBits) {
        int h = i * HEADER;
        long soma = roundShift(y, params[h + SHIFT_C]) + roundShift((long) params[h + D] * z, params[h + SHIFT_D]);
        long v = saturate(roundShift((long) params[h + TAU] * state[i], TAU_BITS) + soma, stateBits);
        boolean spike = v >= params[h + THETA];
        state[i] = spike ? 0 : v;
        return spike;
    }
}
