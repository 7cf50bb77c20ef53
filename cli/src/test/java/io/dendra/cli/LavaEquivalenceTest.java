package io.dendra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dendra.compiler.frontend.ModelLoader;
import io.dendra.compiler.tensor.NpyFile;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.ir.Accumulation;
import io.dendra.ir.ChipImage;
import io.dendra.ir.CoreImage;
import io.dendra.ir.DchipFormat;
import io.dendra.ir.ImageExecutor;
import io.dendra.ir.ImageParams;
import io.dendra.ir.InputMap;
import io.dendra.ir.IntArrayBuilder;
import io.dendra.ir.LayerMapping;
import io.dendra.ir.NeuronBlock;
import io.dendra.ir.NeuronProgram;
import io.dendra.ir.OutputMap;
import io.dendra.ir.RouteTable;
import io.dendra.ir.SynapseTable;
import io.dendra.ir.programs.lif.Lif;
import io.dendra.simulator.ChipSimulator;
import io.dendra.targets.Target;
import io.dendra.targets.TargetPrinter;
import io.dendra.targets.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loihi 1 images against Lava's bit-accurate LIF and Dense models ({@link LavaBitAccurateNetwork}),
 * run on the integers {@code inspect --params} prints: every spike of every neuron at every step.
 */
class LavaEquivalenceTest {
    static final Target LOIHI1 = Targets.builtIn("loihi1");

    /**
     * Random networks with what made Dendra and Lava differ: biases (every exponent 0..7), initial
     * states, recurrence (routes to the own core), mixed-sign weights, several synapse groups per
     * core with exponents from −8 to 7, and start steps above 1.
     */
    @Test
    void randomLoihi1NetworksSpikeAsLavasModels() {
        SplittableRandom random = new SplittableRandom(2026);
        long spikes = 0;
        for (int network = 0; network < 60; network++) {
            ChipImage image = randomImage(random);
            int steps = 120;
            int channels = image.input().channels();
            double[] input = new double[steps * channels];
            for (int i = 0; i < input.length; i++) input[i] = random.nextDouble() < 0.3 ? 1 : 0;
            JsonNode params = ImageParams.write(image);
            Set<String> lava = new LavaBitAccurateNetwork(params).run(input, channels, steps, steps);
            Set<String> dendra = executorSpikes(image, input, steps);
            assertEquals(lava, dendra, "network " + network);
            assertEquals(dendra, simulatorSpikes(image, input, steps), "network " + network + ": the simulator and the executor");
            spikes += lava.size();
        }
        assertTrue(spikes > 5_000, "the networks spike: " + spikes);
    }

    /** The shared NIR networks with lif neurons (the NIR paper's, braille with recurrence and biases), compiled for loihi1. */
    @Test
    void compiledNirNetworksSpikeAsLavasModels(@TempDir Path dir) throws Exception {
        Path data = NirCommandsTest.DATA;
        io.dendra.compiler.Fixtures.assumePresent(Files.isDirectory(data), "../shared/data/nir is absent");
        List<Path> files = List.of(data.resolve("lif/lif_norse.nir"),
                data.resolve("braille/braille_noDelay_bias_zero.nir"), data.resolve("braille/braille_noDelay_noBias_subtract.nir"));
        for (Path file : files) {
            String name = file.getFileName().toString().replace(".nir", "");
            int width = ModelLoader.load(file, new ModelLoader.Options(1e-4, true)).input().width();
            int steps = 100;
            double[] x = new double[steps * width];
            SplittableRandom random = new SplittableRandom(name.hashCode());
            for (int i = 0; i < x.length; i++) x[i] = random.nextDouble() < 0.2 ? 1 : 0;
            Path samples = dir.resolve(name + ".npy");
            NpyFile.write(samples, Tensor.of("x", new int[] {1, steps, width}, x));
            Path image = dir.resolve(name + ".dchip");
            CommandLineRun compile = CommandLineRun.of("compile", file.toString(), "--lenient", "--target", "loihi1", "--calibrate", samples.toString(),
                    "-o", image.toString());
            assertEquals(0, compile.status(), name + ": " + compile.err());
            CommandLineRun inspect = CommandLineRun.of("inspect", image.toString(), "--params");
            assertEquals(0, inspect.status(), name + ": " + inspect.err());
            JsonNode params = new ObjectMapper().readTree(inspect.out());
            ChipImage chip = DchipFormat.read(image);
            int last = new ImageExecutor(chip).totalSteps(steps);
            Set<String> lava = new LavaBitAccurateNetwork(params).run(x, width, steps, last);
            assertEquals(lava, executorSpikes(chip, x, steps), name);
            assertTrue(lava.size() > 0, name + " spikes: " + lava.size());
        }
    }

    static Set<String> executorSpikes(ChipImage image, double[] input, int steps) {
        Set<String> spikes = new TreeSet<>();
        new ImageExecutor(image).run(input, steps, (step, core, neuron, payload) -> spikes.add(step + " " + core + " " + neuron));
        return spikes;
    }

    /** The simulator's recorded spikes: every block starts at step 1 in the random images, so its window is every step. */
    static Set<String> simulatorSpikes(ChipImage image, double[] input, int steps) {
        io.dendra.simulator.SampleResult run = new ChipSimulator(image, LOIHI1).run(input, steps, true);
        Set<String> spikes = new TreeSet<>();
        for (CoreImage c : image.cores()) {
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < c.neurons().count(); i++) if (run.spiked(c.id(), t, i)) spikes.add((t + 1) + " " + c.id() + " " + i);
            }
        }
        return spikes;
    }

    private static ChipImage randomImage(SplittableRandom random) {
        int coreCount = 1 + random.nextInt(4);
        int[] neurons = new int[coreCount];
        for (int c = 0; c < coreCount; c++) neurons[c] = 1 + random.nextInt(6);
        int[] axons = new int[coreCount];
        for (int c = 0; c < coreCount; c++) axons[c] = 1 + random.nextInt(5);
        List<CoreImage> cores = new ArrayList<>();
        List<LayerMapping> layers = new ArrayList<>();
        for (int c = 0; c < coreCount; c++) {
            int n = neurons[c];
            int[] params = new int[n * Lif.PARAMS];
            int[] initial = random.nextBoolean() ? new int[2 * n] : new int[0];
            for (int i = 0; i < n; i++) {
                int p = i * Lif.PARAMS;
                params[p + Lif.DU] = random.nextBoolean() ? 4095 : random.nextInt(4096);
                params[p + Lif.DV] = random.nextInt(4096);
                params[p + Lif.BIAS_MANT] = random.nextBoolean() ? 0 : random.nextInt(-4095, 4096);
                params[p + Lif.BIAS_EXP] = random.nextInt(8);
                params[p + Lif.VTH] = random.nextInt(1, 4000);
                if (initial.length > 0) {
                    initial[2 * i] = random.nextInt(-(1 << 20), 1 << 20);
                    initial[2 * i + 1] = random.nextInt(-(1 << 18), 1 << 18);
                }
            }
            NeuronBlock block = new NeuronBlock(NeuronProgram.LIF, "core" + c, 0, n, 0, 1, params, initial);
            int groups = 1 + random.nextInt(3);
            int[] groupExponent = new int[groups];
            for (int g = 0; g < groups; g++) groupExponent[g] = random.nextInt(-8, 8);
            IntArrayBuilder start = new IntArrayBuilder(), exponent = new IntArrayBuilder(), target = new IntArrayBuilder(), weight = new IntArrayBuilder(),
                    delay = new IntArrayBuilder(), group = new IntArrayBuilder();
            start.add(0);
            int used = 0;
            for (int a = 0; a < axons[c]; a++) {
                // groups numbered in order of first use
                int g = Math.min(used, random.nextInt(groups));
                if (g == used) used++;
                group.add(g);
                exponent.add(groupExponent[g]);
                int fanOut = 1 + random.nextInt(n);
                for (int s = 0; s < fanOut; s++) {
                    target.add(random.nextInt(n));
                    weight.add(random.nextInt(-127, 128));
                    delay.add(0);
                }
                start.add(target.size());
            }
            SynapseTable synapses = new SynapseTable(start.toArray(), exponent.toArray(), target.toArray(), weight.toArray(), delay.toArray(),
                    group.toArray());
            IntArrayBuilder routeStart = new IntArrayBuilder(), routeCore = new IntArrayBuilder(), routeAxon = new IntArrayBuilder();
            routeStart.add(0);
            for (int i = 0; i < n; i++) {
                int routes = random.nextInt(4);
                for (int r = 0; r < routes; r++) {
                    int to = random.nextInt(coreCount);
                    routeCore.add(to);
                    routeAxon.add(random.nextInt(axons[to]));
                }
                routeStart.add(routeCore.size());
            }
            cores.add(new CoreImage(c, 0, c % 8, 0, 0, block, synapses, new RouteTable(routeStart.toArray(), routeCore.toArray(), routeAxon.toArray())));
            layers.add(new LayerMapping("core" + c, NeuronProgram.LIF, n, List.of(c), n));
        }
        int channels = 1 + random.nextInt(3);
        IntArrayBuilder inStart = new IntArrayBuilder(), inCore = new IntArrayBuilder(), inAxon = new IntArrayBuilder();
        inStart.add(0);
        for (int ch = 0; ch < channels; ch++) {
            int destinations = 1 + random.nextInt(2);
            for (int d = 0; d < destinations; d++) {
                int to = random.nextInt(coreCount);
                inCore.add(to);
                inAxon.add(random.nextInt(axons[to]));
            }
            inStart.add(inCore.size());
        }
        InputMap input = new InputMap(channels, true, 0, inStart.toArray(), inCore.toArray(), inAxon.toArray());
        OutputMap output = new OutputMap(OutputMap.Kind.STREAM, 1, new int[] {0}, new int[] {0}, new double[] {1}, new double[] {0});
        return new ChipImage("random", "loihi1", TargetPrinter.text(LOIHI1), 24, 0, Accumulation.FLOOR_PER_GROUP, 1, cores, input, output, layers, 1);
    }
}
