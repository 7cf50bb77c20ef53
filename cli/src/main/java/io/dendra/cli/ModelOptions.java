package io.dendra.cli;

import io.dendra.compiler.frontend.ModelLoader;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How model files are read ({@code --dt}, {@code --lenient} for NIR graphs), shared by every command that loads one. */
final class ModelOptions {
    @Option(names = "--dt", paramLabel = "SECONDS", defaultValue = "1e-4",
            description = "time step that discretises NIR neurons (default: ${DEFAULT-VALUE} s, as in the NIR paper)")
    double dt;

    @Option(names = "--lenient", description = "read known NIR exporter quirks (edge names that are a prefix of a node's, Output axes of size 1)")
    boolean lenient;

    ModelLoader.Options options() {
        if (!(dt > 0) || Double.isInfinite(dt)) throw new DendraException(ErrorCode.USAGE, Place.named("--dt"), "--dt must be a positive time in seconds", null);
        return new ModelLoader.Options(dt, lenient);
    }

    ModelGraph load(Path model) {
        return ModelLoader.load(model, options());
    }
}
