package io.dendra.compiler.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Biases split into synapses fed by host bias messages, by hand. */
class WarmUpTest {
    /** 1000 = 7·128 + 104 with 8-bit weights: 104 at exponent 0 and 7 at exponent 7. */
    @Test
    void biasesSplitIntoWeightDigits() {
        List<WarmUp.Chunk> chunks = WarmUp.biasChunks(new long[] {1000, -3}, 8, -8, 7, 24);
        assertEquals(List.of(new WarmUp.Chunk(0, 104, 0, 1), new WarmUp.Chunk(0, 7, 7, 1), new WarmUp.Chunk(1, -3, 0, 1)), chunks);
    }

    /** 2^14 needs exponent 14: the target stops at 7, so a graded payload of 2^7 carries the rest; a binary chip cannot. */
    @Test
    void digitsBeyondTheExponentsRideOnThePayload() {
        assertEquals(List.of(new WarmUp.Chunk(0, 1, 7, 128)), WarmUp.biasChunks(new long[] {1 << 14}, 8, -8, 7, 24));
        assertNull(WarmUp.biasChunks(new long[] {1 << 14}, 8, -8, 7, 0));
    }
}
