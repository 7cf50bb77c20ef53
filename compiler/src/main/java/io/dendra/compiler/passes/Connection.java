package io.dendra.compiler.passes;

/**
 * Dense real weights from every value a source sends to one input compartment of every neuron of
 * a block ({@code weights[neuron × source.width() + sourceIndex]}), arriving {@code delay} steps late.
 */
public record Connection(ChipValue source, int compartment, double[] weights, int delay) {
    public Connection {
        if (delay < 0) throw new IllegalArgumentException("negative delay");
    }

    public double weight(int neuron, int sourceIndex) {
        return weights[neuron * source.width() + sourceIndex];
    }
}
