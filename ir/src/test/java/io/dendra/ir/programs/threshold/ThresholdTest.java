package io.dendra.ir.programs.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dendra.ir.NeuronProgram;
import io.dendra.ir.programs.Kernel;
import org.junit.jupiter.api.Test;

/** The threshold kernel against NIR's y = x > θ, by hand. */
class ThresholdTest {

    /** θ = 5 LSB, bias 2: inputs 3, 4, −10 give in + bias = 5 (not above), 6 (a spike), −8; nothing is kept between steps. */
    @Test
    void aSpikeExactlyWhenInputAndBiasExceedTheThreshold() {
        int[] params = {2, 5};
        long[] out = new long[1];
        long[] inputs = {3, 4, -10, 3};
        long[] expected = {Kernel.NO_MESSAGE, 1, Kernel.NO_MESSAGE, Kernel.NO_MESSAGE};
        for (int t = 0; t < inputs.length; t++) {
            NeuronProgram.THRESHOLD.updateInImageOrder(1, 0, params, new long[0], new long[] {inputs[t]}, out, 24, 0, null);
            assertEquals(expected[t], out[0], "step " + t);
        }
    }
}
