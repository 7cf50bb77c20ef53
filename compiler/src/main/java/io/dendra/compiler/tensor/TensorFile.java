package io.dendra.compiler.tensor;

import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import io.dendra.diagnostics.Suggestions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A file of named tensors (safetensors, .npz, or a single .npy) whose tensors are read on demand. */
public interface TensorFile {

    Path path();

    /** The tensor names in file order. */
    List<String> names();

    Optional<TensorInfo> info(String name);

    /** Reads one tensor; the name must be one of {@link #names()}. */
    Tensor read(String name);

    default boolean contains(String name) {
        return info(name).isPresent();
    }

    /** Reads a tensor or fails with {@link ErrorCode#MISSING_TENSOR} naming the file. */
    default Tensor require(String name) {
        if (!contains(name)) {
            throw new DendraException(ErrorCode.MISSING_TENSOR, Place.item(path(), "tensor", name),
                    "no tensor named '" + name + "' in " + path(),
                    Suggestions.didYouMean(name, names()));
        }
        return read(name);
    }

    /** Opens a tensor file by its extension: .safetensors, .npy, .npz, or a PyTorch checkpoint (.ckpt, .pt, .pth, .bin). */
    static TensorFile open(Path path) {
        String file = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (file.endsWith(".safetensors")) return SafetensorsFile.open(path);
        if (file.endsWith(".npz")) return NpzFile.open(path);
        if (file.endsWith(".npy")) return NpyFile.open(path);
        if (TorchCheckpointFile.isCheckpointName(file)) return TorchCheckpointFile.open(path);
        throw new DendraException(ErrorCode.UNKNOWN_TENSOR_FORMAT, Place.file(path),
                "cannot tell the tensor format of '" + path.getFileName() + "'", null);
    }
}
