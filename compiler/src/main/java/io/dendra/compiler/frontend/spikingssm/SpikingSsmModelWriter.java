package io.dendra.compiler.frontend.spikingssm;

import io.dendra.compiler.frontend.spikingssm.SpikingSsmCheckpoint.Encoder;
import io.dendra.compiler.frontend.spikingssm.SpikingSsmCheckpoint.Kernel;
import io.dendra.compiler.frontend.spikingssm.SpikingSsmCheckpoint.Norm;
import java.nio.file.Path;

/**
 * Writes a SpikingSSM checkpoint's architecture as a model-language file that binds every
 * parameter to the checkpoint by name, one {@code repeat} block for the identical layers.
 */
public final class SpikingSsmModelWriter {

    /**
     * What the checkpoint does not say: the soma's decay and threshold, and whether a post-norm is
     * applied. The official {@code SpikingSSM.forward} computes a post-norm after the residual and
     * discards it, so by default it is not applied; {@code applyPostnorm} is for training code that
     * normalises the residual stream.
     */
    public record Semantics(double tau, double threshold, boolean applyPostnorm) {
        public static final Semantics SPIKINGSSM = new Semantics(0.125, 1.0, false);
    }

    private SpikingSsmModelWriter() {}

    /** The model file text; the checkpoint path is written relative to {@code modelFile}'s folder. */
    public static String source(SpikingSsmCheckpoint ckpt, Semantics soma, Path modelFile, String modelName) {
        StringBuilder s = new StringBuilder();
        s.append("// SpikingSSM imported from ").append(ckpt.file().getFileName()).append(" by `dendra import-spikingssm`.\n");
        s.append("// ").append(ckpt.layers()).append(" layer(s), d_model ").append(ckpt.dModel()).append(", d_state ").append(ckpt.dState())
                .append(" (").append(ckpt.modes()).append(" complex modes per channel), ")
                .append(ckpt.kernel() == Kernel.MINIMAL ? "minimal S4D kernel" : "S4D kernel with trainable B").append(".\n");
        s.append("// ").append(ckpt.encoder() == Encoder.LINEAR ? "Linear encoder from " + ckpt.inputSize() + " input channel(s)"
                : "Embedding of " + ckpt.inputSize() + " tokens").append("; ")
                .append(switch (ckpt.norm()) {
                    case NONE -> "no norm";
                    case LAYER -> "LayerNorm";
                    case BATCH -> "BatchNorm";
                }).append(ckpt.norm() == Norm.NONE ? "" : ckpt.prenorm() ? " before each layer (prenorm)"
                        : soma.applyPostnorm() ? " after each layer (postnorm, applied)" : " after each layer (postnorm: not applied, as in the official code)")
                .append(ckpt.classes().map(c -> "; " + c + " classes.\n").orElse("; no decoder: the output is the residual stream.\n"));
        s.append("model ").append(modelName).append(" {\n");
        s.append(tensorsStatement(ckpt, modelFile));
        String input = ckpt.encoder() == Encoder.LINEAR ? "x" : "ids";
        if (ckpt.encoder() == Encoder.LINEAR) {
            s.append("  input x: real[").append(ckpt.inputSize()).append("];\n\n");
        } else {
            s.append("  input ids: tokens[").append(ckpt.inputSize()).append("];\n\n");
        }
        s.append(layers(ckpt, soma, input));
        s.append("  output ").append(result(ckpt)).append(";\n");
        s.append("}\n");
        return s.toString();
    }

    /** The statement declaring the checkpoint, its path relative to {@code modelFile}'s folder. */
    public static String tensorsStatement(SpikingSsmCheckpoint ckpt, Path modelFile) {
        Path folder = modelFile.toAbsolutePath().getParent();
        String checkpoint = folder.relativize(ckpt.file().toAbsolutePath()).toString().replace('\\', '/');
        return "  tensors \"" + checkpoint + "\"" + (ckpt.prefix().isEmpty() ? "" : " prefix \"" + ckpt.prefix() + "\"") + ";\n";
    }

    /** The name the layer statements assign the model's result to. */
    public static String result(SpikingSsmCheckpoint ckpt) {
        return ckpt.classes().isPresent() ? "logits" : "h";
    }

    /**
     * The statements from the encoder to the decoder, reading the layer named {@code input} and
     * assigning {@link #result}: the body of an imported model and the expansion of the
     * {@code spikingssm(...)} shortcut alike.
     */
    public static String layers(SpikingSsmCheckpoint ckpt, Semantics soma, String input) {
        StringBuilder s = new StringBuilder();
        s.append("  // LIF soma: v = tau*v + y*exp(-ln_vth); spike when v >= threshold; reset to 0.\n");
        s.append("  let tau = ").append(number(soma.tau())).append(";\n");
        s.append("  let threshold = ").append(number(soma.threshold())).append(";\n\n");
        if (ckpt.encoder() == Encoder.LINEAR) {
            s.append("  h = linear(").append(input).append(", weight=@\"").append(ckpt.encoderWeight()).append('"')
                    .append(ckpt.encoderBias().map(b -> ", bias=@\"" + b + '"').orElse("")).append(", name=\"encoder\");\n\n");
        } else {
            s.append("  h = embedding(").append(input).append(", weight=@\"").append(ckpt.encoderWeight()).append("\", name=\"encoder\");\n\n");
        }
        s.append("  repeat i in 0..").append(ckpt.layers()).append(" {\n");
        String ssmInput = "h";
        if (ckpt.norm() != Norm.NONE && ckpt.prenorm()) {
            s.append("    z = ").append(norm(ckpt, "h")).append(";\n");
            ssmInput = "z";
        }
        String k = ckpt.layerTensor("{i}", "kernel.");
        s.append("    y = s4d(").append(ssmInput).append(",\n");
        if (ckpt.kernel() == Kernel.MINIMAL) {
            s.append("            log_dt=@\"").append(k).append("log_dt\", log_A_real=@\"").append(k).append("log_A_real\",\n");
        } else {
            s.append("            inv_dt=@\"").append(k).append("inv_dt\", A_real=@\"").append(k).append("A_real\", B=@\"").append(k).append("B\",\n");
        }
        s.append("            A_imag=@\"").append(k).append("A_imag\", C=@\"").append(k).append("C\",\n");
        s.append("            D=@\"").append(ckpt.layerTensor("{i}", "D")).append("\", name=\"s4_layers.{i}.s4d\");\n");
        s.append("    s = lif(y, tau=tau, threshold=threshold, reset=\"zero\"")
                .append(ckpt.lnVth() ? ", ln_vth=@\"" + ckpt.layerTensor("{i}", "ln_vth") + '"' : "").append(", name=\"s4_layers.{i}.lif\");\n");
        s.append("    g = glu(s, weight=@\"").append(ckpt.layerTensor("{i}", "output_linear.0.weight")).append("\", bias=@\"")
                .append(ckpt.layerTensor("{i}", "output_linear.0.bias")).append("\",\n");
        s.append("            name=\"s4_layers.{i}.glu\");\n");
        s.append("    h = h + g;\n");
        if (ckpt.norm() != Norm.NONE && !ckpt.prenorm()) {
            if (soma.applyPostnorm()) {
                s.append("    h = ").append(norm(ckpt, "h")).append(";\n");
            } else {
                s.append("    // post-norm: the official SpikingSSM.forward computes norms.{i} after the residual and discards\n");
                s.append("    // the result, so the residual stream is never normalised; --apply-postnorm applies it.\n");
            }
        }
        s.append("  }\n\n");
        if (ckpt.classes().isPresent()) {
            s.append("  pooled = mean_time(h, name=\"pool\");\n");
            s.append("  logits = linear(pooled, weight=@\"").append(ckpt.decoderWeight()).append('"')
                    .append(ckpt.decoderBias().map(b -> ", bias=@\"" + b + '"').orElse("")).append(", name=\"decoder\");\n");
        }
        return s.toString();
    }

    private static String norm(SpikingSsmCheckpoint ckpt, String input) {
        String n = ckpt.normTensor("{i}", "");
        return switch (ckpt.norm()) {
            case LAYER -> "layernorm(" + input + ", weight=@\"" + n + "weight\", bias=@\"" + n + "bias\", name=\"norms.{i}\")";
            case BATCH -> "batchnorm(" + input + ", weight=@\"" + n + "weight\", bias=@\"" + n + "bias\",\n"
                    + "                  running_mean=@\"" + n + "running_mean\", running_var=@\"" + n + "running_var\", name=\"norms.{i}\")";
            case NONE -> throw new IllegalArgumentException("no norm");
        };
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
