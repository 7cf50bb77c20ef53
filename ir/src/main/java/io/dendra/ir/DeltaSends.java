package io.dendra.ir;

import io.dendra.ir.programs.Kernel;

/**
 * Sigma-delta messages, the one definition both engines run: a block with a delta threshold T
 * (payload units) keeps, per neuron, the value it last made its receivers hold ({@code held}). After
 * its program's update, a neuron whose payload y differs from it by at least T (and by something)
 * sends the difference y − held, and held becomes y; any other sends nothing. Its receivers' synapses
 * integrate ({@link SynapseTable#integrates}): what they add persists, so a receiver's input from
 * it is W·held — the payload, as it stood when it last changed by T or more (no residue is carried:
 * Lava's non-cumulative sigma-delta, without its payload shift). With cumulative error (Lava's
 * {@code cum_error}) a neuron also keeps the sum of the changes it did not send ({@code error}, a
 * second word) and sends when that sum reaches the threshold instead: a difference that stays below
 * T is sent once it has lasted long enough, so the held value cannot stay off forever.
 */
public final class DeltaSends {
    /** Neuron ops the encoding adds to every update of a sending neuron: the difference, the compare, keeping the value. */
    public static final int OPS = 3;

    private DeltaSends() {}

    /**
     * Replaces each of {@code count} payloads in {@code out} (a program's output: a payload or
     * {@link Kernel#NO_MESSAGE} for 0) by its change since {@code held}, or by {@code NO_MESSAGE}
     * when the change is below {@code threshold}; updates {@code held}. Returns how many neurons send.
     */
    public static int encode(long[] out, long[] held, int count, int threshold) {
        return encode(out, held, count, threshold, false);
    }

    /**
     * As above; with {@code cumulative}, {@code held} holds two words per neuron (the held value,
     * then the unsent error) and a neuron sends when its error, this step's change added, reaches
     * the threshold; the error is cleared when it sends.
     */
    public static int encode(long[] out, long[] held, int count, int threshold, boolean cumulative) {
        if (cumulative) return encodeCumulative(out, held, count, threshold);
        int sending = 0;
        for (int i = 0; i < count; i++) {
            long y = out[i] == Kernel.NO_MESSAGE ? 0 : out[i];
            long change = y - held[i];
            boolean send = change != 0 && Math.abs(change) >= threshold;
            out[i] = send ? change : Kernel.NO_MESSAGE;
            held[i] = send ? y : held[i];
            sending += send ? 1 : 0;
        }
        return sending;
    }

    private static int encodeCumulative(long[] out, long[] state, int count, int threshold) {
        int sending = 0;
        for (int i = 0; i < count; i++) {
            long y = out[i] == Kernel.NO_MESSAGE ? 0 : out[i];
            long change = y - state[2 * i];
            long error = state[2 * i + 1] + change;
            boolean send = change != 0 && Math.abs(error) >= threshold;
            out[i] = send ? change : Kernel.NO_MESSAGE;
            state[2 * i] = send ? y : state[2 * i];
            state[2 * i + 1] = send ? 0 : error;
            sending += send ? 1 : 0;
        }
        return sending;
    }
}
