package io.dendra.simulator;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fan-out of a dense row — an axon whose synapses reach consecutive accumulators, as a GLU's
 * 1×1 mix does — eight synapses at a time with the JDK's Vector API: each packed synapse's weight
 * (its low 16 bits, signed) times the message's scaled payload, added to the accumulator at the
 * row's start plus its place. The same integer products and adds as the scalar loop, one per
 * accumulator, so the same sums. Loaded only when {@link io.dendra.ir.VectorLanes#AVAILABLE}.
 */
final class DenseRowLanes {
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_512;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
    static final int LANES = 8;

    private DenseRowLanes() {}

    /** Adds the synapses {@code packed[from .. to)} to {@code ring[at ..]}, in order, for a message scaled to {@code scaled}. */
    static void add(long[] ring, int at, int[] packed, int from, int to, long scaled) {
        int n = to - from;
        int k = 0;
        for (; k <= n - LANES; k += LANES) {
            LongVector weight = (LongVector) IntVector.fromArray(INTS, packed, from + k).lanewise(VectorOperators.LSHL, 16)
                    .lanewise(VectorOperators.ASHR, 16).convertShape(VectorOperators.I2L, LONGS, 0);
            LongVector.fromArray(LONGS, ring, at + k).add(weight.mul(scaled)).intoArray(ring, at + k);
        }
        for (; k < n; k++) ring[at + k] += (short) packed[from + k] * scaled;
    }
}
