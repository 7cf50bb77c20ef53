package io.dendra.compiler.frontend.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.compiler.Compiler;
import io.dendra.compiler.Fixtures;
import io.dendra.compiler.frontend.ModelLoader;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.reference.ReferenceInterpreter;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.compiler.tensor.NpyFile;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.ir.ImageExecutor;
import io.dendra.targets.Targets;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NIR files exported by the frameworks themselves (../shared/data/nir, see its README), and broken ones written here. */
class NirTest {
    static final Path DATA = Path.of(System.getProperty("dendra.root", "..")).toAbsolutePath().normalize().resolve("../shared/data/nir").normalize();
    static final ModelLoader.Options STRICT = new ModelLoader.Options(1e-4, false);
    static final ModelLoader.Options LENIENT = new ModelLoader.Options(1e-4, true);

    /** A file of ../shared/data/nir; a test that needs one is skipped, alone, where the shared data is absent. */
    static Path shared(String relative) {
        Path file = DATA.resolve(relative);
        Fixtures.assumePresent(Files.exists(file), file + " is absent: this test needs the real exported file");
        return file;
    }

    private static List<Integer> spikeSteps(double[] values) {
        List<Integer> steps = new ArrayList<>();
        for (int t = 0; t < values.length; t++) if (values[t] != 0) steps.add(t);
        return steps;
    }

    private static SequenceBatch paperInput(ModelGraph graph) {
        return SequenceBatch.of(NpyFile.read(shared("lif/lif_input.npy")), graph.input(), shared("lif/lif_input.npy"));
    }

    @Test
    void thePapersLifFiresAtTheExactSolutionsSteps() {
        ModelGraph graph = ModelLoader.load(shared("lif/lif_norse.nir"), STRICT);
        SequenceBatch input = paperInput(graph);
        double[] spikes = new ReferenceInterpreter(graph).runSample(input.samples().get(0), input.steps());
        assertEquals(List.of(460, 510, 710, 760), spikeSteps(spikes));
    }

    @Test
    void onLoihi1ItFiresWithinOneStepOfThem() {
        ModelGraph graph = ModelLoader.load(shared("lif/lif_norse.nir"), STRICT);
        SequenceBatch input = paperInput(graph);
        var image = Compiler.compile(graph, Targets.builtIn("loihi1"), input, null).image();
        List<Integer> chip = spikeSteps(new ImageExecutor(image).run(input.samples().get(0), input.steps(), null));
        int[] exact = {460, 510, 710, 760};
        assertEquals(exact.length, chip.size(), chip.toString());
        for (int k = 0; k < exact.length; k++) assertTrue(Math.abs(chip.get(k) - exact[k]) <= 1, chip.toString());
    }

    @Test
    void rockpoolsOutputShapeQuirkIsReadUnlessStrict() {
        Path rockpool = shared("lif/lif_rockpool.nir");
        DendraException e = assertThrows(DendraException.class, () -> ModelLoader.load(rockpool, STRICT));
        assertEquals(ErrorCode.NIR_SHAPE, e.code());
        assertTrue(e.diagnostic().hint().contains("without --strict"), e.diagnostic().hint());
        List<String> notes = new java.util.ArrayList<>();
        ModelGraph graph = ModelLoader.load(rockpool, ModelLoader.Options.DEFAULT, notes::add);
        assertEquals(List.of("Output 'output' shape (1, 1, 1) read as (1,), a known exporter quirk (--strict refuses it)"), notes);
        SequenceBatch input = paperInput(graph);
        // Rockpool's own parameters (weight 0.04, r 24.02: R·w = 0.961 rather than 1) fire a little later.
        assertEquals(List.of(460, 520, 720, 780), spikeSteps(new ReferenceInterpreter(graph).runSample(input.samples().get(0), input.steps())));
    }

    /**
     * The chain in → linear1 → lif1 → linear2 → lif2 under a constant input of 1, against NIR's LIF
     * written out again from the file's own parameters (forward Euler with dt: v ← (1 − dt/τ)·v +
     * (dt/τ)·(R·x + v_leak), spike when v > v_threshold, then v = 0).
     */
    @Test
    void twoLifNeuronsInAChainSpikeAsNirsEquationsSay() {
        Path file = shared("lif/two_lif_neurons.nir");
        ModelGraph graph = ModelLoader.load(file, STRICT);
        NirGraph nir = NirReader.read(file, false);
        double dt = STRICT.dt();
        int steps = 2000;
        double[] x = new double[steps];
        java.util.Arrays.fill(x, 1);
        double[] drive = x;
        java.util.Map<String, double[]> hand = new java.util.LinkedHashMap<>();
        for (String[] stage : new String[][] {{"linear1", "lif1"}, {"linear2", "lif2"}}) {
            double w = nir.byName().get(stage[0]).param("weight").at(0);
            NirGraph.Node lif = nir.byName().get(stage[1]);
            double a = dt / lif.param("tau").at(0);
            double r = lif.param("r").at(0);
            double leak = lif.param("v_leak").at(0);
            double threshold = lif.param("v_threshold").at(0);
            double[] spikes = new double[steps];
            double v = 0;
            for (int t = 0; t < steps; t++) {
                v = (1 - a) * v + a * (r * w * drive[t] + leak);
                if (v > threshold) {
                    spikes[t] = 1;
                    v = 0;
                }
            }
            hand.put(stage[1], spikes);
            drive = spikes;
        }
        var values = new ReferenceInterpreter(graph).evaluate(x, steps);
        for (String layer : hand.keySet()) {
            double[] model = values.get(graph.nodes().stream().filter(n -> n.name().equals(layer)).findFirst().orElseThrow());
            assertArrayEquals(hand.get(layer), model, layer);
        }
        assertTrue(java.util.Arrays.stream(hand.get("lif1")).sum() > 0, "lif1 spikes under constant input");
    }

    @Test
    void nestedGraphsFlattenAndTheirNamingQuirkIsReadUnlessStrict() {
        Path file = shared("braille/braille_noDelay_noBias_subtract_subgraph.nir");
        assertEquals(ErrorCode.NIR_EDGE, assertThrows(DendraException.class, () -> NirReader.read(file, false)).code());
        NirGraph nir = NirReader.read(file, true);
        assertTrue(nir.byName().containsKey("lif1.lif1") && nir.byName().containsKey("lif1.lin"), nir.byName().keySet().toString());
        assertTrue(nir.backEdges().stream().anyMatch(e -> e.to().equals("lif1.lif1")), "the recurrence is found");
        assertEquals(List.of("edge name 'lif1.lif' read as node 'lif1.lif1', a known exporter quirk (--strict refuses it)"), nir.notes(),
                "said once for the four edges it touched");
        assertEquals(java.util.Set.of("fc1", "lif1.lin"), java.util.Set.copyOf(nir.predecessors("lif1.lif1")), "its inputs are summed, in any order");
    }

    @Test
    void everySharedFileReadsAndConverts() throws Exception {
        List<Path> files;
        Fixtures.assumePresent(Files.isDirectory(DATA), DATA + " is absent: this test needs the real exported files");
        try (var walk = Files.walk(DATA)) {
            files = walk.filter(f -> f.toString().endsWith(".nir")).sorted().toList();
        }
        assertEquals(8, files.size());
        for (Path file : files) {
            NirGraph nir = NirReader.read(file, true);
            assertTrue(nir.nodes().size() >= 3, file.toString());
            assertTrue(NirSupport.support(nir).values().stream().allMatch(s -> s == null), file + ": " + NirSupport.support(nir));
            assertTrue(ModelLoader.load(file, LENIENT).nodes().size() >= 3, file.toString());
        }
    }

    @Test
    void theSinabsCnnsFirstConvolutionIsTheTextbookOne() {
        ModelGraph graph = ModelLoader.load(shared("cnn/cnn_sinabs.nir"), STRICT);
        Tensor w = NirReader.read(shared("cnn/cnn_sinabs.nir"), false).byName().get("0").param("weight");
        assertArrayEquals(new int[] {16, 2, 5, 5}, w.shape());
        double[] x = new double[2 * 34 * 34];
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < x.length; i++) x[i] = random.nextDouble() < 0.2 ? 1 : 0;
        var values = new ReferenceInterpreter(graph).evaluate(x, 1);
        double[] conv = values.get(graph.nodes().stream().filter(n -> n.name().equals("0")).findFirst().orElseThrow());
        assertEquals(16 * 16 * 16, conv.length);
        // stride 2, padding 1: output (co, oy, ox) reads rows oy·2 − 1 .. oy·2 + 3 and the same columns
        for (int[] at : new int[][] {{0, 0, 0}, {3, 5, 7}, {15, 15, 15}, {9, 0, 12}}) {
            double sum = 0;
            for (int ci = 0; ci < 2; ci++) for (int ky = 0; ky < 5; ky++) for (int kx = 0; kx < 5; kx++) {
                int iy = at[1] * 2 - 1 + ky;
                int ix = at[2] * 2 - 1 + kx;
                if (iy >= 0 && iy < 34 && ix >= 0 && ix < 34) sum += w.get(at[0], ci, ky, kx) * x[(ci * 34 + iy) * 34 + ix];
            }
            assertEquals(sum, conv[(at[0] * 16 + at[1]) * 16 + at[2]], 1e-12, java.util.Arrays.toString(at));
        }
    }

    @Test
    void anIfIntegratesItsInputOncePerStepOnTheChipsToo(@TempDir Path dir) {
        // r 0.5, input 1 each step: v = 0.5, 1.0, 1.5 > 1 fires, reset to 0: every third step from step 2
        Path file = NirFiles.graph()
                .node("input", "Input", "shape", new long[] {1})
                .node("if", "IF", "r", new double[] {0.5}, "v_threshold", new double[] {1}, "v_reset", new double[] {0})
                .node("output", "Output", "shape", new long[] {1})
                .chain("input", "if", "output").write(dir.resolve("if.nir"));
        ModelGraph graph = ModelLoader.load(file, STRICT);
        int steps = 30;
        double[] ones = new double[steps];
        java.util.Arrays.fill(ones, 1);
        List<Integer> expected = new ArrayList<>();
        for (int t = 2; t < steps; t += 3) expected.add(t);
        assertEquals(expected, spikeSteps(new ReferenceInterpreter(graph).runSample(ones, steps)));
        SequenceBatch calibration = new SequenceBatch(false, steps, 1, List.of(ones));
        for (String target : List.of("loihi1", "loihi2")) {
            var image = Compiler.compile(graph, Targets.builtIn(target), calibration, null).image();
            assertEquals(expected, spikeSteps(new ImageExecutor(image).run(ones, steps, null)), target);
        }
    }

    @Test
    void spikeInputIsSentAsSpikesEvenWhereGradedMessagesExist() {
        ModelGraph graph = ModelLoader.load(shared("lif/lif_norse.nir"), STRICT);
        var spikes = Compiler.compile(graph, Targets.builtIn("loihi2"), paperInput(graph), null).image();
        assertTrue(spikes.input().binary(), "the paper's input is 0s and 1s");
        double[] real = new double[1000];
        java.util.Arrays.fill(real, 0.5);
        var graded = Compiler.compile(graph, Targets.builtIn("loihi2"), new SequenceBatch(false, 1000, 1, List.of(real)), null).image();
        assertTrue(!graded.input().binary());
        SequenceBatch input = paperInput(graph);
        assertEquals(List.of(460, 510, 710, 760), spikeSteps(new ImageExecutor(spikes).run(input.samples().get(0), input.steps(), null)));
    }

    // ---- CubaLIF: a current, a bias into it, a recurrence ---------------------------------------

    /** Steps where a CubaLIF driven only by a constant current input gb fires, from the closed form of its current. */
    private static List<Integer> closedFormSpikes(double gb, double alpha, double tau, double theta, int steps) {
        List<Integer> spikes = new ArrayList<>();
        int lastReset = -1;
        for (int t = 0; t < steps; t++) {
            // J_k = gb (1 − α^(k+1)) / (1 − α); since the last reset v_t = Σ_k τ^(t−k) J_k
            double v = 0;
            for (int k = lastReset + 1; k <= t; k++) v += Math.pow(tau, t - k) * gb * (1 - Math.pow(alpha, k + 1)) / (1 - alpha);
            if (v > theta) {
                spikes.add(t);
                lastReset = t;
            }
        }
        return spikes;
    }

    private static Path biasedCubaLif(Path file) {
        // dt 1e-4: α = 1 − dt/τ_syn = 0.8, τ = 1 − dt/τ_mem = 0.9, gain (dt/τ_syn)·w_in·(dt/τ_mem)·r = 0.2·0.1 = 0.02
        return NirFiles.graph()
                .node("input", "Input", "shape", new long[] {1})
                .node("fc", "Affine", "weight", new double[][] {{0.5}}, "bias", new double[] {10})
                .node("lif", "CubaLIF", "tau_syn", new double[] {5e-4}, "tau_mem", new double[] {1e-3}, "r", new double[] {1}, "w_in",
                        new double[] {1}, "v_leak", new double[] {0}, "v_threshold", new double[] {3}, "v_reset", new double[] {0})
                .node("output", "Output", "shape", new long[] {1})
                .chain("input", "fc", "lif", "output").write(file);
    }

    @Test
    void aCubaLifFiresWhereItsClosedFormSaysInTheReferenceAndOnBothChips(@TempDir Path dir) {
        ModelGraph graph = ModelLoader.load(biasedCubaLif(dir.resolve("cuba.nir")), STRICT);
        int steps = 300;
        List<Integer> exact = closedFormSpikes(0.02 * 10, 0.8, 0.9, 3, steps);
        assertTrue(exact.size() > 10, exact.toString());
        assertEquals(exact, spikeSteps(new ReferenceInterpreter(graph).runSample(new double[steps], steps)));
        // The chips' lif adds a bias to v, not to the current: the current's bias enters v at its steady
        // state and u starts at minus that, so the chip follows the current from zero as the model does.
        SequenceBatch calibration = new SequenceBatch(false, steps, 1, List.of(new double[steps]));
        for (String target : List.of("loihi1", "loihi2")) {
            var image = Compiler.compile(graph, Targets.builtIn(target), calibration, null).image();
            assertEquals(exact, spikeSteps(new ImageExecutor(image).run(new double[steps], steps, null)), target);
        }
    }

    @Test
    void aRecurrenceReadsThePreviousStepsSpikes(@TempDir Path dir) {
        // Neuron 0 is driven by a bias; neuron 1 only by neuron 0 through the recurrent Linear, strongly enough to fire at once.
        Path file = NirFiles.graph()
                .node("input", "Input", "shape", new long[] {1})
                .node("fc", "Affine", "weight", new double[][] {{0}, {0}}, "bias", new double[] {10, 0})
                .node("lif", "CubaLIF", "tau_syn", new double[] {5e-4, 5e-4}, "tau_mem", new double[] {1e-3, 1e-3}, "r", new double[] {1, 1},
                        "w_in", new double[] {1, 1}, "v_leak", new double[] {0, 0}, "v_threshold", new double[] {3, 3}, "v_reset", new double[] {0, 0})
                .node("rec", "Linear", "weight", new double[][] {{0, 0}, {200, 0}})
                .node("output", "Output", "shape", new long[] {2})
                .chain("input", "fc", "lif", "output").edge("lif", "rec").edge("rec", "lif").write(dir.resolve("rec.nir"));
        ModelGraph graph = ModelLoader.load(file, STRICT);
        int steps = 200;
        double[] out = new ReferenceInterpreter(graph).runSample(new double[steps], steps);
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            if (out[2 * t] != 0) first.add(t);
            if (out[2 * t + 1] != 0) second.add(t);
        }
        assertEquals(closedFormSpikes(0.2, 0.8, 0.9, 3, steps), first);
        // 200 · 0.02 = 4 > 3 enters neuron 1's current the step after neuron 0 fires
        assertEquals(first.get(0) + 1, second.get(0), second.toString());
        SequenceBatch calibration = new SequenceBatch(false, steps, 1, List.of(new double[steps]));
        for (String target : List.of("loihi1", "loihi2")) {
            var image = Compiler.compile(graph, Targets.builtIn(target), calibration, null).image();
            assertArrayEquals(out, new ImageExecutor(image).run(new double[steps], steps, null), target);
        }
    }

    // ---- non-spiking primitives: the reference runs them --------------------------------------

    /** The output of input -> node -> output for a constant input 1 over {@code steps} steps. */
    private static double[] response(Path dir, String type, int steps, Object... params) {
        Path file = NirFiles.graph()
                .node("input", "Input", "shape", new long[] {1})
                .node("n", type, params)
                .node("output", "Output", "shape", new long[] {1})
                .chain("input", "n", "output").write(dir.resolve(type + ".nir"));
        double[] ones = new double[steps];
        java.util.Arrays.fill(ones, 1);
        return new ReferenceInterpreter(ModelLoader.load(file, STRICT)).runSample(ones, steps);
    }

    @Test
    void integratorsFollowTheirClosedForms(@TempDir Path dir) {
        int steps = 20;
        // LI, dt/τ = 0.1, R = 2: v_t = 2·(1 − 0.9^(t+1))
        double[] li = response(dir, "LI", steps, "tau", new double[] {1e-3}, "r", new double[] {2}, "v_leak", new double[] {0});
        // I, R = 0.5: v_t = 0.5·(t + 1)
        double[] i = response(dir, "I", steps, "r", new double[] {0.5});
        // CubaLI, α = 0.8, τ = 0.9, gain 0.2·0.1: J_k = 0.02·(1 − 0.8^(k+1))/0.2, v_t = Σ_k 0.9^(t−k)·J_k
        double[] cuba = response(dir, "CubaLI", steps, "tau_syn", new double[] {5e-4}, "tau_mem", new double[] {1e-3}, "r", new double[] {1}, "v_leak",
                new double[] {0}, "w_in", new double[] {1});
        for (int t = 0; t < steps; t++) {
            assertEquals(2 * (1 - Math.pow(0.9, t + 1)), li[t], 1e-12);
            assertEquals(0.5 * (t + 1), i[t], 1e-12);
            double v = 0;
            for (int k = 0; k <= t; k++) v += Math.pow(0.9, t - k) * 0.02 * (1 - Math.pow(0.8, k + 1)) / 0.2;
            assertEquals(v, cuba[t], 1e-12);
        }
    }

    @Test
    void thresholdAndDelayDoWhatTheySay(@TempDir Path dir) {
        double[] above = response(dir, "Threshold", 3, "threshold", new double[] {0.5});
        assertArrayEquals(new double[] {1, 1, 1}, above);
        double[] below = response(dir, "Threshold", 3, "threshold", new double[] {1.0});
        assertArrayEquals(new double[] {0, 0, 0}, below, "1 is not above 1");
        // 3e-4 s at dt 1e-4 s: three steps
        assertArrayEquals(new double[] {0, 0, 0, 1, 1}, response(dir, "Delay", 5, "delay", new double[] {3e-4}));
    }

    @Test
    void whatNoChipRunsIsRefusedByTheCompilerWithItsName(@TempDir Path dir) {
        Path file = NirFiles.graph()
                .node("input", "Input", "shape", new long[] {2})
                .node("late", "Delay", "delay", new double[] {2e-4, 3e-4})
                .node("output", "Output", "shape", new long[] {2})
                .chain("input", "late", "output").write(dir.resolve("delay.nir"));
        ModelGraph graph = ModelLoader.load(file, STRICT);
        DendraException e = assertThrows(DendraException.class,
                () -> Compiler.compile(graph, Targets.builtIn("loihi2"), new SequenceBatch(false, 4, 2, List.of(new double[8])), null));
        assertEquals(ErrorCode.NOT_LOWERABLE, e.code());
        assertTrue(e.getMessage().contains("late"), e.getMessage());
    }

    /**
     * The other refusals of the chip primitives, one line each with the layer's name: a constant
     * before a Delay (its delayed value is zero for d steps, a neuron's bias is not), a Delay beyond
     * loihi2's 62 steps, and a CubaLI with a leak potential (li adds its bias to the current).
     */
    @Test
    void delaysAndLeakyCurrentsThatNoChipRunsExactlyAreRefused(@TempDir Path dir) {
        Path biased = NirFiles.graph()
                .node("input", "Input", "shape", new long[] {1})
                .node("fc", "Affine", "weight", new double[][] {{1}}, "bias", new double[] {0.5})
                .node("late", "Delay", "delay", new double[] {2e-4})
                .node("output", "Output", "shape", new long[] {1})
                .chain("input", "fc", "late", "output").write(dir.resolve("biased.nir"));
        DendraException constant = refusedOnLoihi2(biased);
        assertEquals(ErrorCode.NOT_LOWERABLE, constant.code());
        assertTrue(constant.getMessage().contains("layer late: a constant (a bias) before a delay"), constant.getMessage());
        Path far = NirFiles.graph()
                .node("input", "Input", "shape", new long[] {1})
                .node("late", "Delay", "delay", new double[] {1e-2})
                .node("output", "Output", "shape", new long[] {1})
                .chain("input", "late", "output").write(dir.resolve("far.nir"));
        DendraException range = refusedOnLoihi2(far);
        assertEquals(ErrorCode.DELAY_OUT_OF_RANGE, range.code());
        assertTrue(range.getMessage().contains("a delay of 100 steps; loihi2 allows 0 .. 62"), range.getMessage());
        Path leaky = NirFiles.graph()
                .node("input", "Input", "shape", new long[] {1})
                .node("cuba", "CubaLI", "tau_syn", new double[] {5e-4}, "tau_mem", new double[] {1e-3}, "r", new double[] {1}, "v_leak",
                        new double[] {0.5}, "w_in", new double[] {1})
                .node("output", "Output", "shape", new long[] {1})
                .chain("input", "cuba", "output").write(dir.resolve("leaky.nir"));
        DendraException leak = refusedOnLoihi2(leaky);
        assertEquals(ErrorCode.NOT_LOWERABLE, leak.code());
        assertTrue(leak.getMessage().contains("layer cuba: a CubaLI with a leak potential"), leak.getMessage());
    }

    private static DendraException refusedOnLoihi2(Path file) {
        ModelGraph graph = ModelLoader.load(file, STRICT);
        return assertThrows(DendraException.class,
                () -> Compiler.compile(graph, Targets.builtIn("loihi2"), new SequenceBatch(false, 4, 1, List.of(new double[4])), null));
    }

    // ---- broken files ------------------------------------------------------------------------

    @Test
    void aFileThatIsNotHdf5IsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("junk.nir");
        Files.writeString(file, "this is not HDF5");
        assertEquals(ErrorCode.NIR_INVALID, assertThrows(DendraException.class, () -> NirReader.read(file, false)).code());
        byte[] real = Files.readAllBytes(shared("lif/lif_norse.nir"));
        Path cut = dir.resolve("cut.nir");
        Files.write(cut, java.util.Arrays.copyOf(real, real.length / 3));
        assertEquals(ErrorCode.NIR_INVALID, assertThrows(DendraException.class, () -> NirReader.read(cut, false)).code());
    }

    /** A minimal graph input -> lif -> output, with the LIF's given type and with or without its threshold. */
    private static Path write(Path file, String lifType, boolean withThreshold) {
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putDataset("version", new String[] {"0.2.0"});
            WritableGroup node = hdf.putGroup("node");
            node.putDataset("type", new String[] {"NIRGraph"});
            node.putDataset("edges", new String[][] {{"input", "lif"}, {"lif", "output"}});
            WritableGroup nodes = node.putGroup("nodes");
            WritableGroup input = nodes.putGroup("input");
            input.putDataset("type", new String[] {"Input"});
            input.putDataset("shape", new long[] {1});
            WritableGroup lif = nodes.putGroup("lif");
            lif.putDataset("type", new String[] {lifType});
            lif.putDataset("tau", new double[] {0.0025});
            lif.putDataset("r", new double[] {1});
            lif.putDataset("v_leak", new double[] {0});
            if (withThreshold) lif.putDataset("v_threshold", new double[] {0.1});
            WritableGroup output = nodes.putGroup("output");
            output.putDataset("type", new String[] {"Output"});
            output.putDataset("shape", new long[] {1});
        }
        return file;
    }

    @Test
    void aGraphWrittenHereRunsLikeTheExportedOne(@TempDir Path dir) {
        ModelGraph graph = ModelLoader.load(write(dir.resolve("ok.nir"), "LIF", true), STRICT);
        SequenceBatch input = paperInput(graph);
        assertEquals(List.of(460, 510, 710, 760), spikeSteps(new ReferenceInterpreter(graph).runSample(input.samples().get(0), input.steps())));
    }

    @Test
    void aMissingDatasetAndAWrongTypeStringAreNamed(@TempDir Path dir) {
        DendraException missing = assertThrows(DendraException.class, () -> ModelLoader.load(write(dir.resolve("m.nir"), "LIF", false), STRICT));
        assertEquals(ErrorCode.NIR_MISSING, missing.code());
        assertTrue(missing.getMessage().contains("'lif' has no 'v_threshold'"), missing.getMessage());
        DendraException type = assertThrows(DendraException.class, () -> NirReader.read(write(dir.resolve("t.nir"), "LIFF", true), false));
        assertEquals(ErrorCode.NIR_UNKNOWN_TYPE, type.code());
        assertTrue(type.getMessage().contains("node 'lif'") && type.getMessage().contains("did you mean 'LIF'?"), type.getMessage());
    }

    @Test
    void theTimeStepChangesTheDiscretisation() {
        ModelGraph coarse = ModelLoader.load(shared("lif/lif_norse.nir"), new ModelLoader.Options(5e-4, false));
        var lif = (io.dendra.compiler.graph.LifNode) coarse.output();
        assertEquals(1 - 5e-4 / 0.0025, lif.tau(), 1e-6);
        assertArrayEquals(new double[] {5e-4 / 0.0025}, lif.inputScale(), 1e-6);
    }

    /** input of {@code shape} -> node -> output, converted; the error it raises. */
    private static DendraException refusal(Path dir, long[] shape, String type, Object... params) {
        Path file = NirFiles.graph()
                .node("input", "Input", "shape", shape)
                .node("n", type, params)
                .node("output", "Output", "shape", new long[] {1})
                .chain("input", "n", "output").write(dir.resolve("bad-" + type + ".nir"));
        return assertThrows(DendraException.class, () -> ModelLoader.load(file, STRICT));
    }

    private static void assertRefused(DendraException e, ErrorCode code, String... fragments) {
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("node n:") || e.getMessage().contains("'n'"), e.getMessage());
        for (String f : fragments) assertTrue(e.getMessage().contains(f), e.getMessage());
    }

    @Test
    void shapesAndValuesThatDoNotFitAreNamedWithAHint(@TempDir Path dir) {
        double[][][][] kernel = new double[1][2][3][3];
        // 7 flat values are not 2 channels of anything
        assertRefused(refusal(dir, new long[] {7}, "Conv2d", "weight", kernel), ErrorCode.NIR_SHAPE, "takes 2 channels", "hint: give the node an input_shape");
        // a 5x5 kernel on a 2x2 image, no padding
        assertRefused(refusal(dir, new long[] {2, 2, 2}, "Conv2d", "weight", new double[1][2][5][5]), ErrorCode.NIR_SHAPE, "does not fit its input (2, 2, 2)",
                "hint: check its stride, padding and dilation");
        assertRefused(refusal(dir, new long[] {2, 4, 4}, "SumPool2d", "stride", new long[] {2, 2}), ErrorCode.NIR_MISSING, "no 'kernel_size'");
        assertRefused(refusal(dir, new long[] {4}, "SumPool2d", "kernel_size", new long[] {2, 2}), ErrorCode.NIR_SHAPE, "needs a (C, H, W) input",
                "hint: put it after a convolution");
        assertRefused(refusal(dir, new long[] {2}, "LI", "tau", new double[] {1e-3, 2e-3}, "r", new double[] {1, 1}, "v_leak", new double[] {0, 0}),
                ErrorCode.NIR_UNSUPPORTED, "tau of 'n' differs between neurons", "hint: Dendra runs one tau per node");
        assertRefused(refusal(dir, new long[] {1}, "LI", "tau", new double[] {1e-5}, "r", new double[] {1}, "v_leak", new double[] {0}), ErrorCode.NIR_SHAPE,
                "which dt 1.0E-4 s cannot resolve", "hint: pass a smaller --dt");
        assertRefused(refusal(dir, new long[] {1}, "Delay", "delay", new double[] {-1e-4}), ErrorCode.NIR_SHAPE, "a delay of -1.0E-4 s",
                "hint: delays are seconds, 0 or more");
    }
}
