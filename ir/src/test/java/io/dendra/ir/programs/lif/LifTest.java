package io.dendra.ir.programs.lif;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dendra.ir.NeuronProgram;
import io.dendra.ir.programs.Kernel;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The lif kernel against DESIGN §3 and Lava's PyLifModelBitAcc, by hand. */
class LifTest {

    private static long[] runLif(int[] params, long[] inputs, long[] state) {
        long[] spikes = new long[inputs.length];
        long[] out = new long[1];
        for (int t = 0; t < inputs.length; t++) {
            NeuronProgram.LIF.updateInImageOrder(1, 0, params, state, new long[] {inputs[t]}, out, 24, 0, null);
            spikes[t] = out[0] == Kernel.NO_MESSAGE ? 0 : 1;
        }
        return spikes;
    }

    @Test
    void lifWithFullCurrentDecayHalvesTheVoltageAndSpikesAboveVthTimes64() {
        // du = 4095 clears u each step, so u = a_in·64 = 640; dv = 2048 halves v:
        // v = 640, 960, 1120, 1200, 1240 (> 19·64 = 1216: spike, v = 0), 640, ...
        int[] params = {4095, 2048, 0, 0, 19};
        long[] state = new long[2];
        assertArrayEquals(new long[] {0, 0, 0, 0, 1, 0}, runLif(params, new long[] {10, 10, 10, 10, 10, 10}, state));
        assertEquals(640, state[1]);
        // With vth = 20 (1280) v converges to 1280 from below and never spikes.
        assertArrayEquals(new long[20], runLif(new int[] {4095, 2048, 0, 0, 20}, LongStream.generate(() -> 10).limit(20).toArray(), new long[2]));
    }

    @Test
    void lifDecayTruncatesTowardZero() {
        // v = -3, dv = 2048: -3·2048 / 4096 = -1.5 truncates to -1 (a floor would give -2).
        long[] state = {0, -3};
        NeuronProgram.LIF.updateInImageOrder(1, 0, new int[] {4095, 2048, 0, 0, 100}, state, new long[] {0}, new long[1], 24, 0, null);
        assertEquals(-1, state[1]);
    }

    @Test
    void lifCurrentWrapsAndVoltageSaturates() {
        // u = 2^23 - 10 (du = 0 keeps it: u·4095/4096 truncates to 2^23 - 2058 + ...); add 100·64.
        long u0 = (1L << 23) - 10;
        long[] state = {u0, 0};
        NeuronProgram.LIF.updateInImageOrder(1, 0, new int[] {0, 0, 0, 0, 1 << 16}, state, new long[] {100}, new long[1], 24, 0, null);
        long decayed = (u0 * 4095) >> 12;
        long expectedU = decayed + 6400 - (1L << 24);
        assertEquals(expectedU, state[0]);
        assertEquals(expectedU, state[1]); // v = 0 + u + 0
        // v saturates at -(2^23 - 1); the positive side always exceeds vth·64 (vth is 17-bit), so it spikes instead.
        long[] saturating = {-(1L << 22), -(1L << 23) + 5};
        NeuronProgram.LIF.updateInImageOrder(1, 0, new int[] {0, 0, 0, 0, 1000}, saturating, new long[] {0}, new long[1], 24, 0, null);
        assertEquals(-(1L << 23) + 1, saturating[1]);
    }

    @Test
    void lifBiasUsesItsExponent() {
        long[] state = new long[2];
        NeuronProgram.LIF.updateInImageOrder(1, 0, new int[] {4095, 4095, 3, 4, 1000}, state, new long[] {0}, new long[1], 24, 0, null);
        assertEquals(48, state[1]); // 3 << 4
        NeuronProgram.LIF.updateInImageOrder(1, 0, new int[] {4095, 4095, 100, -3, 1000}, state, new long[] {0}, new long[1], 24, 0, null);
        assertEquals(48 * 1 / 4096 + 12, state[1]); // v decays to 0 (dv 4095 leaves 48/4096 -> 0), plus 100 >> 3
    }

    @Test
    void lifMatchesTheDesignEquationsOnALongRandomInput() {
        SplittableRandom random = new SplittableRandom(3);
        int[] params = {1200, 300, -7, 3, 150};
        long[] state = new long[2];
        long u = 0;
        long v = 0;
        long[] out = new long[1];
        for (int t = 0; t < 20_000; t++) {
            long aIn = random.nextInt(-300, 600);
            NeuronProgram.LIF.updateInImageOrder(1, 0, params, state, new long[] {aIn}, out, 24, 0, null);
            // DESIGN §3, written out again with BigInteger-free arithmetic:
            long bias = -7L << 3;
            long p = u * (4096 - 1201);
            u = (p < 0 ? -((-p) >> 12) : p >> 12) + aIn * 64;
            if (u > 8388608) u -= 16777216;
            else if (u <= -8388608) u += 16777216;
            long q = v * (4096 - 300);
            v = (q < 0 ? -((-q) >> 12) : q >> 12) + u + bias;
            v = Math.min(8388607, Math.max(-8388607, v));
            boolean spike = v > 150 * 64;
            if (spike) v = 0;
            assertEquals(u, state[0], "u at step " + t);
            assertEquals(v, state[1], "v at step " + t);
            assertEquals(spike, out[0] == 1, "spike at step " + t);
        }
    }
}
