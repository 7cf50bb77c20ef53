package io.dendra.compiler.graph;

import io.dendra.diagnostics.Place;
import java.util.List;

/** A token id looked up in a vocabulary×width table, per timestep. */
public record EmbeddingNode(String name, Place place, InputNode input, int width, double[] table) implements Node {
    public EmbeddingNode {
        if (!input.tokens()) throw new IllegalArgumentException("embedding needs a token input");
        if (table.length != (long) input.vocabulary() * width) throw new IllegalArgumentException("table must be vocabulary x width");
        table = table.clone();
    }

    public double entry(int token, int channel) { return table[token * width + channel]; }

    @Override public double[] table() { return table.clone(); }
    @Override public List<Node> inputs() { return List.of(input); }
    @Override public Timing timing() { return Timing.SEQUENCE; }
    @Override public String kind() { return "embedding"; }
    @Override public long parameterCount() { return table.length; }

    /** The reference semantics (float64, DESIGN §5): this layer's value for its input's. */
    public double[] reference(double[] tokens, int steps) {
        EmbeddingNode n = this;
        int h = n.width();
        double[] y = new double[steps * h];
        for (int t = 0; t < steps; t++) {
            int token = (int) tokens[t];
            for (int c = 0; c < h; c++) y[t * h + c] = n.entry(token, c);
        }
        return y;
    }
}
