package io.dendra.compiler.frontend.dnd;

import io.dendra.compiler.frontend.dnd.Value.TensorValue;
import io.dendra.compiler.frontend.spikingssm.SpikingSsmCheckpoint;
import io.dendra.compiler.frontend.spikingssm.SpikingSsmModelWriter;
import io.dendra.compiler.graph.BatchNormNode;
import io.dendra.compiler.graph.EmbeddingNode;
import io.dendra.compiler.graph.GluNode;
import io.dendra.compiler.graph.InputNode;
import io.dendra.compiler.graph.LayerNormNode;
import io.dendra.compiler.graph.LifNode;
import io.dendra.compiler.graph.LinearNode;
import io.dendra.compiler.graph.MeanTimeNode;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.S4dNode;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.compiler.tensor.TensorFile;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import io.dendra.diagnostics.Suggestions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.antlr.v4.runtime.ParserRuleContext;

/** The layer kinds of the model language: each checks its arguments and tensor shapes and builds one node. */
final class Layers {
    private final Elaborator elaborator;

    Layers(Elaborator elaborator) {
        this.elaborator = elaborator;
    }

    Node build(DndParser.CallContext call, String target) {
        String called = call.callee.getText();
        LayerKind kind = LayerKind.of(called).orElseThrow(() -> new DendraException(ErrorCode.UNKNOWN_LAYER, elaborator.place(call),
                "unknown layer kind '" + called + "'", Suggestions.nearest(called, LayerKind.ids()).map(k -> "did you mean '" + k + "'?")
                        .orElse("known kinds: " + String.join(", ", LayerKind.ids()))));
        Arguments args = new Arguments(call);
        args.rejectUnknown(kind.arguments());
        Node input = args.input();
        if (kind == LayerKind.SPIKINGSSM) {
            Node result = spikingSsm(args, elaborator.place(call), input);
            args.finish();
            return result;
        }
        String name = elaborator.nodeName(target, kind.id(), args.optionalString("name"));
        Place place = elaborator.place(call);
        Node node = switch (kind) {
            case LINEAR -> linear(args, name, place, input);
            case EMBEDDING -> embedding(args, name, place, input);
            case S4D -> s4d(args, name, place, input);
            case LIF -> lif(args, name, place, input);
            case GLU -> glu(args, name, place, input);
            case LAYERNORM -> new LayerNormNode(name, place, input, args.values("weight", shape(input.width())),
                    args.values("bias", shape(input.width())), args.positiveNumber("eps", 1e-5));
            case BATCHNORM -> batchNorm(args, name, place, input);
            case MEAN_TIME -> new MeanTimeNode(name, place, args.sequence(input, kind.id()));
            case SPIKINGSSM -> throw new IllegalStateException("spikingssm expands into layers above");
        };
        args.finish();
        return elaborator.add(node);
    }

    private Node linear(Arguments args, String name, Place place, Node input) {
        Tensor weight = args.tensor("weight");
        if (weight.rank() != 2 || weight.dim(1) != input.width()) {
            throw args.shapeError("weight", weight, "(out, " + input.width() + ")");
        }
        int out = weight.dim(0);
        double[] bias = args.has("bias") ? args.values("bias", shape(out)) : null;
        return new LinearNode(name, place, input, out, args.finite("weight", weight), bias);
    }

    private Node embedding(Arguments args, String name, Place place, Node input) {
        if (!(input instanceof InputNode in) || !in.tokens()) {
            throw new DendraException(ErrorCode.WRONG_KIND, args.place(0), "embedding needs a token input, got '" + input.name() + "'",
                    "declare the input as 'input ids: tokens[VOCABULARY];'");
        }
        Tensor table = args.tensor("weight");
        if (table.rank() != 2 || table.dim(0) != in.vocabulary()) {
            throw args.shapeError("weight", table, "(" + in.vocabulary() + ", width)");
        }
        return new EmbeddingNode(name, place, in, table.dim(1), args.finite("weight", table));
    }

    /**
     * S4D in either parameterisation: the minimal kernel ({@code log_dt, log_A_real, A_imag, C, D};
     * dt = exp(log_dt), A = −exp(log_A_real) + i·A_imag, B = 1) or S4's SSMKernelDiag
     * ({@code inv_dt, A_real, A_imag, B, C, D}; dt = exp(inv_dt), A = −exp(A_real) − i·A_imag).
     */
    private Node s4d(Arguments args, String name, Place place, Node input) {
        args.sequence(input, "s4d");
        int h = input.width();
        boolean trainableB = args.has("inv_dt") || args.has("B");
        Tensor aImag = args.tensor("A_imag");
        if (aImag.rank() != 2 || aImag.dim(0) != h) throw args.shapeError("A_imag", aImag, "(" + h + ", N/2)");
        int m = aImag.dim(1);
        double[] dt = args.values(trainableB ? "inv_dt" : "log_dt", shape(h), shape(h, 1));
        double[] aReal = args.values(trainableB ? "A_real" : "log_A_real", shape(h, m));
        double[] aIm = args.finite("A_imag", aImag);
        double[] aRe = new double[h * m];
        for (int k = 0; k < h * m; k++) {
            aRe[k] = -Math.exp(aReal[k]);
            if (trainableB) aIm[k] = -aIm[k];
        }
        for (int c = 0; c < h; c++) dt[c] = Math.exp(dt[c]);
        double[] bRe = new double[h * m];
        double[] bIm = new double[h * m];
        if (trainableB) {
            double[] b = args.values("B", shape(1, h, m, 2), shape(h, m, 2));
            for (int k = 0; k < h * m; k++) {
                bRe[k] = b[2 * k];
                bIm[k] = b[2 * k + 1];
            }
        } else {
            Arrays.fill(bRe, 1);
        }
        Tensor cTensor = args.tensor("C");
        int directions = cTensor.rank() == 4 ? cTensor.dim(0) : 1;
        if ((directions != 1 && directions != 2) || !Arrays.equals(tail(cTensor.shape(), 3), new int[] {h, m, 2})) {
            throw args.shapeError("C", cTensor, "(1, " + h + ", " + m + ", 2), (2, " + h + ", " + m + ", 2) or (" + h + ", " + m + ", 2)");
        }
        double[] c = args.finite("C", cTensor);
        double[] cRe = new double[directions * h * m];
        double[] cIm = new double[directions * h * m];
        for (int k = 0; k < cRe.length; k++) {
            cRe[k] = c[2 * k];
            cIm[k] = c[2 * k + 1];
        }
        double[] d = args.values("D", shape(1, h), shape(h));
        return new S4dNode(name, place, input, m, trainableB ? S4dNode.Kernel.TRAINABLE_B : S4dNode.Kernel.MINIMAL,
                dt, aRe, aIm, bRe, bIm, directions, cRe, cIm, d);
    }

    private Node lif(Arguments args, String name, Place place, Node input) {
        args.sequence(input, "lif");
        int h = input.width();
        double tau = args.number("tau", 0.125);
        if (!(tau >= 0 && tau <= 1)) throw args.valueError("tau", "tau must lie in [0, 1] (it is the decay factor per step), got " + Elaborator.formatNumber(tau));
        double threshold = args.number("threshold", 1.0);
        String reset = args.has("reset") ? args.string("reset") : "zero";
        LifNode.Reset mode = switch (reset) {
            case "zero" -> LifNode.Reset.ZERO;
            case "subtract" -> LifNode.Reset.SUBTRACT;
            default -> throw args.valueError("reset", "reset must be \"zero\" or \"subtract\", got \"" + reset + "\"");
        };
        double[] scale = new double[h];
        if (args.has("ln_vth")) {
            double[] lnVth = args.values("ln_vth", shape(h, 1), shape(h), shape(1), shape());
            for (int c = 0; c < h; c++) scale[c] = Math.exp(-lnVth[lnVth.length == 1 ? 0 : c]);
        } else {
            Arrays.fill(scale, 1);
        }
        return new LifNode(name, place, input, tau, threshold, mode, scale);
    }

    private Node glu(Arguments args, String name, Place place, Node input) {
        int h = input.width();
        return new GluNode(name, place, input, args.values("weight", shape(2 * h, h, 1), shape(2 * h, h)), args.values("bias", shape(2 * h)));
    }

    private Node batchNorm(Arguments args, String name, Place place, Node input) {
        int h = input.width();
        double[] variance = args.values("running_var", shape(h));
        for (double v : variance) {
            if (v < 0) throw args.valueError("running_var", "running_var holds a negative variance " + v);
        }
        return new BatchNormNode(name, place, input, args.values("weight", shape(h)), args.values("bias", shape(h)),
                args.values("running_mean", shape(h)), variance, args.positiveNumber("eps", 1e-5));
    }

    /**
     * The whole SpikingSSM of a checkpoint (DESIGN §4.3) from encoder to decoder: expands to exactly
     * the statements {@code dendra import-spikingssm} writes, so the two cannot drift apart.
     */
    private Node spikingSsm(Arguments args, Place place, Node input) {
        String relative = args.string("checkpoint");
        Path path = elaborator.folder().resolve(relative).normalize();
        if (!Files.isRegularFile(path)) {
            throw new DendraException(ErrorCode.FILE_NOT_READABLE, args.place("checkpoint"), "checkpoint '" + relative + "' not found (looked in "
                    + path + ")", "the checkpoint is found relative to the model file");
        }
        String prefix = args.has("prefix") ? args.string("prefix") : null;
        String normName = args.has("norm") ? args.string("norm") : "auto";
        SpikingSsmCheckpoint.Norm norm = normName.equals("auto") ? null : SpikingSsmCheckpoint.Norm.parse(normName)
                .orElseThrow(() -> args.valueError("norm", "norm must be \"auto\", \"none\", \"layer\" or \"batch\", got \"" + normName + "\""));
        String encoderName = args.has("encoder") ? args.string("encoder") : "auto";
        SpikingSsmCheckpoint.Encoder encoder = switch (encoderName) {
            case "auto" -> null;
            case "linear" -> SpikingSsmCheckpoint.Encoder.LINEAR;
            case "embedding" -> SpikingSsmCheckpoint.Encoder.EMBEDDING;
            default -> throw args.valueError("encoder", "encoder must be \"auto\", \"linear\" or \"embedding\", got \"" + encoderName + "\"");
        };
        double tau = args.number("tau", SpikingSsmModelWriter.Semantics.SPIKINGSSM.tau());
        double threshold = args.number("threshold", SpikingSsmModelWriter.Semantics.SPIKINGSSM.threshold());
        Boolean prenorm = args.has("prenorm") ? flag(args, "prenorm") : null;
        boolean applyPostnorm = args.has("apply_postnorm") && flag(args, "apply_postnorm");
        SpikingSsmCheckpoint ckpt = SpikingSsmCheckpoint.infer(TensorFile.open(path), new SpikingSsmCheckpoint.Options(prefix, norm, encoder, prenorm));

        boolean linear = ckpt.encoder() == SpikingSsmCheckpoint.Encoder.LINEAR;
        boolean fits = linear ? !(input instanceof InputNode in && in.tokens()) && input.width() == ckpt.inputSize()
                : input instanceof InputNode in && in.tokens() && in.vocabulary() == ckpt.inputSize();
        if (!fits) {
            throw new DendraException(ErrorCode.SHAPE_MISMATCH, args.place(0), "the checkpoint's encoder takes "
                    + (linear ? ckpt.inputSize() + " real channel(s)" : "tokens of a vocabulary of " + ckpt.inputSize()) + ", but '" + input.name()
                    + "' gives " + (input instanceof InputNode in && in.tokens() ? "tokens of a vocabulary of " + in.vocabulary() : input.width() + " real channel(s)"),
                    linear ? "declare 'input x: real[" + ckpt.inputSize() + "];'" : "declare 'input ids: tokens[" + ckpt.inputSize() + "];'");
        }
        SpikingSsmModelWriter.Semantics soma = new SpikingSsmModelWriter.Semantics(tau, threshold, applyPostnorm);
        String statements = SpikingSsmModelWriter.tensorsStatement(ckpt, elaborator.file()) + SpikingSsmModelWriter.layers(ckpt, soma, "ssm_input");
        return elaborator.expand(statements, Map.of("ssm_input", new Value.LayerValue(input)), SpikingSsmModelWriter.result(ckpt), place,
                "in the spikingssm expansion");
    }

    private static boolean flag(Arguments args, String name) {
        double v = args.number(name, 0);
        if (v != 0 && v != 1) throw args.valueError(name, name + " must be true or false");
        return v == 1;
    }

    private static int[] shape(int... dims) {
        return dims;
    }

    private static int[] tail(int[] shape, int n) {
        return shape.length < n ? shape : Arrays.copyOfRange(shape, shape.length - n, shape.length);
    }

    /** The evaluated arguments of one call: one positional input, then named arguments, each used once. */
    private final class Arguments {
        private final DndParser.CallContext call;
        private final List<Value> positional = new ArrayList<>();
        private final List<ParserRuleContext> positionalAt = new ArrayList<>();
        private final Map<String, Value> named = new LinkedHashMap<>();
        private final Map<String, ParserRuleContext> namedAt = new LinkedHashMap<>();
        private final Set<String> used = new TreeSet<>();

        Arguments(DndParser.CallContext call) {
            this.call = call;
            for (DndParser.ArgumentContext arg : call.argument()) {
                Value value = elaborator.evaluate(arg.expr(), null);
                if (arg.name == null) {
                    if (!named.isEmpty()) {
                        throw new DendraException(ErrorCode.BAD_ARGUMENT, elaborator.place(arg), "a positional argument follows named ones",
                                "write the input layer first: " + call.callee.getText() + "(x, ...)");
                    }
                    positional.add(value);
                    positionalAt.add(arg);
                } else {
                    String key = arg.name.getText();
                    if (named.containsKey(key)) {
                        throw new DendraException(ErrorCode.BAD_ARGUMENT, elaborator.place(arg), "argument '" + key + "' is given twice", null);
                    }
                    named.put(key, value);
                    namedAt.put(key, arg);
                }
            }
        }

        Node input() {
            if (positional.isEmpty()) {
                throw new DendraException(ErrorCode.BAD_ARGUMENT, elaborator.place(call), call.callee.getText() + " needs an input layer as its first argument",
                        "write " + call.callee.getText() + "(x, ...)");
            }
            if (positional.size() > 1) {
                throw new DendraException(ErrorCode.BAD_ARGUMENT, elaborator.place(positionalAt.get(1)), call.callee.getText()
                        + " takes one positional argument (its input); give the others by name", null);
            }
            return elaborator.layer(positional.get(0), positionalAt.get(0));
        }

        Node sequence(Node input, String kind) {
            if (input.timing() != Node.Timing.SEQUENCE) {
                throw new DendraException(ErrorCode.TIME_MISMATCH, place(0), kind + " needs a sequence, but '" + input.name() + "' is one vector per sample (after mean_time)", null);
            }
            return input;
        }

        boolean has(String key) {
            return named.containsKey(key);
        }

        private Value require(String key) {
            used.add(key);
            Value v = named.get(key);
            if (v == null) {
                throw new DendraException(ErrorCode.BAD_ARGUMENT, elaborator.place(call), call.callee.getText() + " needs argument '" + key + "'", null);
            }
            return v;
        }

        Tensor tensor(String key) {
            return elaborator.tensor(require(key), namedAt.get(key), key).tensor();
        }

        /** The values of a required tensor argument that must have one of the allowed shapes. */
        double[] values(String key, int[]... allowed) {
            TensorValue value = elaborator.tensor(require(key), namedAt.get(key), key);
            Tensor t = value.tensor();
            for (int[] shape : allowed) {
                if (Arrays.equals(t.shape(), shape)) return finite(key, t);
            }
            StringJoiner expected = new StringJoiner(" or ");
            for (int[] shape : allowed) expected.add(Tensor.formatShape(shape));
            throw shapeError(key, t, expected.toString());
        }

        double[] finite(String key, Tensor t) {
            int bad = t.firstNonFinite();
            if (bad >= 0) {
                throw new DendraException(ErrorCode.TENSOR_NOT_FINITE, place(key), "'" + key + "' of " + call.callee.getText() + ": tensor "
                        + describe(key) + " holds " + t.at(bad) + " at flat index " + bad, null);
            }
            return t.toArray();
        }

        DendraException shapeError(String key, Tensor t, String expected) {
            return new DendraException(ErrorCode.TENSOR_SHAPE, place(key), "'" + key + "' of " + call.callee.getText() + " needs shape " + expected
                    + ", but tensor " + describe(key) + " has shape " + t.shapeString(), null);
        }

        DendraException valueError(String key, String message) {
            return new DendraException(ErrorCode.BAD_VALUE, place(key), message, null);
        }

        private String describe(String key) {
            return named.get(key) instanceof TensorValue tv ? tv.source() : "literal";
        }

        double number(String key, double fallback) {
            if (!has(key)) return fallback;
            double v = elaborator.number(require(key), namedAt.get(key), "'" + key + "'");
            if (!Double.isFinite(v)) throw valueError(key, "'" + key + "' must be finite");
            return v;
        }

        double positiveNumber(String key, double fallback) {
            double v = number(key, fallback);
            if (v <= 0) throw valueError(key, "'" + key + "' must be positive, got " + Elaborator.formatNumber(v));
            return v;
        }

        String string(String key) {
            return elaborator.string(require(key), namedAt.get(key), "'" + key + "'");
        }

        String optionalString(String key) {
            used.add(key);
            return has(key) ? string(key) : null;
        }

        Place place(String key) {
            ParserRuleContext at = namedAt.get(key);
            return elaborator.place(at != null ? at : call);
        }

        Place place(int index) {
            return elaborator.place(positionalAt.get(index));
        }

        /** Rejects named arguments that the layer kind does not take at all. */
        void rejectUnknown(List<String> takes) {
            List<String> allowed = new ArrayList<>(takes);
            allowed.add("name");
            for (String key : named.keySet()) {
                if (!allowed.contains(key)) {
                    throw new DendraException(ErrorCode.BAD_ARGUMENT, place(key), call.callee.getText() + " has no argument '" + key + "'",
                            Suggestions.nearest(key, allowed).map(k -> "did you mean '" + k + "'?").orElse("it takes: " + String.join(", ", allowed)));
                }
            }
        }

        /** Rejects arguments the kind takes but this call's other arguments leave unused (say, log_dt beside inv_dt). */
        void finish() {
            for (String key : named.keySet()) {
                if (!used.contains(key) && !key.equals("name")) {
                    throw new DendraException(ErrorCode.BAD_ARGUMENT, place(key), "argument '" + key + "' does not fit the other arguments of this "
                            + call.callee.getText(), "used here: " + String.join(", ", used));
                }
            }
        }
    }
}
