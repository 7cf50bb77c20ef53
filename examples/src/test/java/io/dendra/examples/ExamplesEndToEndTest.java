package io.dendra.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.cli.Dendra;
import io.dendra.compiler.frontend.spikingssm.SpikingSsmCheckpoint;
import io.dendra.compiler.frontend.spikingssm.SpikingSsmModelWriter;
import io.dendra.compiler.tensor.NpyFile;
import io.dendra.compiler.tensor.SafetensorsFile;
import io.dendra.compiler.tensor.Tensor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every example under examples/ end to end, as the README tells a new user to. */
class ExamplesEndToEndTest {
    static final Path ROOT = Path.of(System.getProperty("dendra.root", "..")).toAbsolutePath().normalize();
    static final Path EXAMPLES = ROOT.resolve("examples");

    static List<Path> examples() throws Exception {
        try (Stream<Path> folders = Files.list(EXAMPLES)) {
            return folders.filter(f -> Files.isRegularFile(f.resolve("model.dnd"))).sorted().toList();
        }
    }

    @Test
    void thereAreExamples() throws Exception {
        assertFalse(examples().isEmpty(), "no example found under " + EXAMPLES);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleChecksAndRunsInTheReference(Path example, @TempDir Path out) {
        assertEquals(0, dendra("check", example.resolve("model.dnd").toString()));
        Path logits = out.resolve("logits.npy");
        assertEquals(0, dendra("reference", example.resolve("model.dnd").toString(), "--input", example.resolve("samples.npy").toString(),
                "-o", logits.toString()));
        Tensor samples = NpyFile.read(example.resolve("samples.npy"));
        assertEquals(samples.dim(0), NpyFile.read(logits).dim(0));
    }

    /** The bundled SpikingSSM against an independent numpy implementation of DESIGN §5 in convolution form. */
    @Test
    void fashionMnistLogitsMatchTheNumpyConvolutionForm(@TempDir Path out) {
        Path example = EXAMPLES.resolve("fmnist-ssm");
        Path logits = out.resolve("logits.npy");
        assertEquals(0, dendra("reference", example.resolve("model.dnd").toString(), "--input", example.resolve("samples.npy").toString(),
                "-o", logits.toString()));
        Tensor ours = NpyFile.read(logits);
        Tensor numpy = NpyFile.read(ROOT.resolve("examples/src/test/resources/fmnist-ssm-logits-numpy.npy"));
        assertArrayEquals(numpy.shape(), ours.shape());
        assertArrayEquals(numpy.toArray(), ours.toArray(), 1e-12);
    }

    @Test
    void bundledModelFileIsWhatTheImporterWritesToday() throws Exception {
        Path example = EXAMPLES.resolve("fmnist-ssm");
        SpikingSsmCheckpoint ckpt = SpikingSsmCheckpoint.infer(SafetensorsFile.open(example.resolve("spikingssm.safetensors")),
                new SpikingSsmCheckpoint.Options("model.", null, null));
        String expected = SpikingSsmModelWriter.source(ckpt, SpikingSsmModelWriter.Soma.SPIKINGSSM, example.resolve("model.dnd"), "fmnist_ssm");
        assertEquals(expected, Files.readString(example.resolve("model.dnd")),
                "regenerate with: ./dendra import-spikingssm examples/fmnist-ssm/spikingssm.safetensors -o examples/fmnist-ssm/model.dnd --name fmnist_ssm");
    }

    @Test
    void samplesAreFashionMnistSequences() {
        Tensor samples = NpyFile.read(EXAMPLES.resolve("fmnist-ssm/samples.npy"));
        assertArrayEquals(new int[] {8, 784, 1}, samples.shape());
        double max = 0;
        for (int i = 0; i < samples.size(); i++) max = Math.max(max, samples.at(i));
        assertTrue(max <= 1 && max > 0.9, "pixels scaled to [0, 1]");
    }

    private static int dendra(String... args) {
        StringWriter err = new StringWriter();
        int status = Dendra.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals("", err.toString());
        return status;
    }
}
