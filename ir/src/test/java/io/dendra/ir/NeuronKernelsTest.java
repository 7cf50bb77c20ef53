package io.dendra.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NeuronKernelsTest {

    private static long[] runLif(int[] params, long[] inputs, long[] state) {
        long[] spikes = new long[inputs.length];
        long[] out = new long[1];
        for (int t = 0; t < inputs.length; t++) {
            NeuronProgram.LIF.updateInImageOrder(1, 0, params, state, new long[] {inputs[t]}, out, 24, 0, null);
            spikes[t] = out[0] == NeuronKernels.NO_MESSAGE ? 0 : 1;
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
        assertArrayEquals(new long[20], runLif(new int[] {4095, 2048, 0, 0, 20}, filled(20, 10), new long[2]));
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

    @Test
    void ssmStateFollowsTheRecurrenceWithRoundingHalfUp() {
        // One real state, Ā = 0.5 (2^22 at shift 23), B̄ = 1, C = 1, D = 0, tau = 0, θ = 15; input 8 per step:
        // s = 8, 4 + 8 = 12, 6 + 8 = 14, 7 + 8 = 15, round(7.5) + 8 = 16, 8 + 8 = 16; spikes when y = s >= 15.
        int[] params = {1, 23, 0, 0, 0, 0, 0, 0, 15, 1 << 22, 0, 1, 0, 1, 0};
        long[] state = new long[3];
        long[] out = new long[1];
        long[] expectedState = {8, 12, 14, 15, 16, 16};
        boolean[] expectedSpike = {false, false, false, true, true, true};
        for (int t = 0; t < 6; t++) {
            NeuronProgram.SSM.updateInImageOrder(1, 1, params, state, new long[] {8}, out, 24, 24, null);
            assertEquals(expectedState[t], state[1], "state at " + t);
            assertEquals(expectedSpike[t], out[0] == 1, "spike at " + t);
        }
    }

    @Test
    void ssmRoundsBothRightShiftsHalfUp() {
        // Both shifts to the right (the compiler's case): Ā = 3/2 (3 at shift 1), B̄ = 1/2 (1 at shift 1), C = 1, θ large.
        // s = round(3/2 · s) + round(z/2), half up: z = 3: s = 0 + round(1.5) = 2; then round(3) + 2 = 5; round(7.5) = 8, + 2 = 10.
        // z = -3: round(-1.5) = -1 (half up, toward +inf): s = round(15) - 1 = 14.
        int[] params = {1, 1, 1, 0, 0, 0, 0, 0, 1 << 20, 3, 0, 1, 0, 1, 0};
        long[] state = new long[3];
        long[] out = new long[1];
        long[] inputs = {3, 3, 3, -3};
        long[] expected = {2, 5, 10, 14};
        for (int t = 0; t < inputs.length; t++) {
            NeuronProgram.SSM.updateInImageOrder(1, 1, params, state, new long[] {inputs[t]}, out, 24, 24, null);
            assertEquals(expected[t], state[1], "state at " + t);
        }
        // and a state saturates at the 24-bit limit: Ā = 3/2 from 2^23 − 100
        state = new long[] {0, (1 << 23) - 100, 0};
        NeuronProgram.SSM.updateInImageOrder(1, 1, params, state, new long[] {0}, out, 24, 24, null);
        assertEquals((1 << 23) - 1, state[1]);
    }

    @Test
    void kernelOrderPutsEachPerStateWordInOneRun() {
        // 2 ssm neurons of 2 states: word w of neuron i is 100·i + w in the image's order (9 fixed, then 6 per state)
        int per = NeuronProgram.SSM.paramsPerNeuron(2);
        int[] image = new int[2 * per];
        for (int i = 0; i < 2; i++) for (int w = 0; w < per; w++) image[i * per + w] = 100 * i + w;
        int[] kernel = NeuronProgram.SSM.kernelParams(image, 2, 2);
        // fixed words neuron after neuron, then a_re[neuron][state], a_im[...], ...
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 100, 101, 102, 103, 104, 105, 106, 107, 108}, java.util.Arrays.copyOf(kernel, 18));
        // a_re of (neuron 0, state 0), (0, 1), (1, 0), (1, 1): image words 9, 15, 109, 115; then a_im: 10, 16, 110, 116
        assertArrayEquals(new int[] {9, 15, 109, 115, 10, 16, 110, 116}, java.util.Arrays.copyOfRange(kernel, 18, 26));
        long[] state = {1, 2, 3, 4, 5, 11, 12, 13, 14, 15};
        assertArrayEquals(new long[] {1, 11, 2, 4, 12, 14, 3, 5, 13, 15}, NeuronProgram.SSM.kernelState(state, 2, 2));
        assertArrayEquals(state, NeuronProgram.SSM.imageState(NeuronProgram.SSM.kernelState(state, 2, 2), 2, 2));
    }

    @Test
    void ssmRotatesAComplexState() {
        // Ā = i (a quarter turn): s = 100 -> 100i -> -100 -> -100i; C = 1 reads the real part.
        int[] params = {1, 23, 0, 0, 0, 0, 0, 0, 1 << 20, 0, (1 << 23) - 1, 1, 0, 1, 0};
        long[] state = new long[3];
        long[] out = new long[1];
        NeuronProgram.SSM.updateInImageOrder(1, 1, params, state, new long[] {100}, out, 24, 24, null);
        NeuronProgram.SSM.updateInImageOrder(1, 1, params, state, new long[] {0}, out, 24, 24, null);
        assertEquals(0, state[1]);
        assertEquals(100, state[2]);
        NeuronProgram.SSM.updateInImageOrder(1, 1, params, state, new long[] {0}, out, 24, 24, null);
        assertEquals(-100, state[1]);
    }

    @Test
    void gluGatesBySigmoidFromTheTable() {
        // a = 1000, g = 0: σ = 0.5 -> 500 (out shift 16: a·σ in Q16 back to a's units).
        long[] out = new long[1];
        NeuronProgram.GLU.updateInImageOrder(1, 0, new int[] {0, 0, -13, 16}, new long[0], new long[] {1000, 0}, out, 24, 24, null);
        assertEquals(500, out[0]);
        // g = 2.0 with g in Q8 (shift 8 - 13 = -5): σ(2) = 0.880797.
        NeuronProgram.GLU.updateInImageOrder(1, 0, new int[] {0, 0, -5, 16}, new long[0], new long[] {100000, 512}, out, 24, 24, null);
        assertEquals(88080, out[0], 2);
    }

    @Test
    void sigmoidTableIsAccurateEverywhere() {
        for (double x = -10; x <= 10; x += 0.01) {
            long q = NeuronKernels.sigmoid(Math.round(x * 8192), 0);
            double exact = 1 / (1 + Math.exp(-x));
            // Interpolation h²/8 · max|σ''| = (1/32)²/8 · 0.0962 = 1.2e-5, Q16 entries 0.8e-5, the argument's
            // 2^-14 rounding times σ' <= 0.25: 1.5e-5; 3.5e-5 in all.
            double tolerance = Math.abs(x) > 8 ? 4e-4 : 3.5e-5;
            assertEquals(exact, q / 65536.0, tolerance, "sigma(" + x + ")");
        }
    }

    @Test
    void roundShiftRoundsHalfUpAndSaturateClamps() {
        assertEquals(2, FixedPoint.roundShift(3, 1));
        assertEquals(-1, FixedPoint.roundShift(-3, 1)); // -1.5 rounds up to -1
        assertEquals(12, FixedPoint.roundShift(3, -2));
        assertEquals(127, FixedPoint.saturate(1000, 8));
        assertEquals(-128, FixedPoint.saturate(-1000, 8));
        assertEquals(-128 << 0, Accumulation.ROUND_HALF_UP.term(-128, -8, 1));
        assertEquals(-1, Accumulation.FLOOR_PER_GROUP.read(-1, -1)); // floor, not toward zero
        assertEquals(0, Accumulation.FLOOR_PER_GROUP.read(1, -1));
        assertEquals(1, Accumulation.ROUND_HALF_UP.read(128, 0)); // half rounds up
    }

    private static long[] filled(int n, long v) {
        long[] a = new long[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** The one layout table names each word where the kernels read it. */
    @Test
    void layoutNamesAgreeWithTheWordsTheKernelsRead() {
        java.util.List<String> lif = NeuronProgram.LIF.paramNames(0);
        assertEquals(NeuronKernels.LIF_PARAMS, lif.size());
        assertEquals("du", lif.get(NeuronKernels.LIF_DU));
        assertEquals("dv", lif.get(NeuronKernels.LIF_DV));
        assertEquals("bias_mant", lif.get(NeuronKernels.LIF_BIAS_MANT));
        assertEquals("bias_exp", lif.get(NeuronKernels.LIF_BIAS_EXP));
        assertEquals("vth", lif.get(NeuronKernels.LIF_VTH));
        java.util.List<String> ssm = NeuronProgram.SSM.paramNames(2);
        assertEquals(NeuronKernels.SSM_HEADER + 2 * NeuronKernels.SSM_PER_STATE, ssm.size());
        assertEquals("bias", ssm.get(NeuronKernels.SSM_BIAS));
        assertEquals("theta", ssm.get(NeuronKernels.SSM_THETA));
        assertEquals("a_re[1]", ssm.get(NeuronKernels.SSM_HEADER + NeuronKernels.SSM_PER_STATE));
        assertEquals("c_im[1]", ssm.get(NeuronKernels.SSM_HEADER + 2 * NeuronKernels.SSM_PER_STATE - 1));
        assertEquals(java.util.List.of("v", "s_re[0]", "s_im[0]", "s_re[1]", "s_im[1]"), NeuronProgram.SSM.stateNames(2));
        java.util.List<String> glu = NeuronProgram.GLU.paramNames(0);
        assertEquals(NeuronKernels.GLU_PARAMS, glu.size());
        assertEquals("shift_out", glu.get(NeuronKernels.GLU_SHIFT_OUT));
        assertEquals(2, NeuronProgram.GLU.compartments());
        assertEquals(java.util.List.of("bias"), NeuronProgram.SUM.paramNames(0));
        assertEquals(java.util.List.of("sum"), NeuronProgram.READOUT.stateNames(0));
        assertTrue(NeuronProgram.SUM.graded() && !NeuronProgram.LIF.graded());
    }

    /** The biases added to a compartment's input are the words the kernels add there; the lif's bias acts on v. */
    @Test
    void inputBiasWordsAreTheOnesTheKernelsAddToTheInput() {
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {NeuronKernels.SSM_BIAS}, NeuronProgram.SSM.inputBiasWords());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {NeuronKernels.GLU_BIAS_A, NeuronKernels.GLU_BIAS_G}, NeuronProgram.GLU.inputBiasWords());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {NeuronKernels.SUM_BIAS}, NeuronProgram.SUM.inputBiasWords());
        assertEquals(0, NeuronProgram.LIF.inputBiasWords().length);
        assertEquals(0, NeuronProgram.READOUT.inputBiasWords().length);
    }
}
