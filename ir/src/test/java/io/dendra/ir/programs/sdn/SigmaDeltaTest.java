package io.dendra.ir.programs.sdn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.dendra.ir.NeuronProgram;
import io.dendra.ir.programs.Kernel;
import org.junit.jupiter.api.Test;

/** The sigma-delta programs against Lava's PyDeltaModelFixed, PySigmaDeltaModelFixed and PySigmaModelFixed, by hand. */
class SigmaDeltaTest {
    /** What one neuron of {@code program} sends for each input (0 for no message). */
    private static long[] sent(NeuronProgram program, int[] params, long... inputs) {
        long[] state = new long[program.stateWords(0)];
        long[] out = new long[1];
        long[] payloads = new long[inputs.length];
        for (int t = 0; t < inputs.length; t++) {
            program.updateInImageOrder(1, 0, params, state, new long[] {inputs[t]}, out, 24, 24, null);
            payloads[t] = out[0] == Kernel.NO_MESSAGE ? 0 : out[0];
        }
        return payloads;
    }

    @Test
    void deltaSendsTheChangeOnceItReachesTheThresholdAndKeepsTheRest() {
        // shift 12, state_exp 6, vth 2·4096 (vThMant 2 scaled by 2^12). a = in·4096.
        // in 3: Δ = 12288 ≥ 8192, sent; payload 12288 >> 6 = 192.
        // in 4: Δ = 4096 < 8192, kept as residue. in 5: Δ = 4096 + 4096 = 8192, sent: 128.
        // in 5: Δ = 0. in 2: Δ = -12288, sent: -192.
        int[] params = {2 * 4096, 12, 6};
        assertArrayEquals(new long[] {192, 0, 128, 0, -192}, sent(NeuronProgram.DELTA, params, 3, 4, 5, 5, 2));
    }

    @Test
    void sigmaDeltaIntegratesAppliesReluAndSendsChanges() {
        // vth 100, bias -50, state_exp 6. sigma: 200, 260, 160, -40. act = max(sigma - 50, 0): 150, 210, 110, 0.
        // Δ: 150 (sent: 150 >> 6 = 2), 60 (kept), 110 - 210 + 60 = -40 (kept: |Δ| < 100), 0 - 110 - 40 = -150 (sent: -150 >> 6 = -3, a floor).
        int[] params = {100, -50, 6};
        assertArrayEquals(new long[] {2, 0, 0, -3}, sent(NeuronProgram.SIGMA_DELTA, params, 200, 60, -100, -200));
    }

    @Test
    void sigmaSendsTheRunningSum() {
        assertArrayEquals(new long[] {5, 2, 0, 7}, sent(NeuronProgram.SIGMA, new int[0], 5, -3, -2, 7));
    }
}
