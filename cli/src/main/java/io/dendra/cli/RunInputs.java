package io.dendra.cli;

import io.dendra.compiler.graph.InputNode;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.compiler.tensor.NpyFile;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import io.dendra.ir.ChipImage;
import io.dendra.ir.InputMap;
import io.dendra.simulator.report.Report;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A run's input: read from its .npy file and checked against the image — values a spike-only image
 * cannot take or its input payload cannot carry are refused (unless --clip-input), and samples that
 * leave the range the image was calibrated on are counted and warned about once.
 */
final class RunInputs {
    private RunInputs() {}

    /** The input sequences of {@code input} (a .npy file), refusing values a spike-only image cannot take. */
    static SequenceBatch read(Path input, ChipImage image) {
        InputNode node = new InputNode("input", Place.file(input), image.input().channels(), 0);
        if (!input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            throw new DendraException(ErrorCode.UNKNOWN_TENSOR_FORMAT, Place.file(input), "inputs are read from .npy files", "save the input with numpy.save");
        }
        SequenceBatch batch = SequenceBatch.of(NpyFile.read(input), node, input);
        if (image.input().binary()) {
            for (double[] sample : batch.samples()) {
                for (double v : sample) {
                    if (v != 0 && v != 1) {
                        throw new DendraException(ErrorCode.INPUT_NOT_BINARY, Place.file(input), "input holds " + v + ", but image " + image.modelName()
                                + " takes spikes, 0 or 1 (its target " + image.targetName() + " has no graded spikes, or it was calibrated on spikes)",
                                "recompile with a real-valued --calibrate input where the target has graded spikes");
                    }
                }
            }
        }
        return batch;
    }

    /**
     * Refuses input values the image's input payload cannot carry (unless --clip-input), and warns,
     * once, when samples leave the range the image was calibrated on by more than a tenth of it.
     */
    static Report.Inputs checkRange(ChipImage image, SequenceBatch batch, int firstSample, Path input, boolean clipInput, PrintWriter err) {
        InputMap map = image.input();
        int channels = map.channels();
        double largest = map.largestRepresentable(image.payloadBits());
        long clipped = 0;
        int outside = 0;
        double[] seenMin = new double[channels];
        double[] seenMax = new double[channels];
        java.util.Arrays.fill(seenMin, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(seenMax, Double.NEGATIVE_INFINITY);
        for (int b = 0; b < batch.size(); b++) {
            double[] sample = batch.samples().get(b);
            boolean out = false;
            for (int i = 0; i < sample.length; i++) {
                int c = i % channels;
                double v = sample[i];
                if (Math.abs(v) > largest) {
                    if (!clipInput) {
                        throw new DendraException(ErrorCode.INPUT_NOT_REPRESENTABLE, Place.file(input), String.format(Locale.ROOT,
                                "sample %d, step %d, channel %d holds %s, but the chip's input carries at most ±%s (%d-bit payloads with %d fraction"
                                + " bits, chosen on a calibration input in [%s, %s])", firstSample + b, i / channels, c, num(v), num(largest),
                                image.payloadBits(), map.scale(), num(map.calibratedMin(c)), num(map.calibratedMax(c))), null);
                    }
                    clipped++;
                }
                double lo = map.calibratedMin(c);
                double hi = map.calibratedMax(c);
                if (Double.isNaN(lo)) continue;
                double margin = 0.1 * Math.max(hi - lo, Math.max(Math.abs(lo), Math.abs(hi)));
                if (v < lo - margin || v > hi + margin) {
                    out = true;
                    seenMin[c] = Math.min(seenMin[c], v);
                    seenMax[c] = Math.max(seenMax[c], v);
                }
            }
            if (out) outside++;
        }
        if (outside > 0) {
            StringBuilder where = new StringBuilder();
            for (int c = 0; c < channels && where.length() < 200; c++) {
                if (seenMin[c] > seenMax[c]) continue;
                where.append(where.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "channel %d calibrated on [%s, %s], seen %s to %s", c,
                        num(map.calibratedMin(c)), num(map.calibratedMax(c)), num(seenMin[c]), num(seenMax[c])));
            }
            err.printf(Locale.ROOT, "warning: %d of %d sample(s) leave the input range the image was calibrated on (%s); its fixed-point"
                    + " scales may not fit them: compile with --calibrate on inputs like these%n", outside, batch.size(), where);
            err.flush();
        }
        return new Report.Inputs(outside, clipped);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "?" : String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+(e|$)", "$1");
    }
}
