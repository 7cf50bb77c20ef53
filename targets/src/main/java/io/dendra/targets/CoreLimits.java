package io.dendra.targets;

/**
 * What one core holds: neurons, synaptic memory (and whether neuron state shares it), axons, the
 * synapse encoding (words with a header, entries of weight bits plus overhead), and the weight,
 * weight-exponent and delay ranges, and how many received messages a core can hold before its
 * senders wait ({@code receiveBuffer}; 0: unbounded), and how the host's input enters: at the
 * destination core's router ({@code inputNeurons} false), or sent by on-chip input neurons, each
 * channel's from the output stage of the core of its first destination (true); and whether a core
 * stores a convolution's kernel once for all the output positions it holds ({@code sharedKernels},
 * Loihi 2's convolutional connectivity) or a synapse per input and output pair.
 */
public record CoreLimits(int neurons, long synapticMemoryBits, boolean stateSharesMemory, int inputAxons, int outputAxons,
        int synapseWordBits, int synapseWordHeaderBits, int synapseEntryOverheadBits, IntRange weightBits, IntRange weightExponent,
        IntRange delay, int receiveBuffer, boolean inputNeurons, boolean sharedKernels) {

    public CoreLimits {
        if (neurons <= 0 || synapticMemoryBits <= 0 || inputAxons <= 0 || outputAxons <= 0) throw new IllegalArgumentException("core limits are positive");
        if (synapseWordHeaderBits < 0 || synapseEntryOverheadBits < 0 || synapseWordHeaderBits >= synapseWordBits) {
            throw new IllegalArgumentException("the synapse word header is smaller than the word");
        }
        if (weightBits.min() < 1 || synapseWordHeaderBits + synapseEntryOverheadBits + weightBits.max() > synapseWordBits) {
            throw new IllegalArgumentException("a synapse entry fits in a word");
        }
        if (delay.min() < 0) throw new IllegalArgumentException("delays are not negative");
        if (receiveBuffer < 0) throw new IllegalArgumentException("a receive buffer holds 0 (unbounded) or more messages");
    }
}
