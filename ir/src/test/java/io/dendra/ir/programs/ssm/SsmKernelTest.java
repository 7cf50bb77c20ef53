package io.dendra.ir.programs.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dendra.ir.NeuronProgram;
import org.junit.jupiter.api.Test;

/** The ssm kernel's recurrence, rounding and saturation, by hand. */
class SsmKernelTest {

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
}
