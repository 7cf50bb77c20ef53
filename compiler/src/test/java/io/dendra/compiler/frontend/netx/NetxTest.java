package io.dendra.compiler.frontend.netx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.compiler.Fixtures;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.reference.ReferenceInterpreter;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.compiler.tensor.NpyFile;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.diagnostics.DendraException;
import io.dendra.ir.ChipImage;
import io.dendra.ir.ImageExecutor;
import io.dendra.targets.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lava-dl NetX networks: the ground truths lava-dl's own tests check, a network worked by hand, and malformed files. */
class NetxTest {
    static final Path GTS = Fixtures.ROOT.resolve("../shared/data/netx/gts").normalize();

    @TempDir
    Path dir;

    static Path shared(String relative) {
        Path file = GTS.resolve(relative);
        Fixtures.assumePresent(Files.exists(file), file + " is absent: this test needs lava-dl's ground truth");
        return file;
    }

    /**
     * lava-dl's test_tinynet: layers reset every 17 steps (netx's offsets, layer k at T mod 17 = k + 1),
     * the image as the input layer's bias, 20 steps; output steps 2..16 equal the ground truth's 1..15.
     */
    @Test
    void tinynetReferenceEqualsLavaDlGroundTruth() {
        ModelGraph graph = NetxConverter.load(shared("tinynet/tiny.net"), new NetxOptions(17, 0, NpyFile.read(shared("tinynet/input_bias.npy"))));
        double[] out = new ReferenceInterpreter(graph).runSample(new double[20 * graph.input().width()], 20);
        assertTinynet(out);
    }

    /** {@code out} (20 steps × 36) against lava-dl's output.npy ((1, 36, 1, 1, 16)), as test_tinynet aligns them. */
    static void assertTinynet(double[] out) {
        Tensor gt = NpyFile.read(shared("tinynet/output.npy"));
        int spikes = 0;
        for (int t = 2; t < 17; t++) {
            for (int n = 0; n < 36; n++) {
                assertEquals(gt.at(n * 16 + t - 1), out[t * 36 + n], "step " + t + ", neuron " + n);
                spikes += (int) out[t * 36 + n];
            }
        }
        assertTrue(spikes > 50, "the output spikes (" + spikes + ")");
    }

    /**
     * Two input neurons that spike whenever their a_in is positive (u = 64·a_in, vth 0), a dense
     * layer (weights 3 and 5, delay 2) into one neuron that keeps v and spikes above 10·64. Input
     * [1,0], [0,1], [1,1] at steps 0..2 arrive 1 + 2 steps later: v = 192, 192 + 320 = 512,
     * 512 + 512 = 1024 > 640 at step 5, by hand; the chip spikes at the same step.
     */
    @Test
    void denseLayerWithDelayByHandOnTheReferenceAndTheChip() {
        Path file = NetxFiles.network()
                .layer("input", new long[] {2}, NetxFiles.loihi(4096, 4096, 0))
                .layer("dense", new long[] {1}, NetxFiles.loihi(4096, 0, 10), "weight", new double[][] {{3, 5}}, "delay", new double[] {2, 2})
                .write(dir.resolve("hand.net"));
        ModelGraph graph = NetxConverter.load(file, NetxOptions.NONE);
        double[] input = {1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        double[] expected = {0, 0, 0, 0, 0, 1, 0, 0};
        assertArrayEquals(expected, new ReferenceInterpreter(graph).runSample(input, 8));
        SequenceBatch calibration = Fixtures.batch(graph, new int[] {8, 2}, input);
        ChipImage image = Fixtures.compile(graph, Targets.load("loihi2"), calibration).image();
        assertArrayEquals(expected, new ImageExecutor(image).run(input, 8, (s, c, n, p) -> { }));
    }

    /**
     * Lava's DelayDense: input spikes [1,0] then [0,1]; weights [[3, 5], [0, 4]] with delays [[0, 2], [1, 1]].
     * Neuron 0 gets 3 at step 0 + 1 + 0 = 1 and 5 at 1 + 1 + 2 = 4: v = 192, then 192 + 320 = 512 > 7·64 at
     * step 4; neuron 1 gets 4 at 1 + 1 + 1 = 3: v = 256, no spike. By hand; reference and chip.
     */
    @Test
    void perSynapseDelaysByHandOnTheReferenceAndTheChip() {
        Path file = NetxFiles.network()
                .layer("input", new long[] {2}, NetxFiles.loihi(4096, 4096, 0))
                .layer("dense", new long[] {2}, NetxFiles.loihi(4096, 0, 7), "weight", new double[][] {{3, 5}, {0, 4}}, "delay",
                        new double[][] {{0, 2}, {1, 1}})
                .write(dir.resolve("delays.net"));
        double[] input = new double[16];
        input[0] = 1;
        input[3] = 1;
        double[] expected = new double[16];
        expected[4 * 2] = 1;
        assertChipAndReference(file, input, 8, expected);
    }

    /**
     * Lava's RecurrentDense: one input spike at step 0 reaches neuron 0 (weight 10) at step 1: u = 640 >
     * 5·64, a spike; its spike reaches neuron 1 through the recurrent weight 6 at step 2: 384 > 320, a
     * spike. v keeps nothing (vDecay 4096). By hand; reference and chip.
     */
    @Test
    void recurrentDenseByHandOnTheReferenceAndTheChip() {
        Path file = NetxFiles.network()
                .layer("input", new long[] {1}, NetxFiles.loihi(4096, 4096, 0))
                .layer("dense_rec", new long[] {2}, NetxFiles.loihi(4096, 4096, 5), "weight", new double[][] {{10}, {0}}, "weight_rec",
                        new double[][] {{0, 0}, {6, 0}})
                .write(dir.resolve("recurrent.net"));
        double[] input = new double[6];
        input[0] = 1;
        double[] expected = new double[12];
        expected[1 * 2] = 1;
        expected[2 * 2 + 1] = 1;
        assertChipAndReference(file, input, 6, expected);
    }

    private static void assertChipAndReference(Path file, double[] input, int steps, double[] expected) {
        ModelGraph graph = NetxConverter.load(file, NetxOptions.NONE);
        assertArrayEquals(expected, new ReferenceInterpreter(graph).runSample(input, steps));
        SequenceBatch calibration = Fixtures.batch(graph, new int[] {steps, graph.input().width()}, input);
        ChipImage image = Fixtures.compile(graph, Targets.load("loihi2"), calibration).image();
        assertArrayEquals(expected, new ImageExecutor(image).run(input, steps, (s, c, n, p) -> { }));
    }

    @Test
    void malformedFilesAreRefusedWithTheLayerAndTheDataset() {
        List<Object[]> cases = List.of(
                new Object[] {"E1002", "weight", NetxFiles.network().layer("input", new long[] {2}, null)
                        .layer("dense", new long[] {1}, NetxFiles.loihi(4096, 0, 10))},
                new Object[] {"E1003", "weights", NetxFiles.network().layer("input", new long[] {2}, null)
                        .layer("dense", new long[] {1}, NetxFiles.loihi(4096, 0, 10), "weight", new double[][] {{3, 5, 7}})},
                new Object[] {"E1004", "unknown type 'denze'", NetxFiles.network().layer("input", new long[] {2}, null)
                        .layer("denze", new long[] {1}, null)},
                new Object[] {"E1004", "'sigmoid'", NetxFiles.network().layer("input", new long[] {2}, null)
                        .layer("dense", new long[] {1}, new Object[] {"type", new String[] {"SDNN"}, "vThMant", 10L, "activation", new String[] {"sigmoid"}},
                                "weight", new double[][] {{3, 5}})},
                new Object[] {"E1004", "'RF_PHASE'", NetxFiles.network().layer("input", new long[] {2}, null)
                        .layer("dense", new long[] {1}, new Object[] {"type", new String[] {"RF_PHASE"}, "vThMant", 10L}, "weight", new double[][] {{3, 5}})},
                new Object[] {"E1004", "'pool'", NetxFiles.network().layer("input", new long[] {2}, null).layer("pool", new long[] {1}, null)},
                new Object[] {"E1005", "not a whole number", NetxFiles.network().layer("input", new long[] {2}, null)
                        .layer("dense", new long[] {1}, NetxFiles.loihi(4096, 0, 10), "weight", new double[][] {{3.5, 5}})},
                new Object[] {"E1005", "0..62", NetxFiles.network().layer("input", new long[] {2}, null)
                        .layer("dense", new long[] {1}, NetxFiles.loihi(4096, 0, 10), "weight", new double[][] {{3, 5}}, "delay", new double[] {70, 70})},
                new Object[] {"E1005", "vThMant", NetxFiles.network().layer("input", new long[] {2}, null)
                        .layer("dense", new long[] {1}, NetxFiles.loihi(4096, 0, 1 << 20), "weight", new double[][] {{3, 5}})},
                new Object[] {"E1005", "both signs", NetxFiles.network().layer("input", new long[] {2}, null)
                        .layer("dense", new long[] {1}, NetxFiles.loihi(4096, 0, 10), "weight", new double[][] {{200, -5}})},
                new Object[] {"E1005", "even values", NetxFiles.network().layer("input", new long[] {2}, null)
                        .layer("dense", new long[] {1}, NetxFiles.loihi(4096, 0, 10), "weight", new double[][] {{201, 5}})},
                new Object[] {"E1003", "3 delays", NetxFiles.network().layer("input", new long[] {2}, null)
                        .layer("dense", new long[] {1}, NetxFiles.loihi(4096, 0, 10), "weight", new double[][] {{3, 5}}, "delay", new double[] {1, 2, 3})},
                new Object[] {"E1002", "'shape'", NetxFiles.network().layer("input", null, null)});
        int k = 0;
        for (Object[] c : cases) {
            Path file = ((NetxFiles) c[2]).write(dir.resolve("bad" + k++ + ".net"));
            DendraException e = assertThrows(DendraException.class, () -> NetxConverter.load(file, NetxOptions.NONE), (String) c[1]);
            assertEquals(c[0], e.diagnostic().code().id(), e.getMessage());
            assertTrue(e.getMessage().contains((String) c[1]), e.getMessage());
            assertTrue(e.diagnostic().place().toString().contains("layer/"), e.diagnostic().place().toString());
        }
    }
}
