package io.dendra.compiler.graph;

import io.dendra.diagnostics.Place;
import java.util.List;

/** The mean over all timesteps of a sequence: the pooling before a classifier head. */
public record MeanTimeNode(String name, Place place, Node input) implements Node {
    public MeanTimeNode {
        if (input.timing() != Timing.SEQUENCE) throw new IllegalArgumentException("mean_time needs a sequence");
    }

    @Override public int width() { return input.width(); }
    @Override public List<Node> inputs() { return List.of(input); }
    @Override public Timing timing() { return Timing.STATIC; }
    @Override public String kind() { return "mean_time"; }
    @Override public long parameterCount() { return 0; }
}
