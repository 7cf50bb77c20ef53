package io.dendra.ir.programs.glu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dendra.ir.NeuronProgram;
import org.junit.jupiter.api.Test;

/** The glu kernel and its sigmoid table. */
class GluTest {

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
            long q = Sigmoid.of(Math.round(x * 8192), 0);
            double exact = 1 / (1 + Math.exp(-x));
            // Interpolation h²/8 · max|σ''| = (1/32)²/8 · 0.0962 = 1.2e-5, Q16 entries 0.8e-5, the argument's
            // 2^-14 rounding times σ' <= 0.25: 1.5e-5; 3.5e-5 in all.
            double tolerance = Math.abs(x) > 8 ? 4e-4 : 3.5e-5;
            assertEquals(exact, q / 65536.0, tolerance, "sigma(" + x + ")");
        }
    }
}
