package io.dendra.compiler.frontend.spikingssm;

import io.dendra.compiler.tensor.TensorFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The architecture of a SpikingSSM checkpoint (docs/checkpoints.md), inferred from its tensor names
 * and shapes and, where a Lightning checkpoint carries them, its hyper-parameters: layer count,
 * d_model H, complex modes per channel (N/2), encoder kind and input size, kernel
 * parameterisation, norms, their placement and classes. Names are those of the official code (the
 * backbone under {@code model.}, the encoder and decoder beside it) or Dendra's earlier ones (all
 * under {@code model.}). Every tensor is checked before a model is written.
 *
 * @param prefix the prefix of the {@code tensors} statement; every other name here is relative to it
 * @param backbone the backbone's prefix ({@code model.} in the official layout), relative to {@code prefix}
 * @param tensorsUsed the names (relative to {@code prefix}) a model written from this reads
 * @param fromHyperParameters what was taken from the checkpoint's hyper-parameters, for the import summary
 * @param assumptions what neither the names nor the hyper-parameters said, and what was assumed
 */
public record SpikingSsmCheckpoint(Path file, String prefix, String backbone, Encoder encoder, int inputSize, String encoderWeight,
        Optional<String> encoderBias, int layers, int dModel, int modes, Kernel kernel, boolean lnVth, Norm norm, boolean prenorm,
        Optional<Integer> classes, String decoderWeight, Optional<String> decoderBias, Set<String> tensorsUsed, List<String> fromHyperParameters, List<String> assumptions) {

    /** How tokens or features enter the model. */
    public enum Encoder { LINEAR, EMBEDDING }

    /** The S4D parameterisation: the minimal kernel (log_dt) or S4's SSMKernelDiag with trainable B (inv_dt, B). */
    public enum Kernel { MINIMAL, TRAINABLE_B }

    /** The normalisation of each layer. */
    public enum Norm {
        NONE, LAYER, BATCH;

        public static Optional<Norm> parse(String text) {
            for (Norm n : values()) if (n.name().toLowerCase(Locale.ROOT).equals(text)) return Optional.of(n);
            return Optional.empty();
        }
    }

    /**
     * What the user said on the command line; {@code null} fields mean "infer it" (from the
     * hyper-parameters when the checkpoint has them, else from names and shapes).
     */
    public record Options(String prefix, Norm norm, Encoder encoder, Boolean prenorm) {
        public static final Options INFER = new Options(null, null, null, null);
    }

    public static SpikingSsmCheckpoint infer(TensorFile file, Options options) {
        return new CheckpointInference(file, options).run();
    }

    /** The state size N as the papers count it: two real numbers per complex mode. */
    public int dState() {
        return 2 * modes;
    }

    /** The name of layer i's tensor, relative to {@link #prefix}: {@code layer(0, "D")} is {@code model.s4_layers.0.D}. */
    public String layerTensor(String layerIndex, String rest) {
        return backbone + "s4_layers." + layerIndex + "." + rest;
    }

    /** The name of layer i's norm tensor, relative to {@link #prefix}. */
    public String normTensor(String layerIndex, String rest) {
        return backbone + "norms." + layerIndex + "." + rest;
    }

    /**
     * The tensors of the file that a model written from this does not read (by full name); a
     * post-norm's tensors are read only when it is applied.
     */
    public List<String> unusedTensors(TensorFile tensors, boolean applyPostnorm) {
        boolean normsUnused = norm != Norm.NONE && !prenorm && !applyPostnorm;
        List<String> unused = new ArrayList<>();
        for (String name : tensors.names()) {
            boolean used = name.startsWith(prefix) && tensorsUsed.contains(name.substring(prefix.length()))
                    && !(normsUnused && name.startsWith(prefix + backbone + "norms."));
            if (!used) unused.add(name);
        }
        return unused;
    }

    /**
     * The unused tensors in one line, grouped: "SDN surrogate of 2 layer(s) (8 tensors), 2
     * num_batches_tracked, post-norm of 2 layer(s) (8 tensors: the official forward discards it)";
     * other names are listed (the first few). Empty when every tensor is used.
     */
    public String describeUnused(List<String> unused) {
        Set<String> surrogateLayers = new TreeSet<>();
        Set<String> normLayers = new TreeSet<>();
        int surrogate = 0;
        int batches = 0;
        int norms = 0;
        List<String> other = new ArrayList<>();
        Pattern neuron = Pattern.compile("s4_layers\\.(\\d+)\\.neuron\\.");
        Pattern normOf = Pattern.compile("norms\\.(\\d+)\\.");
        for (String name : unused) {
            Matcher n = neuron.matcher(name);
            Matcher k = normOf.matcher(name);
            if (name.endsWith("num_batches_tracked")) {
                batches++;
            } else if (n.find()) {
                surrogate++;
                surrogateLayers.add(n.group(1));
            } else if (k.find()) {
                norms++;
                normLayers.add(k.group(1));
            } else {
                other.add(name);
            }
        }
        List<String> parts = new ArrayList<>();
        if (surrogate > 0) parts.add("SDN surrogate of " + surrogateLayers.size() + " layer(s) (" + surrogate + " tensors, training only)");
        if (norms > 0) {
            boolean post = norm != Norm.NONE && !prenorm;
            parts.add((post ? "post-norm of " : "norms of ") + normLayers.size() + " layer(s) (" + norms + " tensors"
                    + (post ? ": the official forward discards it" : "") + ")");
        }
        if (batches > 0) parts.add(batches + " num_batches_tracked");
        if (!other.isEmpty()) {
            int shown = Math.min(4, other.size());
            parts.add(String.join(", ", other.subList(0, shown)) + (other.size() > shown ? " and " + (other.size() - shown) + " more" : ""));
        }
        return String.join(", ", parts);
    }
}
