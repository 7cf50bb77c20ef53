package io.dendra.compiler.mapping;

import io.dendra.compiler.network.LogicalBlock;
import io.dendra.compiler.programs.ProgramCompilers;
import io.dendra.ir.InputMap;
import io.dendra.ir.IntArrayBuilder;
import io.dendra.targets.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The warm-up made exact, core by core, with state the chip has ({@link WarmUp}): input biases
 * become synapses fed by host bias messages, which this step collects for the input map; a program
 * that compensates by state gets its initial state; what cannot be made exact becomes a note.
 */
final class WarmUpCompensation {
    private final Target target;
    private final List<String> notes;
    private final IntArrayBuilder biasCore = new IntArrayBuilder(), biasAxon = new IntArrayBuilder(), biasFirstSend = new IntArrayBuilder(),
            biasPayload = new IntArrayBuilder();

    /** {@code notes} receives a line for every layer whose warm-up is not exact. */
    WarmUpCompensation(Target target, List<String> notes) {
        this.target = target;
        this.notes = notes;
    }

    /**
     * Makes the block's warm-up (the steps before its first input arrives, when the chip already
     * updates it) leave it exactly where the model starts ({@link WarmUp}): a bias added to the
     * input moves into synapses fed by host bias messages (zeroed in {@code params}, synapses added to
     * {@code core}); a program that compensates by state (the lif) gets the initial state its warm-up
     * carries to the model's. Returns the
     * initial state; what cannot be made exact goes to the notes.
     */
    int[] compensate(CorePiece piece, int[] params, int[] initialState, CoreSynapses core) {
        LogicalBlock b = piece.block();
        int warmUp = b.startStep() - 1;
        if (warmUp == 0) return initialState;
        WarmUp.StateResult r = ProgramCompilers.of(b.program()).warmUpState(piece.count(), params, initialState, warmUp);
        if (r != null) {
            if (!r.exact()) {
                notes.add("layer " + b.name() + ": its neurons update " + warmUp + " step(s) before their first input arrives and no initial state makes"
                        + " that exact (" + r.failure() + "); the chip's spikes can differ from the model's there");
            }
            return r.initialState();
        }
        int[] biasWord = b.program().inputBiasWords();
        if (biasWord.length == 0) return initialState;
        int perNeuron = b.program().paramsPerNeuron(b.states());
        long[] bias = new long[piece.count() * b.compartments()];
        boolean any = false;
        for (int i = 0; i < piece.count(); i++) {
            for (int k = 0; k < biasWord.length; k++) {
                bias[i * b.compartments() + k] = params[i * perNeuron + biasWord[k]];
                any |= bias[i * b.compartments() + k] != 0;
            }
        }
        if (!any) return initialState;
        List<WarmUp.Chunk> chunks = WarmUp.biasChunks(bias, target.core().weightBits().max(), target.core().weightExponent().min(),
                target.core().weightExponent().max(), target.formats().gradedPayloadBits().orElse(0));
        if (chunks == null) {
            notes.add("layer " + b.name() + ": its bias acts " + warmUp + " step(s) before its first input arrives and cannot be sent as synaptic input"
                    + " on " + target.name() + "; the chip differs from the model there");
            return initialState;
        }
        for (int i = 0; i < piece.count(); i++) for (int w : biasWord) params[i * perNeuron + w] = 0;
        // one axon per (exponent, payload), each its own synapse group
        Map<Long, List<WarmUp.Chunk>> byAxon = new LinkedHashMap<>();
        for (WarmUp.Chunk c : chunks) byAxon.computeIfAbsent(((long) c.exponent() << 32) | c.payload(), k -> new ArrayList<>()).add(c);
        for (List<WarmUp.Chunk> axonChunks : byAxon.values()) {
            int axon = core.axons();
            for (WarmUp.Chunk c : axonChunks) {
                core.target.add(c.target());
                core.weight.add(c.weight());
                core.delay.add(0);
            }
            core.endAxon(axonChunks.get(0).exponent(), core.groups++);
            biasCore.add(piece.core());
            biasAxon.add(axon);
            biasFirstSend.add(warmUp);
            biasPayload.add((int) axonChunks.get(0).payload());
        }
        return initialState;
    }

    /** The input map with the host bias messages collected so far. */
    InputMap withBiasMessages(InputMap input) {
        return input.withBias(biasCore.toArray(), biasAxon.toArray(), biasFirstSend.toArray(), biasPayload.toArray());
    }
}
