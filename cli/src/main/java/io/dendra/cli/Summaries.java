package io.dendra.cli;

import io.dendra.compiler.CompileReport;
import io.dendra.compiler.graph.LinearNode;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.SparseLinearNode;
import io.dendra.compiler.tensor.Tensor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Short human-readable summaries of command results. */
final class Summaries {
    private static final int MAX_SAMPLES_SHOWN = 8;

    private Summaries() {}

    /** Prints the arg-max class of each sample, and the logits of a single sample. */
    static void printClassifierOutputs(PrintWriter out, Tensor logits, boolean batched, int firstSample) {
        double[] values = logits.toArray();
        int classes = logits.dim(logits.rank() - 1);
        int samples = batched ? logits.dim(0) : 1;
        for (int b = 0; b < Math.min(samples, MAX_SAMPLES_SHOWN); b++) {
            int best = 0;
            for (int c = 1; c < classes; c++) if (values[b * classes + c] > values[b * classes + best]) best = c;
            StringBuilder line = new StringBuilder(batched ? "  sample " + (firstSample + b) + ": class " + best : "  class " + best);
            if (!batched) {
                line.append("; logits");
                for (int c = 0; c < classes; c++) line.append(String.format(Locale.ROOT, " %.6g", values[c]));
            }
            out.println(line);
        }
        if (samples > MAX_SAMPLES_SHOWN) out.printf(Locale.ROOT, "  ... %d more sample(s)%n", samples - MAX_SAMPLES_SHOWN);
    }

    /** A classifier's outputs, one row per sample ([classes] or [B, classes]). */
    static java.util.List<double[]> rows(Tensor logits) {
        int classes = logits.dim(logits.rank() - 1);
        double[] values = logits.toArray();
        java.util.List<double[]> rows = new java.util.ArrayList<>();
        for (int at = 0; at < values.length; at += classes) rows.add(java.util.Arrays.copyOfRange(values, at, at + classes));
        return rows;
    }

    /** The resource summary of a compile: totals, placement, and per layer resources and quantization error. */
    static void printCompileReport(PrintWriter out, CompileReport r) {
        out.printf(Locale.ROOT, "  %d core(s) on %d chip(s), %,d neurons, %,d synapses, pipeline depth %d steps%n", r.cores(), r.chips(), r.neurons(), r.synapses(),
                r.pipelineDepth());
        out.printf(Locale.ROOT, "  synaptic memory %s used; largest core %s of %s%n", bytes(r.memoryBitsUsed()), bytes(r.largestCoreBits()), bytes(r.memoryBitsPerCore()));
        out.printf(Locale.ROOT, "  placement: %.1f ns of hops per step, summed over messages (row-major placement: %.1f)%n", r.placementCost(), r.rowMajorCost());
        out.printf(Locale.ROOT, "  calibrated on %d sequence(s) of %d steps; quantization error on the first:%n", r.calibrationSequences(), r.calibrationSteps());
        out.printf(Locale.ROOT, "  %-22s %-8s %8s %5s %9s %10s %11s %9s  %s%n", "layer", "program", "neurons", "cores", "synapses", "memory", "coefficients",
                "weights", "layer output");
        for (CompileReport.Layer l : r.layers()) {
            String measure = l.output().summary();
            out.printf(Locale.ROOT, "  %-22s %-8s %8d %5d %9d %10s %11.1e %8.2f%%  %s%n", l.name(), l.program(), l.neurons(), l.cores(), l.synapses(),
                    bytes(l.memoryBits()), l.coefficientError(), 100 * l.weightError(), measure);
        }
        for (String note : r.notes()) out.println("  note: " + note);
    }

    /**
     * Convolutions and pooling have no shared-weight synapses on the built-in targets: each is
     * expanded into the synapses of the neuron layer it feeds. Says so, with what it costs.
     */
    static void printExpandedConvolutions(PrintWriter out, ModelGraph graph, CompileReport r, boolean sharedKernels) {
        Map<Node, List<Node>> consumers = new IdentityHashMap<>();
        for (var n : graph.nodes()) for (var in : n.inputs()) consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
        Map<String, List<String>> feeding = new LinkedHashMap<>();
        for (var n : graph.nodes()) {
            if (!(n instanceof SparseLinearNode conv)) continue;
            List<Node> next = consumers.getOrDefault(conv, List.of());
            // follow folded linear maps to the neurons whose synapses hold this map
            while (next.size() == 1 && (next.get(0) instanceof SparseLinearNode || next.get(0) instanceof LinearNode)) {
                next = consumers.getOrDefault(next.get(0), List.of());
            }
            String layer = next.size() == 1 ? next.get(0).name() : "?";
            feeding.computeIfAbsent(layer, k -> new ArrayList<>()).add(String.format(Locale.ROOT, "%s %s (%s, %,d weights)", conv.kind(), conv.name(), conv.shape(),
                    conv.parameterCount()));
        }
        if (feeding.isEmpty()) return;
        out.println(sharedKernels
                ? "  convolutions and pooling, as synapses (" + r.target() + " stores a convolution's kernel once per core; a pooling, or a convolution"
                        + " folded with one, is expanded):"
                : "  convolutions and pooling are expanded into synapses (" + r.target() + " shares no weights between synapses):");
        for (var e : feeding.entrySet()) {
            var layer = r.layers().stream().filter(l -> l.name().equals(e.getKey())).findFirst();
            out.printf(Locale.ROOT, "    %s -> layer %s: %s%n", String.join(" + ", e.getValue()), e.getKey(),
                    layer.map(l -> String.format(Locale.ROOT, "%,d synapses, %s", l.synapses(), bytes(l.memoryBits()))).orElse("(not a neuron layer)"));
        }
    }

    static String bytes(long bits) {
        double b = bits / 8.0;
        if (b >= 1 << 20) return String.format(Locale.ROOT, "%.1f MiB", b / (1 << 20));
        if (b >= 1 << 10) return String.format(Locale.ROOT, "%.1f KiB", b / (1 << 10));
        return String.format(Locale.ROOT, "%.0f B", b);
    }
}
