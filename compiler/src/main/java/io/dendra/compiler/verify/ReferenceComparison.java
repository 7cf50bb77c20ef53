package io.dendra.compiler.verify;

import io.dendra.compiler.graph.LifNode;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.S4dNode;
import io.dendra.compiler.graph.ThresholdNode;
import io.dendra.compiler.reference.ReferenceInterpreter;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import io.dendra.ir.ChipImage;
import io.dendra.ir.CoreImage;
import io.dendra.ir.LayerMapping;
import io.dendra.ir.OutputMap;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The float reference beside the chip, one sample at a time as a run hands them over: output
 * errors, argmax agreement and, per spiking layer, how the chip's spikes match the reference's
 * ({@link SpikeMatch}). Nothing of a sample is kept once it is counted, so a whole test set can be
 * compared in constant memory.
 */
public final class ReferenceComparison {

    /** One sample as the chip ran it: its output, and whether neuron {@code neuron} of core {@code core} spiked at input step {@code step}. */
    public interface ChipSample {
        double[] output();

        boolean spiked(int core, int step, int neuron);
    }

    /**
     * What the comparison found: the largest output error, absolute and relative to the largest
     * reference output, the share of samples whose argmax agrees (null for sequence outputs), each
     * spiking layer's match, and the reference's class of every sample (classifiers).
     */
    public record Result(double maxAbsError, double relError, Double argmaxAgreement, Map<String, SpikeMatch> spikes, int[] referenceClasses) {}

    private final ModelGraph model;
    private final ChipImage image;
    private final SequenceBatch batch;
    private final ReferenceInterpreter reference;
    private final Map<String, SpikeMatch.Counter> spikes = new LinkedHashMap<>();
    private final int[] referenceClasses;
    private double maxError;
    private double maxValue;
    private int argmaxAgree;

    /** {@code compareFile} names the model in the error when it does not fit the image. */
    public ReferenceComparison(ModelGraph model, ChipImage image, SequenceBatch batch, Path compareFile) {
        if (model.input().width() != image.input().channels() || model.output().width() != image.output().outputs()
                || model.sequenceOutput() != (image.output().kind() == OutputMap.Kind.STREAM)) {
            throw new DendraException(ErrorCode.COMPARE_MISMATCH, Place.file(compareFile), "model " + model.name() + " takes "
                    + model.input().width() + " channel(s) and gives " + model.output().width() + " output(s); the image takes "
                    + image.input().channels() + " and gives " + image.output().outputs(), null);
        }
        this.model = model;
        this.image = image;
        this.batch = batch;
        this.reference = new ReferenceInterpreter(model);
        this.referenceClasses = new int[batch.size()];
    }

    /** Counts sample {@code b} of the batch; samples may come in any order, one thread at a time. */
    public void accept(int b, ChipSample run) {
        Map<Node, double[]> values = reference.evaluate(batch.samples().get(b), batch.steps());
        double[] expected = values.get(model.output());
        double[] actual = run.output();
        for (int i = 0; i < expected.length; i++) {
            maxError = Math.max(maxError, Math.abs(expected[i] - actual[i]));
            maxValue = Math.max(maxValue, Math.abs(expected[i]));
        }
        if (!model.sequenceOutput() && argmax(expected) == argmax(actual)) argmaxAgree++;
        if (!model.sequenceOutput()) referenceClasses[b] = argmax(expected);
        for (LayerMapping layer : image.layers()) {
            double[] ref = spikesOf(layer.name(), values);
            if (ref == null) continue; // not a spiking layer
            SpikeMatch.Counter tally = spikes.computeIfAbsent(layer.name(), k -> new SpikeMatch.Counter());
            for (int core : layer.cores()) {
                CoreImage c = image.cores().get(core);
                int first = c.neurons().firstNeuron();
                for (int t = 0; t < batch.steps(); t++) {
                    for (int i = 0; i < c.neurons().count(); i++) tally.add(t, run.spiked(core, t, i), ref[t * layer.neurons() + first + i] != 0);
                }
            }
        }
    }

    public Result result() {
        Map<String, SpikeMatch> matches = new LinkedHashMap<>();
        spikes.forEach((name, tally) -> matches.put(name, tally.result()));
        return new Result(maxError, maxValue == 0 ? maxError : maxError / maxValue, model.sequenceOutput() ? null : (double) argmaxAgree / batch.size(),
                matches, referenceClasses.clone());
    }

    /** The reference spikes of an image layer: a lif or threshold layer's own, or for an ssm layer those of the soma its S4D feeds. */
    private double[] spikesOf(String layer, Map<Node, double[]> values) {
        for (Node node : model.nodes()) {
            if (!node.name().equals(layer)) continue;
            if (node instanceof LifNode || node instanceof ThresholdNode) return values.get(node);
            if (node instanceof S4dNode) {
                for (Node n : model.nodes()) if (n instanceof LifNode lif && lif.input() == node) return values.get(lif);
            }
        }
        return null;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
