package io.dendra.compiler.network;

import java.util.List;

/**
 * A block with its fixed-point formats chosen: the fraction bits of its input compartments and of
 * its payloads, its program's integer parameters and initial state, and its synapse groups with
 * integer weights; with the worst errors quantization made in its coefficients and weights.
 */
public final class QuantizedBlock {
    private final LogicalBlock block;
    private final int[] inputFraction;
    private final int outputFraction;
    private final int[] params;
    private final int[] initialState;
    private final List<QuantizedSynapses> synapses;
    private final double coefficientError;
    private final double weightError;

    public QuantizedBlock(LogicalBlock block, int[] inputFraction, int outputFraction, int[] params, int[] initialState, List<QuantizedSynapses> synapses,
            double coefficientError, double weightError) {
        if (params.length != block.count() * block.program().paramsPerNeuron(block.states())) throw new IllegalArgumentException("params of " + block.name());
        this.block = block;
        this.inputFraction = inputFraction.clone();
        this.outputFraction = outputFraction;
        this.params = params.clone();
        this.initialState = initialState.clone();
        this.synapses = List.copyOf(synapses);
        this.coefficientError = coefficientError;
        this.weightError = weightError;
    }

    public LogicalBlock block() { return block; }
    public String name() { return block.name(); }
    public int inputFraction(int compartment) { return inputFraction[compartment]; }
    /** Fraction bits of its payloads (0 for spikes). */
    public int outputFraction() { return block.graded() ? outputFraction : 0; }
    public int[] params() { return params.clone(); }
    /** The initial state words, empty when all are zero. */
    public int[] initialState() { return initialState.clone(); }
    /** Its synapse groups in the order of {@link LogicalBlock#axonGroups()}. */
    public List<QuantizedSynapses> synapses() { return synapses; }
    /** The worst quantized program coefficient, relative to the largest of its neuron. */
    public double coefficientError() { return coefficientError; }
    /** The worst quantized weight, relative to the largest weight of its axon. */
    public double weightError() { return weightError; }

    /** The sigma-delta threshold in payload units (at least 1), or 0 when the block sends every payload. */
    public int deltaThreshold() {
        double t = block.deltaThreshold();
        return t == 0 ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(Math.scalb(t, outputFraction()))));
    }
}
