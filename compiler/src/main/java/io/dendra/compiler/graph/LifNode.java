package io.dendra.compiler.graph;

import io.dendra.diagnostics.Place;
import java.util.List;

/**
 * A discrete-time LIF soma per channel (DESIGN §5), with an optional synaptic current and an
 * optional recurrent input from its own spikes of the previous step:
 * <pre>
 *   in = x[h] + Σ_k recurrentWeight[h][k]·s_prev[k] + recurrentBias[h]
 *   J  = currentDecay·J + scale[h]·in          (currentDecay 0: J is this step's scaled input)
 *   v  = tau·v + J + bias[h]
 * </pre>
 * spike when {@code v >= threshold} ({@code v > threshold} when {@code strict}, as NIR defines it);
 * on a spike v resets to 0 ({@link Reset#ZERO}) or by the threshold ({@link Reset#SUBTRACT}).
 * The output is the binary spike vector. {@code tau} is the per-step decay factor, not a time constant.
 */
public record LifNode(String name, Place place, Node input, double tau, double threshold, Reset reset, double[] inputScale, double[] bias,
        boolean strict, double currentDecay, double[] recurrentWeight, double[] recurrentBias) implements Node {

    /** What the membrane does after a spike. */
    public enum Reset { ZERO, SUBTRACT }

    public LifNode {
        int h = input.width();
        if (inputScale.length != h || bias.length != h) throw new IllegalArgumentException("one input scale and bias per channel");
        if (!(currentDecay >= 0 && currentDecay < 1)) throw new IllegalArgumentException("current decay in [0, 1)");
        if (recurrentWeight != null && (recurrentWeight.length != (long) h * h || recurrentBias == null || recurrentBias.length != h)) {
            throw new IllegalArgumentException("recurrent weights are width x width, with a bias per channel");
        }
        inputScale = inputScale.clone();
        bias = bias.clone();
        recurrentWeight = recurrentWeight == null ? null : recurrentWeight.clone();
        recurrentBias = recurrentBias == null ? null : recurrentBias.clone();
    }

    /** The model language's soma: no bias, no current, no recurrence, spike when v >= threshold. */
    public LifNode(String name, Place place, Node input, double tau, double threshold, Reset reset, double[] inputScale) {
        this(name, place, input, tau, threshold, reset, inputScale, new double[input.width()], false, 0, null, null);
    }

    public boolean recurrent() {
        return recurrentWeight != null;
    }

    @Override public double[] recurrentWeight() { return recurrentWeight == null ? null : recurrentWeight.clone(); }
    @Override public double[] recurrentBias() { return recurrentBias == null ? null : recurrentBias.clone(); }

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
    @Override public long parameterCount() { return recurrentWeight == null ? 0 : recurrentWeight.length + recurrentBias.length; }

    /** The reference semantics (float64, DESIGN §5): this layer's value for its input's. */
    public double[] reference(double[] x, int steps) {
        LifNode n = this;
        int h = n.width();
        double[] spikes = new double[steps * h];
        double[] v = new double[h];
        double[] current = new double[h];
        double[] recurrentIn = new double[h];
        double[] w = n.recurrentWeight();
        double[] wb = n.recurrentBias();
        for (int t = 0; t < steps; t++) {
            if (w != null) {
                // the recurrent input reads the previous step's spikes (none before step 0)
                for (int c = 0; c < h; c++) {
                    double sum = wb[c];
                    if (t > 0) for (int k = 0; k < h; k++) sum += w[c * h + k] * spikes[(t - 1) * h + k];
                    recurrentIn[c] = sum;
                }
            }
            for (int c = 0; c < h; c++) {
                current[c] = n.currentDecay() * current[c] + n.inputScale(c) * (x[t * h + c] + recurrentIn[c]);
                double potential = n.tau() * v[c] + current[c] + n.bias(c);
                if (n.fires(potential)) {
                    spikes[t * h + c] = 1;
                    potential = n.reset() == LifNode.Reset.ZERO ? 0 : potential - n.threshold();
                }
                v[c] = potential;
            }
        }
        return spikes;
    }
}
