package io.dendra.benchmarks;

import io.dendra.compiler.Compiler;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.compiler.tensor.SafetensorsWriter;
import io.dendra.ir.ChipImage;
import io.dendra.simulator.ChipSimulator;
import io.dendra.simulator.Counters;
import io.dendra.targets.Target;
import io.dendra.targets.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
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
 * How the simulator's cost grows (JMH): a SpikingSSM of 2 layers, N 64, S4D-initialised, compiled
 * for loihi2, simulated for 64 steps per operation, for H from 64 to 1024 ({@code h}) and with its
 * input scaled to change the spike rate ({@code scale}). The score is the time per simulated step;
 * after each case the fork prints the run's synaptic ops and events (synaptic plus neuron-program
 * ops) per step and the time per event (score / events): constant time per event is cost linear in
 * events, not in neurons × synapses.
 *
 * <p>Run by {@code benchmarks/scaling.sh} (the size sweep at scale 1, then H 256 at three rates).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Benchmark)
public class ScalingBenchmark {
    private static final int STEPS = 64;

    @Param({"64", "256", "1024"})
    public int h;

    @Param({"1"})
    public double scale;

    private ChipSimulator simulator;
    private double[] sample;
    private Counters last;

    @Setup(Level.Trial)
    public void compile() throws Exception {
        Target target = Targets.builtIn("loihi2");
        ModelGraph graph = model(h);
        SequenceBatch batch = CompileBenchmark.calibration(graph, 2, STEPS);
        sample = batch.samples().get(0).clone();
        for (int i = 0; i < sample.length; i++) sample[i] *= scale;
        ChipImage image = Compiler.compile(graph, target, batch, null).image();
        simulator = new ChipSimulator(image, target);
    }

    /** One operation: {@value #STEPS} steps; the score divides by them. */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(STEPS)
    public Counters simulate() {
        return last = simulator.run(sample, STEPS, false).counters();
    }

    /** The counts of one run, which are the same for every run of the case. */
    @TearDown(Level.Trial)
    public void describe() {
        double synops = (double) (last.synopsBinary() + last.synopsGraded()) / STEPS;
        double events = synops + (double) last.neuronOps() / STEPS;
        System.out.printf(Locale.ROOT, "%nH %d, input x%s: %d cores, %.0f synaptic ops and %.0f events per step%n", h, scale, simulator.image().cores().size(),
                synops, events);
    }

    private static ModelGraph model(int h) throws Exception {
        Path dir = Files.createTempDirectory("dendra-scaling");
        Path ckpt = dir.resolve("m.safetensors");
        CompileBenchmark.Shape shape = new CompileBenchmark.Shape("h" + h, 2, h, 64, 1, 10, 0);
        SafetensorsWriter.write(ckpt, CompileBenchmark.checkpoint(shape), Map.of());
        return CompileBenchmark.importModel(ckpt, dir, "h" + h);
    }
}
