package io.dendra.cli;

import io.dendra.compiler.tensor.Tensor;
import java.io.PrintWriter;

/** Short human-readable summaries of command results. */
final class Summaries {
    private static final int MAX_SAMPLES_SHOWN = 8;

    private Summaries() {}

    /** Prints the arg-max class of each sample, and the logits of a single sample. */
    static void printClassifierOutputs(PrintWriter out, Tensor logits, boolean batched) {
        double[] values = logits.toArray();
        int classes = logits.dim(logits.rank() - 1);
        int samples = batched ? logits.dim(0) : 1;
        for (int b = 0; b < Math.min(samples, MAX_SAMPLES_SHOWN); b++) {
            int best = 0;
            for (int c = 1; c < classes; c++) if (values[b * classes + c] > values[b * classes + best]) best = c;
            StringBuilder line = new StringBuilder(batched ? "  sample " + b + ": class " + best : "  class " + best);
            if (!batched) {
                line.append("; logits");
                for (int c = 0; c < classes; c++) line.append(String.format(" %.6g", values[c]));
            }
            out.println(line);
        }
        if (samples > MAX_SAMPLES_SHOWN) out.printf("  ... %d more sample(s)%n", samples - MAX_SAMPLES_SHOWN);
    }
}
