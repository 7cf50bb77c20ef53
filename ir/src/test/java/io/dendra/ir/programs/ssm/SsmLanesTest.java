package io.dendra.ir.programs.ssm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.ir.NeuronProgram;
import io.dendra.ir.VectorLanes;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ssm update eight states at a time gives, bit for bit, what the scalar definition gives. */
class SsmLanesTest {
    @Test
    void eightStatesAtATimeEqualTheScalarKernelBitForBit() {
        SplittableRandom random = new SplittableRandom(14);
        for (int trial = 0; trial < 40; trial++) {
            int count = 1 + random.nextInt(12);
            int states = 8 * (1 + random.nextInt(4));
            int stateBits = new int[] {16, 24, 32, 48, 64}[random.nextInt(5)];
            int[] params = randomBlock(random, count, states, stateBits);
            int[] kernel = NeuronProgram.SSM.kernelParams(params, count, states);
            assertTrue(SsmLanes.handles(count, states, kernel));
            long[] lanes = new long[count * (1 + 2 * states)];
            long[] scalar = lanes.clone();
            long[] outLanes = new long[count];
            long[] outScalar = new long[count];
            boolean[] activeLanes = new boolean[count];
            boolean[] activeScalar = new boolean[count];
            for (int step = 0; step < 30; step++) {
                long[] input = new long[count];
                // zero input on some steps, so that quiet neurons (inactive updates) occur too
                if (step % 7 != 6) for (int i = 0; i < count; i++) input[i] = random.nextLong(-(1L << Math.min(40, stateBits)), 1L << Math.min(40, stateBits));
                int a = SsmLanes.ssm(count, states, kernel, lanes, input, outLanes, stateBits, activeLanes);
                int b = SsmKernel.scalar(count, states, kernel, scalar, input, outScalar, stateBits, activeScalar);
                assertEquals(b, a, "active neurons, trial " + trial + " step " + step);
                assertArrayEquals(scalar, lanes, "states, trial " + trial + " step " + step);
                assertArrayEquals(outScalar, outLanes, "messages, trial " + trial + " step " + step);
                assertArrayEquals(activeScalar, activeLanes, "activity, trial " + trial + " step " + step);
            }
        }
    }

    @Test
    void blocksTheLanesDoNotTakeRunTheScalarKernel() {
        SplittableRandom random = new SplittableRandom(3);
        int[] params = NeuronProgram.SSM.kernelParams(randomBlock(random, 4, 12, 24), 4, 12);
        assertFalse(SsmLanes.handles(4, 12, params), "12 states is not whole vectors of 8");
        int[] leftShift = randomBlock(random, 4, 8, 24);
        leftShift[NeuronProgram.SSM.paramsPerNeuron(8) * 2 + Ssm.SHIFT_B] = -2;
        assertFalse(SsmLanes.handles(4, 8, NeuronProgram.SSM.kernelParams(leftShift, 4, 8)), "a left shift");
    }

    @Test
    void theLanesRunWhereTheJvmHasThem() {
        // the tests' JVM, like ./dendra's, resolves jdk.incubator.vector (the parent pom's vector.jvm.flags)
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertTrue(module, "surefire's argLine should resolve jdk.incubator.vector");
        assertEquals(SsmLanes.supported(), VectorLanes.AVAILABLE);
    }

    /** Random ssm parameters in the image's order: shifts 1..40 to the right, coefficients anywhere in 24 bits, thresholds small and large. */
    private static int[] randomBlock(SplittableRandom random, int count, int states, int stateBits) {
        int per = NeuronProgram.SSM.paramsPerNeuron(states);
        int[] params = new int[count * per];
        for (int i = 0; i < count; i++) {
            int p = i * per;
            params[p + Ssm.STATES] = states;
            params[p + Ssm.SHIFT_A] = 1 + random.nextInt(40);
            params[p + Ssm.SHIFT_B] = 1 + random.nextInt(40);
            params[p + Ssm.SHIFT_C] = random.nextInt(-4, 40);
            params[p + Ssm.D] = random.nextInt(-(1 << 23), 1 << 23);
            params[p + Ssm.SHIFT_D] = random.nextInt(-4, 40);
            params[p + Ssm.BIAS] = random.nextInt(-(1 << 20), 1 << 20);
            params[p + Ssm.TAU] = random.nextInt(4097);
            params[p + Ssm.THETA] = random.nextInt(1, 1 << Math.min(30, stateBits - 2));
            for (int w = Ssm.HEADER; w < per; w++) params[p + w] = random.nextInt(-(1 << 23), 1 << 23);
        }
        return params;
    }
}
