package io.dendra.cli;

import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.compiler.tensor.NpyFile;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads input sequences from a .npy file and checks them against a model's input; or, with
 * {@code --steps N} and no file, one sample of N steps of zero input (a network fed by its biases,
 * as lava-dl runs tinynet and PilotNet LIF).
 */
final class InputFiles {
    private InputFiles() {}

    static SequenceBatch read(Path file, ModelGraph graph) {
        if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".npy")) {
            throw new DendraException(ErrorCode.UNKNOWN_TENSOR_FORMAT, Place.file(file), "inputs are read from .npy files", "save the input with numpy.save");
        }
        return SequenceBatch.of(NpyFile.read(file), graph.input(), file);
    }

    /** Refuses both or neither of --input and --steps. */
    static void requireOne(Path input, Integer steps) {
        if (input != null && steps != null) {
            throw new DendraException(ErrorCode.USAGE, Place.named("--steps"), "--steps runs zero input; --input gives the input and its steps", "give one");
        }
        if (input == null && steps == null) throw new DendraException(ErrorCode.USAGE, Place.named("--input"), "no input", "give --input X.npy, or --steps N");
        if (steps != null && (steps < 1 || steps > 1 << 24)) {
            throw new DendraException(ErrorCode.USAGE, Place.named("--steps"), "--steps must be 1 to 2^24, got " + steps, null);
        }
    }

    /** One unbatched sample of {@code steps} steps of zeros over {@code width} channels. */
    static SequenceBatch zeros(int steps, int width) {
        return new SequenceBatch(false, steps, width, List.of(new double[steps * width]));
    }

    /** What names the input in messages: its file, or the --steps option. */
    static Path label(Path input, Integer steps) {
        return input != null ? input : Path.of("--steps " + steps);
    }
}
