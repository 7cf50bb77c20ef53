package io.dendra.compiler.frontend.spikingssm;

import io.dendra.compiler.tensor.Tensor;
import io.dendra.compiler.tensor.TensorFile;
import io.dendra.compiler.tensor.TensorInfo;
import io.dendra.compiler.tensor.TorchCheckpointFile;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Infers a {@link SpikingSsmCheckpoint} from a file's tensor names and shapes and its
 * hyper-parameters, checking every tensor the model will read, and refusing what disagrees (a
 * missing tensor, a shape, hyper-parameters of another run).
 */
final class CheckpointInference {
    private static final Pattern LAYER = Pattern.compile("^(.*?)s4_layers\\.(\\d+)\\.");

    private final TensorFile file;
    private final SpikingSsmCheckpoint.Options options;
    private final HyperParameters hyper;
    private final List<String> notes = new ArrayList<>();
    private final List<String> assumptions = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();
    private final Set<String> used = new LinkedHashSet<>();
    private String prefix;
    private String backbone;

    CheckpointInference(TensorFile file, SpikingSsmCheckpoint.Options options) {
        this.file = file;
        this.options = options;
        this.hyper = new HyperParameters(file instanceof TorchCheckpointFile torch ? torch.hyperParameters().orElse(Map.of()) : Map.of());
    }

    SpikingSsmCheckpoint run() {
        String full = backbonePrefix();
        int layers = layerCount(full);
        // The encoder and decoder: inside the backbone (Dendra's earlier names) or beside it (the Lightning module's).
        String root = options.prefix() == null && full.endsWith("model.") ? full.substring(0, full.length() - "model.".length()) : full;
        Optional<String> encoderName = first(full + "encoder.weight", root + "encoder.0.weight", root + "encoder.weight");
        Optional<String> decoderName = first(full + "decoder.weight", root + "decoder.0.output_transform.weight",
                root + "decoder.output_transform.weight", root + "decoder.weight");
        prefix = root;
        backbone = full.substring(root.length());

        SpikingSsmCheckpoint.Kernel kernel = has(layer(0, "kernel.inv_dt")) || has(layer(0, "kernel.B")) ? SpikingSsmCheckpoint.Kernel.TRAINABLE_B : SpikingSsmCheckpoint.Kernel.MINIMAL;
        Optional<int[]> aImag = shape(layer(0, "kernel.A_imag"));
        if (aImag.isEmpty()) throw missingError(List.of(prefix + layer(0, "kernel.A_imag")));
        if (aImag.get().length != 2) throw shapeError(layer(0, "kernel.A_imag"), "(H, N/2)", aImag.get());
        int h = aImag.get()[0];
        int m = aImag.get()[1];
        hyper.integer("model", "layer", "d_state").ifPresent(n -> {
            if (n != 2 * m) {
                throw new DendraException(ErrorCode.CHECKPOINT_SHAPE, Place.item(file.path(), "tensor", prefix + layer(0, "kernel.A_imag")),
                        "hyper_parameters say d_state " + n + " but the tensors hold " + m + " complex modes (d_state " + 2 * m + ")",
                        "the hyper-parameters belong to another run than the weights");
            }
        });
        hyper.integer("model", "d_model").ifPresent(n -> {
            if (n != h) {
                throw new DendraException(ErrorCode.CHECKPOINT_SHAPE, Place.item(file.path(), "tensor", prefix + layer(0, "kernel.A_imag")),
                        "hyper_parameters say d_model " + n + " but the tensors have H = " + h, "the hyper-parameters belong to another run than the weights");
            }
        });

        boolean lnVth = has(layer(0, "ln_vth"));
        boolean bidirectional = false;
        for (int i = 0; i < layers; i++) bidirectional |= checkLayer(i, h, m, kernel, lnVth);
        Optional<Boolean> hyperBidirectional = hyper.bool("model", "layer", "bidirectional");
        if (hyperBidirectional.isPresent() && hyperBidirectional.get() != bidirectional) {
            throw new DendraException(ErrorCode.CHECKPOINT_SHAPE, Place.item(file.path(), "tensor", prefix + layer(0, "kernel.C")),
                    "hyper_parameters say bidirectional " + hyperBidirectional.get() + " but kernel.C has " + (bidirectional ? 2 : 1) + " channel(s)",
                    "the hyper-parameters belong to another run than the weights");
        }

        SpikingSsmCheckpoint.Norm norm = norm(layers);
        if (norm == SpikingSsmCheckpoint.Norm.LAYER && has(norm(0, "running_mean"))) {
            throw new DendraException(ErrorCode.CHECKPOINT_SHAPE, Place.item(file.path(), "tensor", prefix + norm(0, "running_mean")),
                    "the norms are read as LayerNorm but hold running statistics, as a BatchNorm does", options.norm() != null
                    ? "drop --norm layer, or give --norm batch" : "the hyper-parameters say norm layer; give --norm batch if the tensors are right");
        }
        boolean prenorm = prenorm(norm);
        for (int i = 0; i < layers && norm != SpikingSsmCheckpoint.Norm.NONE; i++) {
            expect(norm(i, "weight"), h);
            expect(norm(i, "bias"), h);
            if (norm == SpikingSsmCheckpoint.Norm.BATCH) {
                expect(norm(i, "running_mean"), h);
                expect(norm(i, "running_var"), h);
            }
        }

        if (encoderName.isEmpty()) missing.add(root + "encoder.0.weight (or " + full + "encoder.weight)");
        if (!missing.isEmpty()) throw missingError(missing);
        String encoderWeight = encoderName.get().substring(prefix.length());
        int[] enc = shape(encoderWeight).orElseThrow();
        if (enc.length != 2) throw shapeError(encoderWeight, "(H, d_in) or (vocabulary, H)", enc);
        String biasName = encoderWeight.substring(0, encoderWeight.length() - "weight".length()) + "bias";
        Optional<String> encoderBias = has(biasName) ? Optional.of(biasName) : Optional.empty();
        SpikingSsmCheckpoint.Encoder encoder = encoderKind(encoderWeight, enc, h, encoderBias.isPresent());
        int inputSize;
        used.add(encoderWeight);
        if (encoder == SpikingSsmCheckpoint.Encoder.LINEAR) {
            if (enc[0] != h) throw shapeError(encoderWeight, "(" + h + ", d_in) for a linear encoder", enc);
            inputSize = enc[1];
            encoderBias.ifPresent(b -> expect(b, h));
        } else {
            if (enc[1] != h) throw shapeError(encoderWeight, "(vocabulary, " + h + ") for an embedding", enc);
            inputSize = enc[0];
            encoderBias = Optional.empty();
        }

        checkDecoderMode();
        Optional<Integer> classes = Optional.empty();
        String decoderWeight = decoderName.map(n -> n.substring(prefix.length())).orElse("decoder.weight");
        Optional<String> decoderBias = Optional.empty();
        if (decoderName.isPresent()) {
            int[] dec = shape(decoderWeight).orElseThrow();
            if (dec.length != 2 || dec[1] != h) throw shapeError(decoderWeight, "(classes, " + h + ")", dec);
            classes = Optional.of(dec[0]);
            used.add(decoderWeight);
            String b = decoderWeight.substring(0, decoderWeight.length() - "weight".length()) + "bias";
            if (has(b)) {
                expect(b, dec[0]);
                decoderBias = Optional.of(b);
            }
        }
        if (!missing.isEmpty()) throw missingError(missing);
        return new SpikingSsmCheckpoint(file.path(), prefix, backbone, encoder, inputSize, encoderWeight, encoderBias, layers, h, m, kernel,
                lnVth, norm, prenorm, classes, decoderWeight, decoderBias, Set.copyOf(used), List.copyOf(notes), List.copyOf(assumptions));
    }

    /** The full prefix of the backbone's names: the user's, or the one {@code s4_layers.0.} carries. */
    private String backbonePrefix() {
        if (options.prefix() != null) {
            for (String name : file.names()) if (name.startsWith(options.prefix() + "s4_layers.")) return options.prefix();
            String hint = "give the prefix the names start with, or --prefix \"\" for none";
            for (String name : file.names()) {
                Matcher m = LAYER.matcher(name);
                if (m.find()) {
                    hint = "the layers here are named \"" + m.group(1) + "s4_layers.*\": use --prefix \"" + m.group(1) + "\", or leave --prefix out";
                    break;
                }
            }
            throw new DendraException(ErrorCode.CHECKPOINT_MISSING, Place.file(file.path()), "no tensor named " + options.prefix()
                    + "s4_layers.* in the checkpoint", hint);
        }
        for (String name : file.names()) {
            Matcher m = LAYER.matcher(name);
            if (m.find()) return m.group(1);
        }
        throw new DendraException(ErrorCode.CHECKPOINT_MISSING, Place.file(file.path()), "no tensor named *s4_layers.0.* in the checkpoint",
                "a SpikingSSM checkpoint names its layers model.s4_layers.i.* (docs/checkpoints.md); this file has "
                + file.names().size() + " tensor(s)" + (file.names().isEmpty() ? "" : ", the first '" + file.names().get(0) + "'"));
    }

    /** The number of layers; every index from 0 to the last present must be there, for layers and norms alike. */
    private int layerCount(String full) {
        Set<Integer> layerIndices = indices(full + "s4_layers.");
        Set<Integer> normIndices = indices(full + "norms.");
        int layers = layerIndices.isEmpty() ? 0 : ((TreeSet<Integer>) layerIndices).last() + 1;
        for (int i = 0; i < layers; i++) {
            if (!layerIndices.contains(i)) {
                throw new DendraException(ErrorCode.CHECKPOINT_MISSING, Place.file(file.path()), "the checkpoint has " + full + "s4_layers."
                        + (layers - 1) + ".* but no " + full + "s4_layers." + i + ".*", "a layer is missing: the file is incomplete");
            }
        }
        for (int i : normIndices) {
            if (i >= layers) {
                throw new DendraException(ErrorCode.CHECKPOINT_MISSING, Place.file(file.path()), "the checkpoint has " + full + "norms." + i
                        + ".* but no " + full + "s4_layers." + i + ".*", "a layer is missing: the file is incomplete");
            }
        }
        if (!normIndices.isEmpty() && normIndices.size() != layers) {
            int lacking = 0;
            while (normIndices.contains(lacking)) lacking++;
            throw new DendraException(ErrorCode.CHECKPOINT_MISSING, Place.file(file.path()), "the checkpoint has norms for " + normIndices.size()
                    + " of its " + layers + " layers: no " + full + "norms." + lacking + ".*", "every layer has a norm or none has: the file is incomplete");
        }
        hyper.integer("model", "n_layers").ifPresent(n -> {
            if (n != layers) {
                throw new DendraException(ErrorCode.CHECKPOINT_MISSING, Place.file(file.path()), "hyper_parameters say n_layers " + n
                        + " but the tensors hold " + layers + " layer(s)", "the file is incomplete, or its hyper-parameters belong to another run");
            }
        });
        return layers;
    }

    private Set<Integer> indices(String group) {
        Set<Integer> found = new TreeSet<>();
        Pattern p = Pattern.compile("^" + Pattern.quote(group) + "(\\d+)\\.");
        for (String name : file.names()) {
            Matcher m = p.matcher(name);
            if (m.find() && m.group(1).length() < 9) found.add(Integer.parseInt(m.group(1)));
        }
        return found;
    }

    private SpikingSsmCheckpoint.Norm norm(int layers) {
        if (options.norm() != null) return options.norm();
        boolean batchTensors = has(norm(0, "running_mean"));
        boolean anyNorm = has(norm(0, "weight")) || batchTensors;
        Optional<String> said = hyper.string("model", "norm");
        if (said.isPresent() && anyNorm) {
            Optional<SpikingSsmCheckpoint.Norm> parsed = SpikingSsmCheckpoint.Norm.parse(said.get().toLowerCase(Locale.ROOT));
            if (parsed.isPresent()) {
                notes.add("norm " + said.get());
                return parsed.get();
            }
        }
        return batchTensors ? SpikingSsmCheckpoint.Norm.BATCH : anyNorm ? SpikingSsmCheckpoint.Norm.LAYER : SpikingSsmCheckpoint.Norm.NONE;
    }

    private boolean prenorm(SpikingSsmCheckpoint.Norm norm) {
        if (options.prenorm() != null) return options.prenorm();
        Optional<Boolean> said = hyper.bool("model", "prenorm");
        if (said.isPresent()) {
            if (norm != SpikingSsmCheckpoint.Norm.NONE) notes.add(said.get() ? "prenorm" : "postnorm");
            return said.get();
        }
        if (norm != SpikingSsmCheckpoint.Norm.NONE) assumptions.add("postnorm (the checkpoint does not say; --prenorm if the norm comes first)");
        return false;
    }

    private void checkDecoderMode() {
        Object decoder = hyper.at("decoder");
        if (decoder instanceof Map<?, ?> map && map.get("mode") instanceof String mode) {
            if (!mode.equals("pool")) {
                throw new DendraException(ErrorCode.CHECKPOINT_UNSUPPORTED, Place.item(file.path(), "hyper-parameter", "decoder.mode"),
                        "the decoder's mode is '" + mode + "'; Dendra imports mode 'pool' (mean over time, then Linear)", null);
            }
            notes.add("decoder pool");
        }
    }

    private boolean checkLayer(int i, int h, int m, SpikingSsmCheckpoint.Kernel kernel, boolean lnVth) {
        String k = "kernel.";
        if (kernel == SpikingSsmCheckpoint.Kernel.MINIMAL) {
            expect(layer(i, k + "log_dt"), new int[] {h}, new int[] {h, 1});
            expect(layer(i, k + "log_A_real"), h, m);
        } else {
            expect(layer(i, k + "inv_dt"), new int[] {h, 1}, new int[] {h});
            expect(layer(i, k + "A_real"), h, m);
            expect(layer(i, k + "B"), new int[] {1, h, m, 2}, new int[] {h, m, 2});
        }
        expect(layer(i, k + "A_imag"), h, m);
        expect(layer(i, k + "C"), new int[] {1, h, m, 2}, new int[] {2, h, m, 2}, new int[] {h, m, 2});
        expect(layer(i, "D"), new int[] {1, h}, new int[] {h});
        expect(layer(i, "output_linear.0.weight"), new int[] {2 * h, h, 1}, new int[] {2 * h, h});
        expect(layer(i, "output_linear.0.bias"), 2 * h);
        if (lnVth) {
            expect(layer(i, "ln_vth"), new int[] {h, 1}, new int[] {h}, new int[] {1}, new int[0]);
        } else if (has(layer(i, "ln_vth"))) {
            throw new DendraException(ErrorCode.CHECKPOINT_SHAPE, Place.item(file.path(), "tensor", prefix + layer(i, "ln_vth")),
                    "layer " + i + " has ln_vth but layer 0 has none", "every layer has a learnable threshold or none does");
        }
        return shape(layer(i, k + "C")).map(s -> s.length == 4 && s[0] == 2).orElse(false);
    }

    private SpikingSsmCheckpoint.Encoder encoderKind(String name, int[] enc, int h, boolean bias) {
        if (options.encoder() != null) return options.encoder();
        Optional<String> said = hyper.name("encoder");
        if (said.isPresent()) {
            switch (said.get()) {
                case "linear" -> {
                    notes.add("encoder linear");
                    return SpikingSsmCheckpoint.Encoder.LINEAR;
                }
                case "embedding" -> {
                    notes.add("encoder embedding");
                    return SpikingSsmCheckpoint.Encoder.EMBEDDING;
                }
                default -> throw new DendraException(ErrorCode.CHECKPOINT_UNSUPPORTED, Place.item(file.path(), "hyper-parameter", "encoder"),
                        "the encoder is '" + said.get() + "'; Dendra imports a Linear or an Embedding encoder", null);
            }
        }
        if (bias) return SpikingSsmCheckpoint.Encoder.LINEAR;
        boolean linear = enc[0] == h;
        boolean embedding = enc[1] == h;
        if (linear && embedding) {
            throw new DendraException(ErrorCode.CHECKPOINT_AMBIGUOUS, Place.item(file.path(), "tensor", prefix + name),
                    name + " " + Tensor.formatShape(enc) + " without a bias could be a Linear or an Embedding",
                    "say which with --encoder linear or --encoder embedding");
        }
        return embedding ? SpikingSsmCheckpoint.Encoder.EMBEDDING : SpikingSsmCheckpoint.Encoder.LINEAR;
    }

    private String layer(int i, String rest) {
        return backbone + "s4_layers." + i + "." + rest;
    }

    private String norm(int i, String rest) {
        return backbone + "norms." + i + "." + rest;
    }

    private Optional<String> first(String... fullNames) {
        for (String n : fullNames) if (file.contains(n)) return Optional.of(n);
        return Optional.empty();
    }

    private boolean has(String name) {
        return file.contains(prefix + name);
    }

    private Optional<int[]> shape(String name) {
        return file.info(prefix + name).map(TensorInfo::shape);
    }

    private void expect(String name, int... shape) {
        expect(name, new int[][] {shape});
    }

    private void expect(String name, int[]... allowed) {
        Optional<int[]> actual = shape(name);
        if (actual.isEmpty()) {
            missing.add(prefix + name);
            return;
        }
        used.add(name);
        for (int[] shape : allowed) if (Arrays.equals(shape, actual.get())) return;
        StringBuilder expected = new StringBuilder();
        for (int[] shape : allowed) {
            if (!expected.isEmpty()) expected.append(" or ");
            expected.append(Tensor.formatShape(shape));
        }
        throw shapeError(name, expected.toString(), actual.get());
    }

    private DendraException shapeError(String name, String expected, int[] actual) {
        return new DendraException(ErrorCode.CHECKPOINT_SHAPE, Place.item(file.path(), "tensor", prefix + name), "expected shape "
                + expected + ", got " + Tensor.formatShape(actual), "the checkpoint's shapes disagree with each other (H and N come from "
                + prefix + layer(0, "kernel.A_imag") + ")");
    }

    private DendraException missingError(List<String> names) {
        int shown = Math.min(names.size(), 6);
        String list = String.join(", ", names.subList(0, shown)) + (names.size() > shown ? " and " + (names.size() - shown) + " more" : "");
        return new DendraException(ErrorCode.CHECKPOINT_MISSING, Place.file(file.path()), "the checkpoint lacks " + names.size()
                + " expected tensor(s): " + list, "the names are listed in docs/checkpoints.md; check --prefix and --norm");
    }
}
