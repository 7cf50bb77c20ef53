package io.dendra.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dendra.ir.ImageParams;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileCommandTest {
    static final Path ROOT = Path.of(System.getProperty("dendra.root", "..")).toAbsolutePath().normalize();
    static final String LIF = ROOT.resolve("examples/lif-chain/model.dnd").toString();
    static final String LIF_SAMPLES = ROOT.resolve("examples/lif-chain/samples.npy").toString();

    @Test
    void compileWritesAnImageThatInspectDescribes(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("lif.dchip");
        Path report = dir.resolve("resources.json");
        CommandLineRun run = CommandLineRun.of("compile", LIF, "--target", "loihi1", "-o", image.toString(), "--calibrate", LIF_SAMPLES,
                "--report", report.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("compiled lif_chain for loihi1"), run.out());
        assertTrue(run.out().contains("% agree, "), run.out());
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        assertEquals(2, json.get("cores").asInt());
        assertEquals("hidden", json.at("/layers/0/name").asText());
        assertEquals("spikes", json.at("/layers/0/output/measure").asText());
        for (String field : new String[] {"agreement", "precision", "recall", "f1", "countRatio", "firstDivergentStep", "decisions"}) {
            assertTrue(json.at("/layers/0/output").has(field), field + " in " + json.at("/layers/0/output"));
        }

        CommandLineRun inspect = CommandLineRun.of("inspect", image.toString());
        assertEquals(0, inspect.status(), inspect.err());
        assertTrue(inspect.out().contains("target loihi1") && inspect.out().contains("pipeline depth 2 steps"), inspect.out());
        JsonNode inspected = new ObjectMapper().readTree(CommandLineRun.of("inspect", image.toString(), "--json").out());
        assertEquals(2, inspected.get("pipeline_depth").asInt());
        assertEquals("lif", inspected.at("/cores/0/program").asText());
    }

    /** A report that cannot be written leaves no image either: the outputs of a compile appear together or not at all. */
    @Test
    void aFailedReportLeavesNoImage(@TempDir Path dir) {
        Path image = dir.resolve("lif.dchip");
        CommandLineRun run = CommandLineRun.of("compile", LIF, "--target", "loihi1", "-o", image.toString(), "--calibrate", LIF_SAMPLES,
                "--report", "/dev/full");
        assertEquals(1, run.status());
        assertTrue(run.errorLine().startsWith("/dev/full: error[E0002]: cannot write /dev/full"), run.err());
        assertFalse(Files.exists(image));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no partial file either");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Every integer of an image, printed by inspect --params, rebuilds the same image: it runs identically. */
    @Test
    void paramsJsonRebuildsTheImage(@TempDir Path dir) throws Exception {
        String fmnist = ROOT.resolve("examples/fmnist-ssm/model.dnd").toString();
        String calibration = ROOT.resolve("examples/fmnist-ssm/calibration.npy").toString();
        // the last: sigma-delta messages with cumulative error (delta thresholds and integrating axons in the JSON)
        for (String[] example : new String[][] {{LIF, LIF_SAMPLES, "loihi1"}, {fmnist, calibration, "loihi2"},
                {fmnist, calibration, "loihi2", "--sigma-delta", "0.3", "--sigma-delta-cumulative"}}) {
            Path image = dir.resolve(example[2] + example.length + ".dchip");
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("compile", example[0], "--target", example[2], "-o", image.toString(),
                    "--calibrate", example[1]));
            args.addAll(java.util.Arrays.asList(example).subList(3, example.length));
            assertEquals(0, CommandLineRun.of(args.toArray(new String[0])).status());
            CommandLineRun params = CommandLineRun.of("inspect", image.toString(), "--params");
            assertEquals(0, params.status(), params.err());
            JsonNode json = new ObjectMapper().readTree(params.out());
            assertEquals("dendra-image-params/2", json.get("schema").asText());
            io.dendra.ir.ChipImage original = io.dendra.ir.DchipFormat.read(image);
            io.dendra.ir.ChipImage rebuilt = ImageParams.read(json);
            assertEquals(original, rebuilt);
            double[] sample = new double[original.input().channels() * 20];
            for (int i = 0; i < sample.length; i++) sample[i] = (i * 7 % 5) / 4.0 > 0.5 ? 1 : 0;
            assertArrayEquals(new io.dendra.ir.ImageExecutor(original).run(sample, 20, null), new io.dendra.ir.ImageExecutor(rebuilt).run(sample, 20, null));
        }
        // named parameter words: a lif core's du, dv, bias, vth per neuron; synapse groups with their exponent
        JsonNode lif = new ObjectMapper().readTree(CommandLineRun.of("inspect", dir.resolve("loihi13.dchip").toString(), "--params").out());
        JsonNode delta = new ObjectMapper().readTree(CommandLineRun.of("inspect", dir.resolve("loihi26.dchip").toString(), "--params").out());
        assertTrue(delta.toString().contains("\"delta_threshold\"") && delta.toString().contains("\"delta_cumulative\":true")
                && delta.toString().contains("\"integrates\":true"), "sigma-delta fields in the params JSON");
        assertTrue(lif.at("/cores/0/parameters").has("du") && lif.at("/cores/0/parameters").has("bias_exp") && lif.at("/cores/0/parameters").has("vth"));
        assertEquals(lif.at("/cores/0/neurons").asInt(), lif.at("/cores/0/parameters/vth").size());
        assertTrue(lif.at("/cores/0/axons/0").has("exponent"));
        assertEquals(3, lif.at("/cores/0/axons/0/synapses/0").size(), "target, weight, delay");
    }

    @Test
    void aTargetFileWorksWhereABuiltInDoes(@TempDir Path dir) throws Exception {
        Path mine = dir.resolve("my.target");
        Files.writeString(mine, CommandLineRun.of("targets", "loihi1").out().replace("neurons = 1024", "neurons = 16"));
        CommandLineRun run = CommandLineRun.of("compile", LIF, "--target", mine.toString(), "-o", dir.resolve("x.dchip").toString(), "--calibrate", LIF_SAMPLES);
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("3 core(s)"), run.out()); // 32 hidden neurons on two cores of 16, 10 outputs on one
    }

    @Test
    void refusalsAndBadImagesAreOneLine(@TempDir Path dir) throws Exception {
        CommandLineRun refused = CommandLineRun.of("compile", ROOT.resolve("examples/fmnist-ssm/model.dnd").toString(), "--target", "loihi1", "-o",
                dir.resolve("x.dchip").toString());
        assertEquals(1, refused.status());
        assertTrue(refused.errorLine().contains("error[E0412]: layer s4_layers.0.s4d: ssm neurons need graded spikes; target loihi1 has none"),
                refused.errorLine());
        assertTrue(!Files.exists(dir.resolve("x.dchip")));

        Path good = dir.resolve("good.dchip");
        assertEquals(0, CommandLineRun.of("compile", LIF, "-o", good.toString(), "--calibrate", LIF_SAMPLES).status());
        byte[] bytes = Files.readAllBytes(good);
        bytes[bytes.length / 2] ^= 1;
        Path damaged = dir.resolve("damaged.dchip");
        Files.write(damaged, bytes);
        assertTrue(CommandLineRun.of("inspect", damaged.toString()).errorLine().contains("error[E0604]"));
        Path cut = dir.resolve("cut.dchip");
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(good), 100));
        assertTrue(CommandLineRun.of("inspect", cut.toString()).errorLine().contains("error[E0603]"));
        assertTrue(CommandLineRun.of("inspect", LIF).errorLine().contains("error[E0601]"));
        assertTrue(CommandLineRun.of("compile", LIF, "--target", "loihi7", "-o", dir.resolve("y.dchip").toString()).errorLine().contains("error[E0508]"));
    }

    /** {@code check --target} lists every layer the chip cannot run, one line each, and exits 1; a chip that runs them all says so. */
    @Test
    void checkWithATargetListsEveryLayerThatCannotMap() {
        String model = ROOT.resolve("examples/fmnist-ssm/model.dnd").toString();
        CommandLineRun loihi1 = CommandLineRun.of("check", model, "--target", "loihi1");
        assertEquals(1, loihi1.status(), loihi1.err());
        assertTrue(loihi1.out().contains("target loihi1: 7 layer(s) cannot map"), loihi1.out());
        for (String layer : new String[] {"s4_layers.0.s4d", "s4_layers.0.glu", "h.0", "s4_layers.1.s4d", "s4_layers.1.glu", "h.1", "decoder"}) {
            assertTrue(loihi1.out().contains("error[E0412]: layer " + layer + ":"), layer + " in " + loihi1.out());
        }
        assertTrue(loihi1.errorLine().contains("error[E0412]: 7 layer(s) of fmnist_ssm cannot map to loihi1 (listed above)"), loihi1.err());
        CommandLineRun loihi2 = CommandLineRun.of("check", model, "--target", "loihi2");
        assertEquals(0, loihi2.status(), loihi2.err());
        assertTrue(loihi2.out().contains("target loihi2: every layer maps"), loihi2.out());
    }
}
