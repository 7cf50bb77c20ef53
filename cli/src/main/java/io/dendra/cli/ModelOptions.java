package io.dendra.cli;

import io.dendra.compiler.frontend.ModelLoader;
import io.dendra.compiler.frontend.netx.NetxOptions;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.passes.SigmaDeltaEncoding;
import io.dendra.compiler.tensor.NpyFile;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How model files are read ({@code --dt}, {@code --strict} for NIR graphs; {@code --reset-interval},
 * {@code --reset-offset}, {@code --input-bias} for NetX networks), shared by every command that loads one. Known NIR exporter quirks with exactly one reading are read by default, each with
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

    @Option(names = "--reset-interval", paramLabel = "N", defaultValue = "0",
            description = "NetX networks: reset every neuron layer's u and v every N steps, layer k at Lava's steps T with T mod N = offset + 1 + k,"
                    + " as lava-dl's netx.hdf5.Network(reset_interval=N) (default: never)")
    int resetInterval;

    @Option(names = "--reset-offset", paramLabel = "K", defaultValue = "0", description = "NetX networks: the reset's phase (netx's reset_offset; default: 0)")
    int resetOffset;

    @Option(names = "--input-bias", paramLabel = "X.npy",
            description = "NetX networks: the input layer's bias mantissa per neuron, (C, H, W) or Lava's (W, H, C): how lava-dl feeds PilotNet and tinynet an image")
    Path inputBias;

    @Option(names = "--spike-exp", paramLabel = "N", defaultValue = "6",
            description = "NetX sigma-delta networks: the fraction bits of graded messages, netx's spike_exp (default: ${DEFAULT-VALUE})")
    int spikeExp;

    @Option(names = "--sigma-delta", paramLabel = "T|LAYER=T",
            description = "send every GLU's and residual sum's output (but the model's output) as sigma-delta changes of at least T (model units):"
                    + " the model and its reference hold each value until it changes by T, the chip sends only those changes (targets with formats.sigma_delta);"
                    + " LAYER=T sets one layer's threshold (0: that layer sends values); repeatable")
    List<String> sigmaDelta = new java.util.ArrayList<>();

    private final java.util.Set<String> said = new java.util.HashSet<>();

    ModelLoader.Options options() {
        if (!(dt > 0) || Double.isInfinite(dt)) throw new DendraException(ErrorCode.USAGE, Place.named("--dt"), "--dt must be a positive time in seconds", null);
        if (strict && lenient) throw new DendraException(ErrorCode.USAGE, Place.named("--strict"), "--strict and --lenient contradict each other", "give one");
        if (resetInterval < 0) throw new DendraException(ErrorCode.USAGE, Place.named("--reset-interval"), "--reset-interval must be 0 (never) or more", null);
        if (spikeExp < 0 || spikeExp > 12) throw new DendraException(ErrorCode.USAGE, Place.named("--spike-exp"), "--spike-exp must be 0 to 12", null);
        Tensor bias = inputBias == null ? null : NpyFile.read(inputBias);
        return new ModelLoader.Options(dt, !strict, new NetxOptions(resetInterval, resetOffset, bias, spikeExp));
    }

    /**
     * Loads a model; what a lenient reading changed goes to {@code out} (standard output: standard
     * error keeps to the one line of an error) as one note line each, once.
     */
    ModelGraph load(Path model, java.io.PrintWriter out) {
        ModelGraph graph = ModelLoader.load(model, options(), note -> {
            if (said.add(model + note)) {
                out.println("note: " + model + ": " + note);
                out.flush();
            }
        });
        if (sigmaDelta.isEmpty()) return graph;
        double all = 0;
        java.util.Map<String, Double> perLayer = new java.util.LinkedHashMap<>();
        for (String spec : sigmaDelta) {
            int eq = spec.lastIndexOf('=');
            double t = threshold(eq < 0 ? spec : spec.substring(eq + 1), spec);
            if (eq < 0) all = t;
            else perLayer.put(spec.substring(0, eq), t);
        }
        return SigmaDeltaEncoding.apply(graph, all, perLayer);
    }

    private static double threshold(String text, String spec) {
        double t;
        try {
            t = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            t = Double.NaN;
        }
        if (!(t >= 0) || Double.isInfinite(t)) {
            throw new DendraException(ErrorCode.USAGE, Place.named("--sigma-delta"), "--sigma-delta takes T or LAYER=T with T a threshold of 0 or more,"
                    + " got '" + spec + "'", "for example --sigma-delta 0.3 --sigma-delta h.1=1");
        }
        return t;
    }
}
