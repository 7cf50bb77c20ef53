package io.dendra.compiler.lowering;

import io.dendra.compiler.network.LogicalBlock;
import io.dendra.ir.OutputMap;

/** How the network's output leaves the chip: the block the host reads, how, and the real offset it adds. */
public record LoweredOutput(OutputMap.Kind kind, LogicalBlock block, double[] bias) {
    public LoweredOutput {
        bias = bias.clone();
    }
}
