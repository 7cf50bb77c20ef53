package io.dendra.targets;

import io.dendra.ir.Accumulation;
import java.util.OptionalInt;

/**
 * Bit widths of neuron state and decay constants, of graded spike payloads (empty: binary spikes
 * only) and of the {@code lif} bias (a signed mantissa and an exponent range), how a core
 * accumulates its synaptic input, and whether graded messages may be sigma-delta changes that the
 * receiving synapses integrate ({@code sigmaDelta}).
 */
public record NumberFormats(int stateBits, int decayBits, OptionalInt gradedPayloadBits, Accumulation accumulation, int lifBiasMantissaBits,
        IntRange lifBiasExponent, boolean sigmaDelta) {
    public NumberFormats {
        if (stateBits <= 0 || stateBits > 64 || decayBits <= 0 || decayBits > 32) throw new IllegalArgumentException("bit widths in range");
        if (gradedPayloadBits.isPresent() && (gradedPayloadBits.getAsInt() <= 0 || gradedPayloadBits.getAsInt() > 32)) {
            throw new IllegalArgumentException("graded payloads of 1 to 32 bits");
        }
        java.util.Objects.requireNonNull(accumulation);
        if (lifBiasMantissaBits < 2 || lifBiasMantissaBits > 24) throw new IllegalArgumentException("lif bias mantissas of 2 to 24 bits");
        if (lifBiasExponent.min() < -24 || lifBiasExponent.max() > 24) throw new IllegalArgumentException("lif bias exponents within -24 .. 24");
        if (sigmaDelta && (gradedPayloadBits.isEmpty() || accumulation != Accumulation.ROUND_HALF_UP)) {
            throw new IllegalArgumentException("sigma-delta messages need graded payloads and round_half_up accumulation");
        }
    }

    /** Without sigma-delta messages. */
    public NumberFormats(int stateBits, int decayBits, OptionalInt gradedPayloadBits, Accumulation accumulation, int lifBiasMantissaBits,
            IntRange lifBiasExponent) {
        this(stateBits, decayBits, gradedPayloadBits, accumulation, lifBiasMantissaBits, lifBiasExponent, false);
    }

    public boolean gradedSpikes() {
        return gradedPayloadBits.isPresent();
    }

    /** The largest magnitude of a {@code lif} bias mantissa. */
    public int lifBiasMantissaMax() {
        return (1 << (lifBiasMantissaBits - 1)) - 1;
    }
}
