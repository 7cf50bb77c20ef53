package io.dendra.targets;

import java.util.OptionalInt;

/** Bit widths of neuron state and decay constants, and of graded spike payloads (empty: binary spikes only). */
public record NumberFormats(int stateBits, int decayBits, OptionalInt gradedPayloadBits) {
    public NumberFormats {
        if (stateBits <= 0 || stateBits > 64 || decayBits <= 0 || decayBits > 32) throw new IllegalArgumentException("bit widths in range");
        if (gradedPayloadBits.isPresent() && (gradedPayloadBits.getAsInt() <= 0 || gradedPayloadBits.getAsInt() > 32)) {
            throw new IllegalArgumentException("graded payloads of 1 to 32 bits");
        }
    }

    public boolean gradedSpikes() {
        return gradedPayloadBits.isPresent();
    }
}
