package io.dendra.compiler.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SpikeMatchTest {
    /** A layer firing at 16% against a chip that never fires: 84% agreement, but recall 0. */
    @Test
    void aSilentChipScoresZeroRecall() {
        SpikeMatch.Counter c = new SpikeMatch.Counter();
        for (int step = 0; step < 25; step++) for (int n = 0; n < 4; n++) c.add(step, false, (step * 4 + n) % 25 < 4);
        SpikeMatch m = c.result();
        assertEquals(100, m.decisions());
        assertEquals(16, m.referenceSpikes());
        assertEquals(0.84, m.agreement(), 1e-15);
        assertEquals(0.0, m.recall());
        assertEquals(0.0, m.precision());
        assertEquals(0.0, m.f1());
        assertEquals(0.0, m.countRatio());
        assertEquals(0, m.firstDivergentStep());
    }

    /** By hand: chip spikes {a, b, c}, reference {b, c, d, e}: precision 2/3, recall 2/4, F1 4/7, ratio 3/4. */
    @Test
    void countsByHand() {
        SpikeMatch.Counter c = new SpikeMatch.Counter();
        c.add(0, false, false);
        c.add(1, false, false);
        c.add(2, true, false);   // a: first difference at step 2
        c.add(3, true, true);    // b
        c.add(3, true, true);    // c
        c.add(4, false, true);   // d
        c.add(5, false, true);   // e
        c.add(5, false, false);
        SpikeMatch m = c.result();
        assertEquals(2.0 / 3, m.precision(), 1e-15);
        assertEquals(0.5, m.recall(), 1e-15);
        assertEquals(4.0 / 7, m.f1(), 1e-15);
        assertEquals(0.75, m.countRatio(), 1e-15);
        assertEquals(5.0 / 8, m.agreement(), 1e-15);
        assertEquals(2, m.firstDivergentStep());
        assertEquals("F1 0.5714 (P 0.6667 R 0.5000), 0.750x spikes, 62.50% agree, first differ at step 2", m.summary());
    }

    @Test
    void silenceOnBothSidesIsPerfectAndOnlyTheChipSpikingHasNoRatio() {
        SpikeMatch quiet = new SpikeMatch(10, 0, 0, 0, -1);
        assertEquals(1.0, quiet.precision());
        assertEquals(1.0, quiet.recall());
        assertEquals(1.0, quiet.f1());
        assertEquals(1.0, quiet.countRatio());
        SpikeMatch chipOnly = new SpikeMatch(10, 3, 0, 0, 4);
        assertNull(chipOnly.countRatio());
        assertEquals(0.0, chipOnly.recall());
        assertEquals(0.7, chipOnly.agreement(), 1e-15);
        SpikeMatch both = quiet.plus(chipOnly);
        assertEquals(new SpikeMatch(20, 3, 0, 0, 4), both);
        assertEquals(new SpikeMatch(30, 4, 1, 0, 2), chipOnly.plus(new SpikeMatch(10, 1, 1, 0, 2)).plus(quiet), "the earliest difference of any run");
    }
}
