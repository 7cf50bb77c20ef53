package io.dendra.benchmarks;

import io.dendra.compiler.tensor.SafetensorsWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the S4D-initialised SpikingSSM checkpoint of the sMNIST shape (2 layers, H 400, N 64, one
 * input channel, 10 classes) that {@code benchmarks/smnist.sh} imports, compiles and runs as a user
 * does. Usage: {@code java -cp benchmarks.jar io.dendra.benchmarks.SmnistCheckpoint OUT.safetensors}.
 */
public final class SmnistCheckpoint {
    private SmnistCheckpoint() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: SmnistCheckpoint OUT.safetensors");
            System.exit(2);
        }
        SafetensorsWriter.write(Path.of(args[0]), CompileBenchmark.checkpoint(CompileBenchmark.SHAPES.get(0)), Map.of());
    }
}
