package io.dendra.ir.programs;

import java.util.ArrayList;
import java.util.List;

/**
 * One program's memory: its parameter words and state words (fixed ones, then per complex state
 * ones, named {@code w[n]}), its input compartments, whether its messages carry a payload, and the
 * parameter words that are added to each compartment's input as a bias (one per compartment, or
 * none when the program's bias acts elsewhere, as the lif's on v).
 */
public record Layout(List<String> params, List<String> paramsPerState, List<String> state, List<String> statePerState, int compartments,
        boolean graded, List<String> inputBias) {
    public Layout {
        params = List.copyOf(params);
        paramsPerState = List.copyOf(paramsPerState);
        state = List.copyOf(state);
        statePerState = List.copyOf(statePerState);
        inputBias = List.copyOf(inputBias);
    }

    public int paramCount(int states) { return params.size() + paramsPerState.size() * states; }

    public int stateCount(int states) { return state.size() + statePerState.size() * states; }

    /**
     * Where each word of {@code count} neurons goes from the image's order (per neuron: its
     * {@code fixed} words, then {@code perState} words for each of its states) to the kernel's
     * (every neuron's fixed words, neuron after neuron, then each per-state word as
     * {@code [neuron][state]}): entry k is the kernel position of image word k.
     */
    public static int[] kernelPositions(int length, int count, int fixed, int perState, int states) {
        int perNeuron = fixed + perState * states;
        if (length != (long) count * perNeuron) throw new IllegalArgumentException(length + " words for " + count + " neurons of " + perNeuron);
        int cells = count * states;
        int[] position = new int[length];
        for (int i = 0; i < count; i++) {
            for (int w = 0; w < fixed; w++) position[i * perNeuron + w] = i * fixed + w;
            for (int n = 0; n < states; n++) {
                for (int w = 0; w < perState; w++) position[i * perNeuron + fixed + n * perState + w] = count * fixed + w * cells + i * states + n;
            }
        }
        return position;
    }

    /** Every word's name: the fixed ones, then each per-state word as {@code w[n]}. */
    public static List<String> names(List<String> fixed, List<String> perState, int states) {
        List<String> names = new ArrayList<>(fixed);
        for (int n = 0; n < states; n++) for (String w : perState) names.add(w + "[" + n + "]");
        return names;
    }
}
