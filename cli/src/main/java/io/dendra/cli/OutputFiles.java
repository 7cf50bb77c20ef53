package io.dendra.cli;

import io.dendra.compiler.tensor.NpyFile;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes command outputs, creating their folders first. */
final class OutputFiles {
    private OutputFiles() {}

    static void writeNpy(Path file, Tensor tensor) {
        createParent(file);
        NpyFile.write(file, tensor);
    }

    static void writeText(Path file, String text) {
        createParent(file);
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DendraException(ErrorCode.CANNOT_WRITE, Place.file(file), "cannot write " + file + ": " + e.getMessage(), null);
        }
    }

    static void createParent(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new DendraException(ErrorCode.CANNOT_WRITE, Place.file(file), "cannot create folder " + parent + ": " + e.getMessage(), null);
        }
    }
}
