package io.dendra.compiler.programs;

import io.dendra.compiler.network.ChipValue;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.compiler.passes.Calibration;
import io.dendra.ir.FixedPoint;
import io.dendra.targets.Target;

/**
 * What a program's quantizer may ask of the quantize pass: the target and its widths, the calibrated
 * ranges, the payload fraction bits of every source chosen so far, how many fraction bits a
 * compartment's largest incoming weight allows, and a place for notes; with the arithmetic every
 * quantizer shares.
 */
public interface FixedPointChoices {
    /** Values may grow to this multiple of their calibrated maximum before they saturate. */
    double HEADROOM = 2.0;
    int MIN_FRACTION = -24;
    int MAX_FRACTION = 48;

    Target target();

    Calibration calibration();

    /** The width of neuron state. */
    int stateBits();

    /** The width of a graded payload (the state width on targets without graded spikes). */
    int payloadBits();

    /** The payload fraction bits of a graded source (0 for spikes). */
    int outputFraction(ChipValue source);

    /** Lowers a graded block's payload fraction bits, as a block whose payload is its input must. */
    void narrowOutputFraction(LogicalBlock block, int fraction);

    /**
     * The most fraction bits a block's compartment may have so that its largest incoming weight,
     * converted to its units, is still a mantissa of the target's weight bits at its largest exponent.
     */
    int weightLimit(LogicalBlock block, int compartment);

    /** A line for the compile report: what quantization had to clip. */
    void note(String line);

    /** The fraction bits that hold HEADROOM × max in a signed {@code bits}-bit integer. */
    static int fit(double max, int bits) {
        if (!(max > 0)) return Math.min(MAX_FRACTION, bits - 2);
        int f = FixedPoint.floorLog2(FixedPoint.maxMagnitude(bits) / (HEADROOM * max));
        return Math.max(MIN_FRACTION, Math.min(MAX_FRACTION, f));
    }

    /** A long clamped into an int (a parameter word), keeping the int range symmetric. */
    static int toInt(long v) {
        return (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE, v));
    }

    /** round(value · 2^shift), clamped to ±max. */
    static int mantissa(double value, int shift, long max) {
        long q = Math.round(Math.scalb(value, shift));
        return (int) Math.max(-max, Math.min(max, q));
    }
}
