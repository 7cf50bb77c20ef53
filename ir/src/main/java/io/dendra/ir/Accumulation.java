package io.dendra.ir;

/**
 * How a core turns the synaptic messages of a step into its neurons' input: the one definition
 * of dendritic accumulation that {@link ImageExecutor} and the simulator both run. Which one a chip
 * uses is a property of its target ({@code formats.accumulation}); docs/neuron-programs.md states
 * both in prose.
 */
public enum Accumulation {
    /**
     * Dendra's definition (no published source for Loihi 2's dendrite): every synapse adds
     * {@code (weight · payload) << (exponent + 8)} to a 64-bit accumulator that keeps 8 fraction
     * bits below the input LSB; the neuron reads it rounded half up, {@code roundShift(acc, 8)}.
     */
    ROUND_HALF_UP("round_half_up"),
    /**
     * Loihi 1 as Lava's bit-accurate Dense ({@code PyDenseModelBitAcc}): the synapses of one
     * group (one Lava Dense, all sharing the group's exponent) sum {@code weight · payload} per
     * target; the sum is shifted once, left for exponent ≥ 0 and right with floor for exponent < 0;
     * the neuron's input is the sum of its groups' shifted sums.
     */
    FLOOR_PER_GROUP("floor_per_group");

    /** Fraction bits of a {@link #ROUND_HALF_UP} accumulator below the neuron's input LSB. */
    public static final int FRACTION_BITS = 8;

    private final String id;

    Accumulation(String id) {
        this.id = id;
    }

    /** The name in target files. */
    public String id() { return id; }

    public static Accumulation byId(String id) {
        for (Accumulation a : values()) if (a.id.equals(id)) return a;
        return null;
    }

    /**
     * What one synapse adds to its accumulator for a message of {@code payload}: its weight times
     * the payload shifted by {@link #payloadShift} (the same as shifting the product, in 64-bit
     * two's complement), so that an engine can shift a message's payload once for all its synapses.
     */
    public long term(int weight, int exponent, long payload) {
        return (long) weight * (payload << payloadShift(exponent));
    }

    /** How far a message's payload is shifted left before it is multiplied by each weight of an axon of {@code exponent}. */
    public int payloadShift(int exponent) {
        return this == ROUND_HALF_UP ? exponent + FRACTION_BITS : 0;
    }

    /** A neuron's input from one accumulator (for {@link #FLOOR_PER_GROUP}, one group's, whose exponent is given). */
    public long read(long accumulator, int exponent) {
        if (this == ROUND_HALF_UP) return FixedPoint.roundShift(accumulator, FRACTION_BITS);
        return exponent >= 0 ? accumulator << exponent : accumulator >> -exponent;
    }
}
