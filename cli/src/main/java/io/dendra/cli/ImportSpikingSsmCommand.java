package io.dendra.cli;

import io.dendra.compiler.frontend.ModelLoader;
import io.dendra.compiler.frontend.spikingssm.SpikingSsmCheckpoint;
import io.dendra.compiler.frontend.spikingssm.SpikingSsmModelWriter;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.tensor.TensorFile;
import io.dendra.compiler.tensor.TorchCheckpointFile;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dendra import-spikingssm CKPT}: writes a model file for a SpikingSSM checkpoint (docs/checkpoints.md). */
@Command(name = "import-spikingssm", mixinStandardHelpOptions = true,
        description = {"Write a model file (.dnd) that binds every parameter of a SpikingSSM checkpoint by name: a Lightning .ckpt or a"
                + " bare state_dict (.pt, .pth) written by torch.save, as the official code saves them, or safetensors (docs/checkpoints.md).",
                "A post-norm is not applied, as in the official forward; --apply-postnorm applies it.",
                "--tau 0 --threshold 0 imports a Binary S4D (Stan & Rhodes 2024)."})
final class ImportSpikingSsmCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CKPT", description = "the checkpoint: .ckpt, .pt, .pth or .safetensors")
    Path checkpoint;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "prefix of the layers' names, s4_layers.* (default: found in the file)")
    String prefix;

    @Option(names = "--prenorm", negatable = true, description = "the norm comes before each layer, or (--no-prenorm) after it"
            + " (default: the checkpoint's hyper_parameters, else after)")
    Boolean prenorm;

    @Option(names = "--apply-postnorm", description = "apply a post-norm to the residual stream (the official code computes it and discards it)")
    boolean applyPostnorm;

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
        if (!TorchCheckpointFile.isCheckpointName(checkpoint.getFileName().toString())
                && !checkpoint.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".safetensors")) {
            throw new DendraException(ErrorCode.UNKNOWN_TENSOR_FORMAT, Place.file(checkpoint), "cannot tell the checkpoint format of '"
                    + checkpoint.getFileName() + "'", "give a .ckpt, .pt or .pth written by torch.save, or a .safetensors file");
        }
        TensorFile tensors = TensorFile.open(checkpoint);
        SpikingSsmCheckpoint ckpt = SpikingSsmCheckpoint.infer(tensors, new SpikingSsmCheckpoint.Options(prefix, normChoice, encoderChoice, prenorm));
        Path target = output != null ? OutputFiles.require(output, "--output") : checkpoint.resolveSibling(stem(checkpoint) + ".dnd");
        if (!target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".dnd")) {
            throw usage("--output", "the model file " + target + " must end in .dnd");
        }
        if (target.toAbsolutePath().normalize().equals(checkpoint.toAbsolutePath().normalize())) {
            throw usage("--output", "the model file " + target + " would overwrite the checkpoint");
        }
        String source = SpikingSsmModelWriter.source(ckpt, new SpikingSsmModelWriter.Semantics(tau, threshold, applyPostnorm), target, name);
        OutputFiles.writeText(target, source);
        ModelGraph graph = ModelLoader.load(target);

        PrintWriter out = spec.commandLine().getOut();
        boolean postnorm = ckpt.norm() != SpikingSsmCheckpoint.Norm.NONE && !ckpt.prenorm();
        out.printf(Locale.ROOT, "imported %s%s: %d layer(s), d_model %d, d_state %d, %s encoder (%d %s), norm %s%s, %s%n", checkpoint, origin(tensors),
                ckpt.layers(), ckpt.dModel(), ckpt.dState(), ckpt.encoder().name().toLowerCase(Locale.ROOT), ckpt.inputSize(),
                ckpt.encoder() == SpikingSsmCheckpoint.Encoder.LINEAR ? "input channel(s)" : "tokens",
                ckpt.norm().name().toLowerCase(Locale.ROOT), ckpt.norm() == SpikingSsmCheckpoint.Norm.NONE ? "" : ckpt.prenorm() ? " (prenorm)"
                        : applyPostnorm ? " (postnorm, applied)" : " (postnorm: not applied, as in the official forward)",
                ckpt.classes().map(c -> c + " classes").orElse("no decoder"));
        if (!ckpt.fromHyperParameters().isEmpty()) out.printf(Locale.ROOT, "  from hyper_parameters: %s%n", String.join(", ", ckpt.fromHyperParameters()));
        if (!ckpt.assumptions().isEmpty()) out.printf(Locale.ROOT, "  assumed: %s%n", String.join(", ", ckpt.assumptions()));
        String unused = ckpt.describeUnused(ckpt.unusedTensors(tensors, applyPostnorm));
        if (!unused.isEmpty()) out.printf(Locale.ROOT, "  unused: %s%n", unused);
        if (tensors instanceof TorchCheckpointFile torch && !torch.otherKeys().isEmpty()) {
            out.printf(Locale.ROOT, "  not read: %s%n", String.join(", ", torch.otherKeys()));
        }
        if (postnorm && !applyPostnorm) {
            out.printf(Locale.ROOT, "  note: the official SpikingSSM.forward discards its post-norm, so the model file applies none;"
                    + " pass --apply-postnorm if your training code normalised the residual stream%n");
        }
        out.printf(Locale.ROOT, "wrote %s (%,d parameters); check it with: dendra check %s%n", target, graph.parameterCount(), target);
        out.flush();
        return 0;
    }

    private static String origin(TensorFile tensors) {
        if (!(tensors instanceof TorchCheckpointFile torch)) return "";
        String where = torch.stateDictKey().isEmpty() ? "bare state_dict" : "state_dict under '" + torch.stateDictKey() + "'";
        return " (torch.save zip, " + where + (torch.hyperParameters().isPresent() ? ", hyper_parameters" : "") + ")";
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
