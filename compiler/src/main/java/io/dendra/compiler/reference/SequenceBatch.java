package io.dendra.compiler.reference;

import io.dendra.compiler.graph.InputNode;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.tensor.DType;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.nio.file.Path;
import java.util.List;

/**
 * Input sequences checked against a model's input: {@code [T, C]} (one sample) or {@code [B, T, C]}
 * for real inputs, {@code [T]} or {@code [B, T]} token ids for a token input. Also shapes the outputs
 * the same way: a batch in gives a batch out.
 */
public record SequenceBatch(boolean batched, int steps, int width, List<double[]> samples) {

    public SequenceBatch {
        samples = List.copyOf(samples);
    }

    public int size() {
        return samples.size();
    }

    /** Checks an input tensor (read from {@code file}) against the model's input and splits it into samples. */
    public static SequenceBatch of(Tensor input, InputNode node, Path file) {
        Place place = Place.file(file);
        int[] shape = input.shape();
        boolean batched;
        if (node.tokens()) {
            if (shape.length != 1 && shape.length != 2) {
                throw new DendraException(ErrorCode.INPUT_SHAPE, place, "input has shape " + input.shapeString() + " but model input '"
                        + node.name() + "' takes token ids", "give [T] token ids for one sequence or [B, T] for a batch");
            }
            batched = shape.length == 2;
        } else {
            if (shape.length != 2 && shape.length != 3) {
                throw new DendraException(ErrorCode.INPUT_SHAPE, place, "input has shape " + input.shapeString() + " but model input '"
                        + node.name() + "' takes " + node.width() + " channel(s) per step",
                        "give [T, " + node.width() + "] for one sequence or [B, T, " + node.width() + "] for a batch");
            }
            batched = shape.length == 3;
            int width = shape[shape.length - 1];
            if (width != node.width()) {
                throw new DendraException(ErrorCode.INPUT_SHAPE, place, "input has " + width + " channel(s) per step (shape " + input.shapeString()
                        + ") but model input '" + node.name() + "' takes " + node.width(),
                        "give [T, " + node.width() + "] for one sequence or [B, T, " + node.width() + "] for a batch");
            }
        }
        int steps = shape[batched ? 1 : 0];
        int samples = batched ? shape[0] : 1;
        if (steps == 0 || samples == 0) {
            throw new DendraException(ErrorCode.INPUT_EMPTY, place, "input of shape " + input.shapeString() + " holds no timestep", null);
        }
        int bad = input.firstNonFinite();
        if (bad >= 0) {
            throw new DendraException(ErrorCode.INPUT_NOT_FINITE, place, "input holds " + input.at(bad) + " at " + index(shape, bad), null);
        }
        int perSample = steps * node.width();
        double[] all = input.toArray();
        if (node.tokens()) {
            for (int i = 0; i < all.length; i++) {
                double id = all[i];
                if (id != Math.rint(id) || id < 0 || id >= node.vocabulary()) {
                    throw new DendraException(ErrorCode.TOKEN_ID, place, "token id " + id + " at " + index(shape, i) + " is not an integer in [0, "
                            + node.vocabulary() + ")", null);
                }
            }
        }
        double[][] split = new double[samples][];
        for (int b = 0; b < samples; b++) split[b] = java.util.Arrays.copyOfRange(all, b * perSample, (b + 1) * perSample);
        return new SequenceBatch(batched, steps, node.width(), List.of(split));
    }

    /** Assembles per-sample outputs into one tensor: [classes] or [T, C], with a leading batch axis for a batched input. */
    public Tensor outputs(ModelGraph graph, List<double[]> perSample) {
        int width = graph.output().width();
        int[] sampleShape = graph.sequenceOutput() ? new int[] {steps, width} : new int[] {width};
        int[] shape;
        if (batched) {
            shape = new int[sampleShape.length + 1];
            shape[0] = perSample.size();
            System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        } else {
            shape = sampleShape;
        }
        int each = (int) Tensor.sizeOf(sampleShape);
        double[] values = new double[each * perSample.size()];
        for (int b = 0; b < perSample.size(); b++) System.arraycopy(perSample.get(b), 0, values, b * each, each);
        return new Tensor("output", DType.F64, shape, values);
    }

    private static String index(int[] shape, int flat) {
        int[] index = new int[shape.length];
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            index[axis] = flat % shape[axis];
            flat /= shape[axis];
        }
        return java.util.Arrays.toString(index);
    }
}
