package io.dendra.examples;

import io.dendra.compiler.tensor.DType;
import io.dendra.compiler.tensor.NpyFile;
import io.dendra.compiler.tensor.SafetensorsWriter;
import io.dendra.compiler.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds the bundled {@code lif-chain} example: a plain two-layer LIF network (16 spike inputs, 32
 * hidden, 10 output neurons) with random weights, and Poisson-like spike trains to feed it. It
 * runs on both built-in targets, Loihi 1 included.
 *
 * <p>Usage: {@code LifChainExample OUTPUT_DIR}.
 */
public final class LifChainExample {
    static final int INPUTS = 16;
    static final int HIDDEN = 32;
    static final int OUTPUTS = 10;
    static final int SAMPLES = 4;
    static final int STEPS = 200;
    static final double INPUT_RATE = 0.2;

    private LifChainExample() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "examples/lif-chain");
        Files.createDirectories(out);
        SplittableRandom random = new SplittableRandom(1234);
        SafetensorsWriter.write(out.resolve("weights.safetensors"), List.of(
                weights("hidden.weight", HIDDEN, INPUTS, 0.9, random),
                weights("output.weight", OUTPUTS, HIDDEN, 0.6, random)), Map.of("note", "random weights, seed 1234"));
        double[] spikes = new double[SAMPLES * STEPS * INPUTS];
        for (int i = 0; i < spikes.length; i++) spikes[i] = random.nextDouble() < INPUT_RATE ? 1 : 0;
        NpyFile.write(out.resolve("samples.npy"), new Tensor("samples", DType.F32, new int[] {SAMPLES, STEPS, INPUTS}, spikes));
        System.out.println("wrote " + out + ": weights.safetensors, samples.npy");
    }

    /** Weights uniform in [−scale/2, scale] (biased positive so that the layers fire), as float32. */
    private static Tensor weights(String name, int rows, int cols, double scale, SplittableRandom random) {
        double[] w = new double[rows * cols];
        for (int i = 0; i < w.length; i++) w[i] = (float) ((random.nextDouble() * 1.5 - 0.5) * scale);
        return new Tensor(name, DType.F32, new int[] {rows, cols}, w);
    }
}
