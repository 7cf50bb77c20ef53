package io.dendra.compiler.mapping;

import io.dendra.compiler.graph.SparseMatrix;
import io.dendra.compiler.network.Connection;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.compiler.network.QuantizedBlock;
import io.dendra.compiler.network.QuantizedSynapses;
import io.dendra.targets.CoreLimits;
import io.dendra.targets.Target;
import java.util.Arrays;
import java.util.List;

/**
 * What a run of a block's neurons costs in a core's input axons and synaptic memory, the one rule
 * the partitioner splits by and the image reports: one input axon per source value and synapse
 * group (source and delay) with a kept synapse (a weight that is not zero) among those neurons.
 * Expanded, each axon's synapse entries are packed into words of the target's synapse format. On a
 * target with shared-kernel convolutions, a group that is a convolution costs one word per axon
 * (where its window starts in the kernel) and the kernels of the output channels the neurons
 * belong to, packed once, whatever the number of positions they serve. Neuron state and
 * parameters count too where the target keeps them in the same memory.
 */
final class SynapticMemory {
    private final Target target;
    private final QuantizedBlock block;
    /** Per group, per source value: the neurons its kept synapses reach, ascending (with repeats for several connections). */
    private final int[][][] kept;
    /** Per group: whether the target stores it as shared kernels. */
    private final boolean[] shared;

    SynapticMemory(Target target, QuantizedBlock block) {
        this.target = target;
        this.block = block;
        List<QuantizedSynapses> groups = block.synapses();
        kept = new int[groups.size()][][];
        shared = new boolean[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            QuantizedSynapses group = groups.get(g);
            shared[g] = target.core().sharedKernels() && group.connections().stream().allMatch(c -> c.kernel() != null);
            int width = group.source().width();
            kept[g] = new int[width][];
            for (int k = 0; k < width; k++) {
                int count = 0;
                List<Connection> connections = group.connections();
                for (int i = 0; i < connections.size(); i++) {
                    for (int e = connections.get(i).start(k); e < connections.get(i).end(k); e++) if (group.mantissa(i, e) != 0) count++;
                }
                int[] neurons = new int[count];
                int at = 0;
                for (int i = 0; i < connections.size(); i++) {
                    Connection c = connections.get(i);
                    for (int e = c.start(k); e < c.end(k); e++) if (group.mantissa(i, e) != 0) neurons[at++] = c.neuron(e);
                }
                Arrays.sort(neurons);
                kept[g][k] = neurons;
            }
        }
    }

    /** Source value k's kept synapses in group g onto neurons {@code first .. first + n}. */
    int kept(int g, int k, int first, int n) {
        int[] neurons = kept[g][k];
        return lowerBound(neurons, first + n) - lowerBound(neurons, first);
    }

    /** {input axons, bits of synaptic memory} of neurons {@code first .. first + n}. */
    long[] usage(int first, int n) {
        long axons = 0;
        long bits = 0;
        List<QuantizedSynapses> groups = block.synapses();
        for (int g = 0; g < groups.size(); g++) {
            long groupAxons = 0;
            for (int k = 0; k < kept[g].length; k++) {
                int entries = kept(g, k, first, n);
                if (entries == 0) continue;
                groupAxons++;
                if (!shared[g]) bits += synapseBits(target, 1, entries);
            }
            axons += groupAxons;
            if (shared[g] && groupAxons > 0) bits += groupAxons * target.core().synapseWordBits() + synapseBits(target, 1, kernelWeights(groups.get(g), first, n));
        }
        return new long[] {axons, bits + stateBits(target, block.block(), n)};
    }

    /** The weights of the kernels of the output channels that neurons {@code first .. first + n} belong to, over the group's connections. */
    private static long kernelWeights(QuantizedSynapses group, int first, int n) {
        long weights = 0;
        for (Connection c : group.connections()) {
            SparseMatrix.SharedKernel kernel = c.kernel();
            weights += (long) kernel.channelsOf(first, n) * kernel.weightsPerChannel();
        }
        return weights;
    }

    private static int lowerBound(int[] sorted, int value) {
        int low = 0, high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < value) low = mid + 1;
            else high = mid;
        }
        return low;
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

    /** Whether any of the block's groups is stored as shared kernels. */
    boolean sharesKernels() {
        for (boolean s : shared) if (s) return true;
        return false;
    }
}
