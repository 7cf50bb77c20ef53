package io.dendra.compiler.network;

import io.dendra.ir.OutputMap;
import java.util.List;

/**
 * A model lowered to neuron programs and weighted connections, not yet quantized or placed:
 * the input, the blocks in pipeline order, and how the host reads the output — from
 * {@code outputBlock}, decoded with {@code outputBias} added (the decoder's bias after a readout).
 */
public record LogicalNetwork(String modelName, HostSource input, List<LogicalBlock> blocks, OutputMap.Kind outputKind,
        LogicalBlock outputBlock, double[] outputBias) {
    public LogicalNetwork {
        blocks = List.copyOf(blocks);
        outputBias = outputBias.clone();
    }

    /** The step at which the output for input step 0 is read. */
    public int firstOutputStep() {
        return outputBlock.startStep();
    }
}
