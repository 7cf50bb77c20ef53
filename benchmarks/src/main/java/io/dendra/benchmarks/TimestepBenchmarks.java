package io.dendra.benchmarks;

import io.dendra.compiler.Compiler;
import io.dendra.compiler.frontend.ModelLoader;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.compiler.tensor.NpyFile;
import io.dendra.ir.ChipImage;
import io.dendra.simulator.ChipSimulator;
import io.dendra.targets.Target;
import io.dendra.targets.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One simulated timestep of a whole model on loihi2, with full cycle and energy accounting: the
 * bundled Fashion-MNIST SpikingSSM and an sMNIST-shaped one (2 layers, H 400, N 64). Each
 * invocation simulates one sample of {@value #STEPS} steps on the benchmark's thread (run with
 * {@code -t 2} for two threads, each its own samples, as a batch runs); results are per step.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class TimestepBenchmarks {
    static final int STEPS = 128;

    @State(Scope.Benchmark)
    public static class Model {
        @Param({"fmnist", "smnist"})
        String model;

        ChipSimulator simulator;
        double[] sample;

        @Setup
        public void build() throws Exception {
            Target target = Targets.builtIn("loihi2");
            ModelGraph graph;
            SequenceBatch batch;
            if (model.equals("fmnist")) {
                Path root = Path.of(System.getProperty("dendra.root", "."));
                graph = ModelLoader.load(root.resolve("examples/fmnist-ssm/model.dnd"));
                batch = SequenceBatch.of(NpyFile.read(root.resolve("examples/fmnist-ssm/samples.npy")), graph.input(), root);
            } else {
                Path dir = Files.createTempDirectory("dendra-timestep");
                Path ckpt = dir.resolve("smnist.safetensors");
                io.dendra.compiler.tensor.SafetensorsWriter.write(ckpt, CompileBenchmark.checkpoint(CompileBenchmark.SHAPES.get(0)), Map.of());
                graph = CompileBenchmark.importModel(ckpt, dir, "smnist");
                batch = CompileBenchmark.calibration(graph, 2, STEPS);
            }
            ChipImage image = Compiler.compile(graph, target, batch, null).image();
            simulator = new ChipSimulator(image, target);
            sample = java.util.Arrays.copyOf(batch.samples().get(0), STEPS * graph.input().width());
        }
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public void timestep(Model m, Blackhole bh) {
        io.dendra.simulator.SampleResult run = m.simulator.run(m.sample, STEPS, false);
        bh.consume(run.output());
        bh.consume(run.counters().synopsGraded());
    }
}
