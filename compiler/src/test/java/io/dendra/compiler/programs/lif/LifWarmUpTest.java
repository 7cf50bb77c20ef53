package io.dendra.compiler.programs.lif;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.compiler.mapping.WarmUp;
import io.dendra.ir.programs.lif.Lif;
import org.junit.jupiter.api.Test;

/** The lif's warm-up states, derived by hand from its update. */
class LifWarmUpTest {
    private static int[] lif(int du, int dv, int biasMant, int biasExp, int vth) {
        int[] p = new int[Lif.PARAMS];
        p[Lif.DU] = du;
        p[Lif.DV] = dv;
        p[Lif.BIAS_MANT] = biasMant;
        p[Lif.BIAS_EXP] = biasExp;
        p[Lif.VTH] = vth;
        return p;
    }

    /** Bias 64, no leak, 3 warm-up steps: v must start at −192 to pass −128, −64 and reach 0 with no spike. */
    @Test
    void aBiasWithoutLeakStartsThreeBiasesBelowZero() {
        WarmUp.StateResult r = LifWarmUp.initialState(1, lif(4095, 0, 1, 6, 1), new int[0], 3);
        assertTrue(r.exact());
        assertArrayEquals(new int[] {0, -192}, r.initialState());
    }

    /** dv = 2048 halves v each step: from −384, −384/2 + 64 = −128, then −128/2 + 64 = 0. */
    @Test
    void aLeakyPotentialIsWalkedBackThroughItsTruncation() {
        WarmUp.StateResult r = LifWarmUp.initialState(1, lif(4095, 2048, 1, 6, 1), new int[0], 2);
        assertTrue(r.exact());
        assertArrayEquals(new int[] {0, -384}, r.initialState());
    }

    /**
     * A current that must be −1000 when the input arrives (du = 2048: u keeps 2047/4096 per step),
     * and no leak on v (dv = 0), two warm-up steps. u walks back to ⌈1000·4096/2047⌉ = 2001, then
     * ⌈2001·4096/2047⌉ = 4004, so u runs −4004, −2001, −1000; v must absorb −2001 and −1000: it starts
     * at 3001, passes 1000 (below the threshold 100·64) and reaches 0.
     */
    @Test
    void anInitialCurrentIsWalkedBackToo() {
        WarmUp.StateResult r = LifWarmUp.initialState(1, lif(2048, 0, 0, 0, 100), new int[] {-1000, 0}, 2);
        assertTrue(r.exact(), r.failure());
        assertArrayEquals(new int[] {-4004, 3001}, r.initialState());
    }

    /** A negative bias with a threshold of 0: v would have to start above the threshold, and spike. */
    @Test
    void aStateThatWouldSpikeIsReportedNotUsed() {
        WarmUp.StateResult r = LifWarmUp.initialState(1, lif(4095, 0, -1, 6, 0), new int[0], 3);
        assertFalse(r.exact());
        assertTrue(r.failure().contains("spike"), r.failure());
        assertArrayEquals(new int[0], r.initialState());
    }

    @Test
    void noWarmUpKeepsTheStateAsItIs() {
        WarmUp.StateResult r = LifWarmUp.initialState(1, lif(4095, 0, 1, 6, 1), new int[] {5, 7}, 0);
        assertArrayEquals(new int[] {5, 7}, r.initialState());
    }

    /** |x|·m >> 12 = y has no solution for y = 1 when m = 1 (x = 4096 gives 1, x = 4095 gives 0: fine) but none for m = 4096 + … */
    @Test
    void predecessorsAreExactOrAbsent() {
        assertEquals(4096L, LifWarmUp.predecessor(1, 1));
        assertEquals(-3L, LifWarmUp.predecessor(-3, 4096));
        assertEquals(0L, LifWarmUp.predecessor(0, 0));
        assertNull(LifWarmUp.predecessor(5, 0));
        // m = 3000: x = 2 gives 1 (6000 >> 12), x = 3 gives 2 (9000 >> 12): y = 2 from x = 3
        assertEquals(3L, LifWarmUp.predecessor(2, 3000));
    }
}
