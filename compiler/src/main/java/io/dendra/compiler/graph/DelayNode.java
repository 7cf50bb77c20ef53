package io.dendra.compiler.graph;

import io.dendra.diagnostics.Place;
import java.util.List;

/** Each channel's input, {@code steps[h]} steps later (zero before): {@code y[t][h] = x[t − steps[h]][h]} (NIR's Delay). */
public record DelayNode(String name, Place place, Node input, int[] steps) implements Node {
    public DelayNode {
        if (steps.length != input.width()) throw new IllegalArgumentException("one delay per channel");
        for (int d : steps) if (d < 0) throw new IllegalArgumentException("delays are not negative");
        steps = steps.clone();
    }

    @Override public int[] steps() { return steps.clone(); }
    @Override public List<Node> inputs() { return List.of(input); }
    @Override public int width() { return input.width(); }
    @Override public Timing timing() { return Timing.SEQUENCE; }
    @Override public String kind() { return "delay"; }
    @Override public long parameterCount() { return 0; }

    /** The reference semantics (float64, DESIGN §5): this layer's value for its input's. */
    public double[] reference(double[] x, int steps) {
        DelayNode n = this;
        int h = n.width();
        int[] d = n.steps();
        double[] out = new double[steps * h];
        for (int t = 0; t < steps; t++) for (int c = 0; c < h; c++) if (t >= d[c]) out[t * h + c] = x[(t - d[c]) * h + c];
        return out;
    }
}
