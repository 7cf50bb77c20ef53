package io.dendra.compiler.frontend.dnd;

import io.dendra.compiler.graph.ModelGraph;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a model file in the Dendra model language into a checked {@link ModelGraph}. */
public final class DndFrontEnd {
    private DndFrontEnd() {}

    public static ModelGraph load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DendraException(ErrorCode.FILE_NOT_READABLE, Place.file(file), "model file " + file + " not found", null);
        } catch (IOException e) {
            throw new DendraException(ErrorCode.FILE_NOT_READABLE, Place.file(file), "cannot read model file " + file + ": " + e.getMessage(), null);
        }
        return parse(text, file);
    }

    /** Parses model text; {@code file} names it in diagnostics and anchors relative tensor paths. */
    public static ModelGraph parse(String text, Path file) {
        return new Elaborator(file).elaborate(DndParsing.parse(text, file));
    }
}
