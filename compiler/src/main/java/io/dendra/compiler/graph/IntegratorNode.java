package io.dendra.compiler.graph;

import io.dendra.diagnostics.Place;
import java.util.List;

/**
 * A non-spiking integrator per channel, whose output is its potential (NIR's LI, CubaLI and I):
 * <pre>
 *   J = currentDecay·J + scale[h]·x[h]        (currentDecay 0: J is this step's scaled input)
 *   v = tau·v + J + bias[h]
 * </pre>
 * {@code tau} is the per-step decay (1 for a pure integrator).
 */
public record IntegratorNode(String name, Place place, Node input, String kind, double tau, double currentDecay, double[] inputScale, double[] bias)
        implements Node {
    public IntegratorNode {
        if (inputScale.length != input.width() || bias.length != input.width()) throw new IllegalArgumentException("one input scale and bias per channel");
        inputScale = inputScale.clone();
        bias = bias.clone();
    }

    @Override public double[] inputScale() { return inputScale.clone(); }
    @Override public double[] bias() { return bias.clone(); }
    @Override public List<Node> inputs() { return List.of(input); }
    @Override public int width() { return input.width(); }
    @Override public Timing timing() { return Timing.SEQUENCE; }
    @Override public long parameterCount() { return 0; }

    /** J = α·J + scale·x, v = τ·v + J + bias; the output is v. */
    public double[] reference(double[] x, int steps) {
        IntegratorNode n = this;
        int h = n.width();
        double[] scale = n.inputScale();
        double[] bias = n.bias();
        double[] out = new double[steps * h];
        double[] current = new double[h];
        double[] v = new double[h];
        for (int t = 0; t < steps; t++) {
            for (int c = 0; c < h; c++) {
                current[c] = n.currentDecay() * current[c] + scale[c] * x[t * h + c];
                v[c] = n.tau() * v[c] + current[c] + bias[c];
                out[t * h + c] = v[c];
            }
        }
        return out;
    }
}
