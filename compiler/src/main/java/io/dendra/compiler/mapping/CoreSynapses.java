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
        exponent.add(axonExponent);
        group.add(synapseGroup);
        start.add(target.size());
    }

    SynapseTable table() {
        return new SynapseTable(start.toArray(), exponent.toArray(), target.toArray(), weight.toArray(), delay.toArray(), group.toArray());
    }
}
