package io.dendra.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.ir.programs.lif.Lif;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dendra.compiler.tensor.NpyFile;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.ir.ChipImage;
import io.dendra.ir.DchipFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    static final Path ROOT = CompileCommandTest.ROOT;
    static final String LIF = CompileCommandTest.LIF;
    static final String LIF_SAMPLES = CompileCommandTest.LIF_SAMPLES;

    @TempDir
    static Path shared;
    static Path lifImage;

    @BeforeAll
    static void compileOnce() {
        lifImage = shared.resolve("lif.dchip");
        CommandLineRun run = CommandLineRun.of("compile", LIF, "--target", "loihi1", "-o", lifImage.toString(), "--calibrate", LIF_SAMPLES);
        assertEquals(0, run.status(), run.err());
    }

    @Test
    void runWritesOutputsAndAReportWhoseEnergyAddsUp(@TempDir Path out) throws Exception {
        CommandLineRun run = CommandLineRun.of("run", lifImage.toString(), "--input", LIF_SAMPLES, "-o", out.toString(), "--compare", LIF, "-q");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("sparse versus dense"), run.out());
        Tensor output = NpyFile.read(out.resolve("output.npy"));
        assertArrayEquals(new int[] {4, 200, 10}, output.shape());
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals("loihi1", report.get("target").asText());
        assertEquals(4, report.get("samples").asInt());
        double sum = 0;
        for (JsonNode part : report.at("/energy/breakdown_pJ")) sum += part.asDouble();
        assertEquals(report.at("/energy/total_pJ").asDouble(), sum, 1e-6 * sum);
        assertEquals(0, report.at("/counts/synops_graded").asLong(), "loihi1 has binary spikes only");
        // On loihi1 energy is the Loihi table times the counts: 23.6 pJ per synaptic op, 81 / 52 pJ per update.
        assertEquals(report.at("/counts/synops_binary").asLong() * 23.6, report.at("/energy/breakdown_pJ/synaptic").asDouble(), 1e-6);
        assertEquals(report.at("/counts/neuron_updates_active").asLong() * 81.0 + report.at("/counts/neuron_updates_inactive").asLong() * 52.0,
                report.at("/energy/breakdown_pJ/neuron").asDouble(), 1e-6);
        assertEquals(report.at("/counts/hops_ew").asLong() * 3.0 + report.at("/counts/hops_ns").asLong() * 4.0,
                report.at("/energy/breakdown_pJ/hops").asDouble(), 1e-6);
        SpikeAgreement.assertAtLeast(report.at("/agreement/spikes/hidden"), 0.98, "hidden");
        assertEquals(2, report.get("layers").size());
        assertTrue(Files.readString(out.resolve("report.txt")).startsWith("ran lif_chain on loihi1"));
    }

    @Test
    void resultsAreTheSameForAnyNumberOfThreads(@TempDir Path out) throws Exception {
        Path one = out.resolve("one");
        Path two = out.resolve("two");
        assertEquals(0, CommandLineRun.of("run", lifImage.toString(), "--input", LIF_SAMPLES, "-o", one.toString(), "--threads", "1").status());
        assertEquals(0, CommandLineRun.of("run", lifImage.toString(), "--input", LIF_SAMPLES, "-o", two.toString(), "--threads", "3").status());
        assertArrayEquals(Files.readAllBytes(one.resolve("output.npy")), Files.readAllBytes(two.resolve("output.npy")));
        assertEquals(Files.readString(one.resolve("report.json")), Files.readString(two.resolve("report.json")));
    }

    /** --profile counts the same work as the report: the lif kernel's updates are the report's neuron updates, fan-out and host ops its synaptic ops. */
    @Test
    void theProfileCountsWhatTheReportCounts(@TempDir Path out) throws Exception {
        CommandLineRun run = CommandLineRun.of("run", lifImage.toString(), "--input", LIF_SAMPLES, "-o", out.toString(), "--profile", "--no-html");
        assertEquals(0, run.status(), run.err());
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        long updates = report.at("/counts/neuron_updates_active").asLong() + report.at("/counts/neuron_updates_inactive").asLong();
        String text = run.out();
        assertTrue(text.contains("engine profile"), text);
        java.util.regex.Matcher lif = java.util.regex.Pattern.compile("lif kernel +[0-9.]+ s +([0-9,]+) updates: [0-9.]+ ns per neuron").matcher(text);
        assertTrue(lif.find(), text);
        assertEquals(updates, Long.parseLong(lif.group(1).replace(",", "")));
        java.util.regex.Matcher host = java.util.regex.Pattern.compile("host input +[0-9.]+ s +([0-9,]+) messages").matcher(text);
        assertTrue(host.find(), text);
        assertEquals(report.at("/counts/host_messages").asLong(), Long.parseLong(host.group(1).replace(",", "")));
        java.util.regex.Matcher routed = java.util.regex.Pattern.compile("routing +[0-9.]+ s +([0-9,]+) messages").matcher(text);
        assertTrue(routed.find(), text);
        assertEquals(report.at("/counts/messages").asLong(), Long.parseLong(routed.group(1).replace(",", "")));
    }

    @Test
    void spikingSsmOnTheChipPicksTheReferencesClassOnEverySample(@TempDir Path out) throws Exception {
        String model = ROOT.resolve("examples/fmnist-ssm/model.dnd").toString();
        String samples = ROOT.resolve("examples/fmnist-ssm/samples.npy").toString();
        String labels = ROOT.resolve("examples/fmnist-ssm/labels.npy").toString();
        CommandLineRun run = CommandLineRun.of("run", model, "--input", samples, "--samples", "10:26", "--labels", labels, "-o", out.toString(),
                "--compare", model, "--calibrate", ROOT.resolve("examples/fmnist-ssm/calibration.npy").toString(), "-q");
        assertEquals(0, run.status(), run.err());
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals(16, report.get("samples").asInt());
        assertEquals(1.0, report.at("/agreement/argmax_agreement").asDouble());
        // accuracy: the argmax of each row of output.npy against labels 10..25, counted here
        Tensor output = NpyFile.read(out.resolve("output.npy"));
        double[] y = NpyFile.read(Path.of(labels)).toArray();
        int correct = 0;
        for (int b = 0; b < 16; b++) {
            int best = 0;
            for (int k = 1; k < 10; k++) if (output.get(b, k) > output.get(b, best)) best = k;
            if (best == y[10 + b]) correct++;
        }
        assertEquals(16, report.at("/accuracy/samples").asInt());
        assertEquals(correct, report.at("/accuracy/chip_correct").asInt());
        assertEquals(correct / 16.0, report.at("/accuracy/chip").asDouble());
        assertEquals(correct, report.at("/accuracy/reference_correct").asInt(), "argmax agreement is 100%, so the reference is as right");
        assertEquals(0, report.at("/accuracy/disagreements").asInt());
        assertTrue(run.out().contains(String.format("accuracy on 16 labelled sample(s): chip %.2f%%, float reference %.2f%%; the two disagree on 0"
                + " sample(s)", 100.0 * correct / 16, 100.0 * correct / 16)), run.out());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains(String.format("accuracy on 16 labelled sample(s)</th><td>chip %.2f%%, float reference %.2f%%; they disagree on 0"
                + " sample(s)", 100.0 * correct / 16, 100.0 * correct / 16)), "the HTML summary shows the accuracy");
        SpikeAgreement.assertAtLeast(report.at("/agreement/spikes/s4_layers.0.s4d"), 0.98, "s4_layers.0.s4d");
        assertTrue(report.at("/layers/0/event_ops").asLong() > 0 && report.at("/layers/1/dense_ops").asLong() > report.at("/layers/1/event_ops").asLong(),
                "the GLU fed by sparse spikes executes fewer ops than dense");
        assertArrayEquals(new int[] {16, 10}, NpyFile.read(out.resolve("output.npy")).shape());
    }

    /** A run that fails after it started writing leaves nothing: not the previous run's reports, no marker, no partial file. */
    @Test
    void aFailedRunLeavesNoStaleReport(@TempDir Path out) throws Exception {
        assertEquals(0, CommandLineRun.of("run", lifImage.toString(), "--input", LIF_SAMPLES, "-o", out.toString(), "-q", "--no-html").status());
        assertTrue(Files.exists(out.resolve("report.json")));
        Path other = out.resolve("other.dnd");
        Files.writeString(other, "model o {\n  input x: real[3];\n  y = lif(x, tau=0.5, threshold=1);\n  output y;\n}\n");
        CommandLineRun failed = CommandLineRun.of("run", lifImage.toString(), "--input", LIF_SAMPLES, "-o", out.toString(), "--compare", other.toString(), "-q");
        assertEquals(1, failed.status());
        assertTrue(failed.errorLine().contains("error[E0706]"), failed.err());
        try (var files = Files.list(out)) {
            assertEquals(java.util.List.of("other.dnd"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        Path fresh = out.resolve("fresh/run");
        assertEquals(1, CommandLineRun.of("run", lifImage.toString(), "--input", LIF_SAMPLES, "-o", fresh.toString(), "--compare", other.toString(), "-q")
                .status());
        assertFalse(Files.exists(out.resolve("fresh")), "the folders a failed run made are gone again");
        assertEquals("--output: error[E0001]: --output is empty; hint: give a file or folder name",
                CommandLineRun.of("run", lifImage.toString(), "--input", LIF_SAMPLES, "-o", "", "-q").errorLine());
    }

    /** A run killed before it finished leaves the INCOMPLETE marker and no report.json that parses as complete. */
    @Test
    void aKilledRunLeavesAMarkerAndNoReport(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("report.json"), "{\"a previous run\": true}\n");
        // one silent sequence of a million steps: seconds of simulation
        Path longInput = longSequence(dir.resolve("long.npy"), 1_000_000, 0);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                "io.dendra.cli.Dendra", "run", lifImage.toString(), "--input", longInput.toString(), "-o", out.toString(), "-q")
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(out.resolve(OutputFiles.INCOMPLETE_MARKER)) && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(p.isAlive(), "the run is still simulating: " + Files.readString(dir.resolve("log.txt")));
        p.destroyForcibly().waitFor();
        assertTrue(Files.exists(out.resolve(OutputFiles.INCOMPLETE_MARKER)), "the folder says it is incomplete");
        assertFalse(Files.exists(out.resolve("report.json")), "the previous run's report is gone");
        assertFalse(Files.exists(out.resolve("output.npy")));
    }

    /** Inputs beyond the calibration range are counted and warned about; beyond what the input payload carries, refused or clipped. */
    @Test
    void inputsAreCheckedAgainstTheCalibrationRange(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("tiny.dnd");
        Files.writeString(model, "model tiny {\n  input x: real[2];\n  h = linear(x, weight=[[1, 0.5], [0, 2]], bias=[0, 0.1]);\n"
                + "  s = lif(h, tau=0.5, threshold=1);\n  y = linear(mean_time(s), weight=[[1, 0], [0, 1]]);\n  output y;\n}\n");
        Path calibration = dir.resolve("calibration.npy");
        double[] values = new double[2 * 16];
        for (int i = 0; i < values.length; i++) values[i] = (i % 5) / 4.0;    // [0, 1]
        NpyFile.write(calibration, Tensor.of("x", new int[] {16, 2}, values));
        Path image = dir.resolve("tiny.dchip");
        assertEquals(0, CommandLineRun.of("compile", model.toString(), "--target", "loihi2", "-o", image.toString(), "--calibrate", calibration.toString())
                .status());
        JsonNode params = new ObjectMapper().readTree(CommandLineRun.of("inspect", image.toString(), "--params").out());
        assertEquals("[[0.0,1.0],[0.0,1.0]]", params.at("/input/calibrated_range").toString());

        Path doubled = dir.resolve("doubled.npy");
        double[] twice = values.clone();
        for (int i = 0; i < twice.length; i++) twice[i] *= 2;                  // up to 2: outside [0, 1] by more than a tenth
        NpyFile.write(doubled, Tensor.of("x", new int[] {16, 2}, twice));
        CommandLineRun run = CommandLineRun.of("run", image.toString(), "--input", doubled.toString(), "-o", dir.resolve("o1").toString(), "-q", "--no-html");
        assertEquals(0, run.status(), run.err());
        assertEquals("warning: 1 of 1 sample(s) leave the input range the image was calibrated on (channel 0 calibrated on [0, 1], seen 1.5 to 2;"
                + " channel 1 calibrated on [0, 1], seen 1.5 to 2); its fixed-point scales may not fit them: compile with --calibrate on inputs like"
                + " these", run.err().strip());
        JsonNode report = new ObjectMapper().readTree(dir.resolve("o1/report.json").toFile());
        assertEquals(1, report.at("/inputs/samples_outside_calibration").asInt());

        Path huge = dir.resolve("huge.npy");
        double[] big = values.clone();
        big[7] = 1e9;                                                           // step 3, channel 1
        NpyFile.write(huge, Tensor.of("x", new int[] {16, 2}, big));
        String line = CommandLineRun.of("run", image.toString(), "--input", huge.toString(), "-o", dir.resolve("o2").toString(), "-q").errorLine();
        assertTrue(line.startsWith(huge + ": error[E0709]: sample 0, step 3, channel 1 holds 1e+09, but the chip's input carries at most"), line);
        assertFalse(Files.exists(dir.resolve("o2")), "nothing written");
        run = CommandLineRun.of("run", image.toString(), "--input", huge.toString(), "-o", dir.resolve("o3").toString(), "-q", "--no-html", "--clip-input");
        assertEquals(0, run.status(), run.err());
        assertEquals(1, new ObjectMapper().readTree(dir.resolve("o3/report.json").toFile()).at("/inputs/clipped_values").asInt());
    }

    /** One sequence of {@code steps} × 16 uint8 spikes (every {@code period}-th value 1; 0: silent), written without building it in memory. */
    static Path longSequence(Path file, int steps, int period) throws java.io.IOException {
        String header = "{'descr': '|u1', 'fortran_order': False, 'shape': (1, " + steps + ", 16), }";
        header = header + " ".repeat(127 - 10 - header.length()) + "\n";
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(10 + header.length()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            head.put((byte) 0x93).put("NUMPY".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
            head.putShort((short) header.length()).put(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).flip();
            channel.write(head);
            java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(steps * 16);
            if (period > 0) for (int i = 0; i < steps * 16; i += period) data.put(i, (byte) 1);
            channel.write(data);
        }
        return file;
    }

    /** Running out of memory is one line too: a reference run given a small heap and an input too large for it. */
    @Test
    void outOfMemoryIsOneLine(@TempDir Path dir) throws Exception {
        Path input = longSequence(dir.resolve("big.npy"), 1_000_000, 0);   // 16 M values: 128 MB as float64
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m", "-cp",
                System.getProperty("java.class.path"), "io.dendra.cli.Dendra", "reference", LIF, "--input", input.toString(), "-o",
                dir.resolve("y.npy").toString()).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertEquals(1, p.waitFor());
        assertTrue(printed.matches("error\\[E0005\\]: the Java heap of \\d+ MiB ran out; hint: give Java more memory \\(DENDRA_JAVA_OPTS=-Xmx16g"
                + " \\./dendra \\.\\.\\.\\) or run fewer samples at once \\(--samples A:B\\)"), printed);
        assertFalse(Files.exists(dir.resolve("y.npy")));
    }

    /** A 100,000-step sequence: report.json and report.html stay under 1 MB, the series averaged, the raster at most the first 2,000 steps. */
    @Test
    void aLongSequenceKeepsTheReportsSmall(@TempDir Path dir) throws Exception {
        Path input = longSequence(dir.resolve("long.npy"), 100_000, 7);
        Path out = dir.resolve("out");
        CommandLineRun run = CommandLineRun.of("run", lifImage.toString(), "--input", input.toString(), "-o", out.toString(), "-q");
        assertEquals(0, run.status(), run.err());
        assertTrue(Files.size(out.resolve("report.json")) < 1_000_000, "report.json: " + Files.size(out.resolve("report.json")) + " bytes");
        assertTrue(Files.size(out.resolve("report.html")) < 1_000_000, "report.html: " + Files.size(out.resolve("report.html")) + " bytes");
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        int stride = report.at("/timeline/steps_per_point").asInt();
        assertEquals(51, stride, "100,001 simulated steps in buckets of 51: 1,961 points");
        assertEquals((100_001 + stride - 1) / stride, report.at("/timeline/cycles_per_step").size());
        assertEquals(2000, report.at("/raster/steps_shown").asInt());
        int shown = report.at("/raster/layers/0/steps_shown").asInt();
        assertTrue(shown <= 2000 && report.at("/raster/layers/0/spikes").size() <= 10_000, "capped raster");
        for (JsonNode spike : report.at("/raster/layers/0/spikes")) assertTrue(spike.get(0).asInt() < shown);
        // the averaged series keep the run's totals: sends per step times steps per point add up to the layer's sends
        double sends = 0;
        for (JsonNode v : report.at("/timeline/sends_per_step/hidden")) sends += v.asDouble();
        assertTrue(sends > 0);
    }

    @Test
    void badInputsAreOneLineEach(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Path wide = dir.resolve("wide.npy");
        NpyFile.write(wide, Tensor.of("x", new int[] {5, 3}, new double[15]));
        Path nan = dir.resolve("nan.npy");
        double[] values = new double[16 * 5];
        values[7] = Double.NaN;
        NpyFile.write(nan, Tensor.of("x", new int[] {5, 16}, values));
        Path graded = dir.resolve("graded.npy");
        double[] half = new double[16 * 5];
        half[3] = 0.5;
        NpyFile.write(graded, Tensor.of("x", new int[] {5, 16}, half));
        assertCode("E0701", "run", lifImage.toString(), "--input", wide.toString(), "-o", out.toString());
        assertCode("E0702", "run", lifImage.toString(), "--input", nan.toString(), "-o", out.toString());
        assertCode("E0705", "run", lifImage.toString(), "--input", graded.toString(), "-o", out.toString());
        assertCode("E0706", "run", lifImage.toString(), "--input", LIF_SAMPLES, "-o", out.toString(), "--compare",
                ROOT.resolve("examples/fmnist-ssm/model.dnd").toString());
        byte[] bytes = Files.readAllBytes(lifImage);
        bytes[bytes.length - 9] ^= 4;
        Path damaged = dir.resolve("damaged.dchip");
        Files.write(damaged, bytes);
        assertCode("E0604", "run", damaged.toString(), "--input", LIF_SAMPLES, "-o", out.toString());
        ChipImage image = DchipFormat.read(lifImage);
        ChipImage badTarget = new ChipImage(image.modelName(), image.targetName(), "target loihi1 { clock = 1 ns; }", image.stateBits(),
                image.payloadBits(), image.accumulation(), image.chips(), image.cores(), image.input(), image.output(), image.layers(), image.pipelineDepth());
        Path bad = dir.resolve("bad-target.dchip");
        DchipFormat.write(bad, badTarget);
        assertCode("E0605", "run", bad.toString(), "--input", LIF_SAMPLES, "-o", out.toString());
        assertCode("E0001", "run", lifImage.toString(), "--input", LIF_SAMPLES, "-o", out.toString(), "--threads", "0");
        assertTrue(!Files.exists(out.resolve("report.json")), "no partial report");
        // options that shape a compile do not apply to an image: refused, not ignored
        assertEquals("--target: error[E0001]: --target does not apply to a chip image: " + lifImage + " was compiled already, with its target"
                + " inside it; hint: compile the model again with --target, or run the model file with --target to compile it in memory",
                CommandLineRun.of("run", lifImage.toString(), "--input", LIF_SAMPLES, "-o", out.toString(), "--target", "nosuch").errorLine());
        assertCode("E0001", "run", lifImage.toString(), "--input", LIF_SAMPLES, "-o", out.toString(), "--calibrate", LIF_SAMPLES);
        assertCode("E0001", "run", lifImage.toString(), "--input", LIF_SAMPLES, "-o", out.toString(), "--dt", "0.001");
    }

    /** Crafted images with a valid checksum but fields their own target cannot hold are refused when read, naming the field. */
    @Test
    void anImageThatDoesNotFitItsTargetIsRefusedBeforeRunning(@TempDir Path dir) throws Exception {
        ChipImage image = DchipFormat.read(lifImage);
        io.dendra.ir.CoreImage core = image.cores().get(0);
        java.util.function.Function<io.dendra.ir.CoreImage, ChipImage> with = replacement -> {
            java.util.List<io.dendra.ir.CoreImage> cores = new java.util.ArrayList<>(image.cores());
            cores.set(0, replacement);
            return new ChipImage(image.modelName(), image.targetName(), image.targetText(), image.stateBits(), image.payloadBits(), image.accumulation(), image.chips(),
                    cores, image.input(), image.output(), image.layers(), image.pipelineDepth());
        };
        int[][] synapses = core.synapses().arrays();      // start, exponent, target, weight, delay
        int[] weight = synapses[3].clone();
        weight[0] = Integer.MAX_VALUE;
        int[] delay = synapses[4].clone();
        delay[0] = 1_000_000;
        io.dendra.ir.CoreImage other = image.cores().get(1);
        String[][] cases = {
            {"far", "core 0 sits on tile (1000, " + core.tileY() + ") slot " + core.slot() + ", outside the 8 x 4 mesh of 4 cores per tile"},
            {"weight", "core 0 synapse 0 has weight 2147483647, beyond the 8-bit weights of loihi1"},
            {"delay", "core 0 synapse 0 has delay 1000000, outside 0 .. 62"},
            {"program", "core 0 runs the ssm program, which loihi1 does not run"},
            {"bias", "core 0 neuron 0 has bias " + core.neurons().param(Lif.BIAS_MANT)
                    + " << 9, beyond the 13-bit mantissa and exponents 0 .. 7 of loihi1"},
            {"twice", "core 1 takes chip " + other.chip() + " tile (" + other.tileX() + ", " + other.tileY() + ") slot " + other.slot()
                    + ", which core 0 holds"},
        };
        java.util.Map<String, ChipImage> crafted = java.util.Map.of(
                "far", with.apply(new io.dendra.ir.CoreImage(0, core.chip(), 1000, core.tileY(), core.slot(), core.neurons(), core.synapses(), core.routes())),
                "weight", with.apply(new io.dendra.ir.CoreImage(0, core.chip(), core.tileX(), core.tileY(), core.slot(), core.neurons(),
                        new io.dendra.ir.SynapseTable(synapses[0], synapses[1], synapses[2], weight, synapses[4]), core.routes())),
                "delay", with.apply(new io.dendra.ir.CoreImage(0, core.chip(), core.tileX(), core.tileY(), core.slot(), core.neurons(),
                        new io.dendra.ir.SynapseTable(synapses[0], synapses[1], synapses[2], synapses[3], delay), core.routes())),
                "twice", with.apply(new io.dendra.ir.CoreImage(0, other.chip(), other.tileX(), other.tileY(), other.slot(), core.neurons(),
                        core.synapses(), core.routes())),
                "bias", with.apply(new io.dendra.ir.CoreImage(0, core.chip(), core.tileX(), core.tileY(), core.slot(), biasExponent(core.neurons(), 9),
                        core.synapses(), core.routes())),
                "program", with.apply(new io.dendra.ir.CoreImage(0, core.chip(), core.tileX(), core.tileY(), core.slot(),
                        new io.dendra.ir.NeuronBlock(io.dendra.ir.NeuronProgram.SSM, core.neurons().layer(), core.neurons().firstNeuron(), core.neurons().count(), 1,
                                core.neurons().startStep(), new int[core.neurons().count() * io.dendra.ir.NeuronProgram.SSM.paramsPerNeuron(1)]),
                        core.synapses(), core.routes())));
        for (String[] c : cases) {
            Path file = dir.resolve(c[0] + ".dchip");
            DchipFormat.write(file, crafted.get(c[0]));
            assertEquals(file + ": error[E0604]: the image does not fit its own target: " + c[1] + "; hint: its checksum or contents do not match;"
                    + " recompile the model", CommandLineRun.of("run", file.toString(), "--input", LIF_SAMPLES, "-o", dir.resolve("out").toString())
                    .errorLine());
        }
        ChipImage rounding = new ChipImage(image.modelName(), image.targetName(), image.targetText(), image.stateBits(), image.payloadBits(),
                io.dendra.ir.Accumulation.ROUND_HALF_UP, image.chips(), image.cores(), image.input(), image.output(), image.layers(), image.pipelineDepth());
        Path roundingFile = dir.resolve("rounding.dchip");
        DchipFormat.write(roundingFile, rounding);
        assertTrue(CommandLineRun.of("run", roundingFile.toString(), "--input", LIF_SAMPLES, "-o", dir.resolve("out").toString()).errorLine()
                .contains("error[E0604]: the image does not fit its own target: it accumulates synaptic input as round_half_up; its target loihi1 as"
                        + " floor_per_group"));
        ChipImage deep = new ChipImage(image.modelName(), image.targetName(), image.targetText(), image.stateBits(), image.payloadBits(), image.accumulation(), image.chips(),
                image.cores(), image.input(), image.output(), image.layers(), Integer.MAX_VALUE);
        Path file = dir.resolve("deep.dchip");
        DchipFormat.write(file, deep);
        assertTrue(CommandLineRun.of("run", file.toString(), "--input", LIF_SAMPLES, "-o", dir.resolve("out").toString()).errorLine()
                .contains("error[E0604]: the image does not fit its own target: its pipeline depth 2147483647 is more than"));
        assertFalse(Files.exists(dir.resolve("out")));
    }

    private static io.dendra.ir.NeuronBlock biasExponent(io.dendra.ir.NeuronBlock b, int exponent) {
        int[] params = b.params();
        params[Lif.BIAS_EXP] = exponent;
        return new io.dendra.ir.NeuronBlock(b.program(), b.layer(), b.firstNeuron(), b.count(), b.states(), b.startStep(), params, b.initialState());
    }

    @Test
    void anImageCalibratedOnSpikesTakesSpikesEvenOnLoihi2(@TempDir Path dir) throws Exception {
        double[] spikes = new double[16 * 5];
        for (int i = 0; i < spikes.length; i += 3) spikes[i] = 1;
        Path spikeInput = dir.resolve("spikes.npy");
        NpyFile.write(spikeInput, Tensor.of("x", new int[] {5, 16}, spikes));
        Path image = dir.resolve("lif2.dchip");
        assertEquals(0, CommandLineRun.of("compile", LIF, "--target", "loihi2", "-o", image.toString(), "--calibrate", spikeInput.toString()).status());
        assertEquals(0, CommandLineRun.of("run", image.toString(), "--input", spikeInput.toString(), "-o", dir.resolve("ok").toString(), "-q", "--no-html")
                .status());
        double[] half = spikes.clone();
        half[4] = 0.5;
        Path graded = dir.resolve("graded.npy");
        NpyFile.write(graded, Tensor.of("x", new int[] {5, 16}, half));
        CommandLineRun run = CommandLineRun.of("run", image.toString(), "--input", graded.toString(), "-o", dir.resolve("out").toString());
        assertEquals(1, run.status());
        assertTrue(run.errorLine().contains("error[E0705]: input holds 0.5") && run.errorLine().contains("calibrated on spikes")
                && run.errorLine().contains("hint: recompile with a real-valued --calibrate"), run.errorLine());
    }

    private static void assertCode(String code, String... args) {
        CommandLineRun run = CommandLineRun.of(args);
        assertEquals(code.equals("E0001") ? 2 : 1, run.status(), String.join(" ", args));
        assertTrue(run.errorLine().contains("error[" + code + "]"), run.errorLine());
    }
}
