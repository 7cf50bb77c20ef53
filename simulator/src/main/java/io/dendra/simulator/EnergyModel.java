package io.dendra.simulator;

import io.dendra.targets.Event;
import io.dendra.targets.Target;

/**
 * Turns counts into energy with the target's tables: each event's count times its energy, neuron
 * updates priced by their program's op count, the barrier per tile in use, and static power per
 * core in use over the run's time. Also the paper's constants for its sparse-versus-dense estimate.
 */
public final class EnergyModel {
    /** Horowitz (45 nm), as used by the SpikingSSM paper: a multiply-accumulate and an accumulate. */
    public static final double PAPER_MAC_PJ = 4.6;
    public static final double PAPER_AC_PJ = 0.9;

    /** Energy in picojoules by where it goes. */
    public record Breakdown(double synaptic, double neuron, double messages, double hops, double chipLinks, double barrier, double staticPower) {
        public double total() {
            return synaptic + neuron + messages + hops + chipLinks + barrier + staticPower;
        }
    }

    private final Target target;
    private final ChipSimulator sim;

    public EnergyModel(ChipSimulator sim) {
        this.sim = sim;
        this.target = sim.target();
    }

    /** The energy a core's own events cost (everything but barrier and static power). */
    public Breakdown core(Counters c, int core) {
        double synaptic = c.synopsBinary[core] * e(Event.SYNOP) + c.synopsGraded[core] * e(Event.SYNOP_GRADED);
        double neuron = c.updatesActive[core] * target.neuronUpdate(sim.program(core), true, sim.states(core)).energyPj()
                + c.updatesInactive[core] * target.neuronUpdate(sim.program(core), false, sim.states(core)).energyPj()
                + (c.updatesActive[core] + c.updatesInactive[core]) * e(Event.NEURON_ACCESS) + c.fired[core] * e(Event.SPIKE_OUT)
                + (sim.deltaSends(core) ? (c.updatesActive[core] + c.updatesInactive[core]) * (double) io.dendra.ir.DeltaSends.OPS * e(Event.NEURON_OP) : 0);
        double messages = c.messagesOut[core] * (e(Event.MESSAGE_OUT) + e(Event.WITHIN_TILE)) + c.messagesIn[core] * e(Event.MESSAGE_IN);
        double hops = c.hopsEastWest[core] * e(Event.HOP_EW) + c.hopsNorthSouth[core] * e(Event.HOP_NS);
        double links = c.chipCrossings[core] * e(Event.CHIP_CROSSING);
        return new Breakdown(synaptic, neuron, messages, hops, links, 0, 0);
    }

    /** The whole run: every core, the host's messages, barriers and static power. */
    public Breakdown total(Counters c) {
        double synaptic = 0, neuron = 0, messages = 0, hops = 0, links = 0;
        for (int core = 0; core < c.cores; core++) {
            Breakdown b = core(c, core);
            synaptic += b.synaptic();
            neuron += b.neuron();
            messages += b.messages();
            hops += b.hops();
            links += b.chipLinks();
        }
        messages += c.hostMessages * e(Event.WITHIN_TILE);
        double barrier = c.barriers * target.barrier().energyPj(sim.tilesInUse());
        double staticPower = target.staticPowerPerCoreMw() * c.cores * (c.stepFsTotal / 1e6);
        return new Breakdown(synaptic, neuron, messages, hops, links, barrier, staticPower);
    }

    /**
     * What a sigma-delta sender's suppressed values saved on this target: the messages (sent and
     * received) and the receivers' graded synaptic ops they did not cost, less the encoding's own
     * ops on every update; the hops they would have made are not counted.
     */
    public double sigmaDeltaSaved(Counters c, int core) {
        double avoided = c.messagesAvoided[core] * (e(Event.MESSAGE_OUT) + e(Event.WITHIN_TILE) + e(Event.MESSAGE_IN))
                + c.synopsAvoided[core] * e(Event.SYNOP_GRADED);
        double encoding = (c.updatesActive[core] + c.updatesInactive[core]) * (double) io.dendra.ir.DeltaSends.OPS * e(Event.NEURON_OP);
        return avoided - encoding;
    }

    /** What running the same ops densely would cost on this target: every op a synaptic op of its kind. */
    public double dense(long ops, boolean gradedInputs) {
        return ops * (gradedInputs ? e(Event.SYNOP_GRADED) : e(Event.SYNOP));
    }

    private double e(Event event) {
        return target.cost(event).energyPj();
    }
}
