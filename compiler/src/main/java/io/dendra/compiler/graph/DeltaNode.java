package io.dendra.compiler.graph;

import io.dendra.diagnostics.Place;
import java.util.List;

/**
 * Sigma-delta encoding of a graded value, as its readers see it: per channel, the value held is the
 * input's as it stood when it last changed by at least {@code threshold} —
 * {@code held[t] = |x[t] − held[t−1]| ≥ threshold (and ≠ 0) ? x[t] : held[t−1]}, from 0; with
 * {@code cumulative}, the test is on the sum of the differences not sent since the last change (Lava's
 * cumulative error), which is then cleared. On a chip the
 * sender sends only those changes and its readers' synapses integrate them
 * ({@code io.dendra.ir.DeltaSends}).
 */
public record DeltaNode(String name, Place place, Node input, double threshold, boolean cumulative) implements Node {
    public DeltaNode {
        if (!(threshold > 0) || Double.isInfinite(threshold)) throw new IllegalArgumentException("a delta threshold is positive");
    }

    /** The held values of a {@code steps × width} sequence. */
    public double[] held(double[] x, int steps) {
        int h = width();
        double[] y = new double[steps * h];
        double[] held = new double[h];
        double[] error = new double[h];
        for (int t = 0; t < steps; t++) {
            for (int c = 0; c < h; c++) {
                double change = x[t * h + c] - held[c];
                double test = cumulative ? error[c] + change : change;
                if (change != 0 && Math.abs(test) >= threshold) {
                    held[c] = x[t * h + c];
                    error[c] = 0;
                } else {
                    error[c] = test;
                }
                y[t * h + c] = held[c];
            }
        }
        return y;
    }

    @Override public List<Node> inputs() { return List.of(input); }
    @Override public int width() { return input.width(); }
    @Override public Timing timing() { return input.timing(); }
    @Override public String kind() { return "delta"; }
    @Override public long parameterCount() { return 0; }
}
