package io.dendra.diagnostics;

import java.nio.file.Path;

/** Where a diagnostic points: a source position, or a file with an optional item inside it (a tensor, a node). */
public record Place(String file, int line, int column, String item) {

    public static Place at(Path file, int line, int column) {
        return new Place(display(file), line, column, null);
    }

    public static Place file(Path file) {
        return new Place(display(file), 0, 0, null);
    }

    /** A named item inside a file, for example a tensor inside a safetensors file. */
    public static Place item(Path file, String kind, String name) {
        return new Place(file == null ? null : display(file), 0, 0, kind + " '" + name + "'");
    }

    /** A place that is not a file, for example a command-line option. */
    public static Place named(String what) {
        return new Place(null, 0, 0, what);
    }

    public Place withItem(String kind, String name) {
        return new Place(file, line, column, kind + " '" + name + "'");
    }

    private static String display(Path file) {
        return file.toString();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (file != null) {
            s.append(file);
            if (line > 0) s.append(':').append(line).append(':').append(column);
        }
        if (item != null) {
            if (!s.isEmpty()) s.append(": ");
            s.append(item);
        }
        return s.toString();
    }
}
