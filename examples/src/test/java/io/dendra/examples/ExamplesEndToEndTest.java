package io.dendra.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.cli.Dendra;
import io.dendra.compiler.frontend.spikingssm.SpikingSsmCheckpoint;
import io.dendra.compiler.frontend.spikingssm.SpikingSsmModelWriter;
import io.dendra.compiler.tensor.NpyFile;
import io.dendra.compiler.tensor.TensorFile;
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
                "--samples", "0:2", "-o", logits.toString()));
        assertEquals(2, NpyFile.read(logits).dim(0));
    }

    /**
     * The bundled SpikingSSM against the training code's own forward pass in float64 (FFT convolution
     * form, examples/src/test/python/official_forward.py), on the first 8 samples.
     */
    @Test
    void fashionMnistLogitsMatchTheOfficialForwardPass(@TempDir Path out) {
        Path example = EXAMPLES.resolve("fmnist-ssm");
        Path logits = out.resolve("logits.npy");
        assertEquals(0, dendra("reference", example.resolve("model.dnd").toString(), "--input", example.resolve("samples.npy").toString(),
                "--samples", "0:8", "-o", logits.toString()));
        Tensor ours = NpyFile.read(logits);
        Tensor official = NpyFile.read(ROOT.resolve("examples/src/test/resources/fmnist-ssm-logits-official.npy"));
        assertArrayEquals(official.shape(), ours.shape());
        assertArrayEquals(official.toArray(), ours.toArray(), 1e-12);
    }

    @Test
    void bundledModelFileIsWhatTheImporterWritesToday() throws Exception {
        Path example = EXAMPLES.resolve("fmnist-ssm");
        SpikingSsmCheckpoint ckpt = SpikingSsmCheckpoint.infer(TensorFile.open(example.resolve("spikingssm.ckpt")),
                SpikingSsmCheckpoint.Options.INFER);
        String expected = SpikingSsmModelWriter.source(ckpt, SpikingSsmModelWriter.Semantics.SPIKINGSSM, example.resolve("model.dnd"), "fmnist_ssm");
        assertEquals(expected, Files.readString(example.resolve("model.dnd")),
                "regenerate with: ./dendra import-spikingssm examples/fmnist-ssm/spikingssm.ckpt -o examples/fmnist-ssm/model.dnd --name fmnist_ssm");
    }

    @Test
    void samplesAreLabelledFashionMnistSequences() {
        Tensor samples = NpyFile.read(EXAMPLES.resolve("fmnist-ssm/samples.npy"));
        assertArrayEquals(new int[] {200, 784, 1}, samples.shape());
        assertArrayEquals(new int[] {64, 784, 1}, NpyFile.read(EXAMPLES.resolve("fmnist-ssm/calibration.npy")).shape());
        double max = 0;
        for (int i = 0; i < samples.size(); i++) max = Math.max(max, samples.at(i));
        assertTrue(max <= 1 && max > 0.9, "pixels scaled to [0, 1]");
        Tensor labels = NpyFile.read(EXAMPLES.resolve("fmnist-ssm/labels.npy"));
        assertArrayEquals(new int[] {200}, labels.shape());
        // the first test images of Fashion-MNIST: ankle boot, pullover, trouser, trouser, shirt
        assertArrayEquals(new double[] {9, 2, 1, 1, 6}, java.util.Arrays.copyOf(labels.toArray(), 5));
    }

    private static int dendra(String... args) {
        StringWriter err = new StringWriter();
        int status = Dendra.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals("", err.toString());
        return status;
    }

    /** The compiled SpikingSSM, run bit-exactly by the image executor, picks the reference's class on the first 16 bundled samples. */
    @Test
    void compiledSpikingSsmAgreesWithTheReferenceOnEverySample() {
        Path example = EXAMPLES.resolve("fmnist-ssm");
        var graph = io.dendra.compiler.frontend.ModelLoader.load(example.resolve("model.dnd"));
        var batch = io.dendra.compiler.reference.SequenceBatch.of(NpyFile.read(example.resolve("samples.npy")), graph.input(), example);
        var calibration = io.dendra.compiler.reference.SequenceBatch.of(NpyFile.read(example.resolve("calibration.npy")), graph.input(), example);
        var result = io.dendra.compiler.Compiler.compile(graph, io.dendra.targets.Targets.builtIn("loihi2"), calibration, null);
        var reference = new io.dendra.compiler.reference.ReferenceInterpreter(graph);
        var chip = new io.dendra.ir.ImageExecutor(result.image());
        for (int b = 0; b < 16; b++) {
            double[] expected = reference.runSample(batch.samples().get(b), batch.steps());
            double[] actual = chip.run(batch.samples().get(b), batch.steps(), null);
            assertEquals(argmax(expected), argmax(actual), "sample " + b);
            for (int k = 0; k < expected.length; k++) assertEquals(expected[k], actual[k], 0.05 * maxAbs(expected), "sample " + b + " logit " + k);
        }
        for (var layer : result.report().layers()) {
            if (layer.output() instanceof io.dendra.compiler.verify.SpikeMatch spikes) assertTrue(spikes.f1() > 0.95, layer.name() + " " + spikes.summary());
        }
    }

    /**
     * The plain LIF example compiles for both targets and spikes as the reference does on each
     * (precision and recall, which a silent chip fails); loihi1 (Lava's floor per synapse group) and
     * loihi2 (round half up) differ only where a potential sits within a rounding of the threshold.
     */
    @Test
    void lifChainCompilesForLoihi1AndLoihi2() {
        Path example = EXAMPLES.resolve("lif-chain");
        var graph = io.dendra.compiler.frontend.ModelLoader.load(example.resolve("model.dnd"));
        var batch = io.dendra.compiler.reference.SequenceBatch.of(NpyFile.read(example.resolve("samples.npy")), graph.input(), example);
        double[] reference = new io.dendra.compiler.reference.ReferenceInterpreter(graph).runSample(batch.samples().get(0), batch.steps());
        double[][] chips = new double[2][];
        String[] targets = {"loihi1", "loihi2"};
        for (int t = 0; t < 2; t++) {
            var image = io.dendra.compiler.Compiler.compile(graph, io.dendra.targets.Targets.builtIn(targets[t]), batch, null).image();
            chips[t] = new io.dendra.ir.ImageExecutor(image).run(batch.samples().get(0), batch.steps(), null);
            var match = spikes(chips[t], reference);
            assertTrue(match.precision() >= 0.98 && match.recall() >= 0.98, targets[t] + ": " + match.summary());
        }
        var between = spikes(chips[0], chips[1]);
        assertTrue(between.precision() >= 0.98 && between.recall() >= 0.98, "loihi1 against loihi2: " + between.summary());
    }

    private static io.dendra.compiler.verify.SpikeMatch spikes(double[] chip, double[] reference) {
        var counter = new io.dendra.compiler.verify.SpikeMatch.Counter();
        for (int i = 0; i < chip.length; i++) counter.add(i, chip[i] != 0, reference[i] != 0);
        return counter.result();
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    private static double maxAbs(double[] v) {
        double max = 0;
        for (double x : v) max = Math.max(max, Math.abs(x));
        return max;
    }

    /** The cycle-level simulator computes bit for bit what the image defines, on both examples. */
    @Test
    void simulatorMatchesTheImageExecutorOnTheExamples() {
        for (String name : new String[] {"fmnist-ssm", "lif-chain"}) {
            Path example = EXAMPLES.resolve(name);
            var graph = io.dendra.compiler.frontend.ModelLoader.load(example.resolve("model.dnd"));
            var batch = io.dendra.compiler.reference.SequenceBatch.of(NpyFile.read(example.resolve("samples.npy")), graph.input(), example);
            Path calibrationFile = example.resolve(Files.exists(example.resolve("calibration.npy")) ? "calibration.npy" : "samples.npy");
            var calibration = io.dendra.compiler.reference.SequenceBatch.of(NpyFile.read(calibrationFile), graph.input(), example);
            var target = io.dendra.targets.Targets.builtIn("loihi2");
            var image = io.dendra.compiler.Compiler.compile(graph, target, calibration, null).image();
            double[] sample = batch.samples().get(1);
            assertArrayEquals(new io.dendra.ir.ImageExecutor(image).run(sample, batch.steps(), null),
                    new io.dendra.simulator.ChipSimulator(image, target).run(sample, batch.steps(), false).output(), name);
        }
    }
}
