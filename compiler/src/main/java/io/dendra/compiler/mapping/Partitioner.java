package io.dendra.compiler.mapping;

import io.dendra.compiler.passes.Connection;
import io.dendra.compiler.passes.LogicalBlock;
import io.dendra.compiler.passes.LogicalNetwork;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import io.dendra.ir.NeuronKernels;
import io.dendra.targets.CoreLimits;
import io.dendra.targets.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits every layer into cores under all of the target's per-core limits: neurons, synaptic
 * memory in words of the target's synapse format (plus neuron state where it shares the memory),
 * and input axons. Layers are split evenly into as few cores as fit.
 */
public final class Partitioner {
    private final Target target;

    public Partitioner(Target target) {
        this.target = target;
    }

    public List<CorePiece> partition(LogicalNetwork network) {
        List<CorePiece> pieces = new ArrayList<>();
        for (LogicalBlock block : network.blocks()) {
            int perCore = largestFit(block);
            int cores = (block.count() + perCore - 1) / perCore;
            int base = block.count() / cores;
            int extra = block.count() % cores;
            int first = 0;
            for (int c = 0; c < cores; c++) {
                int count = base + (c < extra ? 1 : 0);
                pieces.add(new CorePiece(pieces.size(), block, first, count));
                first += count;
            }
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

    /** The most neurons of the block one core holds. */
    int largestFit(LogicalBlock block) {
        CoreLimits core = target.core();
        int axons = inputAxons(block);
        if (axons > core.inputAxons()) {
            throw new DendraException(ErrorCode.CORE_TOO_SMALL, Place.named("layer " + block.name()), "layer " + block.name() + ": each neuron reads "
                    + axons + " inputs, but a core has " + core.inputAxons() + " input axons (" + (axons - core.inputAxons()) + " too many)", null);
        }
        if (memoryBits(block, 1) > core.synapticMemoryBits()) {
            throw new DendraException(ErrorCode.CORE_TOO_SMALL, Place.named("layer " + block.name()), "layer " + block.name() + ": one neuron needs "
                    + memoryBits(block, 1) + " bits of synaptic memory, a core has " + core.synapticMemoryBits() + " ("
                    + (memoryBits(block, 1) - core.synapticMemoryBits()) + " bits short)", null);
        }
        int low = 1;
        int high = Math.min(block.count(), core.neurons());
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (memoryBits(block, mid) <= core.synapticMemoryBits()) low = mid;
            else high = mid - 1;
        }
        return low;
    }

    /** Input axons of a core holding any neurons of the block: one per source value it reads (dense layers read all). */
    private static int inputAxons(LogicalBlock block) {
        int axons = 0;
        List<Object> seen = new ArrayList<>();
        for (Connection c : block.inputs()) {
            boolean counted = false;
            for (Object s : seen) if (s == c.source()) counted = true;
            if (!counted) {
                seen.add(c.source());
                axons += c.source().width();
            }
        }
        return axons;
    }

    /**
     * Synaptic memory for {@code n} neurons of the block: per input axon, its entries to those
     * neurons packed into words, plus neuron state and parameters when they share the memory.
     */
    long memoryBits(LogicalBlock block, int n) {
        return synapseBits(target, (long) inputAxons(block), (long) n * block.compartments()) + stateBits(target, block, n);
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
        int words = NeuronKernels.stateWords(block.program(), block.states()) + NeuronKernels.paramsPerNeuron(block.program(), block.states());
        return (long) n * words * target.formats().stateBits();
    }
}
