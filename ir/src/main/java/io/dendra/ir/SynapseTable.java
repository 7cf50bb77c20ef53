package io.dendra.ir;

import java.util.Arrays;

/**
 * A core's synapses, by input axon (compressed rows): the synapses of axon {@code a} are
 * {@code start[a] .. start[a+1]}, each a target (neuron × compartments + compartment), a signed
 * weight mantissa and a delay in timesteps; every synapse of an axon shares the axon's weight
 * exponent. A message to axon a with payload p adds {@code weight · p · 2^exponent} to its
 * target's input, read {@code 1 + delay} steps after it was sent, accumulated as the chip's
 * {@link Accumulation} says.
 *
 * <p>Each axon also belongs to a synapse group, numbered from 0 within the core: the axons of one
 * source layer (one Lava Dense), whose sums a {@link Accumulation#FLOOR_PER_GROUP} chip shifts once
 * per group. A table built without groups puts the axons that share an exponent in one group. An
 * axon fed by a sigma-delta source integrates ({@link #integrates}).
 */
public final class SynapseTable {
    private final int[] start;
    private final int[] exponent;
    private final int[] target;
    private final int[] weight;
    private final int[] delay;
    private final int[] group;
    private final int groups;
    /** Per axon: whether it integrates (a sigma-delta source's messages are changes: its synapses' sum persists). */
    private final boolean[] integrates;
    /** Each group's exponent: its first axon's. */
    private final int[] groupExponent;

    /** A table whose axons are grouped by exponent (in order of first appearance). */
    public SynapseTable(int[] start, int[] exponent, int[] target, int[] weight, int[] delay) {
        this(start, exponent, target, weight, delay, groupsByExponent(exponent));
    }

    public SynapseTable(int[] start, int[] exponent, int[] target, int[] weight, int[] delay, int[] group) {
        this(start, exponent, target, weight, delay, group, new boolean[exponent.length]);
    }

    /**
     * With, per axon, whether it integrates: the messages of a sigma-delta source are changes, so what
     * such an axon's synapses add stays in the target's input from the step it arrives on (its sigma),
     * where another axon's counts for one step.
     */
    public SynapseTable(int[] start, int[] exponent, int[] target, int[] weight, int[] delay, int[] group, boolean[] integrates) {
        if (integrates.length != exponent.length) throw new IllegalArgumentException("one integrates flag per axon");
        if (start.length != exponent.length + 1 || start[0] != 0) throw new IllegalArgumentException("start has one entry per axon and one more");
        for (int a = 0; a < exponent.length; a++) if (start[a + 1] < start[a]) throw new IllegalArgumentException("start is not increasing");
        int synapses = start[exponent.length];
        if (target.length != synapses || weight.length != synapses || delay.length != synapses) throw new IllegalArgumentException("one target, weight and delay per synapse");
        if (group.length != exponent.length) throw new IllegalArgumentException("one group per axon");
        int count = 0;
        for (int g : group) {
            if (g < 0 || g > count) throw new IllegalArgumentException("groups are numbered from 0 in order of first use");
            if (g == count) count++;
        }
        this.start = start.clone();
        this.exponent = exponent.clone();
        this.target = target.clone();
        this.weight = weight.clone();
        this.delay = delay.clone();
        this.group = group.clone();
        this.integrates = integrates.clone();
        this.groups = count;
        this.groupExponent = new int[count];
        boolean[] seen = new boolean[count];
        for (int a = 0; a < group.length; a++) {
            if (!seen[group[a]]) {
                seen[group[a]] = true;
                groupExponent[group[a]] = exponent[a];
            }
        }
    }

    private static int[] groupsByExponent(int[] exponent) {
        int[] group = new int[exponent.length];
        java.util.Map<Integer, Integer> seen = new java.util.HashMap<>();
        for (int a = 0; a < exponent.length; a++) group[a] = seen.computeIfAbsent(exponent[a], e -> seen.size());
        return group;
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
    /** The synapse group of an axon. */
    public int group(int axon) { return group[axon]; }
    /** The number of synapse groups. */
    public int groups() { return groups; }
    /** Whether axon {@code axon}'s synapses integrate (its source sends changes). */
    public boolean integrates(int axon) { return integrates[axon]; }

    /** Whether any axon integrates. */
    public boolean anyIntegrates() {
        for (boolean b : integrates) if (b) return true;
        return false;
    }

    /** The exponent of a group's first axon (on a {@link Accumulation#FLOOR_PER_GROUP} chip, every axon's of the group). */
    public int groupExponent(int g) {
        return groupExponent[g];
    }

    public int maxDelay() {
        int max = 0;
        for (int d : delay) max = Math.max(max, d);
        return max;
    }

    /** Copies of the arrays, for the simulator's flat layout: start, exponent, target, weight, delay, group. */
    public int[][] arrays() {
        return new int[][] {start.clone(), exponent.clone(), target.clone(), weight.clone(), delay.clone(), group.clone()};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SynapseTable t && Arrays.equals(start, t.start) && Arrays.equals(exponent, t.exponent) && Arrays.equals(target, t.target)
                && Arrays.equals(weight, t.weight) && Arrays.equals(delay, t.delay) && Arrays.equals(group, t.group) && Arrays.equals(integrates, t.integrates);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weight) * 31 + Arrays.hashCode(target);
    }
}
