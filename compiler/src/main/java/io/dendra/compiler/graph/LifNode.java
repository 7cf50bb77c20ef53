package io.dendra.compiler.graph;

import io.dendra.diagnostics.Place;
import java.util.List;

/**
 * A discrete-time LIF soma per channel (DESIGN §5): {@code v = tau*v + scale[h]*x[h] + bias[h]};
 * spike when {@code v >= threshold} ({@code v > threshold} when {@code strict}, as NIR defines it);
 * on a spike v resets to 0 ({@link Reset#ZERO}) or by the threshold ({@link Reset#SUBTRACT}).
 * The output is the binary spike vector. {@code tau} is the per-step decay factor, not a time constant.
 */
public record LifNode(String name, Place place, Node input, double tau, double threshold, Reset reset, double[] inputScale, double[] bias,
        boolean strict) implements Node {

    /** What the membrane does after a spike. */
    public enum Reset { ZERO, SUBTRACT }

    public LifNode {
        if (inputScale.length != input.width() || bias.length != input.width()) throw new IllegalArgumentException("one input scale and bias per channel");
        inputScale = inputScale.clone();
        bias = bias.clone();
    }

    /** The model language's soma: no bias, spike when v >= threshold. */
    public LifNode(String name, Place place, Node input, double tau, double threshold, Reset reset, double[] inputScale) {
        this(name, place, input, tau, threshold, reset, inputScale, new double[input.width()], false);
    }

    public double inputScale(int channel) { return inputScale[channel]; }
    public double bias(int channel) { return bias[channel]; }

    /** Whether the potential {@code v} crosses the threshold. */
    public boolean fires(double v) {
        return strict ? v > threshold : v >= threshold;
    }

    @Override public double[] inputScale() { return inputScale.clone(); }
    @Override public double[] bias() { return bias.clone(); }
    @Override public int width() { return input.width(); }
    @Override public List<Node> inputs() { return List.of(input); }
    @Override public Timing timing() { return Timing.SEQUENCE; }
    @Override public String kind() { return "lif"; }
    @Override public long parameterCount() { return 0; }
}
