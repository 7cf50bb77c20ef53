package io.dendra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dendra.compiler.frontend.ModelLoader;
import io.dendra.compiler.tensor.NpyFile;
import io.dendra.compiler.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every NIR file of ../shared/data/nir through the commands a user types: check, compile for loihi2, run against the reference. */
class NirCommandsTest {
    static final Path DATA = CompileCommandTest.ROOT.resolve("../shared/data/nir").normalize();

    @Test
    void everySharedNirFileChecksCompilesForLoihi2AndRuns(@TempDir Path dir) throws Exception {
        io.dendra.compiler.Fixtures.assumePresent(Files.isDirectory(DATA), "../shared/data/nir is absent");
        List<Path> files;
        try (var walk = Files.walk(DATA)) {
            files = walk.filter(f -> f.toString().endsWith(".nir")).sorted().toList();
        }
        assertEquals(8, files.size());
        for (Path file : files) {
            String name = file.getFileName().toString().replace(".nir", "");
            CommandLineRun check = CommandLineRun.of("check", file.toString(), "--lenient");
            assertEquals(0, check.status(), name + ": " + check.err());
            // spikes at 10% on every input channel, 2 samples of 30 steps
            int width = ModelLoader.load(file, new ModelLoader.Options(1e-4, true)).input().width();
            double[] x = new double[2 * 30 * width];
            SplittableRandom random = new SplittableRandom(11);
            for (int i = 0; i < x.length; i++) x[i] = random.nextDouble() < 0.1 ? 1 : 0;
            Path input = dir.resolve(name + ".npy");
            NpyFile.write(input, Tensor.of("x", new int[] {2, 30, width}, x));
            Path image = dir.resolve(name + ".dchip");
            CommandLineRun compile = CommandLineRun.of("compile", file.toString(), "--lenient", "--target", "loihi2", "--calibrate", input.toString(),
                    "-o", image.toString());
            assertEquals(0, compile.status(), name + ": " + compile.err());
            Path out = dir.resolve(name);
            CommandLineRun run = CommandLineRun.of("run", image.toString(), "--input", input.toString(), "--compare", file.toString(), "--lenient",
                    "--no-html", "-q", "-o", out.toString());
            assertEquals(0, run.status(), name + ": " + run.err());
            JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
            assertEquals(2, report.at("/samples").asInt(), name);
            assertTrue(report.at("/counts/synops_binary").asLong() + report.at("/counts/synops_graded").asLong() > 0, name);
            assertTrue(Files.size(out.resolve("output.npy")) > 0, name);
            // Precision and recall, which a silent chip (recall 0) or a chattering one (precision near 0) fails. Single
            // neurons and chains quantize exactly; measured (2 samples of 30 steps, 10% input spikes): braille 0.76 .. 1.0
            // (recurrent, thresholds a fraction of an LSB from their potentials), the CNN's hidden layers 0.61 .. 0.91 and its
            // 10-neuron output 0.33 (8-bit weights over 5 x 5 kernels, the errors compounding layer by layer).
            JsonNode spikes = report.at("/agreement/spikes");
            assertTrue(spikes.size() > 0, name + ": " + report.at("/agreement"));
            spikes.fields().forEachRemaining(e -> {
                double least = name.startsWith("lif") || name.startsWith("two_lif") ? 1.0 : name.startsWith("braille") ? 0.75
                        : e.getKey().equals("12") ? 0.3 : 0.6;
                SpikeAgreement.assertAtLeast(e.getValue(), least, name + " layer " + e.getKey());
            });
        }
    }

    /**
     * A leaky-integrator readout (NIR's LI after an Affine with a bias, the usual last layer of an
     * snnTorch or Norse network) runs on loihi2 as li neurons streaming their potential, as the
     * reference computes it within the quantization of its fixed-point formats; loihi1, which has
     * neither the program nor graded messages, refuses it and says why.
     */
    @Test
    void aLeakyIntegratorReadoutRunsOnLoihi2(@TempDir Path dir) throws Exception {
        Path file = io.dendra.compiler.frontend.nir.NirFiles.graph()
                .node("input", "Input", "shape", new long[] {2})
                .node("fc", "Affine", "weight", new double[][] {{1, 0.5}, {-0.5, 1}, {0.25, 0.25}}, "bias", new double[] {0.1, 0, -0.2})
                .node("li", "LI", "tau", new double[] {4e-3, 4e-3, 4e-3}, "r", new double[] {1, 1, 1}, "v_leak", new double[] {0, 0, 0})
                .node("output", "Output", "shape", new long[] {3})
                .chain("input", "fc", "li", "output").write(dir.resolve("li.nir"));
        Path input = spikes(dir, 3, 0.3, 2, 40, 2);
        CommandLineRun check = CommandLineRun.of("check", file.toString(), "--target", "loihi2");
        assertEquals(0, check.status(), check.err());
        assertTrue(check.out().contains("target loihi2: every layer maps"), check.out());
        JsonNode report = runOnLoihi2(file, input, dir.resolve("run"));
        assertEquals("li", report.at("/layers/0/program").asText());
        assertTrue(report.at("/agreement/rel_error").asDouble() < 0.01, report.at("/agreement").toString());
        // behind a LIF layer the readout's first input arrives a step late: its bias rides on host bias messages from then on
        Path deeper = io.dendra.compiler.frontend.nir.NirFiles.graph()
                .node("input", "Input", "shape", new long[] {2})
                .node("fc1", "Linear", "weight", new double[][] {{2, 0}, {0, 2}})
                .node("lif", "LIF", "tau", new double[] {2e-3, 2e-3}, "r", new double[] {1, 1}, "v_leak", new double[] {0, 0}, "v_threshold",
                        new double[] {1, 1}, "v_reset", new double[] {0, 0})
                .node("fc", "Affine", "weight", new double[][] {{1, 0.5}, {-0.5, 1}, {0.25, 0.25}}, "bias", new double[] {0.1, 0, -0.2})
                .node("li", "LI", "tau", new double[] {4e-3, 4e-3, 4e-3}, "r", new double[] {1, 1, 1}, "v_leak", new double[] {0, 0, 0})
                .node("output", "Output", "shape", new long[] {3})
                .chain("input", "fc1", "lif", "fc", "li", "output").write(dir.resolve("deeper.nir"));
        JsonNode deeperReport = runOnLoihi2(deeper, input, dir.resolve("deeper"));
        assertTrue(deeperReport.at("/agreement/rel_error").asDouble() < 0.01, deeperReport.at("/agreement").toString());
        assertTrue(deeperReport.at("/counts/host_messages").asLong() > 0, "bias messages");
        CommandLineRun loihi1 = CommandLineRun.of("check", file.toString(), "--target", "loihi1");
        assertEquals(1, loihi1.status());
        assertTrue(loihi1.out().contains("layer li: a non-spiking integrator (NIR LI) needs the li program; target loihi1 runs only lif"),
                loihi1.out());
    }

    /**
     * NIR's Threshold on loihi2: with weights and a bias that binary fractions hold exactly, the
     * chip's in > ⌊θ·2^f⌋ is the model's x > θ, spike for spike (precision and recall 1); loihi1 refuses it.
     */
    @Test
    void aThresholdRunsOnLoihi2SpikeForSpike(@TempDir Path dir) throws Exception {
        Path file = io.dendra.compiler.frontend.nir.NirFiles.graph()
                .node("input", "Input", "shape", new long[] {2})
                .node("fc", "Affine", "weight", new double[][] {{0.5, 0.25}, {1, -0.5}}, "bias", new double[] {0.125, 0})
                .node("th", "Threshold", "threshold", new double[] {0.6, 0.3})
                .node("output", "Output", "shape", new long[] {2})
                .chain("input", "fc", "th", "output").write(dir.resolve("threshold.nir"));
        Path input = spikes(dir, 8, 0.5, 2, 50, 2);
        JsonNode report = runOnLoihi2(file, input, dir.resolve("run"));
        assertEquals("threshold", report.at("/layers/0/program").asText());
        assertEquals(0.0, report.at("/agreement/max_abs_error").asDouble(), report.at("/agreement").toString());
        assertTrue(report.at("/counts/spikes_generated").asLong() > 0, "it spikes");
        SpikeAgreement.assertAtLeast(report.at("/agreement/spikes/th"), 1.0, "th");
        CommandLineRun loihi1 = CommandLineRun.of("check", file.toString(), "--target", "loihi1");
        assertEquals(1, loihi1.status());
        assertTrue(loihi1.out().contains("layer th: a threshold (NIR Threshold) needs the threshold program"), loihi1.out());
    }

    /**
     * NIR's Delay on loihi2 is synaptic delay: the same LIF layer behind a Delay of 3 steps fires
     * exactly 3 steps later than without it (its output row t equals row t − 3 of the plain graph,
     * zero before), and both equal the reference.
     */
    @Test
    void aDelayShiftsASpikeTrainByItsStepsExactly(@TempDir Path dir) throws Exception {
        Path input = spikes(dir, 5, 0.3, 40, 2);
        double[][] outputs = new double[2][];
        for (int delayed = 0; delayed < 2; delayed++) {
            var graph = io.dendra.compiler.frontend.nir.NirFiles.graph()
                    .node("input", "Input", "shape", new long[] {2})
                    .node("fc", "Linear", "weight", new double[][] {{1.5, 0}, {0.75, 0.75}});
            if (delayed == 1) graph.node("late", "Delay", "delay", new double[] {3e-4, 3e-4});
            graph.node("lif", "LIF", "tau", new double[] {1e-4, 1e-4}, "r", new double[] {1, 1}, "v_leak", new double[] {0, 0}, "v_threshold",
                            new double[] {1, 1}, "v_reset", new double[] {0, 0})
                    .node("output", "Output", "shape", new long[] {2});
            Path file = (delayed == 1 ? graph.chain("input", "fc", "late", "lif", "output") : graph.chain("input", "fc", "lif", "output"))
                    .write(dir.resolve("delay" + delayed + ".nir"));
            Path out = dir.resolve("run" + delayed);
            JsonNode report = runOnLoihi2(file, input, out);
            assertEquals(0.0, report.at("/agreement/max_abs_error").asDouble(), "chip equals the reference: " + report.at("/agreement"));
            outputs[delayed] = NpyFile.read(out.resolve("output.npy")).toArray();
        }
        int spikes = 0;
        for (int t = 0; t < 40; t++) {
            for (int k = 0; k < 2; k++) {
                double expected = t < 3 ? 0 : outputs[0][(t - 3) * 2 + k];
                assertEquals(expected, outputs[1][t * 2 + k], "step " + t + " neuron " + k);
                spikes += outputs[1][t * 2 + k] != 0 ? 1 : 0;
            }
        }
        assertTrue(spikes > 0, "the delayed layer spikes");
    }

    /** {@code file} compiled for loihi2 (calibrated on {@code input}) and run on {@code input} with the reference beside it: its report.json. */
    private static JsonNode runOnLoihi2(Path file, Path input, Path out) throws java.io.IOException {
        CommandLineRun run = CommandLineRun.of("run", file.toString(), "--target", "loihi2", "--calibrate", input.toString(), "--input", input.toString(),
                "--compare", file.toString(), "--no-html", "-q", "-o", out.toString());
        assertEquals(0, run.status(), run.err());
        return new ObjectMapper().readTree(out.resolve("report.json").toFile());
    }

    /** Spikes with probability {@code p} (seeded), of {@code shape}, as {@code dir/x.npy}. */
    private static Path spikes(Path dir, int seed, double p, int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        double[] x = new double[n];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) x[i] = random.nextDouble() < p ? 1 : 0;
        Path input = dir.resolve("x.npy");
        NpyFile.write(input, Tensor.of("x", shape, x));
        return input;
    }
}
