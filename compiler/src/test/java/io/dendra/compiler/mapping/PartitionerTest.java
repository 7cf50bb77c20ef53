package io.dendra.compiler.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.compiler.Fixtures;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.ir.ChipImage;
import io.dendra.ir.CoreImage;
import io.dendra.ir.ImageExecutor;
import io.dendra.targets.Targets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Layers split into cores under every limit of the target: neurons, chips, axons, memory, output axons. */
class PartitionerTest {
    static final String WIDE_LIF = """
            input x: real[8];
            h = linear(x, weight=[%s]);
            s = lif(h, tau=0.5, threshold=1);
            output s;""";

    /** A 64-neuron LIF layer fed by 8 binary inputs, each neuron with its own weights. */
    static ModelGraph wideLif() {
        StringBuilder rows = new StringBuilder();
        for (int n = 0; n < 64; n++) {
            if (n > 0) rows.append(", ");
            rows.append('[');
            for (int k = 0; k < 8; k++) rows.append(k > 0 ? ", " : "").append(((n * 7 + k * 3) % 11 - 5) / 4.0);
            rows.append(']');
        }
        return Fixtures.model(String.format(WIDE_LIF, rows));
    }

    private static double[] spikes(int steps, int width) {
        double[] x = new double[steps * width];
        for (int i = 0; i < x.length; i++) x[i] = (i * 37 % 10) < 3 ? 1 : 0;
        return x;
    }

    @Test
    void layerIsSplitAcrossCoresWhenOneHoldsTooFewNeurons() {
        ModelGraph graph = wideLif();
        var calibration = Fixtures.batch(graph, new int[] {20, 8}, spikes(20, 8));
        ChipImage whole = Fixtures.compile(graph, Targets.builtIn("loihi1"), calibration).image();
        ChipImage split = Fixtures.compile(graph, Fixtures.target("loihi1", "neurons = 1024 source", "neurons = 16 source"), calibration).image();
        assertEquals(1, whole.cores().size());
        assertEquals(4, split.cores().size());
        for (CoreImage core : split.cores()) assertEquals(16, core.neurons().count());
        // Splitting changes where neurons sit, not what they compute.
        double[] input = spikes(50, 8);
        assertEquals(java.util.Arrays.toString(new ImageExecutor(whole).run(input, 50, null)),
                java.util.Arrays.toString(new ImageExecutor(split).run(input, 50, null)));
    }

    @Test
    void modelSpreadsOverSeveralChipsWhenOneIsTooSmall() {
        ModelGraph graph = wideLif();
        var calibration = Fixtures.batch(graph, new int[] {20, 8}, spikes(20, 8));
        ChipImage image = Fixtures.compile(graph, Fixtures.target("loihi1", "neurons = 1024 source", "neurons = 8 source",
                "columns = 8 source", "columns = 1 source", "rows = 4 source", "rows = 1 source", "cores_per_tile = 4 source", "cores_per_tile = 2 source"),
                calibration).image();
        assertEquals(8, image.cores().size());
        assertEquals(4, image.chips());
        Set<Integer> chips = new HashSet<>();
        for (CoreImage c : image.cores()) chips.add(c.chip());
        assertEquals(4, chips.size());
    }

    @Test
    void modelLargerThanTheBoardIsRefused() {
        ModelGraph graph = wideLif();
        var calibration = Fixtures.batch(graph, new int[] {20, 8}, spikes(20, 8));
        DendraException e = assertThrows(DendraException.class, () -> Fixtures.compile(graph, Fixtures.target("loihi1",
                "neurons = 1024 source", "neurons = 8 source", "columns = 8 source", "columns = 1 source", "rows = 4 source", "rows = 1 source",
                "cores_per_tile = 4 source", "cores_per_tile = 2 source", "chips = 32 source", "chips = 2 source"), calibration));
        assertEquals(ErrorCode.BOARD_TOO_SMALL, e.code());
        assertTrue(e.getMessage().contains("needs 8 cores"), e.getMessage());
    }

    @Test
    void neuronTooLargeForACoreIsRefused() {
        ModelGraph graph = wideLif();
        var calibration = Fixtures.batch(graph, new int[] {20, 8}, spikes(20, 8));
        assertEquals(ErrorCode.CORE_TOO_SMALL, assertThrows(DendraException.class, () -> Fixtures.compile(graph,
                Fixtures.target("loihi1", "input_axons = 4096", "input_axons = 4"), calibration)).code());
        assertEquals(ErrorCode.CORE_TOO_SMALL, assertThrows(DendraException.class, () -> Fixtures.compile(graph,
                Fixtures.target("loihi1", "synaptic_memory = 128 KiB", "synaptic_memory = 32 B"), calibration)).code());
    }

    /** A layer whose spikes reach every core of the next is split until each core's routes fit its output axons. */
    @Test
    void sourceIsSplitUntilItsRoutesFitTheOutputAxons() {
        StringBuilder second = new StringBuilder();
        for (int n = 0; n < 64; n++) {
            second.append(n > 0 ? ", " : "").append('[');
            for (int k = 0; k < 64; k++) second.append(k > 0 ? ", " : "").append(((n + k) % 5 - 2) / 8.0);
            second.append(']');
        }
        ModelGraph graph = Fixtures.model(String.format(WIDE_LIF, rowsOf(wideLif())).replace("output s;",
                "t = lif(linear(s, weight=[" + second + "]), tau=0.5, threshold=1);\noutput t;"));
        var calibration = Fixtures.batch(graph, new int[] {20, 8}, spikes(20, 8));
        // 16 neurons per core: the second layer takes 4 cores, so each first-layer spike is 4 messages;
        // 40 output axons hold 10 neurons' routes, so the first layer needs 7 cores where 16 neurons would allow 4.
        ChipImage image = Fixtures.compile(graph, Fixtures.target("loihi1", "neurons = 1024 source", "neurons = 16 source",
                "output_axons = 4096", "output_axons = 40"), calibration).image();
        for (CoreImage core : image.cores()) assertTrue(core.routes().routes() <= 40, "core " + core.id() + ": " + core.routes().routes());
        assertEquals(7, image.layers().get(0).cores().size());
        assertEquals(4, image.layers().get(1).cores().size());
    }

    private static String rowsOf(ModelGraph unused) {
        StringBuilder rows = new StringBuilder();
        for (int n = 0; n < 64; n++) {
            if (n > 0) rows.append(", ");
            rows.append('[');
            for (int k = 0; k < 8; k++) rows.append(k > 0 ? ", " : "").append(((n * 7 + k * 3) % 11 - 5) / 4.0);
            rows.append(']');
        }
        return rows.toString();
    }

}
