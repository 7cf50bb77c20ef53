package io.dendra.targets;

import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import io.dendra.diagnostics.TextFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The built-in targets, shipped as resources, and loading a target by built-in name or file path. */
public final class Targets {
    /** The built-in target names, in the order {@code dendra targets} lists them. */
    public static final List<String> BUILT_IN = List.of("loihi1", "loihi1_sanafe", "loihi2");

    private Targets() {}

    /** A built-in name ({@code loihi2}) or the path of a {@code .target} file. */
    public static Target load(String nameOrPath) {
        if (BUILT_IN.contains(nameOrPath)) return builtIn(nameOrPath);
        Path path = Path.of(nameOrPath);
        if (!Files.isRegularFile(path)) {
            throw new DendraException(ErrorCode.UNKNOWN_TARGET, Place.named("target"), "'" + nameOrPath
                    + "' is neither a built-in target nor a target file", "built-in targets: " + String.join(", ", BUILT_IN));
        }
        return TargetReader.parse(TextFiles.read(path, "target file"), path);
    }

    public static Target builtIn(String name) {
        return TargetReader.parse(builtInText(name), Path.of(name + ".target"));
    }

    /** The text of a built-in target, as shipped. */
    public static String builtInText(String name) {
        try (InputStream in = Targets.class.getResourceAsStream(name + ".target")) {
            if (in == null) throw new IllegalArgumentException("no built-in target " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
