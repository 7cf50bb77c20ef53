package io.dendra.compiler.frontend.spikingssm;

import io.dendra.compiler.tensor.Tensor;
import io.dendra.compiler.tensor.TensorFile;
import io.dendra.compiler.tensor.TensorInfo;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The architecture of a SpikingSSM checkpoint (DESIGN §4.3), inferred from its tensor names and
 * shapes: layer count, d_model H, complex modes per channel (N/2), encoder kind and input size,
 * kernel parameterisation, norms and classes. Every tensor is checked before a model is written.
 */
public record SpikingSsmCheckpoint(Path file, String prefix, Encoder encoder, int inputSize, boolean encoderBias, int layers,
        int dModel, int modes, Kernel kernel, boolean lnVth, Norm norm, Optional<Integer> classes, boolean decoderBias) {

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

    /** What the user said on the command line; {@code null} fields mean "infer it". */
    public record Options(String prefix, Norm norm, Encoder encoder) {}

    public static SpikingSsmCheckpoint infer(TensorFile file, Options options) {
        return new Inference(file, options).run();
    }

    /** The state size N as the papers count it: two real numbers per complex mode. */
    public int dState() {
        return 2 * modes;
    }

    private static final class Inference {
        private final TensorFile file;
        private final String prefix;
        private final Options options;
        private final List<String> missing = new ArrayList<>();

        Inference(TensorFile file, Options options) {
            this.file = file;
            this.options = options;
            this.prefix = options.prefix() == null ? "model." : options.prefix();
        }

        SpikingSsmCheckpoint run() {
            checkPrefix();
            int layers = 0;
            while (hasAnyUnder("s4_layers." + layers + ".")) layers++;
            if (layers == 0) {
                throw new DendraException(ErrorCode.CHECKPOINT_MISSING, Place.file(file.path()), "no tensor named "
                        + prefix + "s4_layers.0.* in the checkpoint", "expected s4_layers.i.kernel.*, s4_layers.i.D, s4_layers.i.output_linear.0.*"
                        + " per layer; check --prefix");
            }
            Kernel kernel = has("s4_layers.0.kernel.inv_dt") || has("s4_layers.0.kernel.B") ? Kernel.TRAINABLE_B : Kernel.MINIMAL;
            Optional<int[]> aImag = shape("s4_layers.0.kernel.A_imag");
            if (aImag.isEmpty()) {
                throw missingError(List.of(prefix + "s4_layers.0.kernel.A_imag"));
            }
            if (aImag.get().length != 2) throw shapeError("s4_layers.0.kernel.A_imag", "(H, N/2)", aImag.get());
            int h = aImag.get()[0];
            int m = aImag.get()[1];

            boolean lnVth = has("s4_layers.0.ln_vth");
            for (int i = 0; i < layers; i++) checkLayer(i, h, m, kernel, lnVth);

            Norm norm = options.norm() != null ? options.norm()
                    : has("norms.0.running_mean") ? Norm.BATCH : has("norms.0.weight") ? Norm.LAYER : Norm.NONE;
            for (int i = 0; i < layers && norm != Norm.NONE; i++) {
                String n = "norms." + i + ".";
                expect(n + "weight", h);
                expect(n + "bias", h);
                if (norm == Norm.BATCH) {
                    expect(n + "running_mean", h);
                    expect(n + "running_var", h);
                }
            }

            Optional<int[]> encoderShape = shape("encoder.weight");
            if (encoderShape.isEmpty()) missing.add(prefix + "encoder.weight");
            Optional<int[]> decoderShape = shape("decoder.weight");
            if (!missing.isEmpty()) throw missingError(missing);

            int[] enc = encoderShape.get();
            if (enc.length != 2) throw shapeError("encoder.weight", "(H, d_in) or (vocabulary, H)", enc);
            boolean encoderBias = has("encoder.bias");
            Encoder encoder = encoderKind(enc, h, encoderBias);
            int inputSize;
            if (encoder == Encoder.LINEAR) {
                if (enc[0] != h) throw shapeError("encoder.weight", "(" + h + ", d_in) for a linear encoder", enc);
                inputSize = enc[1];
                if (encoderBias) expect("encoder.bias", h);
            } else {
                if (enc[1] != h) throw shapeError("encoder.weight", "(vocabulary, " + h + ") for an embedding", enc);
                inputSize = enc[0];
            }

            Optional<Integer> classes = Optional.empty();
            boolean decoderBias = false;
            if (decoderShape.isPresent()) {
                int[] dec = decoderShape.get();
                if (dec.length != 2 || dec[1] != h) throw shapeError("decoder.weight", "(classes, " + h + ")", dec);
                classes = Optional.of(dec[0]);
                decoderBias = has("decoder.bias");
                if (decoderBias) expect("decoder.bias", dec[0]);
            }
            if (!missing.isEmpty()) throw missingError(missing);
            return new SpikingSsmCheckpoint(file.path(), prefix, encoder, inputSize, encoderBias, layers, h, m, kernel, lnVth, norm,
                    classes, decoderBias);
        }

        private void checkLayer(int i, int h, int m, Kernel kernel, boolean lnVth) {
            String l = "s4_layers." + i + ".";
            String k = l + "kernel.";
            if (kernel == Kernel.MINIMAL) {
                expect(k + "log_dt", new int[] {h}, new int[] {h, 1});
                expect(k + "log_A_real", h, m);
            } else {
                expect(k + "inv_dt", new int[] {h, 1}, new int[] {h});
                expect(k + "A_real", h, m);
                expect(k + "B", new int[] {1, h, m, 2}, new int[] {h, m, 2});
            }
            expect(k + "A_imag", h, m);
            expect(k + "C", new int[] {1, h, m, 2}, new int[] {2, h, m, 2}, new int[] {h, m, 2});
            expect(l + "D", new int[] {1, h}, new int[] {h});
            expect(l + "output_linear.0.weight", new int[] {2 * h, h, 1}, new int[] {2 * h, h});
            expect(l + "output_linear.0.bias", 2 * h);
            if (lnVth) {
                expect(l + "ln_vth", new int[] {h, 1}, new int[] {h}, new int[] {1}, new int[0]);
            } else if (has(l + "ln_vth")) {
                throw new DendraException(ErrorCode.CHECKPOINT_SHAPE, Place.item(file.path(), "tensor", prefix + l + "ln_vth"),
                        "layer " + i + " has ln_vth but layer 0 has none", "every layer has a learnable threshold or none does");
            }
        }

        private Encoder encoderKind(int[] enc, int h, boolean bias) {
            if (options.encoder() != null) return options.encoder();
            if (bias) return Encoder.LINEAR;
            boolean linear = enc[0] == h;
            boolean embedding = enc[1] == h;
            if (linear && embedding) {
                throw new DendraException(ErrorCode.CHECKPOINT_AMBIGUOUS, Place.item(file.path(), "tensor", prefix + "encoder.weight"),
                        "encoder.weight " + Tensor.formatShape(enc) + " without a bias could be a Linear or an Embedding",
                        "say which with --encoder linear or --encoder embedding");
            }
            return embedding ? Encoder.EMBEDDING : Encoder.LINEAR;
        }

        private void checkPrefix() {
            for (String name : file.names()) if (name.startsWith(prefix)) return;
            String hint = "give the prefix the names start with, or --prefix \"\" for none";
            for (String name : file.names()) {
                int at = name.indexOf("encoder.weight");
                if (at >= 0) {
                    hint = "the names here start with \"" + name.substring(0, at) + "\": use --prefix \"" + name.substring(0, at) + "\"";
                    break;
                }
            }
            throw new DendraException(ErrorCode.CHECKPOINT_MISSING, Place.file(file.path()), "no tensor name starts with the prefix \""
                    + prefix + "\"", hint);
        }

        private boolean hasAnyUnder(String group) {
            for (String name : file.names()) if (name.startsWith(prefix + group)) return true;
            return false;
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
                    + prefix + "s4_layers.0.kernel.A_imag)");
        }

        private DendraException missingError(List<String> names) {
            int shown = Math.min(names.size(), 6);
            String list = String.join(", ", names.subList(0, shown)) + (names.size() > shown ? " and " + (names.size() - shown) + " more" : "");
            return new DendraException(ErrorCode.CHECKPOINT_MISSING, Place.file(file.path()), "the checkpoint lacks " + names.size()
                    + " expected tensor(s): " + list, "the names follow DESIGN section 4.3; check --prefix and --norm");
        }
    }
}
