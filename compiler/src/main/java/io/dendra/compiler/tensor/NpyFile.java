package io.dendra.compiler.tensor;

import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A single {@code .npy} array seen as a tensor file with one tensor, named after the file without its extension. */
public final class NpyFile implements TensorFile {
    private final Path path;
    private final Tensor tensor;

    private NpyFile(Path path, Tensor tensor) {
        this.path = path;
        this.tensor = tensor;
    }

    public static NpyFile open(Path path) {
        return new NpyFile(path, read(path));
    }

    /** Reads the array of a .npy file. */
    public static Tensor read(Path path) {
        SafetensorsFile.requireReadable(path);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw SafetensorsFile.unreadable(path, e);
        }
        return NpyFormat.parse(bytes, stem(path), Place.file(path));
    }

    public static void write(Path path, Tensor tensor) {
        try {
            Files.write(path, NpyFormat.encode(tensor));
        } catch (IOException e) {
            throw new DendraException(ErrorCode.CANNOT_WRITE, Place.file(path), "cannot write " + path + ": " + e.getMessage(), null);
        }
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public List<String> names() {
        return List.of(tensor.name());
    }

    @Override
    public Optional<TensorInfo> info(String name) {
        return name.equals(tensor.name()) ? Optional.of(new TensorInfo(name, tensor.dtype(), tensor.shape())) : Optional.empty();
    }

    @Override
    public Tensor read(String name) {
        return name.equals(tensor.name()) ? tensor : require(name);
    }

    private static String stem(Path path) {
        String file = path.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}
