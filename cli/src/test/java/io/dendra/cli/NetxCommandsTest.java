package io.dendra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.compiler.Fixtures;
import io.dendra.compiler.tensor.NpyFile;
import io.dendra.compiler.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lava-dl's NetX ground truths (../shared/data/netx/gts), checked as lava-dl's own tests check them,
 * through the commands a user types: the chip (loihi2, the cycle-level simulator) runs tinynet and
 * PilotNet LIF state for state as Lava's fixed-point models and Loihi 2 silicon computed them.
 */
class NetxCommandsTest {
    static final Path GTS = CompileCommandTest.ROOT.resolve("../shared/data/netx/gts").normalize();
    /** lava-dl's array name of each PilotNet LIF layer, by the file's layer index. */
    private static final Map<String, Integer> PILOTNET = Map.of("conv-0", 1, "conv-1", 2, "conv-2", 3, "conv-3", 4, "conv-4", 5, "fc-0", 7, "fc-1", 8,
            "fc-2", 9);

    @TempDir
    Path dir;

    private static Path gts(String relative) {
        Path file = GTS.resolve(relative);
        Fixtures.assumePresent(Files.exists(file), file + " is absent: this test needs lava-dl's ground truth");
        return file;
    }

    /** test_tinynet: 20 steps, layers reset every 17, the image as the input layer's bias; output steps 2..16 are the ground truth's 1..15. */
    @Test
    void tinynetOnTheChipEqualsLavaDlGroundTruth() {
        Path out = dir.resolve("tiny");
        CommandLineRun run = CommandLineRun.of("run", gts("tinynet/tiny.net").toString(), "--steps", "20", "--reset-interval", "17", "--input-bias",
                gts("tinynet/input_bias.npy").toString(), "--no-html", "-q", "-o", out.toString());
        assertEquals(0, run.status(), run.err());
        Tensor output = NpyFile.read(out.resolve("output.npy"));
        Tensor gt = NpyFile.read(gts("tinynet/output.npy"));
        int spikes = 0;
        for (int t = 2; t < 17; t++) {
            for (int n = 0; n < 36; n++) {
                assertEquals(gt.at(n * 16 + t - 1), output.at(t * 36 + n), "step " + t + ", neuron " + n);
                spikes += (int) output.at(t * 36 + n);
            }
        }
        assertTrue(spikes > 50, "output spikes: " + spikes);
    }

    /**
     * PilotNet LIF with the image as the input layer's bias and a 17-step reset (as the arrays were
     * made): every layer's spikes and u, input to fc-2, equal lava-dl's arrays at all 24 steps; v too,
     * except right after a spike, where silicon reports 128 (its refractory count, lava-nc/lava#282)
     * and Lava's CPU model and the chip 0. Then lava-dl's hardware check (test_hdf5_nx.py): with
     * reset_interval 16, every layer's u after 15 steps.
     */
    @Test
    void pilotnetLifOnTheChipEqualsLoihi2StateForState() {
        for (int interval : new int[] {17, 16}) {
            int steps = interval == 17 ? 24 : 15;
            Path out = dir.resolve("pilotnet" + interval);
            CommandLineRun run = CommandLineRun.of("run", gts("pilotnet_lif/network.net").toString(), "--steps", Integer.toString(steps), "--reset-interval",
                    Integer.toString(interval), "--input-bias", gts("pilotnet_lif/image.npy").toString(), "--probe", "all", "--no-html", "-q", "-o",
                    out.toString());
            assertEquals(0, run.status(), run.err());
            Path probes = out.resolve("probes");
            if (interval == 17) {
                assertStates(NpyFile.read(gts("pilotnet_lif/input.npy")), NpyFile.read(probes.resolve("layer0.s.npy")), 0, 24, "input s", false);
                for (Map.Entry<String, Integer> layer : PILOTNET.entrySet()) {
                    String name = layer.getKey();
                    int index = layer.getValue();
                    assertStates(NpyFile.read(gts("pilotnet_lif/" + name + ".npy")), NpyFile.read(probes.resolve("layer" + index + ".s.npy")), 0, 24,
                            name + " s", false);
                    if (name.equals("conv-0")) continue; // lava-dl has no conv-0 u or v
                    assertStates(NpyFile.read(gts("pilotnet_lif/" + name + "-u.npy")), NpyFile.read(probes.resolve("layer" + index + ".u.npy")), 0, 24,
                            name + " u", false);
                    assertStates(NpyFile.read(gts("pilotnet_lif/" + name + "-v.npy")), NpyFile.read(probes.resolve("layer" + index + ".v.npy")), 0, 24,
                            name + " v", true);
                }
            } else {
                for (Map.Entry<String, Integer> layer : PILOTNET.entrySet()) {
                    if (layer.getKey().equals("conv-0")) continue;
                    assertStates(NpyFile.read(gts("pilotnet_lif/" + layer.getKey() + "-u.npy")),
                            NpyFile.read(probes.resolve("layer" + layer.getValue() + ".u.npy")), 14, 15, layer.getKey() + " u at step 15", false);
                }
            }
        }
    }

    /**
     * test_pilotnet_sdnn: the input frame through the input layer's a_in at every step (Lava's
     * RingBuffer repeats its one step), as many steps as the network has layers (9); the sigma output
     * equals output.npy exactly. The frame is lava-dl's (W, H, C, 1) array, Dendra's input order.
     */
    @Test
    void pilotnetSdnnOnTheChipEqualsLavaDlGroundTruth() {
        Tensor frame = NpyFile.read(gts("pilotnet_sdnn/input.npy"));
        int width = frame.size();
        double[] x = new double[9 * width];
        for (int t = 0; t < 9; t++) for (int i = 0; i < width; i++) x[t * width + i] = frame.at(i);
        Path input = dir.resolve("frame.npy");
        NpyFile.write(input, Tensor.of("x", new int[] {9, width}, x));
        Path out = dir.resolve("sdnn");
        CommandLineRun run = CommandLineRun.of("run", gts("pilotnet_sdnn/network.net").toString(), "--input", input.toString(), "--compare",
                gts("pilotnet_sdnn/network.net").toString(), "--no-html", "-q", "-o", out.toString());
        assertEquals(0, run.status(), run.err());
        Tensor output = NpyFile.read(out.resolve("output.npy"));
        Tensor gt = NpyFile.read(gts("pilotnet_sdnn/output.npy"));
        assertEquals(9, gt.size());
        for (int t = 0; t < 9; t++) assertEquals(gt.at(t), output.at(t), "step " + t);
    }

    /**
     * lava-dl's array {@code gt} ((W, H, C, T) or (N, T)) against a probe ({@code [steps, neurons]},
     * neurons in Lava's (W, H, C) order) over steps {@code from .. to − 1}; with {@code afterSpike},
     * a ground truth of 128 where Dendra holds 0 is silicon's refractory marker and passes.
     */
    private static void assertStates(Tensor gt, Tensor probe, int from, int to, String what, boolean afterSpike) {
        int[] shape = gt.shape();
        int steps = shape[shape.length - 1];
        int neurons = gt.size() / steps;
        assertEquals(neurons, probe.shape()[1], what + ": neurons");
        long compared = 0;
        for (int t = from; t < to; t++) {
            for (int n = 0; n < neurons; n++) {
                double expected = gt.at(n * steps + t);
                double actual = probe.at(t * neurons + n);
                if (afterSpike && expected == 128 && actual == 0) continue;
                if (expected != actual) throw new AssertionError(what + ": step " + t + ", neuron " + n + ": lava-dl " + expected + ", Dendra " + actual);
                compared++;
            }
        }
        assertTrue(compared > 0, what);
    }
}
