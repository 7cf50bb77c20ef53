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
import java.util.Map;

/**
 * How the simulator's cost grows: SpikingSSMs of 2 layers, N 64, for H from 64 to 1024 on loihi2,
 * and the same H = 256 model with its inputs scaled to change the spike rate. Prints, per case, the
 * time per simulated step and the events per step (synaptic ops plus neuron-program ops), and the
 * time per event: constant time per event is cost linear in events, not in neurons × synapses.
 *
 * <p>Usage: {@code ScalingBenchmark}; run by {@code benchmarks/scaling.sh}.
 */
public final class ScalingBenchmark {
    private static final int STEPS = 64;

    private ScalingBenchmark() {}

    public static void main(String[] args) throws Exception {
        Target target = Targets.builtIn("loihi2");
        measure(null, model(128), 1.0, target); // JIT warm-up, not printed
        System.out.printf("%-22s %7s %8s %12s %12s %10s %12s%n", "case", "cores", "rate", "synops/step", "events/step", "us/step", "ns/event");
        for (int h : new int[] {64, 128, 256, 512, 1024}) measure("H " + h, model(h), 1.0, target);
        ModelGraph graph = model(256);
        for (double scale : new double[] {0.25, 1, 4}) measure("H 256, input x" + scale, graph, scale, target);
    }

    private static ModelGraph model(int h) throws Exception {
        Path dir = Files.createTempDirectory("dendra-scaling");
        Path ckpt = dir.resolve("m.safetensors");
        CompileBenchmark.Shape shape = new CompileBenchmark.Shape("h" + h, 2, h, 64, 1, 10, 0);
        SafetensorsWriter.write(ckpt, CompileBenchmark.checkpoint(shape), Map.of());
        return CompileBenchmark.importModel(ckpt, dir, "h" + h);
    }

    private static void measure(String name, ModelGraph graph, double inputScale, Target target) {
        SequenceBatch batch = CompileBenchmark.calibration(graph, 2, STEPS);
        double[] sample = batch.samples().get(0).clone();
        for (int i = 0; i < sample.length; i++) sample[i] *= inputScale;
        ChipImage image = Compiler.compile(graph, target, batch, null).image();
        ChipSimulator sim = new ChipSimulator(image, target);
        for (int warm = 0; warm < 5; warm++) sim.run(sample, STEPS, false);
        int repeats = 10;
        long start = System.nanoTime();
        Counters counts = null;
        for (int r = 0; r < repeats; r++) counts = sim.run(sample, STEPS, false).counters();
        double usPerStep = (System.nanoTime() - start) / 1e3 / repeats / counts.steps();
        double synops = (double) (counts.synopsBinary() + counts.synopsGraded()) / counts.steps();
        double events = synops + (double) counts.neuronOps() / counts.steps();
        double rate = spikeRate(sim, counts, image, STEPS);
        if (name == null) return;
        System.out.printf("%-22s %7d %7.1f%% %12.0f %12.0f %10.1f %12.2f%n", name, image.cores().size(), 100 * rate, synops, events, usPerStep,
                usPerStep * 1e3 / events);
    }

    /** The spike rate of the ssm layers. */
    private static double spikeRate(ChipSimulator sim, Counters counts, ChipImage image, int steps) {
        long spikes = 0;
        long neurons = 0;
        for (var core : image.cores()) {
            if (core.neurons().program() != io.dendra.ir.NeuronProgram.SSM) continue;
            spikes += counts.sends(core.id());
            neurons += core.neurons().count();
        }
        return neurons == 0 ? 0 : (double) spikes / ((double) neurons * steps);
    }
}
