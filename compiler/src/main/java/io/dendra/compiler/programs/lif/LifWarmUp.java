package io.dendra.compiler.programs.lif;

import io.dendra.compiler.mapping.WarmUp;
import io.dendra.ir.NeuronProgram;
import io.dendra.ir.programs.Kernel;
import io.dendra.ir.programs.lif.Lif;

/**
 * The {@code lif}'s warm-up made exact: it adds its bias to the potential, not to its input, so it
 * keeps its bias and starts from an initial state that the s − 1 input-free updates before its first
 * input carry exactly to the model's initial state without a spike — found backwards through the
 * kernel's own arithmetic and checked forwards with the kernel itself.
 */
public final class LifWarmUp {
    private LifWarmUp() {}

    /**
     * An initial state (u, v per neuron) from which {@code warmUpSteps} input-free updates reach
     * {@code target} (empty: all zero) exactly without a spike; the target itself when there are no
     * warm-up steps.
     */
    public static WarmUp.StateResult initialState(int count, int[] params, int[] target, int warmUpSteps) {
        int[] goal = target.length == 0 ? new int[2 * count] : target.clone();
        if (warmUpSteps == 0) return new WarmUp.StateResult(target.clone(), null);
        int[] start = new int[2 * count];
        boolean allZero = true;
        for (int i = 0; i < count; i++) {
            int p = i * Lif.PARAMS;
            long[] found = backwards(params[p + Lif.DU], params[p + Lif.DV], Lif.bias(params, i), goal[2 * i], goal[2 * i + 1],
                    warmUpSteps);
            if (found == null) return new WarmUp.StateResult(target.clone(), "neuron " + i + ": no state reaches the model's initial state in " + warmUpSteps
                    + " steps of bias " + Lif.bias(params, i));
            start[2 * i] = (int) found[0];
            start[2 * i + 1] = (int) found[1];
            allZero &= found[0] == 0 && found[1] == 0;
        }
        String check = forwardCheck(count, params, start, goal, warmUpSteps);
        if (check != null) return new WarmUp.StateResult(target.clone(), check);
        return new WarmUp.StateResult(allZero ? new int[0] : start, null);
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
