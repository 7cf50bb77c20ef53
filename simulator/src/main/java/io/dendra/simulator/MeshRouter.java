package io.dendra.simulator;

import java.util.Arrays;

/**
 * The mesh and the cores' input stages for one run: moves a step's messages to their destination
 * cores, hop by hop in dimension order with one flit per directed link per cycle and the target's
 * link buffers, and times each destination's input stage (its receive cost and synaptic ops, its
 * receive buffer), applying back-pressure to senders. It sets arrival times and each core's end of
 * synaptic work; the accumulation itself is the fan-out's ({@link SynapticFanOut}). The host's
 * messages cross no link: {@link #fromHost} takes each straight to its core's input stage. State is
 * per {@link Workspace}.
 */
final class MeshRouter {
    private final ChipTables sim;
    private final int cores;
    private final long[] linkFree;
    /** Per directed link: grants this step, and (finite link buffers) the departures of its last sim.timing.linkBuffer grants, as rings. */
    private final int[] linkGrants;
    private final long[] linkRing;
    // The receiving side of this step, per core: when its input stage finishes its last message, and (with a finite
    // receive buffer) when each of its last sim.timing.receiveBuffer messages started, as a ring.
    private final long[] receiveFree;
    private final long[][] startRing;
    private final int[] received;
    /** How long each core's output stage (and, last, the host's) has been held by back-pressure this step; its later messages leave that much later. */
    private final long[] senderStall;

    MeshRouter(ChipTables sim) {
        this.sim = sim;
        this.cores = sim.cores;
        linkFree = new long[sim.image.chips() * sim.meshColumns * sim.meshRows * 4];
        linkGrants = new int[linkFree.length];
        linkRing = sim.timing.linkBuffer > 0 ? new long[linkFree.length * sim.timing.linkBuffer] : null;
        receiveFree = new long[cores];
        received = new int[cores];
        senderStall = new long[cores + 1];
        startRing = new long[cores][];
        if (sim.timing.receiveBuffer > 0) for (int c = 0; c < cores; c++) startRing[c] = new long[sim.timing.receiveBuffer];
    }

    /** A new step: every input stage idle, no sender stalled. */
    void startStep() {
        Arrays.fill(receiveFree, 0);
        Arrays.fill(received, 0);
        Arrays.fill(senderStall, 0);
    }

    /**
     * Moves every queued message to its destination core in the order of its send time: local
     * and within-tile deliveries pass the tile router only; others hop east-west, then
     * north-south, waiting for each link until it is free. Then the destination's input stage
     * takes it: it enters the core's receive buffer when there is room (a full buffer holds it in
     * the network and stalls its sender: that sender's later messages leave as much later), and is
     * processed — the input stage's cost, then one synaptic op per synapse of its axon — after the
     * messages the core took before it. Sets each core's end of synaptic work.
     */
    void route(MessageQueue queue, Counters counters, long[] synapseEnd) {
        if (queue.size == 0) return;
        queue.mergeByTime();
        Arrays.fill(linkFree, 0);
        Arrays.fill(linkGrants, 0);
        for (int j = 0; j < queue.size; j++) {
            int m = queue.order[j];
            int src = queue.source[m];
            int dst = queue.core[m];
            long t = queue.time[m] + senderStall[src] + sim.timing.withinTileFs;
            if (sim.globalX[src] == sim.globalX[dst] && sim.tileY[src] == sim.tileY[dst]) {
                counters.localDeliveries[src]++;
            } else {
                int x = sim.globalX[src];
                int y = sim.tileY[src];
                while (x != sim.globalX[dst]) {
                    int dir = sim.globalX[dst] > x ? 0 : 1;
                    int nx = dir == 0 ? x + 1 : x - 1;
                    boolean crossing = Math.floorDiv(x, sim.meshColumns) != Math.floorDiv(nx, sim.meshColumns);
                    t = hop(counters, src, (x * sim.meshRows + y) * 4 + dir, t, crossing ? sim.timing.chipCrossingFs : sim.timing.hopEwFs, x == sim.globalX[src]);
                    if (crossing) counters.chipCrossings[src]++;
                    else counters.hopsEastWest[src]++;
                    x = nx;
                }
                while (y != sim.tileY[dst]) {
                    int dir = sim.tileY[dst] > y ? 2 : 3;
                    t = hop(counters, src, (x * sim.meshRows + y) * 4 + dir, t, sim.timing.hopNsFs, x == sim.globalX[src] && y == sim.tileY[src]);
                    counters.hopsNorthSouth[src]++;
                    y += dir == 2 ? 1 : -1;
                }
            }
            queue.time[m] = t;
            boolean graded = queue.input[m] ? sim.gradedInput : sim.graded[src];
            receive(counters, synapseEnd, queue.axon[m], graded, dst, t, src);
        }
    }

    /**
     * A message from the host to axon {@code axon} of core {@code dst}: it enters at the core's
     * router at the start of the step (after the host's earlier messages, and their back-pressure)
     * and goes to the core's input stage.
     */
    void fromHost(int dst, int axon, boolean graded, Counters counters, long[] synapseEnd) {
        receive(counters, synapseEnd, axon, graded, dst, senderStall[cores] + sim.timing.withinTileFs, cores);
    }

    /** The input stage of core {@code dst} takes a message for {@code axon}, arrived at {@code arrival}. */
    private void receive(Counters counters, long[] synapseEnd, int axon, boolean isGraded, int dst, long arrival, int stallIndex) {
        int at = axon * ChipTables.AXON_WORDS;
        long synops = sim.axon[dst][at + ChipTables.A_TO] - sim.axon[dst][at + ChipTables.A_FROM];
        long cost = sim.timing.messageInFs + synops * (isGraded ? sim.timing.synopGradedFs : sim.timing.synopFs);
        long accept = arrival;
        int k = received[dst];
        if (sim.timing.receiveBuffer > 0 && k >= sim.timing.receiveBuffer) accept = Math.max(arrival, startRing[dst][k % sim.timing.receiveBuffer]);
        long start = Math.max(accept, receiveFree[dst]);
        long finish = start + cost;
        receiveFree[dst] = finish;
        if (sim.timing.receiveBuffer > 0) startRing[dst][k % sim.timing.receiveBuffer] = start;
        received[dst] = k + 1;
        if (accept > arrival) {
            senderStall[stallIndex] += accept - arrival;
            counters.receiveStallCycles[dst] += (accept - arrival + sim.timing.cycleFs - 1) / sim.timing.cycleFs;
        }
        synapseEnd[dst] = finish;
        counters.busyFs[dst] += cost;
        counters.messagesIn[dst]++;
    }

    /**
     * A message reaching {@code link}'s router at {@code t}: with a finite link buffer it enters
     * once fewer than that many messages wait for the link (the one granted that many grants ago
     * has left), then it leaves when the link is free, one flit per cycle. Time spent unable to
     * enter is back-pressure: on the first hop it stalls the sender's output stage
     * ({@code source}); further up the path the message only waits (the upstream buffer slot
     * it holds meanwhile is not modelled).
     */
    private long hop(Counters counters, int source, int link, long t, long latency, boolean firstHop) {
        long enter = t;
        if (sim.timing.linkBuffer > 0) {
            int n = linkGrants[link];
            if (n >= sim.timing.linkBuffer) enter = Math.max(t, linkRing[link * sim.timing.linkBuffer + n % sim.timing.linkBuffer]);
            if (enter > t) {
                counters.linkStallCycles[source] += (enter - t + sim.timing.cycleFs - 1) / sim.timing.cycleFs;
                if (firstHop) senderStall[source] += enter - t;
            }
        }
        long depart = Math.max(enter, linkFree[link]);
        if (depart > enter) counters.linkWaitCycles[source] += (depart - enter + sim.timing.cycleFs - 1) / sim.timing.cycleFs;
        linkFree[link] = depart + sim.timing.cycleFs;
        if (sim.timing.linkBuffer > 0) linkRing[link * sim.timing.linkBuffer + linkGrants[link]++ % sim.timing.linkBuffer] = depart;
        return depart + latency;
    }
}
