package io.dendra.benchmarks;

import io.dendra.compiler.Compiler;
import io.dendra.compiler.frontend.dnd.DndFrontEnd;
import io.dendra.compiler.frontend.spikingssm.SpikingSsmCheckpoint;
import io.dendra.compiler.frontend.spikingssm.SpikingSsmModelWriter;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.compiler.tensor.SafetensorsFile;
import io.dendra.compiler.tensor.SafetensorsWriter;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.targets.Targets;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Compiles SpikingSSMs of the papers' shapes for loihi2 the way a user does — checkpoint, import,
 * compile with the default calibration — and prints the compile time and the peak heap. Shapes:
 * {@code smnist} (2 layers, H 400, N 64; goal under 2 s) and {@code wikitext} (a WikiText-103-sized
 * backbone: 16 layers, H 1024, N 64, embedded tokens fed as 1024-wide vectors; goal under 30 s).
 *
 * <p>Usage: {@code CompileBenchmark [smnist|wikitext]...}; run by {@code benchmarks/compile.sh}.
 */
public final class CompileBenchmark {
    record Shape(String name, int layers, int dModel, int dState, int inputs, int classes, double goalSeconds) {}

    static final List<Shape> SHAPES = List.of(new Shape("smnist", 2, 400, 64, 1, 10, 2), new Shape("wikitext", 16, 1024, 64, 1024, 0, 30));

    private CompileBenchmark() {}

    public static void main(String[] args) throws Exception {
        boolean verbose = List.of(args).contains("-v");
        List<String> wanted = args.length == 0 || List.of(args).equals(List.of("-v")) ? List.of("smnist", "wikitext") : List.of(args);
        for (Shape shape : SHAPES) {
            if (!wanted.contains(shape.name())) continue;
            Path dir = Files.createTempDirectory("dendra-bench");
            Path ckpt = dir.resolve(shape.name() + ".safetensors");
            SafetensorsWriter.write(ckpt, checkpoint(shape), Map.of());
            resetPeaks();
            long start = System.nanoTime();
            ModelGraph graph = importModel(ckpt, dir, shape.name());
            SequenceBatch calibration = calibration(graph, 4, 128);
            Compiler.Result result = Compiler.compile(graph, Targets.builtIn("loihi2"), calibration, verbose ? System.out::println : null);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%-9s %2d layers, H %4d, N %2d: %,9d parameters -> %4d cores on %d chip(s), %,11d synapses; compile %6.2f s (goal %.0f s),"
                    + " peak heap %,6.0f MiB%n", shape.name(), shape.layers(), shape.dModel(), shape.dState(), graph.parameterCount(),
                    result.image().cores().size(), result.image().chips(), result.image().synapses(), seconds, shape.goalSeconds(),
                    peakHeapBytes() / 1048576.0);
        }
    }

    /** Imports a checkpoint the way dendra import-spikingssm does and loads the model it writes. */
    static ModelGraph importModel(Path ckpt, Path dir, String name) throws java.io.IOException {
        SpikingSsmCheckpoint info = SpikingSsmCheckpoint.infer(SafetensorsFile.open(ckpt), SpikingSsmCheckpoint.Options.INFER);
        Path model = dir.resolve("model.dnd");
        Files.writeString(model, SpikingSsmModelWriter.source(info, SpikingSsmModelWriter.Semantics.SPIKINGSSM, model, name));
        return DndFrontEnd.load(model);
    }

    /** S4D-initialised SpikingSSM tensors with the names of DESIGN §4.3. */
    static List<Tensor> checkpoint(Shape s) {
        SplittableRandom random = new SplittableRandom(7);
        int h = s.dModel();
        int m = s.dState() / 2;
        List<Tensor> t = new ArrayList<>();
        t.add(Tensor.of("model.encoder.weight", new int[] {h, s.inputs()}, uniform(random, h * s.inputs(), 1 / Math.sqrt(s.inputs()))));
        t.add(Tensor.of("model.encoder.bias", new int[] {h}, uniform(random, h, 0.1)));
        for (int i = 0; i < s.layers(); i++) {
            String l = "model.s4_layers." + i + ".";
            double[] logDt = new double[h];
            for (int c = 0; c < h; c++) logDt[c] = Math.log(0.001) + random.nextDouble() * Math.log(100);
            double[] logA = new double[h * m];
            double[] aIm = new double[h * m];
            for (int k = 0; k < h * m; k++) {
                logA[k] = Math.log(0.5);
                aIm[k] = Math.PI * (k % m);
            }
            t.add(Tensor.of(l + "kernel.log_dt", new int[] {h}, logDt));
            t.add(Tensor.of(l + "kernel.log_A_real", new int[] {h, m}, logA));
            t.add(Tensor.of(l + "kernel.A_imag", new int[] {h, m}, aIm));
            t.add(Tensor.of(l + "kernel.C", new int[] {1, h, m, 2}, uniform(random, h * m * 2, 0.7)));
            t.add(Tensor.of(l + "D", new int[] {1, h}, uniform(random, h, 1)));
            t.add(Tensor.of(l + "ln_vth", new int[] {h, 1}, new double[h]));
            t.add(Tensor.of(l + "output_linear.0.weight", new int[] {2 * h, h, 1}, uniform(random, 2 * h * h, 1 / Math.sqrt(h))));
            t.add(Tensor.of(l + "output_linear.0.bias", new int[] {2 * h}, uniform(random, 2 * h, 1 / Math.sqrt(h))));
            double[] ones = new double[h];
            java.util.Arrays.fill(ones, 1);
            t.add(Tensor.of("model.norms." + i + ".weight", new int[] {h}, ones));
            t.add(Tensor.of("model.norms." + i + ".bias", new int[] {h}, new double[h]));
            t.add(Tensor.of("model.norms." + i + ".running_mean", new int[] {h}, new double[h]));
            t.add(Tensor.of("model.norms." + i + ".running_var", new int[] {h}, ones));
        }
        if (s.classes() > 0) {
            t.add(Tensor.of("model.decoder.weight", new int[] {s.classes(), h}, uniform(random, s.classes() * h, 1 / Math.sqrt(h))));
            t.add(Tensor.of("model.decoder.bias", new int[] {s.classes()}, new double[s.classes()]));
        }
        return t;
    }

    static SequenceBatch calibration(ModelGraph graph, int sequences, int steps) {
        SplittableRandom random = new SplittableRandom(11);
        int width = graph.input().width();
        double[] x = new double[sequences * steps * width];
        for (int i = 0; i < x.length; i++) x[i] = random.nextDouble();
        return SequenceBatch.of(Tensor.of("calibration", new int[] {sequences, steps, width}, x), graph.input(), Path.of("synthetic"));
    }

    private static double[] uniform(SplittableRandom random, int n, double bound) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = (2 * random.nextDouble() - 1) * bound;
        return v;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) sum += pool.getPeakUsage().getUsed();
        }
        return sum;
    }
}
