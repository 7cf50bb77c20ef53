package io.dendra.ir;

import static io.dendra.ir.NeuronKernels.NO_MESSAGE;
import static io.dendra.ir.NeuronKernels.SSM_BIAS;
import static io.dendra.ir.NeuronKernels.SSM_HEADER;
import static io.dendra.ir.NeuronKernels.SSM_SHIFT_A;
import static io.dendra.ir.NeuronKernels.SSM_SHIFT_B;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@code ssm} update eight complex states at a time, with the JDK's Vector API (the incubating
 * {@code jdk.incubator.vector} module): the same 64-bit integer operations as
 * {@link NeuronKernels#ssmScalar}'s right-shift path, lane by lane — products, rounding adds,
 * arithmetic shifts, clamps, and the sum Σ Re(C·s) added in another order, which two's-complement
 * addition does not notice — so results are bit-identical (tested). Used for a block whose neurons
 * all shift to the right and whose state count is a multiple of eight, when
 * {@link VectorLanes#AVAILABLE}; anything else runs {@link NeuronKernels#ssmScalar}. Loaded only then.
 */
final class SsmLanes {
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_512;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
    static final int LANES = 8;

    private SsmLanes() {}

    /** Whether this machine's vectors hold eight longs (else the lanes would be emulated, slower than scalar code). */
    static boolean supported() {
        return LongVector.SPECIES_PREFERRED.length() >= LANES;
    }

    /** Whether this block can run here: every neuron's two state shifts to the right, and whole vectors of states. */
    static boolean handles(int count, int states, int[] params) {
        if (states == 0 || states % LANES != 0) return false;
        for (int i = 0; i < count; i++) {
            if (params[i * SSM_HEADER + SSM_SHIFT_A] <= 0 || params[i * SSM_HEADER + SSM_SHIFT_B] <= 0) return false;
        }
        return true;
    }

    static int ssm(int count, int states, int[] params, long[] state, long[] input, long[] out, int stateBits, boolean[] activeOut) {
        SsmWords at = SsmWords.of(count, states);
        long max = FixedPoint.maxMagnitude(stateBits);
        long min = -max - 1;
        int active = 0;
        for (int i = 0; i < count; i++) {
            int h = i * SSM_HEADER;
            int shiftA = params[h + SSM_SHIFT_A];
            int shiftB = params[h + SSM_SHIFT_B];
            long halfA = 1L << (shiftA - 1);
            long halfB = 1L << (shiftB - 1);
            long z = input[i] + params[h + SSM_BIAS];
            LongVector y = LongVector.zero(LONGS);
            LongVector old = LongVector.zero(LONGS);
            int first = i * states;
            for (int n = first; n < first + states; n += LANES) {
                LongVector re = LongVector.fromArray(LONGS, state, at.sRe() + n);
                LongVector im = LongVector.fromArray(LONGS, state, at.sIm() + n);
                old = old.or(re).or(im);
                LongVector ar = widen(params, at.aRe() + n);
                LongVector ai = widen(params, at.aIm() + n);
                LongVector nextRe = ar.mul(re).sub(ai.mul(im)).add(halfA).lanewise(VectorOperators.ASHR, shiftA)
                        .add(widen(params, at.bRe() + n).mul(z).add(halfB).lanewise(VectorOperators.ASHR, shiftB));
                LongVector nextIm = ar.mul(im).add(ai.mul(re)).add(halfA).lanewise(VectorOperators.ASHR, shiftA)
                        .add(widen(params, at.bIm() + n).mul(z).add(halfB).lanewise(VectorOperators.ASHR, shiftB));
                re = nextRe.max(min).min(max);
                im = nextIm.max(min).min(max);
                re.intoArray(state, at.sRe() + n);
                im.intoArray(state, at.sIm() + n);
                y = y.add(widen(params, at.cRe() + n).mul(re).sub(widen(params, at.cIm() + n).mul(im)));
            }
            boolean busy = (z | old.reduceLanes(VectorOperators.OR) | state[i]) != 0;
            out[i] = NeuronKernels.ssmSoma(params, state, i, y.reduceLanes(VectorOperators.ADD), z, stateBits) ? 1 : NO_MESSAGE;
            if (busy) active++;
            if (activeOut != null) activeOut[i] = busy;
        }
        return active;
    }

    /** Eight consecutive int parameter words as longs. */
    private static LongVector widen(int[] params, int at) {
        return (LongVector) IntVector.fromArray(INTS, params, at).convertShape(VectorOperators.I2L, LONGS, 0);
    }
}
