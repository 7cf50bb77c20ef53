package io.dendra.compiler.network;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What quantization makes of a lowered network and what mapping accepts: every block quantized,
 * the host input's payload fraction bits, and what quantization had to clip (one line per layer).
 */
public final class QuantizedNetwork {
    private final LogicalNetwork network;
    private final int inputFraction;
    private final List<QuantizedBlock> blocks;
    private final Map<LogicalBlock, QuantizedBlock> byBlock = new IdentityHashMap<>();
    private final List<String> notes;

    public QuantizedNetwork(LogicalNetwork network, int inputFraction, List<QuantizedBlock> blocks, List<String> notes) {
        this.network = network;
        this.inputFraction = inputFraction;
        this.blocks = List.copyOf(blocks);
        this.notes = List.copyOf(notes);
        for (QuantizedBlock b : blocks) byBlock.put(b.block(), b);
        if (byBlock.size() != network.blocks().size()) throw new IllegalArgumentException("one quantized block per block");
    }

    public LogicalNetwork network() { return network; }
    public String modelName() { return network.modelName(); }
    public HostSource input() { return network.input(); }
    /** In pipeline order, as the network's blocks. */
    public List<QuantizedBlock> blocks() { return blocks; }
    public QuantizedBlock block(LogicalBlock block) { return byBlock.get(block); }
    public QuantizedBlock outputBlock() { return byBlock.get(network.outputBlock()); }
    public List<String> notes() { return notes; }

    /** Fraction bits of what a chip value sends: the input's payloads, a block's payloads, 0 for spikes. */
    public int outputFraction(ChipValue value) {
        if (value instanceof HostSource input) return input.binary() ? 0 : inputFraction;
        return byBlock.get((LogicalBlock) value).outputFraction();
    }
}
