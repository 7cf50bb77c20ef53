package io.dendra.ir;

import java.util.List;
import java.util.Objects;

/**
 * A compiled model, everything the simulator needs: the target's full text (so a run is
 * reproducible), the number formats the kernels use and the target's {@link Accumulation}, the placed cores with their neurons,
 * synapses and routes, the input and output maps, the layer map, and the pipeline depth — the
 * steps from an input entering to its result being read.
 */
public record ChipImage(String modelName, String targetName, String targetText, int stateBits, int payloadBits,
        Accumulation accumulation, int chips, List<CoreImage> cores, InputMap input, OutputMap output, List<LayerMapping> layers, int pipelineDepth) {

    public ChipImage {
        Objects.requireNonNull(modelName);
        Objects.requireNonNull(targetText);
        Objects.requireNonNull(accumulation);
        cores = List.copyOf(cores);
        layers = List.copyOf(layers);
        if (stateBits < 2 || stateBits > 32 || payloadBits < 0 || payloadBits > 32 || chips < 1) throw new IllegalArgumentException("formats and chips");
        for (int i = 0; i < cores.size(); i++) if (cores.get(i).id() != i) throw new IllegalArgumentException("core ids are their positions");
        for (CoreImage core : cores) {
            if (core.chip() >= chips) throw new IllegalArgumentException("core " + core.id() + " on a chip beyond " + chips);
            for (int r = 0; r < core.routes().routes(); r++) checkDestination(cores, core.routes().destinationCore(r), core.routes().destinationAxon(r));
        }
        for (int d = 0; d < input.end(input.channels() - 1); d++) checkDestination(cores, input.core(d), input.axon(d));
        for (int d = 0; d < input.biasDestinations(); d++) checkDestination(cores, input.biasCore(d), input.biasAxon(d));
        if (accumulation == Accumulation.FLOOR_PER_GROUP) {
            for (CoreImage core : cores) {
                SynapseTable s = core.synapses();
                for (int a = 0; a < s.axons(); a++) {
                    if (s.exponent(a) != s.groupExponent(s.group(a))) {
                        throw new IllegalArgumentException("core " + core.id() + " axon " + a + ": exponent " + s.exponent(a) + " differs from its group's "
                                + s.groupExponent(s.group(a)) + " (floor_per_group accumulation shifts each group once)");
                    }
                }
            }
        }
        for (int k = 0; k < output.outputs(); k++) {
            if (output.core(k) >= cores.size() || output.neuron(k) >= cores.get(output.core(k)).neurons().count()) {
                throw new IllegalArgumentException("output " + k + " reads a missing neuron");
            }
        }
        if (pipelineDepth < 1) throw new IllegalArgumentException("pipeline depth is at least one step");
    }

    /** The same image with another input map (the same destinations, for example with its calibration range). */
    public ChipImage withInput(InputMap newInput) {
        return new ChipImage(modelName, targetName, targetText, stateBits, payloadBits, accumulation, chips, cores, newInput, output, layers, pipelineDepth);
    }

    private static void checkDestination(List<CoreImage> cores, int core, int axon) {
        if (core < 0 || core >= cores.size() || axon < 0 || axon >= cores.get(core).synapses().axons()) {
            throw new IllegalArgumentException("route to missing core " + core + " axon " + axon);
        }
    }

    public int neurons() {
        return cores.stream().mapToInt(c -> c.neurons().count()).sum();
    }

    public long synapses() {
        return cores.stream().mapToLong(c -> c.synapses().synapses()).sum();
    }
}
