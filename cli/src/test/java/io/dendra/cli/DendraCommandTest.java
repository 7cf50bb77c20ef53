package io.dendra.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.compiler.tensor.NpyFile;
import io.dendra.compiler.tensor.SafetensorsWriter;
import io.dendra.compiler.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DendraCommandTest {
    @TempDir
    Path dir;
    Path model;

    @BeforeEach
    void tinyModel() throws Exception {
        model = dir.resolve("tiny.dnd");
        Files.writeString(model, """
                // two inputs, a linear layer, LIF neurons, mean over time, a decoder
                model tiny {
                  input x: real[2];
                  h = linear(x, weight=[[1, 0.5], [0, 2]], bias=[0, 0.1]);
                  s = lif(h, tau=0.5, threshold=1);
                  p = mean_time(s);
                  y = linear(p, weight=[[1, 0], [0, 1], [1, 1]]);
                  output y;
                }
                """);
    }

    @Test
    void versionAndHelp() {
        CommandLineRun version = CommandLineRun.of("--version");
        assertEquals(0, version.status());
        assertTrue(version.out().startsWith("dendra "), version.out());
        CommandLineRun help = CommandLineRun.of("--help");
        assertEquals(0, help.status());
        for (String command : List.of("check", "reference", "import-spikingssm")) assertTrue(help.out().contains(command), help.out());
    }

    @Test
    void checkPrintsLayersShapesAndParameters() {
        CommandLineRun run = CommandLineRun.of("check", model.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("model tiny"), run.out());
        assertTrue(run.out().matches("(?s).*\\bs\\s+lif\\s+\\[T, 2\\].*"), run.out());
        assertTrue(run.out().contains("parameters: 12"), run.out()); // 4 + 2 + 6
    }

    @Test
    void referenceWritesLogitsComputedByHand() {
        // Step 0: x = (1, 0) -> h = (1, 0.1): v = (1, 0.1), neuron 0 spikes.
        // Step 1: x = (0.5, 0.2) -> h = (0.6, 0.5): v = (0.6, 0.55), no spike.
        // Step 2: x = (1, 1) -> h = (1.5, 2.1): v = (1.8, 2.375), both spike.
        // Step 3: x = (0, 0) -> h = (0, 0.1): v = (0, 0.1). Rates (2/4, 1/4); y = (0.5, 0.25, 0.75).
        Path input = dir.resolve("x.npy");
        NpyFile.write(input, Tensor.of("x", new int[] {4, 2}, 1, 0, 0.5, 0.2, 1, 1, 0, 0));
        Path output = dir.resolve("out/y.npy");
        CommandLineRun run = CommandLineRun.of("reference", model.toString(), "--input", input.toString(), "-o", output.toString());
        assertEquals(0, run.status(), run.err());
        Tensor y = NpyFile.read(output);
        assertArrayEquals(new int[] {3}, y.shape());
        assertArrayEquals(new double[] {0.5, 0.25, 0.75}, y.toArray(), 1e-15);
        assertTrue(run.out().contains("class 2"), run.out());
        assertTrue(run.out().contains("spike rate per step and neuron: s 37.5%"), run.out()); // 3 spikes / (4 steps x 2 neurons)
    }

    @Test
    void batchInGivesBatchOut() {
        Path input = dir.resolve("xb.npy");
        NpyFile.write(input, handWorkedBatch(2));
        Path output = dir.resolve("yb.npy");
        assertEquals(0, CommandLineRun.of("reference", model.toString(), "--input", input.toString(), "-o", output.toString()).status());
        Tensor y = NpyFile.read(output);
        assertArrayEquals(new int[] {2, 3}, y.shape());
        assertArrayEquals(Arrays.copyOfRange(y.toArray(), 0, 3), Arrays.copyOfRange(y.toArray(), 3, 6));
    }

    @Test
    void everyBadInputIsOneLineWithACodeAndItsExitStatus() throws Exception {
        Path wide = dir.resolve("wide.npy");
        NpyFile.write(wide, Tensor.of("x", new int[] {2, 3}, new double[6]));
        Path nan = dir.resolve("nan.npy");
        NpyFile.write(nan, Tensor.of("x", new int[] {1, 2}, Double.NaN, 0));
        Path empty = dir.resolve("empty.npy");
        NpyFile.write(empty, Tensor.of("x", new int[] {0, 2}, new double[0]));
        Path truncated = dir.resolve("cut.npy");
        byte[] whole = Files.readAllBytes(wide);
        Files.write(truncated, Arrays.copyOf(whole, whole.length - 4));
        Path broken = dir.resolve("broken.dnd");
        Files.writeString(broken, "model b {\n  input x: real[1]\n  output x;\n}\n");

        assertFails("E0701", "reference", model.toString(), "--input", wide.toString(), "-o", dir.resolve("o.npy").toString());
        assertFails("E0702", "reference", model.toString(), "--input", nan.toString(), "-o", dir.resolve("o.npy").toString());
        assertFails("E0703", "reference", model.toString(), "--input", empty.toString(), "-o", dir.resolve("o.npy").toString());
        assertFails("E0102", "reference", model.toString(), "--input", truncated.toString(), "-o", dir.resolve("o.npy").toString());
        assertFails("E0101", "reference", model.toString(), "--input", dir.resolve("none.npy").toString(), "-o", dir.resolve("o.npy").toString());
        assertFails("E0201", "check", broken.toString());
        assertFails("E0101", "check", dir.resolve("absent.dnd").toString());
        assertFails("E0004", "check", dir.resolve("model.onnx").toString());
        Path notAFolder = dir.resolve("plain.txt");
        Files.writeString(notAFolder, "a file, not a folder");
        Path ok = dir.resolve("ok.npy");
        NpyFile.write(ok, Tensor.of("x", new int[] {2, 2}, 1, 0, 0, 1));
        assertFails("E0002", "reference", model.toString(), "--input", ok.toString(), "-o", notAFolder.resolve("y.npy").toString());
        assertFails("E0001", "reference", model.toString());
        assertFails("E0001", "frobnicate");
        assertFalse(Files.exists(dir.resolve("o.npy")), "no output is written for a failed run");
    }

    @Test
    void importWritesAModelThatChecksAndRuns() {
        Path ckpt = dir.resolve("ssm.safetensors");
        SafetensorsWriter.write(ckpt, List.of(
                Tensor.of("model.encoder.weight", new int[] {2, 1}, 1, -1),
                Tensor.of("model.encoder.bias", new int[] {2}, 0, 0),
                Tensor.of("model.s4_layers.0.kernel.log_dt", new int[] {2}, -2, -3),
                Tensor.of("model.s4_layers.0.kernel.log_A_real", new int[] {2, 1}, Math.log(0.5), Math.log(0.5)),
                Tensor.of("model.s4_layers.0.kernel.A_imag", new int[] {2, 1}, 0, Math.PI),
                Tensor.of("model.s4_layers.0.kernel.C", new int[] {1, 2, 1, 2}, 1, 0, 0.5, 0.5),
                Tensor.of("model.s4_layers.0.D", new int[] {1, 2}, 1, 1),
                Tensor.of("model.s4_layers.0.output_linear.0.weight", new int[] {4, 2, 1}, 1, 0, 0, 1, 1, 1, 1, 1),
                Tensor.of("model.s4_layers.0.output_linear.0.bias", new int[] {4}, 0, 0, 0, 0),
                Tensor.of("model.decoder.weight", new int[] {3, 2}, 1, 0, 0, 1, 1, 1),
                Tensor.of("model.decoder.bias", new int[] {3}, 0, 0, 0)), Map.of());
        Path written = dir.resolve("imported.dnd");
        CommandLineRun run = CommandLineRun.of("import-spikingssm", ckpt.toString(), "-o", written.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("1 layer(s), d_model 2, d_state 2"), run.out());
        assertEquals(0, CommandLineRun.of("check", written.toString()).status());
        assertFails("E0001", "import-spikingssm", ckpt.toString(), "--norm", "group");
        assertFails("E0901", "import-spikingssm", ckpt.toString(), "--prefix", "net.");
    }

    @Test
    void labelsGiveAccuracyAndSamplesSelectASlice() {
        // The tiny model picks class 2 on the sequence of referenceWritesLogitsComputedByHand, class 0 on a silent one.
        Path input = dir.resolve("x3.npy");
        NpyFile.write(input, handWorkedBatch(3, 1));
        Path labels = dir.resolve("y3.npy");
        NpyFile.write(labels, new Tensor("y", io.dendra.compiler.tensor.DType.I64, new int[] {3}, new double[] {2, 1, 1}));
        Path output = dir.resolve("y.npy");
        CommandLineRun run = CommandLineRun.of("reference", model.toString(), "--input", input.toString(), "--labels", labels.toString(), "-o", output.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("accuracy: 33.33% (1 of 3 sample(s))"), run.out());
        run = CommandLineRun.of("reference", model.toString(), "--input", input.toString(), "--labels", labels.toString(), "--samples", "1:",
                "-o", output.toString());
        assertEquals(0, run.status(), run.err());
        assertArrayEquals(new int[] {2, 3}, NpyFile.read(output).shape());
        assertTrue(run.out().contains("  sample 1: class 0\n  sample 2: class 2\n"), run.out());
        assertTrue(run.out().contains("accuracy: 0.00% (0 of 2 sample(s))"), run.out());

        Path out = dir.resolve("o.npy");
        Path wrongCount = dir.resolve("y2.npy");
        NpyFile.write(wrongCount, Tensor.of("y", new int[] {2}, 0, 1));
        assertEquals(wrongCount + ": error[E0708]: labels of shape (2,) for an input of 3 sample(s); hint: give one integer per sample of the input"
                + " file, shape (3,)", CommandLineRun.of("reference", model.toString(), "--input", input.toString(), "--labels", wrongCount.toString(),
                "-o", out.toString()).errorLine());
        Path fraction = dir.resolve("yf.npy");
        NpyFile.write(fraction, Tensor.of("y", new int[] {3}, 0, 1.5, 1));
        assertEquals(fraction + ": error[E0708]: label 1 is 1.5, not a class index; hint: labels are integer classes 0, 1, 2...",
                CommandLineRun.of("reference", model.toString(), "--input", input.toString(), "--labels", fraction.toString(), "-o", out.toString()).errorLine());
        Path tooBig = dir.resolve("yb.npy");
        NpyFile.write(tooBig, Tensor.of("y", new int[] {3}, 0, 3, 1));
        assertEquals(tooBig + ": error[E0708]: label 1 is 3 but the model has 3 classes; hint: labels are classes 0 to 2",
                CommandLineRun.of("reference", model.toString(), "--input", input.toString(), "--labels", tooBig.toString(), "-o", out.toString()).errorLine());
        assertEquals("--samples: error[E0001]: --samples 2:5 reaches outside the 3 sample(s) of " + input + "; hint: give A:B with 0 <= A < B <= 3",
                CommandLineRun.of("reference", model.toString(), "--input", input.toString(), "--samples", "2:5", "-o", out.toString()).errorLine());
        assertEquals("--samples: error[E0001]: --samples 2:2 selects no samples; hint: give A:B with 0 <= A < B <= 3",
                CommandLineRun.of("reference", model.toString(), "--input", input.toString(), "--samples", "2:2", "-o", out.toString()).errorLine());
        assertFails("E0001", "reference", model.toString(), "--input", input.toString(), "--samples", "two", "-o", out.toString());
        assertFalse(Files.exists(out), "no output is written for a failed run");
    }

    @Test
    void aStackOverflowIsOneLineToo() throws Exception {
        Path deep = dir.resolve("deep.dnd");
        Files.writeString(deep, "model d {\n  input x: real[1];\n  y = " + "(".repeat(20_000) + "x" + ")".repeat(20_000) + ";\n  output y;\n}\n");
        CommandLineRun run = CommandLineRun.of("check", deep.toString());
        assertEquals(1, run.status());
        assertEquals("error[E0006]: the input is nested too deeply to process; hint: flatten the deepest nesting of the input (parentheses,"
                + " nested graphs)", run.errorLine());
    }

    @Test
    void officialLightningCheckpointImportsWithNoFlags() throws Exception {
        Path ckpt = Files.copy(CompileCommandTest.ROOT.resolve("compiler/src/test/resources/checkpoints/lightning_postnorm.ckpt"), dir.resolve("m.ckpt"));
        CommandLineRun run = CommandLineRun.of("import-spikingssm", ckpt.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(List.of(
                "imported " + ckpt + " (torch.save zip, state_dict under 'state_dict', hyper_parameters): 2 layer(s), d_model 4, d_state 4, linear"
                        + " encoder (2 input channel(s)), norm batch (postnorm: not applied, as in the official forward), 3 classes",
                "  from hyper_parameters: norm batch, postnorm, encoder linear, decoder pool",
                "  unused: SDN surrogate of 2 layer(s) (8 tensors, training only), post-norm of 2 layer(s) (8 tensors: the official forward discards"
                        + " it), 2 num_batches_tracked",
                "  not read: epoch, global_step, pytorch-lightning_version, loops, callbacks, optimizer_states, lr_schedulers, precision",
                "  note: the official SpikingSSM.forward discards its post-norm, so the model file applies none; pass --apply-postnorm if your"
                        + " training code normalised the residual stream",
                "wrote " + dir.resolve("m.dnd") + " (187 parameters); check it with: dendra check " + dir.resolve("m.dnd")), run.out().lines().toList());
        run = CommandLineRun.of("import-spikingssm", ckpt.toString(), "--apply-postnorm", "-o", dir.resolve("applied.dnd").toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("norm batch (postnorm, applied)") && !run.out().contains("post-norm of"), run.out());
        assertFails("E0001", "import-spikingssm", ckpt.toString(), "-o", ckpt.toString());
        assertFails("E0105", "import-spikingssm", dir.resolve("weights.h5").toString());
    }

    /** {@code count} copies of the sequence worked by hand in referenceWritesLogitsComputedByHand, the ones at {@code silent} all zero. */
    private static Tensor handWorkedBatch(int count, int... silent) {
        double[] one = {1, 0, 0.5, 0.2, 1, 1, 0, 0};
        double[] all = new double[count * one.length];
        for (int b = 0; b < count; b++) {
            final int sample = b;
            if (Arrays.stream(silent).noneMatch(k -> k == sample)) System.arraycopy(one, 0, all, b * one.length, one.length);
        }
        return Tensor.of("x", new int[] {count, 4, 2}, all);
    }

    /** sweep is listed and has its own help in the plain edition too; without --spark it says how to run it. */
    @org.junit.jupiter.api.Test
    void sweepIsListedAndHelpsItself() {
        assertTrue(CommandLineRun.of("--help").out().contains("sweep"));
        CommandLineRun help = CommandLineRun.of("sweep", "--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("--spark=MASTER") && help.out().contains("comparison.md"), help.out());
        assertTrue(CommandLineRun.of("sweep", "a.dchip", "--input", "x.npy", "-o", "o").errorLine().contains("needs --spark MASTER"));
    }

    /** Exit statuses: 2 for a usage mistake (picocli's convention), 3 for a bug in Dendra, 1 for any other bad input. */
    @org.junit.jupiter.api.Test
    void exitStatusesSayWhatKindOfFailureItWas() {
        assertEquals(2, CommandLineRun.of("run", "--threads").status());
        assertEquals(2, Dendra.status(io.dendra.diagnostics.ErrorCode.USAGE));
        assertEquals(3, Dendra.status(io.dendra.diagnostics.ErrorCode.INTERNAL));
        assertEquals(1, Dendra.status(io.dendra.diagnostics.ErrorCode.NETX_VALUE));
        assertEquals(1, CommandLineRun.of("check", "missing.dnd").status());
    }

    private static void assertFails(String code, String... args) {
        CommandLineRun run = CommandLineRun.of(args);
        assertEquals(code.equals("E0001") ? 2 : 1, run.status(), "exit status (2 for a usage mistake, 1 for bad input) of " + String.join(" ", args));
        String line = run.errorLine();
        assertTrue(line.contains("error[" + code + "]: "), line);
        assertTrue(line.contains("; hint: "), line);
        assertFalse(line.contains("Exception"), line);
    }

    @Test
    void checkOnANirGraphListsWhatRunsAndNamesWhatDoesNot(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path data = CompileCommandTest.ROOT.resolve("../shared/data/nir").normalize();
        io.dendra.compiler.Fixtures.assumePresent(Files.isDirectory(data), "../shared/data/nir is absent");
        CommandLineRun ok = CommandLineRun.of("check", data.resolve("lif/lif_norse.nir").toString());
        assertEquals(0, ok.status(), ok.err());
        assertTrue(ok.out().contains("LIF") && ok.out().contains("ok") && ok.out().contains("model lif_norse"), ok.out());
        CommandLineRun braille = CommandLineRun.of("check", data.resolve("braille/braille_noDelay_bias_zero.nir").toString());
        assertEquals(0, braille.status(), braille.err());
        assertTrue(braille.out().contains("lif1.lif           CubaLIF"), braille.out());
        assertTrue(braille.out().contains("recurrent edge lif1.w_rec -> lif1.lif"), braille.out());
        Path unsupported = io.dendra.compiler.frontend.nir.NirFiles.graph()
                .node("input", "Input", "shape", new long[] {1})
                .node("lif", "LIF", "tau", new double[] {1e-3}, "r", new double[] {1}, "v_leak", new double[] {0}, "v_threshold", new double[] {1},
                        "v_reset", new double[] {0.5})
                .node("output", "Output", "shape", new long[] {1})
                .chain("input", "lif", "output").write(dir.resolve("reset.nir"));
        CommandLineRun reset = CommandLineRun.of("check", unsupported.toString());
        assertEquals(1, reset.status());
        assertTrue(reset.out().contains("lif                LIF") && reset.out().contains("not yet: per-neuron tau or threshold, or a non-zero v_reset"),
                reset.out());
        assertTrue(reset.errorLine().contains("error[E0806]: 1 node(s) cannot run yet: lif (") && reset.errorLine().contains("; hint: "), reset.errorLine());
        String subgraph = data.resolve("braille/braille_noDelay_noBias_subtract_subgraph.nir").toString();
        assertFails("E0804", "check", subgraph, "--strict");
        // by default the exporter quirk is read, with one note line, however many edges it touches
        CommandLineRun quirk = CommandLineRun.of("check", subgraph);
        assertEquals(0, quirk.status(), quirk.err());
        String note = "note: " + subgraph + ": edge name 'lif1.lif' read as node 'lif1.lif1', a known exporter quirk (--strict refuses it)";
        assertEquals(1, quirk.out().lines().filter(note::equals).count(), quirk.out());
        assertFails("E0001", "check", data.resolve("lif/lif_norse.nir").toString(), "--dt", "-1");
    }
}
