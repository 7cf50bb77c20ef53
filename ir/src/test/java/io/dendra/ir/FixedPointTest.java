package io.dendra.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FixedPointTest {
    @Test
    void log2IsExactAtPowersOfTwoAndBesideThem() {
        for (int k = -1021; k <= 1023; k++) {
            double x = Math.scalb(1.0, k);
            assertEquals(k, FixedPoint.floorLog2(x), "floor log2 2^" + k);
            assertEquals(k, FixedPoint.ceilLog2(x), "ceil log2 2^" + k);
            if (k < 1023) {
                assertEquals(k, FixedPoint.floorLog2(Math.nextUp(x)), "just above 2^" + k);
                assertEquals(k + 1, FixedPoint.ceilLog2(Math.nextUp(x)), "just above 2^" + k);
            }
            {
                assertEquals(k - 1, FixedPoint.floorLog2(Math.nextDown(x)), "just below 2^" + k);
                assertEquals(k, FixedPoint.ceilLog2(Math.nextDown(x)), "just below 2^" + k);
            }
        }
        // subnormals: 2^-1074 is the smallest double, 3 * 2^-1074 lies between 2^-1073 and 2^-1072
        assertEquals(-1074, FixedPoint.floorLog2(Double.MIN_VALUE));
        assertEquals(-1074, FixedPoint.ceilLog2(Double.MIN_VALUE));
        assertEquals(-1073, FixedPoint.floorLog2(3 * Double.MIN_VALUE));
        assertEquals(-1072, FixedPoint.ceilLog2(3 * Double.MIN_VALUE));
        // the case that misrounds with Math.log: ceil(log(2^29) / log(2)) is 30
        assertEquals(30, (int) Math.ceil(Math.log(Math.scalb(1.0, 29)) / Math.log(2)));
        assertEquals(29, FixedPoint.ceilLog2(Math.scalb(1.0, 29)));
        assertEquals(1, FixedPoint.floorLog2(3.0));
        assertEquals(2, FixedPoint.ceilLog2(3.0));
        assertEquals(-2, FixedPoint.floorLog2(0.3));
        assertEquals(-1, FixedPoint.ceilLog2(0.3));
        assertThrows(IllegalArgumentException.class, () -> FixedPoint.floorLog2(0));
        assertThrows(IllegalArgumentException.class, () -> FixedPoint.floorLog2(Double.POSITIVE_INFINITY));
    }
}
