package io.dendra.compiler.mapping;

import io.dendra.ir.programs.Kernel;
import io.dendra.ir.programs.lif.Lif;
import io.dendra.ir.NeuronProgram;
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
 *   <li>{@code lif} adds its bias to the potential, not the input: it keeps its bias and starts from
 *       an initial state that the s − 1 warm-up steps carry exactly to the model's initial state
 *       without a spike ({@link #lifInitialState}), found backwards through the kernel's own
 *       arithmetic and checked forwards with the kernel itself. When no such state exists the
 *       layer is reported, not silently changed.
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

    /** The outcome of compensating a {@code lif} block: the initial state to use, or why there is none. */
    public record LifResult(int[] initialState, String failure) {
        public boolean exact() { return failure == null; }
    }

    /**
     * An initial state (u, v per neuron) from which {@code warmUpSteps} input-free updates reach
     * {@code target} (empty: all zero) exactly without a spike; the target itself when there are no
     * warm-up steps.
     */
    public static LifResult lifInitialState(int count, int[] params, int[] target, int warmUpSteps) {
        int[] goal = target.length == 0 ? new int[2 * count] : target.clone();
        if (warmUpSteps == 0) return new LifResult(target.clone(), null);
        int[] start = new int[2 * count];
        boolean allZero = true;
        for (int i = 0; i < count; i++) {
            int p = i * Lif.PARAMS;
            long[] found = backwards(params[p + Lif.DU], params[p + Lif.DV], bias(params, p), goal[2 * i], goal[2 * i + 1],
                    warmUpSteps);
            if (found == null) return new LifResult(target.clone(), "neuron " + i + ": no state reaches the model's initial state in " + warmUpSteps
                    + " steps of bias " + bias(params, p));
            start[2 * i] = (int) found[0];
            start[2 * i + 1] = (int) found[1];
            allZero &= found[0] == 0 && found[1] == 0;
        }
        String check = forwardCheck(count, params, start, goal, warmUpSteps);
        if (check != null) return new LifResult(target.clone(), check);
        return new LifResult(allZero ? new int[0] : start, null);
    }

    private static long bias(int[] params, int p) {
        int mant = params[p + Lif.BIAS_MANT];
        int exp = params[p + Lif.BIAS_EXP];
        return exp >= 0 ? (long) mant << exp : (long) mant >> -exp;
    }

    /**
     * Walks the input-free update back from (u, v): u ← trunc(u · (4095 − du) / 4096), then
     * v ← trunc(v · (4096 − dv) / 4096) + u + bias, taking at each step the predecessor of least
     * magnitude. Returns null when some value has no predecessor or leaves 24 bits.
     */
    private static long[] backwards(int du, int dv, long bias, long u, long v, int steps) {
        long[] us = new long[steps + 1];
        us[steps] = u;
        for (int j = steps; j > 0; j--) {
            Long previous = predecessor(us[j], 4095 - du);
            if (previous == null) return null;
            us[j - 1] = previous;
        }
        long vj = v;
        for (int j = steps; j > 0; j--) {
            Long previous = predecessor(vj - us[j] - bias, 4096 - dv);
            if (previous == null) return null;
            vj = previous;
        }
        if (Math.abs(us[0]) >= 1L << 23 || Math.abs(vj) >= 1L << 23) return null;
        return new long[] {us[0], vj};
    }

    /** The x of least magnitude with sign(x) · (|x| · m >> 12) = y, or null when there is none. */
    static Long predecessor(long y, int m) {
        if (y == 0) return 0L;
        if (m <= 0) return null;
        long magnitude = Math.abs(y);
        // the least |x| with |x|·m >= magnitude·4096; it maps to y when |x|·m < (magnitude + 1)·4096
        long x = Math.floorDiv(magnitude * 4096 + m - 1, m);
        if (x * m >= (magnitude + 1) * 4096) return null;
        return y < 0 ? -x : x;
    }

    /** Runs the warm-up on the kernel itself: null when it ends at the goal with no spike, else what went wrong. */
    private static String forwardCheck(int count, int[] params, int[] start, int[] goal, int steps) {
        long[] state = new long[2 * count];
        for (int i = 0; i < state.length; i++) state[i] = start[i];
        long[] input = new long[count];
        long[] out = new long[count];
        for (int step = 1; step <= steps; step++) {
            NeuronProgram.LIF.updateInImageOrder(count, 0, params, state, input, out, 24, 0, null);
            for (int i = 0; i < count; i++) {
                if (out[i] != Kernel.NO_MESSAGE) return "neuron " + i + " would spike at warm-up step " + step;
            }
        }
        for (int i = 0; i < state.length; i++) {
            if (state[i] != goal[i]) return "neuron " + i / 2 + " ends its warm-up at " + state[i] + " instead of " + goal[i];
        }
        return null;
    }
}
