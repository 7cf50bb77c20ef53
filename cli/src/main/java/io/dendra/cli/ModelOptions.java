package io.dendra.cli;

import io.dendra.compiler.frontend.ModelLoader;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How model files are read ({@code --dt}, {@code --strict} for NIR graphs), shared by every command
 * that loads one. Known NIR exporter quirks with exactly one reading are read by default, each with
 * one note line on standard output (once per run, however many times the file is loaded);
 * {@code --strict} refuses them.
 */
final class ModelOptions {
    @Option(names = "--dt", paramLabel = "SECONDS", defaultValue = "1e-4",
            description = "time step that discretises NIR neurons (default: ${DEFAULT-VALUE} s, as in the NIR paper)")
    double dt;

    @Option(names = "--strict", description = "refuse known NIR exporter quirks (edge names that are a prefix of one node's, Output axes of size 1),"
            + " which are otherwise read with a note")
    boolean strict;

    /** The default since quirks are read by default; kept so that earlier scripts run. */
    @Option(names = "--lenient", hidden = true)
    boolean lenient;

    private final java.util.Set<String> said = new java.util.HashSet<>();

    ModelLoader.Options options() {
        if (!(dt > 0) || Double.isInfinite(dt)) throw new DendraException(ErrorCode.USAGE, Place.named("--dt"), "--dt must be a positive time in seconds", null);
        if (strict && lenient) throw new DendraException(ErrorCode.USAGE, Place.named("--strict"), "--strict and --lenient contradict each other", "give one");
        return new ModelLoader.Options(dt, !strict);
    }

    /**
     * Loads a model; what a lenient reading changed goes to {@code out} (standard output: standard
     * error keeps to the one line of an error) as one note line each, once.
     */
    ModelGraph load(Path model, java.io.PrintWriter out) {
        return ModelLoader.load(model, options(), note -> {
            if (said.add(model + note)) {
                out.println("note: " + model + ": " + note);
                out.flush();
            }
        });
    }
}
