package io.dendra.compiler.mapping;

import io.dendra.compiler.network.Connection;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.compiler.network.QuantizedBlock;
import io.dendra.compiler.network.QuantizedNetwork;
import io.dendra.compiler.network.QuantizedSynapses;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import io.dendra.targets.CoreLimits;
import io.dendra.targets.Target;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits every layer into cores under all of the target's per-core limits: neurons, synaptic
 * memory and input axons as {@link SynapticMemory} counts them, and output axons (one per message a
 * spike sends). Layers are split evenly into as few cores as fit.
 */
public final class Partitioner {
    private final Target target;

    /** A block being split: its quantized synapses, and the output routes each of its neurons needs. */
    private record Demand(QuantizedBlock block, int[] routes, SynapticMemory memory) {
        int count() { return block.block().count(); }
        String name() { return block.name(); }
    }

    public Partitioner(Target target) {
        this.target = target;
    }

    /**
     * Splits the blocks from the last to the first, so that when a block is split the cores of
     * every block it sends to are known, and with them how many output axons (routes) each of its
     * neurons needs; then numbers the cores in pipeline order.
     */
    public List<CorePiece> partition(QuantizedNetwork network) {
        List<QuantizedBlock> blocks = network.blocks();
        Map<LogicalBlock, List<int[]>> split = new IdentityHashMap<>();
        Map<QuantizedBlock, SynapticMemory> memories = new IdentityHashMap<>();
        for (int b = blocks.size() - 1; b >= 0; b--) {
            Demand block = new Demand(blocks.get(b), routesPerNeuron(blocks.get(b).block(), blocks, split, memories), memory(memories, blocks.get(b)));
            int perCore = largestFit(block);
            int cores = (block.count() + perCore - 1) / perCore;
            while (!evenSplitFits(block, cores)) {
                if (cores == block.count()) throw tooLarge(block, firstUnfit(block));
                cores++;
            }
            List<int[]> ranges = new ArrayList<>();
            int first = 0;
            for (int c = 0; c < cores; c++) {
                int count = share(block.count(), cores, c);
                ranges.add(new int[] {first, count});
                first += count;
            }
            split.put(block.block().block(), ranges);
        }
        List<CorePiece> pieces = new ArrayList<>();
        for (QuantizedBlock block : blocks) {
            for (int[] range : split.get(block.block())) pieces.add(new CorePiece(pieces.size(), block.block(), range[0], range[1]));
        }
        int perChip = target.coresPerChip();
        int chips = (pieces.size() + perChip - 1) / perChip;
        if (chips > target.chipsPerBoard()) {
            throw new DendraException(ErrorCode.BOARD_TOO_SMALL, Place.named("model " + network.modelName()), "the model needs " + pieces.size()
                    + " cores (" + chips + " chips of " + perChip + "); a " + target.name() + " board has " + target.chipsPerBoard() + " chips ("
                    + perChip * target.chipsPerBoard() + " cores)", null);
        }
        return pieces;
    }

    private static int share(int count, int cores, int core) {
        return count / cores + (core < count % cores ? 1 : 0);
    }

    private boolean evenSplitFits(Demand block, int cores) {
        int first = 0;
        for (int c = 0; c < cores; c++) {
            int n = share(block.count(), cores, c);
            if (!fits(block, first, n)) return false;
            first += n;
        }
        return true;
    }

    /** The most neurons of the block, from its first, that one core holds (a layer's first neuron stands for the rest). */
    private int largestFit(Demand block) {
        CoreLimits core = target.core();
        if (!fits(block, 0, 1)) throw tooLarge(block, 0);
        int low = 1;
        int high = Math.min(block.count(), core.neurons());
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (fits(block, 0, mid)) low = mid;
            else high = mid - 1;
        }
        return low;
    }

    private int firstUnfit(Demand block) {
        for (int i = 0; i < block.count(); i++) if (!fits(block, i, 1)) return i;
        return 0;
    }

    private DendraException tooLarge(Demand block, int neuron) {
        CoreLimits core = target.core();
        long[] one = usage(block, neuron, 1);
        String what = block.routes()[neuron] > core.outputAxons()
                ? "sends to " + block.routes()[neuron] + " axons, but a core has " + core.outputAxons() + " output axons"
                : one[0] > core.inputAxons()
                ? "reads " + one[0] + " inputs, but a core has " + core.inputAxons() + " input axons (" + (one[0] - core.inputAxons()) + " too many)"
                : "needs " + one[1] + " bits of synaptic memory, a core has " + core.synapticMemoryBits() + " (" + (one[1] - core.synapticMemoryBits())
                        + " bits short)";
        return new DendraException(ErrorCode.CORE_TOO_SMALL, Place.named("layer " + block.name()), "layer " + block.name() + ": neuron " + neuron + " " + what,
                null);
    }

    private boolean fits(Demand block, int first, int n) {
        if (n > target.core().neurons()) return false;
        long[] use = usage(block, first, n);
        long out = 0;
        for (int i = first; i < first + n; i++) out += block.routes()[i];
        return use[0] <= target.core().inputAxons() && use[1] <= target.core().synapticMemoryBits() && out <= target.core().outputAxons();
    }

    private SynapticMemory memory(Map<QuantizedBlock, SynapticMemory> memories, QuantizedBlock block) {
        return memories.computeIfAbsent(block, b -> new SynapticMemory(target, b));
    }

    /**
     * For each neuron of {@code source}, the messages it sends per spike: one per consumer core
     * and synapse group (source and delay) with a kept synapse for it. Consumers are already split.
     */
    private int[] routesPerNeuron(LogicalBlock source, List<QuantizedBlock> blocks, Map<LogicalBlock, List<int[]>> split,
            Map<QuantizedBlock, SynapticMemory> memories) {
        int[] routes = new int[source.count()];
        for (QuantizedBlock consumer : blocks) {
            List<int[]> ranges = split.get(consumer.block());
            if (ranges == null) continue;
            SynapticMemory memory = memory(memories, consumer);
            for (int g = 0; g < consumer.synapses().size(); g++) {
                if (consumer.synapses().get(g).source() != source) continue;
                for (int k = 0; k < source.count(); k++) {
                    for (int[] range : ranges) if (memory.kept(g, k, range[0], range[1]) > 0) routes[k]++;
                }
            }
        }
        return routes;
    }

    private long[] usage(Demand block, int first, int n) {
        return block.memory().usage(first, n);
    }
}
