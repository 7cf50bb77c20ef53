package io.dendra.compiler.mapping;

import java.util.ArrayList;
import java.util.List;

/**
 * The warm-up: on the chip every neuron updates at every step from the first, but a block's first
 * input arrives only at its start step s (one step per synaptic hop). For the s − 1 steps before,
 * a neuron integrates its constant input alone — which the model, whose every layer starts at time
 * 0, never does. The compiler compensates with state the chip has, where that is exact:
 * <ul>
 *   <li>{@code ssm}, {@code glu}, {@code sum} add their bias to their input ({@code z = in + bias}):
 *       the bias leaves the parameters and arrives as synaptic input instead, from host bias spikes
 *       that start with the block's first input ({@link #biasChunks});
 *   <li>a program that adds its bias elsewhere (the {@code lif}, to its potential) keeps it and
 *       starts from an initial state that the s − 1 warm-up steps carry exactly to the model's
 *       ({@link io.dendra.compiler.programs.ProgramCompiler#warmUpState}); when no such state exists
 *       the layer is reported, not silently changed.
 * </ul>
 */
public final class WarmUp {
    private WarmUp() {}

    /** One bias synapse: weight mantissa {@code weight} at {@code exponent}, fed by host spikes of payload {@code payload}. */
    public record Chunk(int target, int weight, int exponent, long payload) {}

    /**
     * Splits integer biases into synapses whose terms add up to them exactly: digit j of |bias| in
     * base 2^(weightBits − 1) becomes a mantissa at exponent 7j (for 8-bit weights), with the part of
     * the exponent above the target's largest carried by a power-of-two payload (graded chips only).
     * Returns null when a bias cannot be written so (a binary chip with a bias beyond its exponents).
     *
     * @param bias one integer per target (neuron × compartments + compartment), 0 for none
     */
    public static List<Chunk> biasChunks(long[] bias, int weightBits, int minExponent, int maxExponent, int payloadBits) {
        int digitBits = weightBits - 1;
        long digitMask = (1L << digitBits) - 1;
        List<Chunk> chunks = new ArrayList<>();
        for (int t = 0; t < bias.length; t++) {
            long magnitude = Math.abs(bias[t]);
            int sign = bias[t] < 0 ? -1 : 1;
            for (int j = 0; magnitude != 0; j++, magnitude >>>= digitBits) {
                int digit = (int) (magnitude & digitMask);
                if (digit == 0) continue;
                int shift = j * digitBits;
                int exponent = Math.max(minExponent, Math.min(maxExponent, shift));
                int payloadShift = shift - exponent;
                if (payloadShift < 0) return null;
                if (payloadShift > 0 && (payloadBits == 0 || payloadShift > payloadBits - 2)) return null;
                chunks.add(new Chunk(t, sign * digit, exponent, 1L << payloadShift));
            }
        }
        return chunks;
    }

    /** The outcome of making a block's warm-up exact by its state: the initial state to use, or why there is none. */
    public record StateResult(int[] initialState, String failure) {
        public boolean exact() { return failure == null; }
    }
}
