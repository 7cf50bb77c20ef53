package io.dendra.ir;

/** The integer operations every neuron program is written in: rounding shifts and saturation. */
public final class FixedPoint {
    private FixedPoint() {}

    /** {@code x · 2^-shift}, rounding half up (toward +∞) for a right shift; exact for a left shift. */
    public static long roundShift(long x, int shift) {
        if (shift <= 0) return x << -shift;
        return (x + (1L << (shift - 1))) >> shift;
    }

    /** Clamps to a signed {@code bits}-bit integer. */
    public static long saturate(long x, int bits) {
        long max = (1L << (bits - 1)) - 1;
        long min = -(1L << (bits - 1));
        return x > max ? max : Math.max(x, min);
    }

    /** The largest magnitude of a signed {@code bits}-bit integer. */
    public static long maxMagnitude(int bits) {
        return (1L << (bits - 1)) - 1;
    }

    /**
     * ⌊log2 x⌋ for a positive finite x, exactly (from the binary exponent, so exact powers of two
     * are not misrounded as {@code Math.log(x) / Math.log(2)} misrounds them).
     */
    public static int floorLog2(double x) {
        if (!(x > 0) || Double.isInfinite(x)) throw new IllegalArgumentException("log2 of " + x);
        if (x < Double.MIN_NORMAL) return Math.getExponent(x * 0x1p54) - 54;
        return Math.getExponent(x);
    }

    /** ⌈log2 x⌉ for a positive finite x, exactly. */
    public static int ceilLog2(double x) {
        int floor = floorLog2(x);
        return Math.scalb(1.0, floor) == x ? floor : floor + 1;
    }
}
