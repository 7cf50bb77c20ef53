package io.dendra.compiler.passes;

import io.dendra.compiler.graph.AddNode;
import io.dendra.compiler.graph.DeltaNode;
import io.dendra.compiler.graph.GluNode;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.Rewiring;
import io.dendra.compiler.reference.ReferenceInterpreter;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --sigma-delta T}: the model with sigma-delta encoded activations. After every GLU and every
 * residual sum but the output (the graded values of a SpikingSSM that a chip would otherwise send every step) a
 * {@link DeltaNode} of threshold T holds the value its readers see; every reader reads it. The
 * reference runs this graph, and a chip that carries sigma-delta messages sends only the changes,
 * so the two still compute the same thing. Returns a new graph.
 */
public final class SigmaDeltaEncoding {
    private SigmaDeltaEncoding() {}

    public static ModelGraph apply(ModelGraph graph, double threshold) {
        return apply(graph, threshold, Map.of());
    }

    /**
     * With a threshold per layer where {@code perLayer} names one (by the GLU's or sum's name), the
     * default elsewhere (0 or less: not encoded). Refuses a name that is no such layer.
     */
    public static ModelGraph apply(ModelGraph graph, double threshold, Map<String, Double> perLayer) {
        return apply(graph, threshold, perLayer, false);
    }

    /** As above; with {@code cumulative}, every encoding carries its unsent error ({@link DeltaNode}). */
    public static ModelGraph apply(ModelGraph graph, double threshold, Map<String, Double> perLayer, boolean cumulative) {
        for (String name : perLayer.keySet()) {
            boolean found = graph.nodes().stream().anyMatch(n -> n.name().equals(name) && encoded(n) && n != graph.output());
            if (!found) {
                String layers = String.join(", ", graph.nodes().stream().filter(n -> encoded(n) && n != graph.output()).map(Node::name).toList());
                throw new DendraException(ErrorCode.USAGE, Place.named("--sigma-delta"), "'" + name + "' is not a GLU or residual sum of " + graph.name()
                        + " (the model's output sends values)", "its layers that can send changes: " + layers);
            }
        }
        Map<Node, Node> replaced = new IdentityHashMap<>();
        List<Node> nodes = new ArrayList<>();
        for (Node n : graph.nodes()) {
            Node rebuilt = Rewiring.rebuild(n, replaced);
            nodes.add(rebuilt);
            double t = perLayer.getOrDefault(n.name(), threshold);
            if (encoded(n) && n != graph.output() && t > 0) {
                DeltaNode delta = new DeltaNode(n.name() + ".delta", n.place(), rebuilt, t, cumulative);
                nodes.add(delta);
                replaced.put(n, delta);
            } else {
                replaced.put(n, rebuilt);
            }
        }
        return new ModelGraph(graph.name(), graph.source(), nodes, replaced.get(graph.output()));
    }

    /**
     * {@code --sigma-delta auto}: a threshold per layer, chosen on the calibration sequences so that
     * the model's output moves by at most {@code budget}, relative: ‖y − y₀‖ / ‖y₀‖ over every output
     * value of every sequence, y₀ the output without encoding. Layer by layer from the output back
     * (the layers nearest the output are read by the fewest and often the most synapses: a readout's
     * decoder), each
     * takes the largest of the thresholds {@code rms · 2^k} (k = −6 .. 3, rms the layer's RMS value on
     * the calibration sequences) that keeps the error within the budget with the layers after it
     * encoded as chosen; a layer no threshold suits is left sending values. Returns the thresholds
     * by layer name (0: not encoded) and the error each choice left, in choosing order.
     */
    public static Choice auto(ModelGraph graph, SequenceBatch calibration, double budget) {
        ReferenceInterpreter plain = new ReferenceInterpreter(graph);
        List<double[]> baseline = new ArrayList<>();
        Map<Node, double[]> sumSquares = new IdentityHashMap<>();
        long[] count = new long[1];
        for (double[] sample : calibration.samples()) {
            Map<Node, double[]> values = plain.evaluate(sample, calibration.steps());
            baseline.add(values.get(graph.output()));
            for (Node n : graph.nodes()) {
                if (!encoded(n) || n == graph.output()) continue;
                double s = 0;
                for (double v : values.get(n)) s += v * v;
                sumSquares.computeIfAbsent(n, k -> new double[2])[0] += s;
                sumSquares.get(n)[1] += values.get(n).length;
            }
        }
        Map<String, Double> chosen = new java.util.LinkedHashMap<>();
        Map<String, Double> error = new java.util.LinkedHashMap<>();
        List<Node> layers = new ArrayList<>(graph.nodes().stream().filter(n -> encoded(n) && n != graph.output()).toList());
        java.util.Collections.reverse(layers);
        for (Node n : layers) {
            double[] ss = sumSquares.get(n);
            double rms = Math.sqrt(ss[0] / Math.max(1, ss[1]));
            chosen.put(n.name(), 0.0);
            double best = 0, bestError = outputError(graph, chosen, calibration, baseline);
            for (int k = 3; k >= -6 && rms > 0; k--) {
                double t = Math.scalb(rms, k);
                chosen.put(n.name(), t);
                double e = outputError(graph, chosen, calibration, baseline);
                if (e <= budget) {
                    best = t;
                    bestError = e;
                    break;
                }
            }
            chosen.put(n.name(), best);
            error.put(n.name(), bestError);
        }
        return new Choice(chosen, error);
    }

    /** What {@link #auto} chose: each layer's threshold (0: it sends values) and the output error with it and the layers before. */
    public record Choice(Map<String, Double> thresholds, Map<String, Double> outputError) {}

    private static double outputError(ModelGraph graph, Map<String, Double> thresholds, SequenceBatch calibration, List<double[]> baseline) {
        ReferenceInterpreter encoded = new ReferenceInterpreter(apply(graph, 0, thresholds));
        double diff = 0, norm = 0;
        for (int i = 0; i < calibration.samples().size(); i++) {
            double[] y = encoded.runSample(calibration.samples().get(i), calibration.steps());
            double[] y0 = baseline.get(i);
            for (int k = 0; k < y.length; k++) {
                diff += (y[k] - y0[k]) * (y[k] - y0[k]);
                norm += y0[k] * y0[k];
            }
        }
        return norm == 0 ? (diff == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.sqrt(diff / norm);
    }

    /** The layers whose graded output becomes sigma-delta messages. */
    static boolean encoded(Node n) {
        return n instanceof GluNode || n instanceof AddNode;
    }
}
