package io.dendra.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dendra.ir.programs.Kernel;
import org.junit.jupiter.api.Test;

/** Sigma-delta sends, by hand: what one neuron sends for a sequence of payloads, and what its receivers hold. */
class DeltaSendsTest {
    /** The messages (0 for none) a neuron with threshold {@code t} sends for {@code payloads}. */
    private static long[] sends(int t, long... payloads) {
        long[] held = new long[1];
        long[] sent = new long[payloads.length];
        long[] out = new long[1];
        for (int i = 0; i < payloads.length; i++) {
            out[0] = payloads[i] == 0 ? Kernel.NO_MESSAGE : payloads[i];
            DeltaSends.encode(out, held, 1, t);
            sent[i] = out[0] == Kernel.NO_MESSAGE ? 0 : out[0];
        }
        return sent;
    }

    @Test
    void aConstantIsSentOnce() {
        assertArrayEquals(new long[] {7, 0, 0, 0, 0}, sends(3, 7, 7, 7, 7, 7));
    }

    @Test
    void aRampIsSentEveryKSteps() {
        // slope 2, threshold 5: held 0 → the change reaches 6 at the third step (sent 6), then 6 more three steps later
        assertArrayEquals(new long[] {0, 0, 6, 0, 0, 6, 0, 0, 6}, sends(5, 2, 4, 6, 8, 10, 12, 14, 16, 18));
    }

    @Test
    void whatIsSentSumsToTheHeldValueAndFallsBackToZero() {
        long[] sent = sends(4, 5, 6, 2, 0, 0);
        // 5 (held 5); 6 is 1 away, kept; 2 is 3 away, kept; 0 is 5 away: -5 (held 0); 0: nothing
        assertArrayEquals(new long[] {5, 0, 0, -5, 0}, sent);
        long sum = 0;
        for (long s : sent) sum += s;
        assertEquals(0, sum);
    }

    /** Cumulative error: a difference of 3 below a threshold of 5 is never sent without it; with it, once it has added up to 6. */
    @Test
    void cumulativeErrorCarriesTheResidue() {
        assertArrayEquals(new long[] {0, 0, 0, 0}, sends(5, 3, 3, 3, 3));
        long[] state = new long[2];
        long[] out = new long[1];
        long[] sent = new long[5];
        long[] payloads = {3, 3, 3, 3, 10};
        for (int i = 0; i < payloads.length; i++) {
            out[0] = payloads[i];
            DeltaSends.encode(out, state, 1, 5, true);
            sent[i] = out[0] == Kernel.NO_MESSAGE ? 0 : out[0];
        }
        // error 3, then 6 ≥ 5: the 3 is sent (held 3, error 0); no change after; 10: change 7, error 7: sent
        assertArrayEquals(new long[] {0, 3, 0, 0, 7}, sent);
        assertEquals(10, state[0]);
        assertEquals(0, state[1]);
    }

    @Test
    void thresholdOneSendsEveryChange() {
        assertArrayEquals(new long[] {3, -1, 0, 4}, sends(1, 3, 2, 2, 6));
    }
}
