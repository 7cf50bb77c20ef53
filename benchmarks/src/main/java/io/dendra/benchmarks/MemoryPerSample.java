package io.dendra.benchmarks;

import io.dendra.compiler.Compiler;
import io.dendra.compiler.frontend.ModelLoader;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.compiler.tensor.NpyFile;
import io.dendra.ir.ChipImage;
import io.dendra.simulator.Simulation;
import io.dendra.targets.Target;
import io.dendra.targets.Targets;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Memory per sample in flight: the bundled SpikingSSM (loihi2) run on {@code N} one-step samples
 * (one input array shared by all, so inputs cost nothing) on 1 and 2 threads, with the heap in use
 * after a full collection measured as samples finish. Memory that grows with the number of samples
 * beyond each one's output (10 doubles, kept for {@code output.npy}) would show as a slope above
 * that; a simulator that kept each sample's working state would show hundreds of KiB per sample.
 * Usage: {@code benchmarks/memory.sh [N]} (default 20,000).
 */
public final class MemoryPerSample {
    private MemoryPerSample() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path root = Path.of(System.getProperty("dendra.root", "."));
        Path example = root.resolve("examples/fmnist-ssm");
        ModelGraph graph = ModelLoader.load(example.resolve("model.dnd"));
        SequenceBatch calibration = SequenceBatch.of(NpyFile.read(example.resolve("calibration.npy")), graph.input(), example);
        Target target = Targets.builtIn("loihi2");
        ChipImage image = Compiler.compile(graph, target, calibration, null).image();
        double[] oneStep = Arrays.copyOf(calibration.samples().get(0), graph.input().width());
        List<double[]> samples = Collections.nCopies(n, oneStep);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.out.printf(Locale.ROOT, "bundled SpikingSSM on loihi2 (%d cores), %,d one-step samples; heap in use after a full collection:%n", image.cores().size(), n);
        for (int threads : new int[] {1, 2}) {
            long[] heap = new long[5];
            int[] at = {0, n / 4, n / 2, 3 * n / 4, n - 1};
            long started = System.nanoTime();
            Simulation.run(new io.dendra.simulator.ChipSimulator(image, target), samples, 1, threads, false, 0, null, (sample, result) -> {
                for (int k = 0; k < at.length; k++) {
                    if (sample == at[k]) {
                        System.gc();
                        heap[k] = memory.getHeapMemoryUsage().getUsed();
                    }
                }
            }, null);
            double seconds = (System.nanoTime() - started) / 1e9;
            double slope = (heap[4] - heap[1]) / (double) (at[4] - at[1]);
            System.out.printf(Locale.ROOT, "  %d thread(s): %s MiB at samples %s; %.0f bytes per sample from sample %,d on (an output of 10 doubles and its list slot: about %d); %.1f s%n",
                    threads, Arrays.toString(Arrays.stream(heap).mapToObj(h -> String.format(Locale.ROOT, "%.1f", h / 1048576.0)).toArray()),
                    Arrays.toString(at), slope, at[1], 16 + 10 * 8 + 8, seconds);
        }
    }
}
