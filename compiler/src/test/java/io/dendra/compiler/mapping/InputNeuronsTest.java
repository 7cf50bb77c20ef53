package io.dendra.compiler.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.compiler.Fixtures;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.diagnostics.DendraException;
import io.dendra.ir.ChipImage;
import io.dendra.ir.InputMap;
import io.dendra.targets.Target;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * On a target whose input enters through on-chip input neurons (loihi1_sanafe), each channel's
 * input neuron counts as a neuron of the core it sits on: with cores of 10 neurons and a layer of 16
 * LIF neurons split 8 and 8, 4 input channels fit (2 on each core) and 5 do not.
 */
class InputNeuronsTest {
    private static ModelGraph model(int inputs) {
        StringBuilder w = new StringBuilder("[");
        for (int r = 0; r < 16; r++) {
            w.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < inputs; c++) w.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", 0.3 + 0.1 * ((r + c) % 5)));
            w.append("]");
        }
        w.append("]");
        return Fixtures.model("input x: real[" + inputs + "];\ns = lif(linear(x, weight=" + w + "), tau=0.9, threshold=1);\noutput s;");
    }

    private static ChipImage compile(int inputs, Target target) {
        ModelGraph graph = model(inputs);
        double[] spikes = new double[20 * inputs];
        for (int i = 0; i < spikes.length; i++) spikes[i] = i % 3 == 0 ? 1 : 0;
        return Fixtures.compile(graph, target, Fixtures.batch(graph, new int[] {20, inputs}, spikes)).image();
    }

    @Test
    void inputNeuronsAreNeuronsOfTheCoreTheySitOn() {
        Target small = Fixtures.target("loihi1_sanafe", "neurons = 1024", "neurons = 10");
        ChipImage image = compile(4, small);
        assertEquals(2, image.cores().size());
        int[] inputNeurons = new int[image.cores().size()];
        InputMap map = image.input();
        for (int ch = 0; ch < map.channels(); ch++) inputNeurons[map.core(map.start(ch))]++;
        for (int c = 0; c < image.cores().size(); c++) {
            assertTrue(image.cores().get(c).neurons().count() + inputNeurons[c] <= 10, "core " + c + ": " + inputNeurons[c] + " input neurons");
            assertEquals(2, inputNeurons[c], "the homes are spread");
        }
        DendraException e = assertThrows(DendraException.class, () -> compile(5, small));
        assertEquals("E0417", e.diagnostic().code().id(), e.getMessage());
        assertTrue(e.getMessage().contains("input neuron"), e.getMessage());
    }
}
