package io.dendra.ir;

import java.util.Objects;

/** One core of the image: where it sits (chip, tile column and row, slot in the tile) and what it holds. */
public record CoreImage(int id, int chip, int tileX, int tileY, int slot, NeuronBlock neurons, SynapseTable synapses, RouteTable routes) {
    public CoreImage {
        Objects.requireNonNull(neurons);
        Objects.requireNonNull(synapses);
        Objects.requireNonNull(routes);
        if (id < 0 || chip < 0 || tileX < 0 || tileY < 0 || slot < 0) throw new IllegalArgumentException("placement is non-negative");
        if (routes.neurons() != neurons.count()) throw new IllegalArgumentException("core " + id + ": one route list per neuron");
        for (int s = 0; s < synapses.synapses(); s++) {
            if (synapses.target(s) < 0 || synapses.target(s) >= neurons.count() * neurons.compartments()) {
                throw new IllegalArgumentException("core " + id + ": synapse " + s + " targets a missing neuron");
            }
        }
    }
}
