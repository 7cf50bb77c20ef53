package io.dendra.simulator;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fan-out of a dense row ({@link ChipTables#denseWeight}: a run of weights over consecutive
 * accumulators, zero where the axon has no synapse) eight weights at a time with the JDK's Vector
 * API: each weight times the message's scaled payload, added to its accumulator. The same integer
 * products and adds as the scalar loop, one per accumulator, so the same sums. Loaded only when
 * {@link io.dendra.ir.VectorLanes#AVAILABLE}.
 */
final class DenseRowLanes {
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_512;
    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_128;
    static final int LANES = 8;

    private DenseRowLanes() {}

    /** Adds {@code weight[from .. from + length)} times {@code scaled} to {@code ring[at .. at + length)}. */
    static void add(long[] ring, int at, short[] weight, int from, int length, long scaled) {
        int k = 0;
        for (; k <= length - LANES; k += LANES) {
            LongVector w = (LongVector) ShortVector.fromArray(SHORTS, weight, from + k).convertShape(VectorOperators.S2L, LONGS, 0);
            LongVector.fromArray(LONGS, ring, at + k).add(w.mul(scaled)).intoArray(ring, at + k);
        }
        for (; k < length; k++) ring[at + k] += weight[from + k] * scaled;
    }
}
