package io.dendra.ir;

import java.util.Objects;

/**
 * The neurons of one core: one program, {@code count} neurons of one layer (starting at
 * {@code firstNeuron} of that layer), their parameters (the program's layout, per neuron), and
 * the first timestep they run: before it a block neither updates nor sends, so that no neuron
 * integrates the pipeline's warm-up. The state starts at zero, or at {@code initialState} (the
 * program's state words, per neuron) when one is given.
 */
public final class NeuronBlock {
    private final NeuronProgram program;
    private final String layer;
    private final int firstNeuron;
    private final int count;
    private final int states;
    private final int startStep;
    private final int[] params;
    private final int[] initialState;
    private final int deltaThreshold;
    private final boolean deltaCumulative;

    public NeuronBlock(NeuronProgram program, String layer, int firstNeuron, int count, int states, int startStep, int[] params) {
        this(program, layer, firstNeuron, count, states, startStep, params, new int[0]);
    }

    /** {@code initialState} is empty (all zero) or holds every state word of every neuron. */
    public NeuronBlock(NeuronProgram program, String layer, int firstNeuron, int count, int states, int startStep, int[] params,
            int[] initialState) {
        this(program, layer, firstNeuron, count, states, startStep, params, initialState, 0);
    }

    /**
     * With {@code deltaThreshold} > 0, the block sends sigma-delta messages ({@link DeltaSends}): a
     * neuron sends the change of its payload once it reaches the threshold (in payload units), and
     * nothing else; 0 sends every payload as it is.
     */
    public NeuronBlock(NeuronProgram program, String layer, int firstNeuron, int count, int states, int startStep, int[] params,
            int[] initialState, int deltaThreshold) {
        this(program, layer, firstNeuron, count, states, startStep, params, initialState, deltaThreshold, false);
    }

    /** With {@code deltaCumulative}, the sigma-delta sends carry their unsent error ({@link DeltaSends}). */
    public NeuronBlock(NeuronProgram program, String layer, int firstNeuron, int count, int states, int startStep, int[] params,
            int[] initialState, int deltaThreshold, boolean deltaCumulative) {
        this.deltaCumulative = deltaCumulative && deltaThreshold > 0;
        if (deltaThreshold < 0 || deltaThreshold > 0 && !program.graded()) throw new IllegalArgumentException(layer + ": a delta threshold needs a graded program");
        this.deltaThreshold = deltaThreshold;
        this.program = Objects.requireNonNull(program);
        this.layer = Objects.requireNonNull(layer);
        if (count <= 0 || firstNeuron < 0 || states < 0 || startStep < 1) throw new IllegalArgumentException("bad neuron block of " + layer);
        if (params.length != (long) count * program.paramsPerNeuron(states)) {
            throw new IllegalArgumentException(layer + ": " + params.length + " params for " + count + " " + program.id() + " neurons");
        }
        this.firstNeuron = firstNeuron;
        this.count = count;
        this.states = states;
        this.startStep = startStep;
        this.params = params.clone();
        if (initialState.length != 0 && initialState.length != (long) count * program.stateWords(states)) {
            throw new IllegalArgumentException(layer + ": " + initialState.length + " initial state words for " + count + " " + program.id() + " neurons");
        }
        this.initialState = initialState.clone();
    }

    public NeuronProgram program() { return program; }
    public String layer() { return layer; }
    public int firstNeuron() { return firstNeuron; }
    public int count() { return count; }
    /** Complex states per neuron ({@code ssm}), else 0. */
    public int states() { return states; }
    public int startStep() { return startStep; }
    /** The sigma-delta threshold of the block's messages in payload units; 0 when it sends every payload. */
    public int deltaThreshold() { return deltaThreshold; }
    /** Whether its sigma-delta sends carry their unsent error (cumulative error). */
    public boolean deltaCumulative() { return deltaCumulative; }
    public int compartments() { return program.compartments(); }
    public int param(int index) { return params[index]; }

    /** A copy of the parameters, for the simulator's own arrays. */
    public int[] params() { return params.clone(); }

    /** The initial state words, empty when every word starts at zero. */
    public int[] initialState() { return initialState.clone(); }

    /** Sets {@code state} (of {@link #stateWords()} words) to the block's initial state. */
    public void resetState(long[] state) {
        if (initialState.length == 0) {
            java.util.Arrays.fill(state, 0);
        } else {
            for (int i = 0; i < initialState.length; i++) state[i] = initialState[i];
        }
    }

    /** The parameters in the order the program's kernel reads them ({@link NeuronProgram#kernelParams}). */
    public int[] kernelParams() {
        return program.kernelParams(params, count, states);
    }

    /** The initial state in the order the program's kernel keeps it ({@link NeuronProgram#kernelState}). */
    public long[] initialKernelState() {
        long[] state = new long[stateWords()];
        resetState(state);
        return program.kernelState(state, count, states);
    }

    /** Words of neuron state the block needs. */
    public int stateWords() {
        return count * program.stateWords(states);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NeuronBlock b && program == b.program && layer.equals(b.layer) && firstNeuron == b.firstNeuron && count == b.count
                && states == b.states && startStep == b.startStep && java.util.Arrays.equals(params, b.params) && java.util.Arrays.equals(initialState, b.initialState)
                && deltaThreshold == b.deltaThreshold && deltaCumulative == b.deltaCumulative;
    }

    @Override
    public int hashCode() {
        return Objects.hash(program, layer, firstNeuron, count, states, startStep, java.util.Arrays.hashCode(params));
    }
}
