package io.dendra.compiler.graph;

import io.dendra.diagnostics.Place;
import java.util.List;

/** A spike wherever the input exceeds its channel's threshold: {@code y = x > threshold[h] ? 1 : 0} (NIR's Threshold). */
public record ThresholdNode(String name, Place place, Node input, double[] threshold) implements Node {
    public ThresholdNode {
        if (threshold.length != input.width()) throw new IllegalArgumentException("one threshold per channel");
        threshold = threshold.clone();
    }

    @Override public double[] threshold() { return threshold.clone(); }
    @Override public List<Node> inputs() { return List.of(input); }
    @Override public int width() { return input.width(); }
    @Override public Timing timing() { return Timing.SEQUENCE; }
    @Override public String kind() { return "threshold"; }
    @Override public long parameterCount() { return 0; }

    /** The reference semantics (float64, DESIGN §5): this layer's value for its input's. */
    public double[] reference(double[] x, int steps) {
        ThresholdNode n = this;
        int h = n.width();
        double[] theta = n.threshold();
        double[] out = new double[steps * h];
        for (int i = 0; i < out.length; i++) out[i] = x[i] > theta[i % h] ? 1 : 0;
        return out;
    }
}
