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
}
