package io.dendra.cli;

import io.dendra.compiler.frontend.ModelLoader;
import io.dendra.compiler.frontend.netx.NetxOptions;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.passes.SigmaDeltaEncoding;
import io.dendra.compiler.reference.SequenceBatch;
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

    @Option(names = "--sigma-delta-budget", paramLabel = "E", defaultValue = "0.01",
            description = "with --sigma-delta auto: the largest change of the model's output the thresholds may cause on the calibration sequences,"
                    + " relative (default: ${DEFAULT-VALUE})")
    double sigmaDeltaBudget;

    @Option(names = "--sigma-delta-cumulative", description = "sigma-delta with cumulative error (Lava's cum_error): a neuron sends once the"
            + " differences it has not sent add up to the threshold, so a small lasting difference is sent too")
    boolean sigmaDeltaCumulative;

    /** What --sigma-delta auto chose, once per command, so that a compared model is read with the same thresholds. */
    private SigmaDeltaEncoding.Choice chosen;

    @Option(names = "--sigma-delta", paramLabel = "T|LAYER=T|auto",
            description = "send every GLU's and residual sum's output (but the model's output) as sigma-delta changes of at least T (model units):"
                    + " the model and its reference hold each value until it changes by T, the chip sends only those changes (targets with formats.sigma_delta);"
                    + " LAYER=T sets one layer's threshold (0: that layer sends values); repeatable; auto: each layer's threshold chosen on the"
                    + " calibration sequences within --sigma-delta-budget (compile, run)")
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
        if (sigmaDelta.contains("auto")) {
            if (chosen == null) return graph; // encoded by withAutoSigmaDelta once the calibration sequences are known
            return SigmaDeltaEncoding.apply(graph, 0, chosen.thresholds(), sigmaDeltaCumulative);
        }
        double all = 0;
        java.util.Map<String, Double> perLayer = new java.util.LinkedHashMap<>();
        for (String spec : sigmaDelta) {
            int eq = spec.lastIndexOf('=');
            double t = threshold(eq < 0 ? spec : spec.substring(eq + 1), spec);
            if (eq < 0) all = t;
            else perLayer.put(spec.substring(0, eq), t);
        }
        return SigmaDeltaEncoding.apply(graph, all, perLayer, sigmaDeltaCumulative);
    }

    /**
     * With {@code --sigma-delta auto}: the graph with each layer's threshold chosen on the calibration
     * sequences (once per command; printed, so that a reference run can be given the same thresholds);
     * any other graph as it is.
     */
    ModelGraph withAutoSigmaDelta(ModelGraph graph, SequenceBatch calibration, java.io.PrintWriter out) {
        if (!sigmaDelta.contains("auto")) return graph;
        if (sigmaDelta.size() > 1) {
            throw new DendraException(ErrorCode.USAGE, Place.named("--sigma-delta"), "--sigma-delta auto chooses every layer's threshold; it takes no other",
                    "give auto alone, or the thresholds themselves");
        }
        if (!(sigmaDeltaBudget > 0) || Double.isInfinite(sigmaDeltaBudget)) {
            throw new DendraException(ErrorCode.USAGE, Place.named("--sigma-delta-budget"), "--sigma-delta-budget must be a positive fraction", null);
        }
        if (chosen == null) {
            chosen = SigmaDeltaEncoding.auto(graph, calibration, sigmaDeltaBudget);
            StringBuilder line = new StringBuilder("sigma-delta thresholds chosen on the calibration sequences (output error at most "
                    + String.format(java.util.Locale.ROOT, "%.3g", sigmaDeltaBudget) + "):");
            chosen.thresholds().forEach((layer, t) -> line.append(String.format(java.util.Locale.ROOT, " --sigma-delta %s=%.4g", layer, t)));
            double last = chosen.outputError().values().stream().reduce((a, b) -> b).orElse(0.0);
            line.append(String.format(java.util.Locale.ROOT, " (output error %.3g)", last));
            out.println(line);
            out.flush();
        }
        return SigmaDeltaEncoding.apply(graph, 0, chosen.thresholds(), sigmaDeltaCumulative);
    }

    /** Refuses --sigma-delta auto where no calibration sequences choose the thresholds. */
    void refuseAutoSigmaDelta(String command) {
        if (sigmaDelta.contains("auto") && chosen == null) {
            throw new DendraException(ErrorCode.USAGE, Place.named("--sigma-delta"), "--sigma-delta auto chooses thresholds on calibration sequences, which "
                    + command + " does not have", "give the thresholds 'dendra compile … --sigma-delta auto' printed");
        }
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
