package io.dendra.compiler.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DTypeTest {

    @Test
    void halfPrecisionDecodesKnownBitPatterns() {
        // IEEE 754 binary16 reference values.
        assertEquals(1.0f, DType.halfToFloat(0x3c00));
        assertEquals(-2.0f, DType.halfToFloat(0xc000));
        assertEquals(65504f, DType.halfToFloat(0x7bff));
        assertEquals(0x1p-24f, DType.halfToFloat(0x0001));
        assertEquals(0x1p-14f, DType.halfToFloat(0x0400));
        assertEquals(0.333251953125f, DType.halfToFloat(0x3555));
        assertEquals(Float.POSITIVE_INFINITY, DType.halfToFloat(0x7c00));
        assertTrue(Float.isNaN(DType.halfToFloat(0x7e00)));
    }

    @Test
    void halfPrecisionEncodesWithRoundToNearestEven() {
        assertEquals(0x3c00, DType.floatToHalf(1.0f));
        assertEquals(0x3555, DType.floatToHalf(1f / 3));
        assertEquals(0x0001, DType.floatToHalf(0x1p-24f));
        // 1 + 2^-11 lies halfway between 1 and 1 + 2^-10: ties go to the even mantissa (1.0).
        assertEquals(0x3c00, DType.floatToHalf(1 + 0x1p-11f));
        // 1 + 3 * 2^-11 lies halfway between 1 + 2^-10 and 1 + 2^-9: ties go to even (1 + 2^-9).
        assertEquals(0x3c02, DType.floatToHalf(1 + 3 * 0x1p-11f));
        assertEquals(0x7c00, DType.floatToHalf(70000f));
    }

    @Test
    void bfloat16KeepsTheTopSixteenBitsRounded() {
        assertEquals(0x3f80, DType.floatToBfloat(1.0f));
        assertEquals(0xc040, DType.floatToBfloat(-3.0f));
        // 1 + 2^-8 is halfway between 1 and 1 + 2^-7: ties to even gives 1.
        assertEquals(0x3f80, DType.floatToBfloat(1 + 0x1p-8f));
    }

    @Test
    void numpyCodesMapToTypes() {
        assertEquals(DType.BOOL, DType.fromNumpy("?").orElseThrow());
        assertEquals(DType.BOOL, DType.fromNumpy("b1").orElseThrow());
        assertEquals(DType.I8, DType.fromNumpy("i1").orElseThrow());
        assertEquals(DType.F16, DType.fromNumpy("f2").orElseThrow());
        assertTrue(DType.fromNumpy("c16").isEmpty());
    }
}
