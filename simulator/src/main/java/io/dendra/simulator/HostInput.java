package io.dendra.simulator;

import io.dendra.ir.InputMap;

/**
 * The host's messages of a step: one per destination of each non-zero input channel (unless the
 * target has on-chip input neurons, which send it from their cores: {@link NeuronPhase}), and the
 * bias messages that stand for a block's bias from its first input on (docs/neuron-programs.md,
 * warm-up). They enter at the destination core's router at the start of the step and cross no
 * link, so each goes straight to that core's input stage — before any core's message of the step,
 * in the order sent — and is fanned out there: no queueing, merging or routing.
 */
final class HostInput {
    private final ChipTables t;
    private final Workspace w;

    HostInput(Workspace w) {
        this.w = w;
        this.t = w.tables;
    }

    void send(int step) {
        InputMap map = t.input;
        if (!t.inputNeurons && step < w.inputSteps) {
            int channels = map.channels();
            for (int ch = 0; ch < channels; ch++) {
                double value = w.input[step * channels + ch];
                if (value == 0) continue;
                long payload = map.payload(value, t.payloadBits);
                if (payload == 0) continue;
                for (int d = map.start(ch); d < map.end(ch); d++) deliver(map.core(d), map.axon(d), payload, t.gradedInput, step);
            }
        }
        for (int d = 0; d < map.biasDestinations(); d++) {
            if (!map.biasSentAt(d, step, w.inputSteps)) continue;
            long payload = map.biasPayload(d);
            deliver(map.biasCore(d), map.biasAxon(d), payload, payload != 1, step);
        }
    }

    private void deliver(int core, int axon, long payload, boolean graded, int step) {
        w.counters.hostMessages++;
        w.router.fromHost(core, axon, graded, w.counters, w.synapseEnd);
        w.fanOut.deliver(core, axon, payload, graded, step);
    }
}
