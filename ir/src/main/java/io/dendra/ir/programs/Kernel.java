package io.dendra.ir.programs;

/**
 * The update of every neuron of a block, once, on its parameters and state in the kernel's order
 * ({@link io.dendra.ir.NeuronProgram#kernelParams}, {@link io.dendra.ir.NeuronProgram#kernelState}):
 * {@code input} holds each neuron's inputs for this step ({@code compartments} per neuron);
 * {@code out} receives a payload (1 for a spike) or {@link #NO_MESSAGE}; {@code activeOut}, when not
 * null, whether each neuron was active. Returns how many were.
 */
@FunctionalInterface
public interface Kernel {
    /** What a neuron that sends nothing this step puts in its output slot. */
    long NO_MESSAGE = Long.MIN_VALUE;

    int update(int count, int states, int[] params, long[] state, long[] input, long[] out, int stateBits, int payloadBits, boolean[] activeOut);
}
