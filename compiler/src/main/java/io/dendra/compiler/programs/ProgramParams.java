package io.dendra.compiler.programs;

/**
 * What a program's quantizer chose for one block: the fraction bits of each input compartment, the
 * integer parameter words (the image's order, neuron after neuron), the initial state words (empty
 * when all are zero), and the worst quantized coefficient relative to the largest of its neuron.
 */
public record ProgramParams(int[] inputFraction, int[] params, int[] initialState, double coefficientError) {
    public ProgramParams {
        inputFraction = inputFraction.clone();
        params = params.clone();
        initialState = initialState.clone();
    }
}
