package io.dendra.cli;

import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.compiler.tensor.NpyFile;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --samples A:B} and {@code --labels Y.npy}: which samples of an input file run, and their classes. */
final class SampleSelection {
    @Option(names = "--samples", paramLabel = "A:B", description = "run samples A to B-1 of the input (a Python slice: 100:200, :50, 9000:)")
    String range;

    @Option(names = "--labels", paramLabel = "Y.npy", description = "the class of every sample of the input (integers, one per sample): reports accuracy")
    Path labels;

    /** The selected samples, the index of the first in the file, and their labels (null without --labels). */
    record Selected(SequenceBatch batch, int first, int[] labels) {
        /** The number of samples whose output's argmax is their label. */
        int correct(List<double[]> outputs) {
            int n = 0;
            for (int b = 0; b < outputs.size(); b++) if (argmax(outputs.get(b)) == labels[b]) n++;
            return n;
        }
    }

    Selected apply(SequenceBatch all, Path inputFile) {
        int count = all.size();
        int first = 0;
        int end = count;
        if (range != null) {
            String[] parts = range.split(":", -1);
            if (parts.length != 2) throw usage("--samples takes A:B (a Python slice, for example 0:100), got '" + range + "'");
            first = parts[0].isBlank() ? 0 : index(parts[0]);
            end = parts[1].isBlank() ? count : index(parts[1]);
            if (first < 0 || end > count || first >= end) {
                String why = first >= end ? "selects no samples" : "reaches outside the " + count + " sample(s) of " + inputFile;
                throw new DendraException(ErrorCode.USAGE, Place.named("--samples"), "--samples " + range + " " + why,
                        "give A:B with 0 <= A < B <= " + count);
            }
        }
        SequenceBatch batch = range == null ? all : new SequenceBatch(true, all.steps(), all.width(), all.samples().subList(first, end));
        return new Selected(batch, first, labels == null ? null : readLabels(all, first, end));
    }

    private int[] readLabels(SequenceBatch all, int first, int end) {
        if (!labels.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            throw new DendraException(ErrorCode.UNKNOWN_TENSOR_FORMAT, Place.file(labels), "labels are read from .npy files", "save them with numpy.save");
        }
        Tensor y = NpyFile.read(labels);
        int expected = all.size();
        boolean shapeFits = all.batched() ? y.rank() == 1 && y.dim(0) == expected : y.size() == 1 && y.rank() <= 1;
        if (!shapeFits) {
            throw new DendraException(ErrorCode.LABELS, Place.file(labels), "labels of shape " + y.shapeString() + " for an input of " + expected
                    + " sample(s)", "give one integer per sample of the input file, shape (" + expected + (all.batched() ? ",)" : ",) or ()"));
        }
        int[] out = new int[end - first];
        for (int b = first; b < end; b++) {
            double v = y.at(b);
            if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
                throw new DendraException(ErrorCode.LABELS, Place.file(labels), "label " + b + " is " + v + ", not a class index",
                        "labels are integer classes 0, 1, 2...");
            }
            out[b - first] = (int) v;
        }
        return out;
    }

    /** Checks that every selected label is a class of a model with {@code classes} outputs. */
    static void checkClasses(Selected selected, int classes, Path labelsFile) {
        if (selected.labels() == null) return;
        for (int b = 0; b < selected.labels().length; b++) {
            if (selected.labels()[b] >= classes) {
                throw new DendraException(ErrorCode.LABELS, Place.file(labelsFile), "label " + (selected.first() + b) + " is " + selected.labels()[b]
                        + " but the model has " + classes + " classes", "labels are classes 0 to " + (classes - 1));
            }
        }
    }

    private int index(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw usage("--samples takes A:B with whole numbers, got '" + range + "'");
        }
    }

    private static DendraException usage(String message) {
        return new DendraException(ErrorCode.USAGE, Place.named("--samples"), message, null);
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
