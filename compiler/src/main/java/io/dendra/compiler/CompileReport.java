package io.dendra.compiler;

import io.dendra.compiler.mapping.ImageBuilder;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.compiler.verify.LayerAgreement;
import io.dendra.ir.ChipImage;
import io.dendra.targets.Target;
import java.util.List;

/**
 * What a compile produced, for people and for JSON: cores, chips, neurons, synapses and synaptic
 * memory in total and per layer, the placement cost against a row-major placement, and the
 * quantization error of every layer on the first calibration sequence, and notes on what the
 * compiler had to clip or could not make exact (empty when nothing).
 */
public record CompileReport(String target, int cores, int chips, int neurons, long synapses, long memoryBitsUsed, long memoryBitsPerCore,
        long largestCoreBits, double placementCost, double rowMajorCost, int pipelineDepth, int calibrationSequences, int calibrationSteps,
        List<Layer> layers, List<String> notes) {

    /** One layer's resources and quantization error. */
    public record Layer(String name, String program, int neurons, int cores, long synapses, long memoryBits, int axons, double coefficientError,
            double weightError, LayerAgreement output) {}

    static CompileReport of(Target target, ImageBuilder.Result built, List<LayerError> errors, SequenceBatch calibration,
            List<String> notes) {
        ChipImage image = built.image();
        List<Layer> layers = new java.util.ArrayList<>();
        for (int i = 0; i < built.layers().size(); i++) {
            ImageBuilder.LayerUse use = built.layers().get(i);
            LayerError error = errors.get(i);
            layers.add(new Layer(use.name(), use.program().id(), use.neurons(), use.cores().size(), use.synapses(), use.memoryBits(), use.axons(),
                    error.coefficientError(), error.weightError(), error.output()));
        }
        long used = 0;
        long largest = 0;
        for (long bits : built.memoryBitsPerCore()) {
            used += bits;
            largest = Math.max(largest, bits);
        }
        return new CompileReport(target.name(), image.cores().size(), image.chips(), image.neurons(), image.synapses(), used,
                target.core().synapticMemoryBits(), largest, built.placement().cost(), built.placement().rowMajorCost(), image.pipelineDepth(),
                calibration.size(), calibration.steps(), List.copyOf(layers), List.copyOf(notes));
    }
}
