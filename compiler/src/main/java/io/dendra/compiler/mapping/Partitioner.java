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
 * memory in words of the target's synapse format (plus neuron state where it shares the memory),
 * input axons, and output axons (one per message a spike sends). Layers are split evenly into as
 * few cores as fit. Synapses count as the image will hold them: those whose quantized weight is
 * not zero.
 */
public final class Partitioner {
    private final Target target;

    /** A block being split: its quantized synapses, and the output routes each of its neurons needs. */
    private record Demand(QuantizedBlock block, int[] routes) {
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
        for (int b = blocks.size() - 1; b >= 0; b--) {
            Demand block = new Demand(blocks.get(b), routesPerNeuron(blocks.get(b).block(), blocks, split));
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

    /**
     * For each neuron of {@code source}, the messages it sends per spike: one per consumer core
     * and synapse group (source and delay) with a kept synapse for it. Consumers are already split.
     */
    private static int[] routesPerNeuron(LogicalBlock source, List<QuantizedBlock> blocks, Map<LogicalBlock, List<int[]>> split) {
        int[] routes = new int[source.count()];
        for (QuantizedBlock consumer : blocks) {
            List<int[]> ranges = split.get(consumer.block());
            if (ranges == null) continue;
            for (QuantizedSynapses group : consumer.synapses()) {
                if (group.source() != source) continue;
                for (int k = 0; k < source.count(); k++) {
                    for (int[] range : ranges) if (kept(group, k, range[0], range[1]) > 0) routes[k]++;
                }
            }
        }
        return routes;
    }

    /** Source value k's kept synapses in a group onto neurons {@code first .. first + n}. */
    private static long kept(QuantizedSynapses group, int k, int first, int n) {
        long entries = 0;
        List<Connection> connections = group.connections();
        for (int i = 0; i < connections.size(); i++) {
            Connection c = connections.get(i);
            for (int e = c.start(k); e < c.end(k); e++) {
                int neuron = c.neuron(e);
                if (neuron >= first && neuron < first + n && group.mantissa(i, e) != 0) entries++;
            }
        }
        return entries;
    }

    /**
     * Input axons and synaptic memory of neurons {@code first .. first + n}: one axon per source
     * value and delay with a kept synapse among them, its synapses packed into words, plus neuron
     * state and parameters on targets whose state shares the memory.
     */
    private long[] usage(Demand block, int first, int n) {
        long axons = 0;
        long bits = 0;
        for (QuantizedSynapses group : block.block().synapses()) {
            int width = group.source().width();
            for (int k = 0; k < width; k++) {
                long entries = kept(group, k, first, n);
                if (entries == 0) continue;
                axons++;
                bits += synapseBits(target, 1, entries);
            }
        }
        return new long[] {axons, bits + stateBits(target, block.block().block(), n)};
    }

    /** Words for {@code axons} axons of {@code entriesPerAxon} synapse entries each. */
    static long synapseBits(Target target, long axons, long entriesPerAxon) {
        CoreLimits core = target.core();
        int entryBits = core.weightBits().max() + core.synapseEntryOverheadBits();
        int perWord = Math.max(1, (core.synapseWordBits() - core.synapseWordHeaderBits()) / entryBits);
        return axons * ((entriesPerAxon + perWord - 1) / perWord) * core.synapseWordBits();
    }

    /** Neuron state and parameters when the target keeps them in the synaptic memory, else 0. */
    static long stateBits(Target target, LogicalBlock block, int n) {
        if (!target.core().stateSharesMemory()) return 0;
        int words = block.program().stateWords(block.states()) + block.program().paramsPerNeuron(block.states());
        return (long) n * words * target.formats().stateBits();
    }
}
