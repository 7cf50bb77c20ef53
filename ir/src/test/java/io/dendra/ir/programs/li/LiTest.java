package io.dendra.ir.programs.li;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.ir.NeuronProgram;
import io.dendra.ir.programs.Kernel;
import org.junit.jupiter.api.Test;

/** The li kernel against NIR's LI and I equations, by hand. */
class LiTest {

    /**
     * LI with τ = 0.75 per step (decay_v = 3072) and a constant input of 1000 per step: NIR's
     * v_t = 4000·(1 − 0.75^t) is 1000, 1750, 2312.5, 2734.4; the chip rounds each product half up:
     * 1000, 750 + 1000, round(1312.5) + 1000 = 2313, round(1734.75) + 1000 = 2735.
     */
    @Test
    void aConstantInputApproachesItsSteadyStateAsTheClosedFormSays() {
        int[] params = {0, 3072, 0, 0};
        long[] state = new long[2];
        long[] out = new long[1];
        long[] expected = {1000, 1750, 2313, 2735};
        for (int t = 0; t < expected.length; t++) {
            NeuronProgram.LI.updateInImageOrder(1, 0, params, state, new long[] {1000}, out, 24, 24, null);
            assertEquals(expected[t], state[1], "v at step " + t);
            assertEquals(expected[t], out[0], "the payload is v (shift_out 0)");
            assertTrue(Math.abs(state[1] - 4000 * (1 - Math.pow(0.75, t + 1))) <= 1, "within one LSB of the closed form at step " + t);
        }
    }

    /** I (decay_v = 4096) integrates exactly; its bias is added to the input; shift_out 2 rounds v/4 half up; 0 sends nothing. */
    @Test
    void anIntegratorSumsItsInputAndBiasAndSendsItsScaledPotential() {
        int[] params = {0, 4096, 3, 2};
        long[] state = new long[2];
        long[] out = new long[1];
        NeuronProgram.LI.updateInImageOrder(1, 0, params, state, new long[] {5}, out, 24, 24, null);
        assertEquals(8, state[1]);
        assertEquals(2, out[0]);
        NeuronProgram.LI.updateInImageOrder(1, 0, params, state, new long[] {-3}, out, 24, 24, null);
        assertEquals(8, state[1], "8 + (−3 + 3)");
        params[Li.BIAS] = 0;
        state = new long[] {0, 1};
        NeuronProgram.LI.updateInImageOrder(1, 0, params, state, new long[] {0}, out, 24, 24, null);
        assertEquals(Kernel.NO_MESSAGE, out[0], "1/4 rounds to 0: nothing is sent");
    }

    /** CubaLI: j keeps half of itself (decay_j = 2048) and feeds a pure integrator: inputs 8, 0, 0 give j = 8, 4, 2 and v = 8, 12, 14. */
    @Test
    void aCurrentDecaysAndFeedsThePotential() {
        int[] params = {2048, 4096, 0, 0};
        long[] state = new long[2];
        long[] out = new long[1];
        long[] input = {8, 0, 0};
        long[] j = {8, 4, 2};
        long[] v = {8, 12, 14};
        for (int t = 0; t < 3; t++) {
            NeuronProgram.LI.updateInImageOrder(1, 0, params, state, new long[] {input[t]}, out, 24, 24, null);
            assertEquals(j[t], state[0], "j at " + t);
            assertEquals(v[t], state[1], "v at " + t);
        }
    }
}
