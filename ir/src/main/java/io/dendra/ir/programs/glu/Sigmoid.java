package io.dendra.ir.programs.glu;

import io.dendra.ir.FixedPoint;

/** The {@code glu}'s σ: a table sampled every 1/32 over [−8, 8] in Q16, linearly interpolated. */
public final class Sigmoid {
    /** σ's values are Q16: entry k is round(σ(−8 + k/32) · 2^16). */
    public static final int FRACTION_BITS = 16;
    /** The table position is the argument in units of 2^-13 (1/32 steps with 8 fraction bits). */
    public static final int ARGUMENT_BITS = 13;
    private static final int STEPS_PER_UNIT = 32;
    private static final int ENTRIES = 512;
    private static final int[] TABLE = table();

    private Sigmoid() {}

    /**
     * σ(g) in Q16 for g in units with {@code shift} = (fraction bits of g) − 13: the table position
     * is g·2^-shift in 2^-13 units of the argument, i.e. 1/32 steps with 8 fraction bits, linearly
     * interpolated; outside [−8, 8] σ is the table's end value.
     */
    public static long of(long g, int shift) {
        long position = FixedPoint.roundShift(g, shift) + ((long) ENTRIES / 2 << 8);
        if (position <= 0) return TABLE[0];
        long k = position >> 8;
        if (k >= ENTRIES) return TABLE[ENTRIES];
        long fraction = position & 0xff;
        int low = TABLE[(int) k];
        return low + FixedPoint.roundShift((TABLE[(int) k + 1] - low) * fraction, 8);
    }

    private static int[] table() {
        int[] table = new int[ENTRIES + 1];
        for (int k = 0; k <= ENTRIES; k++) {
            double x = -8.0 + (double) k / STEPS_PER_UNIT;
            table[k] = (int) Math.round((1 << FRACTION_BITS) / (1 + Math.exp(-x)));
        }
        return table;
    }
}
