package io.dendra.ir;

import java.util.Arrays;

/**
 * A core's synapses, by input axon (compressed rows): the synapses of axon {@code a} are
 * {@code start[a] .. start[a+1]}, each a target (neuron × compartments + compartment), a signed
 * weight mantissa and a delay in timesteps; every synapse of an axon shares the axon's weight
 * exponent. A message to axon a with payload p adds {@code weight · p · 2^exponent} to its
 * target's accumulator, read {@code 1 + delay} steps after it was sent.
 */
public final class SynapseTable {
    private final int[] start;
    private final int[] exponent;
    private final int[] target;
    private final int[] weight;
    private final int[] delay;

    public SynapseTable(int[] start, int[] exponent, int[] target, int[] weight, int[] delay) {
        if (start.length != exponent.length + 1 || start[0] != 0) throw new IllegalArgumentException("start has one entry per axon and one more");
        for (int a = 0; a < exponent.length; a++) if (start[a + 1] < start[a]) throw new IllegalArgumentException("start is not increasing");
        int synapses = start[exponent.length];
        if (target.length != synapses || weight.length != synapses || delay.length != synapses) throw new IllegalArgumentException("one target, weight and delay per synapse");
        this.start = start.clone();
        this.exponent = exponent.clone();
        this.target = target.clone();
        this.weight = weight.clone();
        this.delay = delay.clone();
    }

    public static SynapseTable empty() {
        return new SynapseTable(new int[] {0}, new int[0], new int[0], new int[0], new int[0]);
    }

    public int axons() { return exponent.length; }
    public int synapses() { return target.length; }
    public int start(int axon) { return start[axon]; }
    public int end(int axon) { return start[axon + 1]; }
    public int exponent(int axon) { return exponent[axon]; }
    public int target(int synapse) { return target[synapse]; }
    public int weight(int synapse) { return weight[synapse]; }
    public int delay(int synapse) { return delay[synapse]; }

    public int maxDelay() {
        int max = 0;
        for (int d : delay) max = Math.max(max, d);
        return max;
    }

    /** Copies of the arrays, for the simulator's flat layout: start, exponent, target, weight, delay. */
    public int[][] arrays() {
        return new int[][] {start.clone(), exponent.clone(), target.clone(), weight.clone(), delay.clone()};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SynapseTable t && Arrays.equals(start, t.start) && Arrays.equals(exponent, t.exponent) && Arrays.equals(target, t.target)
                && Arrays.equals(weight, t.weight) && Arrays.equals(delay, t.delay);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weight) * 31 + Arrays.hashCode(target);
    }
}
