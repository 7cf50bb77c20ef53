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
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Compiles SpikingSSMs of the papers' shapes for loihi2 the way a user does — checkpoint, import,
 * compile with 4 calibration sequences of 128 steps — as a JMH single-shot benchmark: each
 * measurement is one whole compile in a fresh iteration. Shapes ({@code shape}): {@code smnist}
 * (2 layers, H 400, N 64; goal under 2 s) and {@code wikitext} (a WikiText-103-sized backbone: 16
 * layers, H 1024, N 64, embedded tokens fed as 1024-wide vectors; goal under 30 s). After each
 * compile the fork prints the image's size and the peak heap of that compile.
 *
 * <p>Run by {@code benchmarks/compile.sh [smnist|wikitext]}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx16g", "--add-modules=jdk.incubator.vector"})
@State(Scope.Benchmark)
public class CompileBenchmark {
    record Shape(String name, int layers, int dModel, int dState, int inputs, int classes, double goalSeconds) {}

    static final List<Shape> SHAPES = List.of(new Shape("smnist", 2, 400, 64, 1, 10, 2), new Shape("wikitext", 16, 1024, 64, 1024, 0, 30));

    @Param({"smnist", "wikitext"})
    public String shape;

    private Path dir;
    private Path checkpoint;
    private Compiler.Result result;

    @Setup(Level.Trial)
    public void writeCheckpoint() throws Exception {
        Shape s = SHAPES.stream().filter(x -> x.name().equals(shape)).findFirst().orElseThrow();
        dir = Files.createTempDirectory("dendra-bench");
        checkpoint = dir.resolve(shape + ".safetensors");
        SafetensorsWriter.write(checkpoint, checkpoint(s), Map.of());
    }

    @Setup(Level.Iteration)
    public void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
    }

    /** Import and compile, as {@code dendra import-spikingssm} then {@code dendra compile}. */
    @Benchmark
    public Compiler.Result compile() throws Exception {
        ModelGraph graph = importModel(checkpoint, dir, shape);
        return result = Compiler.compile(graph, Targets.builtIn("loihi2"), calibration(graph, 4, 128), null);
    }

    @TearDown(Level.Iteration)
    public void describe() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        System.out.printf(Locale.ROOT, "%n%s: %d cores on %d chip(s), %,d synapses; peak heap %,.0f MiB%n", shape, result.image().cores().size(), result.image().chips(),
                result.image().synapses(), peak / 1048576.0);
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
}
