package io.dendra.compiler.frontend;

import io.dendra.compiler.frontend.dnd.DndFrontEnd;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.nio.file.Path;
import java.util.Locale;

/** Loads a model file with the front end its extension names. */
public final class ModelLoader {
    private ModelLoader() {}

    public static ModelGraph load(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".dnd")) return DndFrontEnd.load(file);
        if (name.endsWith(".safetensors")) {
            throw new DendraException(ErrorCode.UNKNOWN_MODEL_FORMAT, Place.file(file), "a checkpoint is not a model file",
                    "import it first: dendra import-spikingssm " + file + " -o model.dnd");
        }
        throw new DendraException(ErrorCode.UNKNOWN_MODEL_FORMAT, Place.file(file), "cannot tell the model format of '" + file.getFileName() + "'", null);
    }
}
