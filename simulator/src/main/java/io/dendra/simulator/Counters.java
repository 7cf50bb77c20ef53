package io.dendra.simulator;

/**
 * Everything one run counted, per core (indexed by core id), as primitive arrays that runs of
 * several samples add up. Time is in femtoseconds so that every table entry is a whole number.
 */
public final class Counters implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    final int cores;
    final long[] synopsBinary;
    final long[] synopsGraded;
    final long[] updatesActive;
    final long[] updatesInactive;
    /** Ops the neuron programs ran (their op counts, active and inactive). */
    final long[] neuronOps;
    final long[] messagesOut;
    final long[] hopsEastWest;
    final long[] hopsNorthSouth;
    final long[] localDeliveries;
    final long[] chipCrossings;
    final long[] linkWaitCycles;
    final long[] busyFs;
    /** Messages sent by neurons in the input's window (before fan-out to routes): spikes, or non-zero graded payloads. */
    final long[] spikes;
    /** Every spike or graded message a core's neurons generated, warm-up and drain steps included (priced as spike_out). */
    final long[] fired;
    /** Messages a core's input stage received, the host's included (priced as message_in). */
    final long[] messagesIn;
    /** Cycles messages waited outside a core whose receive buffer was full. */
    final long[] receiveStallCycles;
    /** Cycles messages waited to enter a link's full router buffer. */
    final long[] linkStallCycles;
    /** Sigma-delta senders: non-zero payloads in the input's window (what would have been sent without sigma-delta). */
    final long[] values;
    /** Sigma-delta senders: the messages (one per route) and the receivers' synaptic ops their suppressed payloads did not cost. */
    final long[] messagesAvoided, synopsAvoided;
    long hostMessages;
    long steps;
    long stepFsTotal;
    long stepFsMin = Long.MAX_VALUE;
    long stepFsMax;
    long barriers;

    /** Zero counts for {@code cores} cores, to add runs to. */
    public static Counters empty(int cores) {
        return new Counters(cores);
    }

    Counters(int cores) {
        this.cores = cores;
        synopsBinary = new long[cores];
        synopsGraded = new long[cores];
        updatesActive = new long[cores];
        updatesInactive = new long[cores];
        neuronOps = new long[cores];
        messagesOut = new long[cores];
        hopsEastWest = new long[cores];
        hopsNorthSouth = new long[cores];
        localDeliveries = new long[cores];
        chipCrossings = new long[cores];
        linkWaitCycles = new long[cores];
        busyFs = new long[cores];
        spikes = new long[cores];
        fired = new long[cores];
        messagesIn = new long[cores];
        receiveStallCycles = new long[cores];
        linkStallCycles = new long[cores];
        values = new long[cores];
        messagesAvoided = new long[cores];
        synopsAvoided = new long[cores];
    }

    /** Adds another run's counts (runs are added in sample order, so totals do not depend on threads). */
    public void add(Counters o) {
        for (int c = 0; c < cores; c++) {
            synopsBinary[c] += o.synopsBinary[c];
            synopsGraded[c] += o.synopsGraded[c];
            updatesActive[c] += o.updatesActive[c];
            updatesInactive[c] += o.updatesInactive[c];
            neuronOps[c] += o.neuronOps[c];
            messagesOut[c] += o.messagesOut[c];
            hopsEastWest[c] += o.hopsEastWest[c];
            hopsNorthSouth[c] += o.hopsNorthSouth[c];
            localDeliveries[c] += o.localDeliveries[c];
            chipCrossings[c] += o.chipCrossings[c];
            linkWaitCycles[c] += o.linkWaitCycles[c];
            busyFs[c] += o.busyFs[c];
            spikes[c] += o.spikes[c];
            fired[c] += o.fired[c];
            messagesIn[c] += o.messagesIn[c];
            receiveStallCycles[c] += o.receiveStallCycles[c];
            linkStallCycles[c] += o.linkStallCycles[c];
            values[c] += o.values[c];
            messagesAvoided[c] += o.messagesAvoided[c];
            synopsAvoided[c] += o.synopsAvoided[c];
        }
        hostMessages += o.hostMessages;
        steps += o.steps;
        stepFsTotal += o.stepFsTotal;
        stepFsMin = Math.min(stepFsMin, o.stepFsMin);
        stepFsMax = Math.max(stepFsMax, o.stepFsMax);
        barriers += o.barriers;
    }

    static long sum(long[] values) {
        long s = 0;
        for (long v : values) s += v;
        return s;
    }

    public long synopsBinary() { return sum(synopsBinary); }
    public long neuronOps() { return sum(neuronOps); }
    /** Sends (spikes or non-zero payloads) of one core in the input's window. */
    public long sends(int core) { return spikes[core]; }
    public long synopsGraded() { return sum(synopsGraded); }
    public long updatesActive() { return sum(updatesActive); }
    public long updatesInactive() { return sum(updatesInactive); }
    public long messages() { return sum(messagesOut); }
    public long hopsEastWest() { return sum(hopsEastWest); }
    public long hopsNorthSouth() { return sum(hopsNorthSouth); }
    public long localDeliveries() { return sum(localDeliveries); }
    public long chipCrossings() { return sum(chipCrossings); }
    public long linkWaitCycles() { return sum(linkWaitCycles); }
    public long fired() { return sum(fired); }
    public long messagesIn() { return sum(messagesIn); }
    public long receiveStallCycles() { return sum(receiveStallCycles); }
    public long linkStallCycles() { return sum(linkStallCycles); }
    public long steps() { return steps; }
    public long hostMessages() { return hostMessages; }
}
