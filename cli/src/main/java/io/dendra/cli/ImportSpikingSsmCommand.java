package io.dendra.cli;

import io.dendra.compiler.frontend.ModelLoader;
import io.dendra.compiler.frontend.spikingssm.SpikingSsmCheckpoint;
import io.dendra.compiler.frontend.spikingssm.SpikingSsmModelWriter;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.tensor.SafetensorsFile;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dendra import-spikingssm CKPT}: writes a model file for a SpikingSSM checkpoint (DESIGN §4.3). */
@Command(name = "import-spikingssm", mixinStandardHelpOptions = true,
        description = {"Infer a SpikingSSM's architecture from its checkpoint (safetensors, names of DESIGN section 4.3)",
                "and write a model file that binds every parameter to the checkpoint.",
                "--tau 0 --threshold 0 imports a Binary S4D (Stan & Rhodes 2024)."})
final class ImportSpikingSsmCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CKPT.safetensors", description = "the checkpoint")
    Path checkpoint;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "model.", description = "prefix of every tensor name (default: ${DEFAULT-VALUE})")
    String prefix;

    @Option(names = "--prenorm", description = "the norm comes before each layer (default: after)")
    boolean prenorm;

    @Option(names = "--norm", paramLabel = "none|layer|batch", description = "the layers' norm (default: inferred from the tensor names)")
    String norm;

    @Option(names = "--encoder", paramLabel = "linear|embedding", description = "the encoder kind, when its shape cannot tell (default: inferred)")
    String encoder;

    @Option(names = "--tau", defaultValue = "0.125", description = "LIF soma decay per step (default: ${DEFAULT-VALUE})")
    double tau;

    @Option(names = "--threshold", defaultValue = "1", description = "LIF soma threshold after the exp(ln_vth) scale (default: ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = {"-o", "--output"}, paramLabel = "MODEL.dnd", description = "model file to write (default: beside the checkpoint)")
    Path output;

    @Option(names = "--name", defaultValue = "spikingssm", description = "the model's name (default: ${DEFAULT-VALUE})")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!(tau >= 0 && tau <= 1)) throw usage("--tau", "--tau must lie in [0, 1] (the decay factor per step), got " + tau);
        if (!Double.isFinite(threshold)) throw usage("--threshold", "--threshold must be finite");
        if (!name.matches("[a-zA-Z_][a-zA-Z_0-9]*")) throw usage("--name", "--name must be an identifier, got '" + name + "'");
        SpikingSsmCheckpoint.Norm normChoice = norm == null ? null : SpikingSsmCheckpoint.Norm.parse(norm.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> usage("--norm", "--norm takes none, layer or batch, got '" + norm + "'"));
        SpikingSsmCheckpoint.Encoder encoderChoice = null;
        if (encoder != null) {
            switch (encoder.toLowerCase(Locale.ROOT)) {
                case "linear" -> encoderChoice = SpikingSsmCheckpoint.Encoder.LINEAR;
                case "embedding" -> encoderChoice = SpikingSsmCheckpoint.Encoder.EMBEDDING;
                default -> throw usage("--encoder", "--encoder takes linear or embedding, got '" + encoder + "'");
            }
        }
        SpikingSsmCheckpoint ckpt = SpikingSsmCheckpoint.infer(SafetensorsFile.open(checkpoint),
                new SpikingSsmCheckpoint.Options(prefix, normChoice, encoderChoice));
        Path target = output != null ? output : checkpoint.resolveSibling(stem(checkpoint) + ".dnd");
        String source = SpikingSsmModelWriter.source(ckpt, new SpikingSsmModelWriter.Soma(tau, threshold, prenorm), target, name);
        OutputFiles.writeText(target, source);
        ModelGraph graph = ModelLoader.load(target);

        PrintWriter out = spec.commandLine().getOut();
        out.printf("imported %s: %d layer(s), d_model %d, d_state %d, %s encoder (%d %s), norm %s%s, %s%n", checkpoint, ckpt.layers(),
                ckpt.dModel(), ckpt.dState(), ckpt.encoder().name().toLowerCase(Locale.ROOT), ckpt.inputSize(),
                ckpt.encoder() == SpikingSsmCheckpoint.Encoder.LINEAR ? "input channel(s)" : "tokens",
                ckpt.norm().name().toLowerCase(Locale.ROOT), ckpt.norm() == SpikingSsmCheckpoint.Norm.NONE ? "" : prenorm ? " (prenorm)" : " (postnorm)",
                ckpt.classes().map(c -> c + " classes").orElse("no decoder"));
        out.printf("wrote %s (%,d parameters); check it with: dendra check %s%n", target, graph.parameterCount(), target);
        out.flush();
        return 0;
    }

    private static DendraException usage(String option, String message) {
        return new DendraException(ErrorCode.USAGE, Place.named(option), message, null);
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
