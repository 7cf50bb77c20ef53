package io.dendra.compiler.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.compiler.graph.InputNode;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SequenceBatchTest {
    private static final InputNode REAL = new InputNode("x", Place.named("x"), 2, 0);
    private static final InputNode TOKENS = new InputNode("ids", Place.named("ids"), 1, 5);
    private static final Path FILE = Path.of("in.npy");

    private static ErrorCode refused(Tensor t, InputNode node) {
        DendraException e = assertThrows(DendraException.class, () -> SequenceBatch.of(t, node, FILE));
        assertTrue(e.getMessage().startsWith("in.npy: error["), e.getMessage());
        return e.code();
    }

    @Test
    void batchSplitsIntoSamples() {
        SequenceBatch b = SequenceBatch.of(Tensor.of("x", new int[] {2, 3, 2}, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), REAL, FILE);
        assertTrue(b.batched());
        assertEquals(3, b.steps());
        assertArrayEquals(new double[] {6, 7, 8, 9, 10, 11}, b.samples().get(1));
    }

    @Test
    void wrongWidthRankEmptyAndNonFiniteAreRefused() {
        assertEquals(ErrorCode.INPUT_SHAPE, refused(Tensor.of("x", new int[] {4, 3}, new double[12]), REAL));
        assertEquals(ErrorCode.INPUT_SHAPE, refused(Tensor.of("x", new int[] {4}, new double[4]), REAL));
        assertEquals(ErrorCode.INPUT_EMPTY, refused(Tensor.of("x", new int[] {0, 2}, new double[0]), REAL));
        assertEquals(ErrorCode.INPUT_NOT_FINITE, refused(Tensor.of("x", new int[] {1, 2}, 0, Double.NaN), REAL));
        assertEquals(ErrorCode.INPUT_NOT_FINITE, refused(Tensor.of("x", new int[] {1, 2}, Double.POSITIVE_INFINITY, 0), REAL));
    }

    @Test
    void tokenIdsMustBeIntegersInTheVocabulary() {
        assertEquals(2, SequenceBatch.of(Tensor.of("t", new int[] {2, 3}, 0, 1, 2, 3, 4, 0), TOKENS, FILE).size());
        assertEquals(ErrorCode.TOKEN_ID, refused(Tensor.of("t", new int[] {2}, 1, 5), TOKENS));
        assertEquals(ErrorCode.TOKEN_ID, refused(Tensor.of("t", new int[] {2}, 1.5, 0), TOKENS));
        assertEquals(ErrorCode.INPUT_SHAPE, refused(Tensor.of("t", new int[] {1, 1, 1}, 0), TOKENS));
    }
}
