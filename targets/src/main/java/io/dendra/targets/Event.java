package io.dendra.targets;

/**
 * The events a chip spends energy and time on; a target states the cost of each. Neuron updates
 * cost {@link #NEURON_BASE} plus {@link #NEURON_OP} per op of the program (see {@code NeuronProgram}),
 * and every neuron's state access each step {@link #NEURON_ACCESS}; a neuron that fires costs
 * {@link #SPIKE_OUT} once, then {@link #MESSAGE_OUT} per message; a core receiving a message costs
 * {@link #MESSAGE_IN} before its synaptic ops. A target may price an idle update apart
 * ({@link #NEURON_IDLE}: SANA-FE charges nothing for one).
 */
public enum Event {
    SYNOP("synop", "synaptic op of a binary spike: one weight read and accumulate"),
    SYNOP_GRADED("synop_graded", "synaptic op of a graded spike: weight times payload, accumulate"),
    NEURON_BASE("neuron_base", "fixed part of one neuron update"),
    NEURON_OP("neuron_op", "one op of a neuron program"),
    NEURON_ACCESS("neuron_access", "reading and writing one neuron's state, every neuron every step"),
    SPIKE_OUT("spike_out", "a neuron's spike (or graded message) generated, once however many messages it makes"),
    MESSAGE_OUT("message_out", "a core's output stage: one message looked up and sent"),
    MESSAGE_IN("message_in", "a core's input stage: one message received and its axon looked up"),
    WITHIN_TILE("within_tile", "delivery through the tile router"),
    HOP_EW("hop_ew", "one east-west hop between neighbouring tiles"),
    HOP_NS("hop_ns", "one north-south hop between neighbouring tiles"),
    CHIP_CROSSING("chip_crossing", "one crossing of a chip-to-chip link"),
    NEURON_IDLE("neuron_idle", "an update that finds nothing to do (no input, zero state, no bias), where the target prices it apart"
            + " (optional: otherwise neuron_base plus the program's inactive ops)");

    private final String id;
    private final String description;

    Event(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** Whether a target may leave the event out. */
    public boolean optional() {
        return this == NEURON_IDLE;
    }

    /** The field name in a target file's {@code events} section. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }
}
