package io.dendra.compiler.network;

import java.util.List;

/**
 * One synapse group of a block after quantization: the connections from one source at one delay,
 * with one weight exponent per source value (an input axon's exponent, the same on every core
 * the layer is split into) and a signed mantissa of the target's weight bits per synapse. A
 * mantissa of 0 is a synapse the image leaves out.
 */
public final class QuantizedSynapses {
    private final ChipValue source;
    private final int delay;
    private final List<Connection> connections;
    private final int[] exponent;
    private final int[][] mantissa;

    public QuantizedSynapses(ChipValue source, int delay, List<Connection> connections, int[] exponent, int[][] mantissa) {
        if (exponent.length != source.width() || mantissa.length != connections.size()) throw new IllegalArgumentException("one exponent per source value, mantissas per connection");
        this.source = source;
        this.delay = delay;
        this.connections = List.copyOf(connections);
        this.exponent = exponent;
        this.mantissa = mantissa;
    }

    public ChipValue source() { return source; }
    public int delay() { return delay; }
    public List<Connection> connections() { return connections; }
    /** The weight exponent of source value {@code k}'s axons. */
    public int exponent(int k) { return exponent[k]; }
    /** The mantissa of entry {@code entry} of connection {@code connection} (0: left out). */
    public int mantissa(int connection, int entry) { return mantissa[connection][entry]; }
}
