package io.dendra.cli;

import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.compiler.tensor.NpyFile;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.nio.file.Path;

/** Reads input sequences from a .npy file and checks them against a model's input. */
final class InputFiles {
    private InputFiles() {}

    static SequenceBatch read(Path file, ModelGraph graph) {
        if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".npy")) {
            throw new DendraException(ErrorCode.UNKNOWN_TENSOR_FORMAT, Place.file(file), "inputs are read from .npy files", "save the input with numpy.save");
        }
        return SequenceBatch.of(NpyFile.read(file), graph.input(), file);
    }
}
