package io.dendra.simulator;

import io.dendra.ir.ChipImage;
import io.dendra.ir.NeuronBlock;
import io.dendra.targets.Event;
import io.dendra.targets.Target;

/**
 * The target's times as the simulator charges them, in integer femtoseconds so that every table
 * entry is a whole number: each core's neuron update (active and inactive, from its program's op
 * count), state access and spike generation, a message's output and input stage, a synaptic op,
 * a delivery within a tile and a hop each way, a chip crossing, a cycle, the barrier over the
 * tiles in use; and the buffer sizes that bring back-pressure.
 */
final class TimingModel {
    final long[] activeFs, inactiveFs;
    /** Per core: what the sigma-delta encoding adds to each neuron's update (its ops at the target's per-op time); 0 without it. */
    final long[] deltaFs;
    final long accessFs, spikeOutFs, messageOutFs, messageInFs, synopFs, synopGradedFs;
    final long withinTileFs, hopEwFs, hopNsFs, chipCrossingFs, cycleFs, barrierFs;
    /** Messages a core's input holds before its senders wait, and a link's router buffer before the message behind waits; 0: unbounded. */
    final int receiveBuffer, linkBuffer;

    TimingModel(Target target, ChipImage image, int tilesInUse) {
        int cores = image.cores().size();
        activeFs = new long[cores];
        inactiveFs = new long[cores];
        deltaFs = new long[cores];
        for (int c = 0; c < cores; c++) {
            NeuronBlock b = image.cores().get(c).neurons();
            if (b.deltaThreshold() > 0) deltaFs[c] = fs(io.dendra.ir.DeltaSends.OPS * target.cost(Event.NEURON_OP).timeNs());
            activeFs[c] = fs(target.neuronUpdate(b.program(), true, b.states()).timeNs());
            inactiveFs[c] = fs(target.neuronUpdate(b.program(), false, b.states()).timeNs());
        }
        accessFs = fs(target.cost(Event.NEURON_ACCESS).timeNs());
        spikeOutFs = fs(target.cost(Event.SPIKE_OUT).timeNs());
        messageOutFs = fs(target.cost(Event.MESSAGE_OUT).timeNs());
        messageInFs = fs(target.cost(Event.MESSAGE_IN).timeNs());
        synopFs = fs(target.cost(Event.SYNOP).timeNs());
        synopGradedFs = fs(target.cost(Event.SYNOP_GRADED).timeNs());
        withinTileFs = fs(target.cost(Event.WITHIN_TILE).timeNs());
        hopEwFs = fs(target.cost(Event.HOP_EW).timeNs());
        hopNsFs = fs(target.cost(Event.HOP_NS).timeNs());
        chipCrossingFs = fs(target.cost(Event.CHIP_CROSSING).timeNs());
        cycleFs = Math.max(1, fs(target.cycleNs()));
        barrierFs = fs(target.barrier().timeNs(tilesInUse));
        receiveBuffer = target.core().receiveBuffer();
        linkBuffer = target.mesh().linkBuffer();
    }

    static long fs(double ns) {
        return Math.round(ns * 1e6);
    }
}
