package io.dendra.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.ir.programs.Kernel;
import io.dendra.ir.programs.glu.Glu;
import io.dendra.ir.programs.lif.Lif;
import io.dendra.ir.programs.ssm.Ssm;
import io.dendra.ir.programs.sum.Sum;
import org.junit.jupiter.api.Test;

/** The registry: layouts, kernel order and input-bias words agree with what the kernels read; the fixed-point helpers. */
class NeuronProgramTest {

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

    /** The one layout table names each word where the kernels read it. */

    @Test
    void layoutNamesAgreeWithTheWordsTheKernelsRead() {
        java.util.List<String> lif = NeuronProgram.LIF.paramNames(0);
        assertEquals(Lif.PARAMS, lif.size());
        assertEquals("du", lif.get(Lif.DU));
        assertEquals("dv", lif.get(Lif.DV));
        assertEquals("bias_mant", lif.get(Lif.BIAS_MANT));
        assertEquals("bias_exp", lif.get(Lif.BIAS_EXP));
        assertEquals("vth", lif.get(Lif.VTH));
        java.util.List<String> ssm = NeuronProgram.SSM.paramNames(2);
        assertEquals(Ssm.HEADER + 2 * Ssm.PER_STATE, ssm.size());
        assertEquals("bias", ssm.get(Ssm.BIAS));
        assertEquals("theta", ssm.get(Ssm.THETA));
        assertEquals("a_re[1]", ssm.get(Ssm.HEADER + Ssm.PER_STATE));
        assertEquals("c_im[1]", ssm.get(Ssm.HEADER + 2 * Ssm.PER_STATE - 1));
        assertEquals(java.util.List.of("v", "s_re[0]", "s_im[0]", "s_re[1]", "s_im[1]"), NeuronProgram.SSM.stateNames(2));
        java.util.List<String> glu = NeuronProgram.GLU.paramNames(0);
        assertEquals(Glu.PARAMS, glu.size());
        assertEquals("shift_out", glu.get(Glu.SHIFT_OUT));
        assertEquals(2, NeuronProgram.GLU.compartments());
        assertEquals(java.util.List.of("bias"), NeuronProgram.SUM.paramNames(0));
        assertEquals(java.util.List.of("sum"), NeuronProgram.READOUT.stateNames(0));
        assertTrue(NeuronProgram.SUM.graded() && !NeuronProgram.LIF.graded());
    }

    /** The biases added to a compartment's input are the words the kernels add there; the lif's bias acts on v. */

    @Test
    void inputBiasWordsAreTheOnesTheKernelsAddToTheInput() {
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {Ssm.BIAS}, NeuronProgram.SSM.inputBiasWords());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {Glu.BIAS_A, Glu.BIAS_G}, NeuronProgram.GLU.inputBiasWords());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {Sum.BIAS}, NeuronProgram.SUM.inputBiasWords());
        assertEquals(0, NeuronProgram.LIF.inputBiasWords().length);
        assertEquals(0, NeuronProgram.READOUT.inputBiasWords().length);
    }
}
