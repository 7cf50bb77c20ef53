package io.dendra.compiler.frontend.dnd;

import io.dendra.compiler.graph.ModelGraph;
import io.dendra.diagnostics.TextFiles;
import java.nio.file.Path;

/** Reads a model file in the Dendra model language into a checked {@link ModelGraph}. */
public final class DndFrontEnd {
    private DndFrontEnd() {}

    public static ModelGraph load(Path file) {
        return parse(TextFiles.read(file, "model file"), file);
    }

    /** Parses model text; {@code file} names it in diagnostics and anchors relative tensor paths. */
    public static ModelGraph parse(String text, Path file) {
        return new Elaborator(file).elaborate(DndParsing.parse(text, file));
    }
}
