package io.dendra.ir.programs.ssm;

import static io.dendra.ir.programs.Kernel.NO_MESSAGE;
import static io.dendra.ir.programs.ssm.Ssm.BIAS;
import static io.dendra.ir.programs.ssm.Ssm.HEADER;
import static io.dendra.ir.programs.ssm.Ssm.SHIFT_A;
import static io.dendra.ir.programs.ssm.Ssm.SHIFT_B;
import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.I2L;

import io.dendra.ir.FixedPoint;
import io.dendra.ir.VectorLanes;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@code ssm} update eight complex states at a time, with the JDK's Vector API (the incubating
 * {@code jdk.incubator.vector} module): the same 64-bit integer operations as
 * {@link SsmKernel#scalar}'s right-shift path, lane by lane — products, rounding adds,
 * arithmetic shifts, clamps, and the sum Σ Re(C·s) added in another order, which two's-complement
 * addition does not notice — so results are bit-identical (tested). Used for a block whose neurons
 * all shift to the right and whose state count is a multiple of eight, when
 * {@link VectorLanes#AVAILABLE}; anything else runs {@link SsmKernel#scalar}. Loaded only then.
 */
public final class SsmLanes {
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_512;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
    static final int LANES = 8;

    private SsmLanes() {}

    /** Whether this machine's vectors hold eight longs (else the lanes would be emulated, slower than scalar code). */
    public static boolean supported() {
        return LongVector.SPECIES_PREFERRED.length() >= LANES;
    }

    /** Whether this block can run here: every neuron's two state shifts to the right, and whole vectors of states. */
    public static boolean handles(int count, int states, int[] params) {
        if (states == 0 || states % LANES != 0) return false;
        for (int i = 0; i < count; i++) {
            if (params[i * HEADER + SHIFT_A] <= 0 || params[i * HEADER + SHIFT_B] <= 0) return false;
        }
        return true;
    }

    public static int ssm(int count, int states, int[] params, long[] state, long[] input, long[] out, int stateBits, boolean[] activeOut) {
        SsmWords at = SsmWords.of(count, states);
        long max = FixedPoint.maxMagnitude(stateBits);
        long min = -max - 1;
        int active = 0;
        for (int i = 0; i < count; i++) {
            int h = i * HEADER;
            int shiftA = params[h + SHIFT_A];
            int shiftB = params[h + SHIFT_B];
            long halfA = 1L << (shiftA - 1);
            long halfB = 1L << (shiftB - 1);
            long z = input[i] + params[h + BIAS];
            // (each parameter vector is widened in place, not by a helper: C2 stops inlining helpers in a method this
            // large, and a vector that is not inlined is an object allocated per use)
            LongVector y = LongVector.zero(LONGS);
            LongVector old = LongVector.zero(LONGS);
            int first = i * states;
            for (int n = first; n < first + states; n += LANES) {
                LongVector re = LongVector.fromArray(LONGS, state, at.sRe() + n);
                LongVector im = LongVector.fromArray(LONGS, state, at.sIm() + n);
                old = old.or(re).or(im);
                LongVector ar = (LongVector) IntVector.fromArray(INTS, params, at.aRe() + n).convertShape(I2L, LONGS, 0);
                LongVector ai = (LongVector) IntVector.fromArray(INTS, params, at.aIm() + n).convertShape(I2L, LONGS, 0);
                LongVector br = (LongVector) IntVector.fromArray(INTS, params, at.bRe() + n).convertShape(I2L, LONGS, 0);
                LongVector bi = (LongVector) IntVector.fromArray(INTS, params, at.bIm() + n).convertShape(I2L, LONGS, 0);
                LongVector nextRe = ar.mul(re).sub(ai.mul(im)).add(halfA).lanewise(ASHR, shiftA).add(br.mul(z).add(halfB).lanewise(ASHR, shiftB));
                LongVector nextIm = ar.mul(im).add(ai.mul(re)).add(halfA).lanewise(ASHR, shiftA).add(bi.mul(z).add(halfB).lanewise(ASHR, shiftB));
                re = nextRe.max(min).min(max);
                im = nextIm.max(min).min(max);
                re.intoArray(state, at.sRe() + n);
                im.intoArray(state, at.sIm() + n);
                LongVector cr = (LongVector) IntVector.fromArray(INTS, params, at.cRe() + n).convertShape(I2L, LONGS, 0);
                LongVector ci = (LongVector) IntVector.fromArray(INTS, params, at.cIm() + n).convertShape(I2L, LONGS, 0);
                y = y.add(cr.mul(re).sub(ci.mul(im)));
            }
            boolean busy = (z | old.reduceLanes(VectorOperators.OR) | state[i]) != 0;
            out[i] = SsmKernel.soma(params, state, i, y.reduceLanes(VectorOperators.ADD), z, stateBits) ? 1 : NO_MESSAGE;
            if (busy) active++;
            if (activeOut != null) activeOut[i] = busy;
        }
        return active;
    }

}
