package io.dendra.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageExecutorTest {

    @Test
    void readoutAveragesWhatArrivesInItsWindow() {
        // Inputs 1, 2, 3: the readout accumulates 6 over three steps: mean 2, plus the output bias 0.5.
        ImageExecutor executor = new ImageExecutor(TinyImages.sumThenReadout(0));
        assertArrayEquals(new double[] {2.5}, executor.run(new double[] {1, 2, 3}, 3, null));
        assertEquals(4, executor.totalSteps(3));
    }

    @Test
    void eachHopAndEachDelayStepCostsOneTimestep() {
        // Input of step t reaches the sum neuron at step t + 1 + delay; it sends then.
        List<int[]> sent = new ArrayList<>();
        ImageExecutor executor = new ImageExecutor(TinyImages.sumThenReadout(2));
        double[] out = executor.run(new double[] {5, 7}, 2, (step, core, neuron, payload) -> sent.add(new int[] {step, core, (int) payload}));
        assertArrayEquals(new int[] {3, 0, 5}, sent.get(0));
        assertArrayEquals(new int[] {4, 0, 7}, sent.get(1));
        assertArrayEquals(new double[] {6.5}, out);
    }
}
