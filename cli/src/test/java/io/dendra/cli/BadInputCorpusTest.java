package io.dendra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.compiler.frontend.netx.NetxFiles;
import io.dendra.compiler.frontend.nir.NirFiles;
import io.dendra.compiler.tensor.DType;
import io.dendra.compiler.tensor.NpyFile;
import io.dendra.compiler.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad inputs of every kind, made here: each must end with exit status 1, exactly one line with the
 * expected code and a hint, no stack trace, and nothing written where the output would go.
 */
class BadInputCorpusTest {
    private static final Path CHECKPOINTS = CompileCommandTest.ROOT.resolve("compiler/src/test/resources/checkpoints");

    @TempDir
    static Path dir;
    static Path out;
    static Path image;
    static Path graded;

    @BeforeAll
    static void makeTheCorpus() throws Exception {
        out = dir.resolve("out");
        image = dir.resolve("lif.dchip");
        assertEquals(0, CommandLineRun.of("compile", CompileCommandTest.LIF, "--target", "loihi1", "-o", image.toString(), "--calibrate",
                CompileCommandTest.LIF_SAMPLES).status());
        Path tiny = write("tiny.dnd", "model tiny {\n  input x: real[2];\n  s = lif(linear(x, weight=[[1, 0.5], [0, 2]]), tau=0.5, threshold=1);\n"
                + "  y = linear(mean_time(s), weight=[[1, 0], [0, 1]]);\n  output y;\n}\n");
        NpyFile.write(dir.resolve("unit.npy"), Tensor.of("x", new int[] {8, 2}, 0, 1, 0.5, 0.25, 1, 0, 0.75, 0.5, 0, 0, 1, 1, 0.5, 0.5, 0.25, 1));
        graded = dir.resolve("tiny.dchip");
        assertEquals(0, CommandLineRun.of("compile", tiny.toString(), "--target", "loihi2", "-o", graded.toString(), "--calibrate",
                dir.resolve("unit.npy").toString()).status());

        write("syntax.dnd", "model b {\n  input x: real[1]\n  output x;\n}\n");
        write("huge-input.dnd", "model h {\n  input x: real[2147483647];\n  output x;\n}\n");
        write("unknown-layer.dnd", "model b {\n  input x: real[1];\n  y = lfi(x);\n  output y;\n}\n");
        write("deep.dnd", "model d {\n  input x: real[1];\n  y = " + "(".repeat(20_000) + "x" + ")".repeat(20_000) + ";\n  output y;\n}\n");
        Files.write(dir.resolve("binary.dnd"), new byte[] {'D', 'C', 'H', (byte) 0xff, (byte) 0xfe, 0, 1});
        Files.createDirectories(dir.resolve("folder.dnd"));
        NpyFile.write(dir.resolve("nan.npy"), Tensor.of("x", new int[] {4, 16}, nanAt(64, 5)));
        NpyFile.write(dir.resolve("wide.npy"), Tensor.of("x", new int[] {4, 3}, new double[12]));
        NpyFile.write(dir.resolve("empty.npy"), Tensor.of("x", new int[] {0, 16}, new double[0]));
        byte[] samples = Files.readAllBytes(Path.of(CompileCommandTest.LIF_SAMPLES));
        Files.write(dir.resolve("cut.npy"), Arrays.copyOf(samples, samples.length - 7));
        write("input.csv", "0,1\n1,0\n");
        NpyFile.write(dir.resolve("labels3.npy"), new Tensor("y", DType.I64, new int[] {3}, new double[] {0, 1, 2}));
        NpyFile.write(dir.resolve("labels-half.npy"), Tensor.of("y", new int[] {4}, 0, 1.5, 1, 0));
        NpyFile.write(dir.resolve("huge.npy"), Tensor.of("x", new int[] {8, 2}, 0, 1, 1e12, 0.25, 1, 0, 0.75, 0.5, 0, 0, 1, 1, 0.5, 0.5, 0.25, 1));
        byte[] chip = Files.readAllBytes(image);
        Files.write(dir.resolve("cut.dchip"), Arrays.copyOf(chip, chip.length / 2));
        byte[] flipped = chip.clone();
        flipped[flipped.length / 2] ^= 0x10;
        Files.write(dir.resolve("flipped.dchip"), flipped);
        write("text.dchip", "not an image\n");
        String loihi1 = io.dendra.targets.Targets.builtInText("loihi1");
        write("typo.target", loihi1.replace("neurons = 1024", "nuerons = 1024"));
        write("slow.target", loihi1.replace("synop = 23.6 pJ, 3.5 ns", "synop = 23.6 pJ, 1e12 ns"));
        write("accumulation.target", loihi1.replace("accumulation = floor_per_group", "accumulation = rounding"));
        write("host-input.target", loihi1.replace("host_input = router", "host_input = wire"));
        String barrier = "time = 113 ns .. 465 ns source \"Davies 2018 Table 2: barrier sync 113-465 ns over 1-32 tiles\";\n"
                + "    tiles = 1 .. 32 source \"Davies 2018 Table 2: barrier sync 113-465 ns over 1-32 tiles\";";
        assertTrue(loihi1.contains(barrier), "loihi1's barrier as the corpus expects it");
        write("table.target", loihi1.replace(barrier, "time_by_tiles = 1 .. 2;\n    between = step;"));
        write("between.target", loihi1.replace(barrier, "time_by_tiles = 1: 0.6 us, 4: 1.4 us;\n    between = cubic;"));
        Files.write(dir.resolve("legacy.pt"), new byte[] {(byte) 0x80, 2, (byte) 0x8a, 10, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a,
            (byte) 0xa8, 0x50, 0x19, 0x2e});
        byte[] ckpt = Files.readAllBytes(CHECKPOINTS.resolve("lightning_postnorm.ckpt"));
        Files.write(dir.resolve("cut.ckpt"), Arrays.copyOf(ckpt, ckpt.length / 3));
        write("notes.pt", "this is not a checkpoint\n");
        for (String name : List.of("huge_tensor.pt", "quantized.pt", "decoder_last.ckpt", "lightning_postnorm.ckpt")) {
            Files.copy(CHECKPOINTS.resolve(name), dir.resolve(name));
        }
        write("not-hdf5.nir", "plain text, not HDF5\n");
        write("not-hdf5.net", "plain text, not HDF5\n");
        Object[] lif = NetxFiles.loihi(4096, 0, 10);
        NetxFiles.network().layer("input", new long[] {2}, null).layer("dense", new long[] {1}, lif).write(dir.resolve("no-weight.net"));
        NetxFiles.network().layer("input", new long[] {2}, null).layer("dense", new long[] {1}, lif, "weight", new double[][] {{1, 2, 3}})
                .write(dir.resolve("wrong-shape.net"));
        NetxFiles.network().layer("input", new long[] {2}, null).layer("densse", new long[] {1}, lif).write(dir.resolve("unknown-type.net"));
        NetxFiles.network().layer("input", new long[] {2}, null).layer("dense", new long[] {1}, lif, "weight", new double[][] {{0.5, 2}})
                .write(dir.resolve("fraction-weight.net"));
        NetxFiles.network().layer("input", new long[] {2}, null).layer("dense", new long[] {1}, lif, "weight", new double[][] {{1, 2}}, "delay",
                new double[] {70, 70}).write(dir.resolve("long-delay.net"));
        NetxFiles.network().layer("input", new long[] {2}, NetxFiles.loihi(4096, 4096, 0)).layer("dense", new long[] {1}, lif, "weight",
                new double[][] {{1, 2}}).write(dir.resolve("lif-input.net"));
        NpyFile.write(dir.resolve("bias3.npy"), Tensor.of("b", new int[] {3}, 1, 2, 3));
        NirFiles.graph().node("input", "Input", "shape", new long[] {2}).node("fc", "Linear", "weight", new double[][] {{1, 0}, {Double.NaN, 1}})
                .node("output", "Output", "shape", new long[] {2}).chain("input", "fc", "output").write(dir.resolve("nan.nir"));
        NirFiles.graph().node("input", "Input", "shape", new long[] {2}).node("fc", "Linear", "weight", new String[] {"1+2j", "0", "0", "1"})
                .node("output", "Output", "shape", new long[] {2}).chain("input", "fc", "output").write(dir.resolve("text-weight.nir"));
        for (String[] c : new String[][] {{"zero-shape", "0"}, {"negative-shape", "-1"}}) {
            NirFiles.graph().node("input", "Input", "shape", new long[] {Long.parseLong(c[1])}).node("output", "Output", "shape", new long[] {1})
                    .chain("input", "output").write(dir.resolve(c[0] + ".nir"));
        }
        for (String[] c : new String[][] {{"negative-tau", "-0.01"}, {"nan-tau", "NaN"}}) {
            NirFiles.graph().node("input", "Input", "shape", new long[] {1})
                    .node("lif", "LIF", "tau", new double[] {Double.parseDouble(c[1])}, "r", new double[] {1}, "v_leak", new double[] {0},
                            "v_threshold", new double[] {1})
                    .node("output", "Output", "shape", new long[] {1}).chain("input", "lif", "output").write(dir.resolve(c[0] + ".nir"));
        }
        // a chip image from an earlier format version (checksum valid), one whose version byte was damaged, one whose section length was
        byte[] earlier = chip.clone();
        java.nio.ByteBuffer.wrap(earlier).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(8, 3);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(earlier, 0, earlier.length - 4);
        java.nio.ByteBuffer.wrap(earlier).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(earlier.length - 4, (int) crc.getValue());
        Files.write(dir.resolve("earlier.dchip"), earlier);
        byte[] version = chip.clone();
        version[8] ^= 1;
        Files.write(dir.resolve("version-flipped.dchip"), version);
        byte[] length = chip.clone();
        length[16] ^= 0x10;
        Files.write(dir.resolve("length-flipped.dchip"), length);
        NirFiles.graph().node("a", "Input", "shape", new long[] {1}).node("b", "Input", "shape", new long[] {1})
                .node("output", "Output", "shape", new long[] {1}).edge("a", "output").edge("b", "output").write(dir.resolve("two-inputs.nir"));
    }

    private static Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static double[] nanAt(int size, int at) {
        double[] v = new double[size];
        v[at] = Double.NaN;
        return v;
    }

    static Stream<Arguments> corpus() {
        List<Arguments> cases = new ArrayList<>();
        String lif = CompileCommandTest.LIF;
        String samples = CompileCommandTest.LIF_SAMPLES;
        // model files
        cases.add(Arguments.of("E0201", new String[] {"check", "@syntax.dnd"}));
        cases.add(Arguments.of("E0202", new String[] {"check", "@unknown-layer.dnd"}));
        cases.add(Arguments.of("E0006", new String[] {"check", "@deep.dnd"}));
        cases.add(Arguments.of("E0206", new String[] {"check", "@huge-input.dnd"}));
        cases.add(Arguments.of("E0101", new String[] {"check", "@binary.dnd"}));
        cases.add(Arguments.of("E0101", new String[] {"check", "@folder.dnd"}));
        cases.add(Arguments.of("E0101", new String[] {"check", "@absent.dnd"}));
        cases.add(Arguments.of("E0004", new String[] {"check", "@model.onnx"}));
        // inputs, labels, options of a run
        cases.add(Arguments.of("E0702", new String[] {"run", "@lif.dchip", "--input", "@nan.npy", "-o", "@out"}));
        cases.add(Arguments.of("E0701", new String[] {"run", "@lif.dchip", "--input", "@wide.npy", "-o", "@out"}));
        cases.add(Arguments.of("E0703", new String[] {"run", "@lif.dchip", "--input", "@empty.npy", "-o", "@out"}));
        cases.add(Arguments.of("E0102", new String[] {"run", "@lif.dchip", "--input", "@cut.npy", "-o", "@out"}));
        cases.add(Arguments.of("E0105", new String[] {"run", "@lif.dchip", "--input", "@input.csv", "-o", "@out"}));
        cases.add(Arguments.of("E0708", new String[] {"reference", lif, "--input", samples, "--labels", "@labels3.npy", "-o", "@out/y.npy"}));
        cases.add(Arguments.of("E0708", new String[] {"reference", lif, "--input", samples, "--labels", "@labels-half.npy", "-o", "@out/y.npy"}));
        cases.add(Arguments.of("E0001", new String[] {"run", "@lif.dchip", "--input", samples, "--samples", "3:9", "-o", "@out"}));
        cases.add(Arguments.of("E0001", new String[] {"run", "@lif.dchip", "--input", samples, "--threads", "0", "-o", "@out"}));
        cases.add(Arguments.of("E0001", new String[] {"run", "@lif.dchip", "--input", samples, "-o", ""}));
        cases.add(Arguments.of("E0001", new String[] {"run", "@lif.dchip", "--input", samples, "--target", "loihi2", "-o", "@out"}));
        cases.add(Arguments.of("E0709", new String[] {"run", "@tiny.dchip", "--input", "@huge.npy", "-o", "@out"}));
        cases.add(Arguments.of("E0001", new String[] {"frobnicate"}));
        // chip images
        cases.add(Arguments.of("E0603", new String[] {"run", "@cut.dchip", "--input", samples, "-o", "@out"}));
        cases.add(Arguments.of("E0604", new String[] {"run", "@flipped.dchip", "--input", samples, "-o", "@out"}));
        cases.add(Arguments.of("E0601", new String[] {"inspect", "@text.dchip"}));
        // targets
        cases.add(Arguments.of("E0502", new String[] {"compile", lif, "--target", "@typo.target", "-o", "@out/x.dchip"}));
        for (String t : List.of("accumulation", "host-input", "table", "between")) {
            cases.add(Arguments.of("E0505", new String[] {"compile", lif, "--target", "@" + t + ".target", "-o", "@out/x.dchip"}));
        }
        cases.add(Arguments.of("E0001", new String[] {"run", "@lif.dchip", "--input", samples, "-o", "@out", "--spark", "local[2]"}));
        cases.add(Arguments.of("E0001", new String[] {"sweep", "@lif.dchip", "--input", samples, "-o", "@out"}));
        cases.add(Arguments.of("E0001", new String[] {"check", lif, "--strict", "--lenient"}));
        cases.add(Arguments.of("E0505", new String[] {"compile", lif, "--target", "@slow.target", "-o", "@out/x.dchip"}));
        cases.add(Arguments.of("E0508", new String[] {"compile", lif, "--target", "loihi9", "-o", "@out/x.dchip"}));
        cases.add(Arguments.of("E0002", new String[] {"compile", lif, "--target", "loihi1", "-o", "@out/x.dchip", "--report", "/dev/full", "--calibrate",
            CompileCommandTest.LIF_SAMPLES}));
        // checkpoints
        cases.add(Arguments.of("E0110", new String[] {"import-spikingssm", "@legacy.pt", "-o", "@out/m.dnd"}));
        cases.add(Arguments.of("E0102", new String[] {"import-spikingssm", "@cut.ckpt", "-o", "@out/m.dnd"}));
        cases.add(Arguments.of("E0103", new String[] {"import-spikingssm", "@notes.pt", "-o", "@out/m.dnd"}));
        cases.add(Arguments.of("E0103", new String[] {"import-spikingssm", "@huge_tensor.pt", "-o", "@out/m.dnd"}));
        cases.add(Arguments.of("E0111", new String[] {"import-spikingssm", "@quantized.pt", "-o", "@out/m.dnd"}));
        cases.add(Arguments.of("E0904", new String[] {"import-spikingssm", "@decoder_last.ckpt", "-o", "@out/m.dnd"}));
        cases.add(Arguments.of("E0001", new String[] {"import-spikingssm", "@lightning_postnorm.ckpt", "-o", "@out/m.dchip"}));
        cases.add(Arguments.of("E0105", new String[] {"import-spikingssm", "@weights.h5", "-o", "@out/m.dnd"}));
        // NIR graphs
        cases.add(Arguments.of("E0801", new String[] {"check", "@not-hdf5.nir"}));
        cases.add(Arguments.of("E0109", new String[] {"check", "@nan.nir"}));
        cases.add(Arguments.of("E0806", new String[] {"check", "@two-inputs.nir"}));
        cases.add(Arguments.of("E0807", new String[] {"check", "@text-weight.nir"}));
        cases.add(Arguments.of("E0805", new String[] {"check", "@zero-shape.nir"}));
        cases.add(Arguments.of("E0805", new String[] {"check", "@negative-shape.nir"}));
        cases.add(Arguments.of("E0805", new String[] {"check", "@negative-tau.nir"}));
        cases.add(Arguments.of("E0109", new String[] {"check", "@nan-tau.nir"}));
        // NetX networks
        cases.add(Arguments.of("E1001", new String[] {"check", "@not-hdf5.net"}));
        cases.add(Arguments.of("E1002", new String[] {"check", "@no-weight.net"}));
        cases.add(Arguments.of("E1003", new String[] {"check", "@wrong-shape.net"}));
        cases.add(Arguments.of("E1004", new String[] {"check", "@unknown-type.net"}));
        cases.add(Arguments.of("E1005", new String[] {"check", "@fraction-weight.net"}));
        cases.add(Arguments.of("E1005", new String[] {"compile", "@long-delay.net", "-o", "@out/d.dchip"}));
        cases.add(Arguments.of("E1003", new String[] {"run", "@lif-input.net", "--steps", "4", "--input-bias", "@bias3.npy", "-o", "@out/run"}));
        cases.add(Arguments.of("E0001", new String[] {"run", "@lif-input.net", "-o", "@out/run"}));
        cases.add(Arguments.of("E0602", new String[] {"inspect", "@earlier.dchip"}));
        cases.add(Arguments.of("E0604", new String[] {"inspect", "@version-flipped.dchip"}));
        cases.add(Arguments.of("E0603", new String[] {"inspect", "@length-flipped.dchip"}));
        return cases.stream();
    }

    /** Cases whose message once pointed the wrong way (issue 16): the line says what is wrong with the file. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "text-weight.nir|check|'weight' of Linear node 'fc' holds text, not real numbers",
        "accumulation.target|compile|unknown accumulation 'rounding'; hint: one of [round_half_up, floor_per_group]",
        "host-input.target|compile|host_input is 'router'",
        "table.target|compile|'time_by_tiles' takes entries 'tiles: time'",
        "between.target|compile|'between' is step or linear, got 'cubic'",
        "zero-shape.nir|check|Input 'input' has shape (0,): every axis is a whole number of at least 1",
        "negative-shape.nir|check|Input 'input' has shape (-1,): every axis is a whole number of at least 1",
        "negative-tau.nir|check|LIF 'lif' has tau -0.01 s; a time constant is positive",
        "nan-tau.nir|check|holds NaN",
        "earlier.dchip|inspect|image format version 3, this Dendra reads version " + io.dendra.ir.DchipFormat.VERSION + "; hint: it was written by an earlier Dendra: compile the model again",
        "version-flipped.dchip|inspect|checksum mismatch: the image was changed or damaged after it was written",
        "length-flipped.dchip|inspect|the image is cut short or damaged: its sections run past its end",
    })
    void messagesPointTheRightWay(String file, String command, String expected) {
        String[] args = file.endsWith(".target")
                ? new String[] {command, CompileCommandTest.LIF, "--target", dir.resolve(file).toString(), "-o", dir.resolve("out/x.dchip").toString()}
                : new String[] {command, dir.resolve(file).toString()};
        String line = CommandLineRun.of(args).errorLine();
        assertTrue(line.contains(expected), line);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("corpus")
    void oneLineWithTheCodeAndNothingWritten(String code, String[] args) {
        String[] resolved = new String[args.length];
        for (int i = 0; i < args.length; i++) resolved[i] = args[i].startsWith("@") ? dir.resolve(args[i].substring(1)).toString() : args[i];
        CommandLineRun run = CommandLineRun.of(resolved);
        assertEquals(code.equals("E0001") ? 2 : 1, run.status(), "exit status (2 for a usage mistake, 1 for bad input); stdout: " + run.out());
        String line = run.errorLine();
        assertTrue(line.contains("error[" + code + "]: "), line);
        assertTrue(line.contains("; hint: "), line);
        assertFalse(line.contains("Exception") || line.contains("\tat "), line);
        assertFalse(Files.exists(out), "nothing written in " + out);
    }
}
