package io.dendra.simulator;

/**
 * The synaptic fan-out: a message reaching a core's axon adds each of the axon's synapses' weight
 * times its payload into the accumulator of the synapse's target, in the ring slot its delay
 * names (round_half_up: weight · (payload << (exponent + 8)); floor_per_group: weight · payload
 * into the axon's group, shifted when read). Sums of integers are exact in any order, so messages
 * are fanned out in queue order and the host's as they are sent; a dense row
 * ({@link ChipTables#denseWeight}) as one run of weights over consecutive accumulators, eight at a time
 * where the JVM allows ({@link DenseRowLanes}), its zeros adding nothing. Counts each synaptic op
 * (the image's synapses, not the run's zeros), binary or graded, at the receiving core.
 */
final class SynapticFanOut {
    /** Whether dense rows go eight synapses at a time ({@link DenseRowLanes}). */
    private static final boolean LANES = io.dendra.ir.VectorLanes.AVAILABLE;
    private final ChipTables t;
    private final Workspace w;

    SynapticFanOut(Workspace w) {
        this.w = w;
        this.t = w.tables;
    }

    /** Every message queued this step (sent by cores), at its destination. */
    void queued(int step) {
        MessageQueue queue = w.queue;
        long ops = 0;
        for (int m = 0; m < queue.size; m++) {
            boolean graded = queue.input[m] ? t.gradedInput : t.graded[queue.source[m]];
            ops += deliver(queue.core[m], queue.axon[m], queue.payload[m], graded, step);
        }
        if (w.profile != null) w.profile.fanOutSynops += ops;
    }

    /** One message of this step to axon {@code axon} of core {@code c}; returns its synaptic ops. */
    int deliver(int c, int axon, long payload, boolean graded, int step) {
        int[] d = t.axon[c];
        int at = axon * ChipTables.AXON_WORDS;
        int from = d[at + ChipTables.A_FROM];
        int to = d[at + ChipTables.A_TO];
        if (from == to) return 0;
        long[] ring = w.ring[c];
        long scaled = payload << d[at + ChipTables.A_SHIFT]; // Accumulation.term: weight · (payload << shift)
        int offset = d[at + ChipTables.A_OFFSET];
        int shared = d[at + ChipTables.A_DELAY];
        int[] packed = t.synPacked[c];
        if (packed != null) {
            // every axon of a packed core has one delay
            int base = w.slotAfter[shared] * t.slotWidth[c] + offset;
            int dense = d[at + ChipTables.A_DENSE_AT];
            if (dense >= 0) {
                int first = base + d[at + ChipTables.A_DENSE_FIRST];
                int length = d[at + ChipTables.A_DENSE_LENGTH];
                short[] weight = t.denseWeight[c];
                if (LANES) {
                    DenseRowLanes.add(ring, first, weight, dense, length, scaled);
                } else {
                    for (int k = 0; k < length; k++) ring[first + k] += weight[dense + k] * scaled;
                }
            } else {
                for (int s = from; s < to; s++) {
                    int synapse = packed[s];
                    ring[base + (synapse >>> 16)] += (short) synapse * scaled;
                }
            }
        } else {
            int[] target = t.synTarget[c];
            short[] weight = t.synWeight[c];
            if (shared >= 0) {
                int base = w.slotAfter[shared] * t.slotWidth[c] + offset;
                for (int s = from; s < to; s++) ring[base + target[s]] += weight[s] * scaled;
            } else {
                int[] delay = t.synDelay[c];
                int[] slotAfter = w.slotAfter;
                int slotWidth = t.slotWidth[c];
                for (int s = from; s < to; s++) ring[slotAfter[delay[s]] * slotWidth + offset + target[s]] += weight[s] * scaled;
            }
        }
        if (graded) w.counters.synopsGraded[c] += to - from;
        else w.counters.synopsBinary[c] += to - from;
        return to - from;
    }
}
