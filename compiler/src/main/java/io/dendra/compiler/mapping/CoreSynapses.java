package io.dendra.compiler.mapping;

import io.dendra.ir.IntArrayBuilder;
import io.dendra.ir.SynapseTable;

/** A core's synapses while they are collected: axon by axon, each with its exponent and synapse group. */
final class CoreSynapses {
    final IntArrayBuilder start = new IntArrayBuilder();
    final IntArrayBuilder exponent = new IntArrayBuilder();
    final IntArrayBuilder target = new IntArrayBuilder();
    final IntArrayBuilder weight = new IntArrayBuilder();
    final IntArrayBuilder delay = new IntArrayBuilder();
    final IntArrayBuilder group = new IntArrayBuilder();
    /** Per axon: 1 when it integrates (its source sends sigma-delta changes). */
    final IntArrayBuilder integrates = new IntArrayBuilder();
    /** Synapse groups so far (axons of one source and delay, then each bias axon). */
    int groups;

    CoreSynapses() {
        start.add(0);
    }

    /** The next axon's index. */
    int axons() {
        return exponent.size();
    }

    /** Ends the current axon: its synapses are those added since the last. */
    void endAxon(int axonExponent, int synapseGroup) {
        endAxon(axonExponent, synapseGroup, false);
    }

    /** Ends the current axon, which integrates when its source sends sigma-delta changes. */
    void endAxon(int axonExponent, int synapseGroup, boolean integrating) {
        exponent.add(axonExponent);
        group.add(synapseGroup);
        integrates.add(integrating ? 1 : 0);
        start.add(target.size());
    }

    SynapseTable table() {
        int[] flags = integrates.toArray();
        boolean[] integrating = new boolean[flags.length];
        for (int a = 0; a < flags.length; a++) integrating[a] = flags[a] != 0;
        return new SynapseTable(start.toArray(), exponent.toArray(), target.toArray(), weight.toArray(), delay.toArray(), group.toArray(), integrating);
    }
}
