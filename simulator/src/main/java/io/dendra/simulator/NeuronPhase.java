package io.dendra.simulator;

import io.dendra.ir.programs.Kernel;
import io.dendra.ir.Accumulation;
import io.dendra.ir.DeltaSends;
import io.dendra.ir.InputMap;
import java.util.Arrays;

/**
 * The first half of a step: every core reads its accumulators for this step, updates all its
 * neurons with its program's kernel, and times its update pass neuron by neuron — each neuron's
 * state access and update (active or not), then, when it fires, its spike's generation and one
 * message per route, each leaving as it is sent while the pass goes on. A sigma-delta block sends
 * only the changes of its payloads that reach its threshold ({@link DeltaSends}), each neuron's
 * update costing the encoding's ops too; an integrating core reads its sigma with its input. On targets with on-chip
 * input neurons a core then sends the host's input it is home to. Messages are queued core after
 * core, each core's in send-time order.
 */
final class NeuronPhase {
    private final ChipTables t;
    private final Workspace w;

    NeuronPhase(Workspace w) {
        this.w = w;
        this.t = w.tables;
    }

    void run(int step) {
        for (int c = 0; c < t.cores; c++) {
            updateCore(c, step);
            w.queue.endSegment(c);
        }
    }

    private void updateCore(int c, int step) {
        Counters counters = w.counters;
        if (step == 0) {
            // step 0 updates no neuron: only the input neurons send the first input step
            int before = w.queue.size;
            long end = sendInput(c, step, 0);
            w.coreEnd[c] = end;
            counters.messagesOut[c] += w.queue.size - before;
            counters.busyFs[c] += end;
            return;
        }
        readAccumulators(c, step);
        boolean[] busy = w.active[c];
        long[] sent = w.out[c];
        int count = t.count[c];
        long started = w.profile == null ? 0 : System.nanoTime();
        int active = t.program[c].update(count, t.states[c], t.params[c], w.state[c], w.in[c], sent, t.stateBits, t.payloadBits, busy);
        if (w.profile != null) w.profile.kernelNs[c] += System.nanoTime() - started;
        int inactive = count - active;
        counters.updatesActive[c] += active;
        counters.updatesInactive[c] += inactive;
        counters.neuronOps[c] += active * t.activeOps[c] + inactive * t.inactiveOps[c];
        int t0 = step - t.start[c];
        // sends within the block's input steps (the model's time 0 .. T − 1) are the layer's rates; every message is counted
        boolean inWindow = t0 >= 0 && t0 < w.inputSteps;
        int[] routeStart = t.routeStart[c];
        int deltaThreshold = t.deltaThreshold[c];
        if (deltaThreshold > 0) {
            // sigma-delta: each neuron sends the change of its payload, or nothing (ir/DeltaSends); what the values would have cost is counted
            int[] fanOut = t.fanOutSynapses[c];
            long values = 0, messages = 0, synops = 0;
            for (int i = 0; i < count; i++) {
                if (sent[i] == Kernel.NO_MESSAGE || sent[i] == 0) continue;
                values++;
                messages += routeStart[i + 1] - routeStart[i];
                synops += fanOut[i];
            }
            DeltaSends.encode(sent, w.held[c], count, deltaThreshold, t.deltaCumulative[c]);
            for (int i = 0; i < count; i++) {
                if (sent[i] == Kernel.NO_MESSAGE) continue;
                messages -= routeStart[i + 1] - routeStart[i];
                synops -= fanOut[i];
            }
            if (inWindow) counters.values[c] += values;
            counters.messagesAvoided[c] += messages;
            counters.synopsAvoided[c] += synops;
            counters.neuronOps[c] += (long) count * DeltaSends.OPS;
        }
        boolean recordSpikes = inWindow && !t.graded[c] && w.recorder.recordedSpikes();
        int[] routeCore = t.routeCore[c];
        int[] routeAxon = t.routeAxon[c];
        TimingModel timing = t.timing;
        long activeTime = timing.accessFs + timing.activeFs[c] + timing.deltaFs[c];
        long inactiveTime = timing.accessFs + timing.inactiveFs[c] + timing.deltaFs[c];
        long time = 0;
        long fired = 0;
        int before = w.queue.size;
        MessageQueue queue = w.queue;
        for (int i = 0; i < count; i++) {
            time += busy[i] ? activeTime : inactiveTime;
            long payload = sent[i];
            if (payload == Kernel.NO_MESSAGE) continue;
            time += timing.spikeOutFs;
            fired++;
            if (recordSpikes) w.recorder.spike(c, t0, i);
            for (int route = routeStart[i]; route < routeStart[i + 1]; route++) {
                time += timing.messageOutFs;
                queue.add(c, routeCore[route], routeAxon[route], payload, time, false);
            }
        }
        if (t.inputNeurons) time = sendInput(c, step, time);
        if (inWindow) w.recorder.sends(c, t0, (int) fired);
        if (inWindow) counters.spikes[c] += fired;
        counters.fired[c] += fired;
        counters.messagesOut[c] += queue.size - before;
        w.coreEnd[c] = time;
        counters.busyFs[c] += time;
    }

    /** Core c's input for this step: each compartment's accumulated synaptic input, as the image's accumulation reads it; the slot is emptied. */
    private void readAccumulators(int c, int step) {
        int width = t.width[c];
        long[] ring = w.ring[c];
        long[] input = w.in[c];
        int base = (step % t.slots) * t.slotWidth[c];
        if (t.integrating[c]) {
            // round_half_up with integrating axons: their sum joins the sigma, which persists, and is read with the step's input
            long[] sigma = w.sigma[c];
            for (int i = 0; i < width; i++) {
                sigma[i] += ring[base + width + i];
                ring[base + width + i] = 0;
                input[i] = Accumulation.ROUND_HALF_UP.read(ring[base + i] + sigma[i], 0);
                ring[base + i] = 0;
            }
        } else if (t.accumulation == Accumulation.ROUND_HALF_UP) {
            for (int i = 0; i < width; i++) {
                input[i] = Accumulation.ROUND_HALF_UP.read(ring[base + i], 0);
                ring[base + i] = 0;
            }
        } else {
            Arrays.fill(input, 0);
            for (int g = 0; g < t.groups[c]; g++, base += width) {
                int e = t.groupExponent[c][g];
                for (int i = 0; i < width; i++) {
                    input[i] += t.accumulation.read(ring[base + i], e);
                    ring[base + i] = 0;
                }
            }
        }
    }

    /**
     * Core c's input neurons (targets with {@code host_input = input_neurons}) send input step
     * {@code step} after its neurons' pass, from {@code time}: one message per destination of each
     * non-zero channel the core is home to, each costing the output stage (counted as the core's
     * messages, not the host's). Returns when the last leaves.
     */
    private long sendInput(int c, int step, long time) {
        if (!t.inputNeurons || step >= w.inputSteps) return time;
        InputMap map = t.input;
        int channels = map.channels();
        for (int ch : t.homeChannels[c]) {
            double value = w.input[step * channels + ch];
            if (value == 0) continue;
            long payload = map.payload(value, t.payloadBits);
            if (payload == 0) continue;
            for (int d = map.start(ch); d < map.end(ch); d++) {
                time += t.timing.messageOutFs;
                w.queue.add(c, map.core(d), map.axon(d), payload, time, true);
            }
        }
        return time;
    }
}
