package io.dendra.ir.programs.cuba;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dendra.ir.NeuronProgram;
import io.dendra.ir.programs.Kernel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The cuba kernel against Lava's PyLifResetModelBitAcc, by hand. */
class CubaTest {
    /** One neuron's v after each of {@code inputs.length} updates. */
    private static long[] voltages(int[] params, long[] state, long[] inputs) {
        long[] v = new long[inputs.length];
        for (int t = 0; t < inputs.length; t++) {
            NeuronProgram.CUBA.updateInImageOrder(1, 0, params, state, new long[] {inputs[t]}, new long[1], 24, 0, null);
            v[t] = state[Cuba.V];
        }
        return v;
    }

    @Test
    void resetsUAndVWhenThePhaseComesRound() {
        // du = 4095: u = a_in·64 = 64; dv = 0: v keeps all and adds u. Interval 3 with Lava offset 1:
        // resets at T = 1, 4, 7 (T mod 3 = 1), so v climbs 64, 128, 192 and starts again.
        int[] params = {4095, 0, 0, 0, 100_000, 3};
        long[] state = {0, 0, Cuba.initialPhase(3, 1)};
        assertEquals(0, state[Cuba.PHASE]);
        assertArrayEquals(new long[] {64, 128, 192, 64, 128, 192, 64}, voltages(params, state, new long[] {1, 1, 1, 1, 1, 1, 1}));
    }

    @Test
    void theOffsetSetsWhichStepsReset() {
        // Interval 17, Lava offset 2 (netx's layer 1 with reset_offset 0): resets at T = 2 and 19, so the
        // climb restarts at the second step and again 17 steps later.
        assertEquals(16, Cuba.initialPhase(17, 2));
        int[] params = {4095, 0, 0, 0, 100_000, 17};
        long[] state = {0, 0, Cuba.initialPhase(17, 2)};
        long[] ones = new long[20];
        java.util.Arrays.fill(ones, 1);
        long[] v = voltages(params, state, ones);
        assertEquals(64, v[0]);
        assertEquals(64, v[1]); // T = 2: reset, then 64
        assertEquals(64 * 17, v[17]); // T = 18: 17 steps since T = 2
        assertEquals(64, v[18]); // T = 19: reset
    }

    @Test
    void withoutAnIntervalItIsTheLifWordForWord() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int du = random.nextInt(4096), dv = random.nextInt(4096), bias = random.nextInt(-4096, 4096), exp = random.nextInt(8), vth = random.nextInt(1 << 17);
            long[] lifState = new long[2];
            long[] cubaState = new long[3];
            long[] lifOut = new long[1], cubaOut = new long[1];
            for (int t = 0; t < 30; t++) {
                long[] in = {random.nextInt(-2000, 2000)};
                NeuronProgram.LIF.updateInImageOrder(1, 0, new int[] {du, dv, bias, exp, vth}, lifState, in, lifOut, 24, 0, null);
                NeuronProgram.CUBA.updateInImageOrder(1, 0, new int[] {du, dv, bias, exp, vth, 0}, cubaState, in, cubaOut, 24, 0, null);
                assertEquals(lifState[0], cubaState[Cuba.U]);
                assertEquals(lifState[1], cubaState[Cuba.V]);
                assertEquals(lifOut[0] == Kernel.NO_MESSAGE, cubaOut[0] == Kernel.NO_MESSAGE);
            }
        }
    }

    @Test
    void spikesAboveVthTimes64AndClearsV() {
        // vth = 2: spike when v > 128. u = 50·64 = 3200 > 128 at once; v is cleared, u kept.
        int[] params = {4095, 0, 0, 0, 2, 0};
        long[] state = new long[3];
        long[] out = new long[1];
        NeuronProgram.CUBA.updateInImageOrder(1, 0, params, state, new long[] {50}, out, 24, 0, null);
        assertEquals(1, out[0]);
        assertEquals(3200, state[Cuba.U]);
        assertEquals(0, state[Cuba.V]);
    }
}
