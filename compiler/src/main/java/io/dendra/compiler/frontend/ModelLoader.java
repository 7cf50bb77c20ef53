package io.dendra.compiler.frontend;

import io.dendra.compiler.frontend.dnd.DndFrontEnd;
import io.dendra.compiler.frontend.netx.NetxConverter;
import io.dendra.compiler.frontend.netx.NetxOptions;
import io.dendra.compiler.frontend.nir.NirConverter;
import io.dendra.compiler.frontend.nir.NirGraph;
import io.dendra.compiler.frontend.nir.NirReader;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.nio.file.Path;
import java.util.Locale;

/** Loads a model file with the front end its extension names. */
public final class ModelLoader {
    /**
     * How NIR graphs are read: the time step that discretises their neurons, and whether known
     * exporter quirks with exactly one reading are read (with a note) rather than refused; how a
     * NetX network runs (its reset interval, its input layer's bias).
     */
    public record Options(double dt, boolean lenient, NetxOptions netx) {
        public static final Options DEFAULT = new Options(1e-4, true);

        public Options(double dt, boolean lenient) {
            this(dt, lenient, NetxOptions.NONE);
        }
    }

    private ModelLoader() {}

    public static ModelGraph load(Path file) {
        return load(file, Options.DEFAULT);
    }

    public static ModelGraph load(Path file, Options options) {
        return load(file, options, note -> { });
    }

    /** Loads a model; {@code notes} hears what a lenient reading changed, each once. */
    public static ModelGraph load(Path file, Options options, java.util.function.Consumer<String> notes) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".dnd")) return DndFrontEnd.load(file);
        if (name.endsWith(".nir")) {
            NirGraph nir = NirReader.read(file, options.lenient());
            nir.notes().forEach(notes);
            String model = file.getFileName().toString().replaceAll("\\.nir$", "").replaceAll("[^A-Za-z0-9_]", "_");
            return NirConverter.convert(nir, options.dt(), options.lenient(), model, notes);
        }
        if (name.endsWith(".net")) return NetxConverter.load(file, options.netx());
        if (name.endsWith(".safetensors")) {
            throw new DendraException(ErrorCode.UNKNOWN_MODEL_FORMAT, Place.file(file), "a checkpoint is not a model file",
                    "import it first: dendra import-spikingssm " + file + " -o model.dnd");
        }
        throw new DendraException(ErrorCode.UNKNOWN_MODEL_FORMAT, Place.file(file), "cannot tell the model format of '" + file.getFileName() + "'",
                "give a .dnd model, a .nir graph or a lava-dl NetX .net network");
    }
}
