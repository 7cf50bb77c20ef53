package io.dendra.ir;

import java.util.Arrays;

/**
 * How the host reads results: output k comes from neuron {@code neuron[k]} of core {@code core[k]}
 * and is decoded as {@code raw · scale[k] + bias[k]}. A {@link Kind#READOUT} output reads the
 * neuron's accumulator at the end and divides it by the steps accumulated (the mean over time);
 * a {@link Kind#STREAM} output reads the neuron's message at each step from {@code firstStep} on
 * (0 when it sent none), giving one output row per input step.
 */
public final class OutputMap {
    /** Whether outputs are read once per sequence or once per step. */
    public enum Kind { READOUT, STREAM }

    private final Kind kind;
    private final int firstStep;
    private final int[] core;
    private final int[] neuron;
    private final double[] scale;
    private final double[] bias;

    public OutputMap(Kind kind, int firstStep, int[] core, int[] neuron, double[] scale, double[] bias) {
        if (core.length == 0 || neuron.length != core.length || scale.length != core.length || bias.length != core.length || firstStep < 1) {
            throw new IllegalArgumentException("one core, neuron, scale and bias per output");
        }
        this.kind = kind;
        this.firstStep = firstStep;
        this.core = core.clone();
        this.neuron = neuron.clone();
        this.scale = scale.clone();
        this.bias = bias.clone();
    }

    public Kind kind() { return kind; }
    /** The step at which the result for input step 0 is read (readout: the first step accumulated). */
    public int firstStep() { return firstStep; }
    public int outputs() { return core.length; }
    public int core(int k) { return core[k]; }
    public int neuron(int k) { return neuron[k]; }
    public double scale(int k) { return scale[k]; }
    public double bias(int k) { return bias[k]; }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutputMap m && kind == m.kind && firstStep == m.firstStep && Arrays.equals(core, m.core) && Arrays.equals(neuron, m.neuron)
                && Arrays.equals(scale, m.scale) && Arrays.equals(bias, m.bias);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(core) + 31 * firstStep;
    }
}
