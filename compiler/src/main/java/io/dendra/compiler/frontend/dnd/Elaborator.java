package io.dendra.compiler.frontend.dnd;

import io.dendra.compiler.frontend.dnd.Value.LayerValue;
import io.dendra.compiler.frontend.dnd.Value.ListValue;
import io.dendra.compiler.frontend.dnd.Value.NumberValue;
import io.dendra.compiler.frontend.dnd.Value.StringValue;
import io.dendra.compiler.frontend.dnd.Value.TensorValue;
import io.dendra.compiler.graph.AddNode;
import io.dendra.compiler.graph.InputNode;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.tensor.DType;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.compiler.tensor.TensorFile;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import io.dendra.diagnostics.Suggestions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Turns a parsed model file into a {@link ModelGraph}: runs {@code let} and {@code repeat},
 * resolves tensor references, and builds each layer through {@link Layers}, which checks every
 * shape. Stops at the first error with its position.
 */
final class Elaborator {
    private static final Pattern INTERPOLATION = Pattern.compile("\\{([a-zA-Z_][a-zA-Z_0-9]*)\\}");
    private static final int MAX_REPEAT = 100_000;

    /** A tensor file named by a {@code tensors} statement, with the prefix its names carry. */
    private record TensorSource(TensorFile file, String prefix) {}

    private final Path file;
    private final List<TensorSource> sources = new ArrayList<>();
    private final Map<String, Value> names = new HashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Set<String> nodeNames = new HashSet<>();
    private final List<String> loopSuffix = new ArrayList<>();
    private final Layers layers = new Layers(this);
    private InputNode input;
    private Node output;

    Elaborator(Path file) {
        this.file = file;
    }

    ModelGraph elaborate(DndParser.FileContext tree) {
        for (DndParser.StatementContext statement : tree.statement()) execute(statement);
        if (input == null) {
            throw new DendraException(ErrorCode.MODEL_STRUCTURE, place(tree.getStart()), "the model has no 'input' statement",
                    "add for example 'input x: real[1];'");
        }
        if (output == null) {
            throw new DendraException(ErrorCode.MODEL_STRUCTURE, place(tree.close), "the model has no 'output' statement",
                    "end the model with 'output <layer>;'");
        }
        return new ModelGraph(tree.name.getText(), file, nodes, output);
    }

    // ---- statements ---------------------------------------------------------------------------

    private void execute(DndParser.StatementContext statement) {
        if (statement instanceof DndParser.TensorsStatementContext s) {
            tensors(s);
        } else if (statement instanceof DndParser.LetStatementContext s) {
            names.put(s.name.getText(), evaluate(s.expr(), s.name.getText()));
        } else if (statement instanceof DndParser.InputStatementContext s) {
            input(s);
        } else if (statement instanceof DndParser.AssignStatementContext s) {
            names.put(s.name.getText(), evaluate(s.expr(), s.name.getText()));
        } else if (statement instanceof DndParser.RepeatStatementContext s) {
            repeat(s);
        } else if (statement instanceof DndParser.OutputStatementContext s) {
            if (output != null) throw new DendraException(ErrorCode.MODEL_STRUCTURE, place(s), "the model has a second 'output'", "a model has one output");
            output = layer(evaluate(s.expr(), "output"), s.expr());
        }
    }

    private void tensors(DndParser.TensorsStatementContext s) {
        String relative = unquote(s.path);
        Path path = folder().resolve(relative).normalize();
        if (!Files.isRegularFile(path)) {
            throw new DendraException(ErrorCode.FILE_NOT_READABLE, place(s.path), "tensor file '" + relative + "' not found (looked in " + path + ")",
                    "tensor files are found relative to the model file");
        }
        sources.add(new TensorSource(TensorFile.open(path), s.prefix == null ? "" : unquote(s.prefix)));
    }

    /** The widest input a model may declare: every layer value of one step is held in memory many times over. */
    static final int MAX_INPUT_SIZE = 1 << 24;

    private void input(DndParser.InputStatementContext s) {
        if (input != null) throw new DendraException(ErrorCode.MODEL_STRUCTURE, place(s), "the model has a second 'input'", "a model has one input");
        int size = positiveInteger(evaluate(s.size, null), s.size, "input size");
        if (size > MAX_INPUT_SIZE) {
            throw new DendraException(ErrorCode.BAD_VALUE, place(s.size), String.format(Locale.ROOT, "input size %,d is more than Dendra takes (%,d channels or"
                    + " tokens)", size, MAX_INPUT_SIZE), "a model's input is a vector per step; flatten large inputs into a sequence instead");
        }
        boolean tokens = s.kind.getText().equals("tokens");
        input = new InputNode(s.name.getText(), place(s), tokens ? 1 : size, tokens ? size : 0);
        add(input);
        names.put(s.name.getText(), new LayerValue(input));
    }

    private void repeat(DndParser.RepeatStatementContext s) {
        int from = integer(evaluate(s.from, null), s.from, "repeat start");
        int to = integer(evaluate(s.to, null), s.to, "repeat end");
        if (to < from || to - from > MAX_REPEAT) {
            throw new DendraException(ErrorCode.BAD_VALUE, place(s.from), "repeat range " + from + ".." + to + " is empty or too long",
                    "write 'repeat i in 0..4' for i = 0, 1, 2, 3");
        }
        String variable = s.var.getText();
        Value shadowed = names.get(variable);
        for (int i = from; i < to; i++) {
            names.put(variable, new NumberValue(i));
            loopSuffix.add(Integer.toString(i));
            for (DndParser.StatementContext inner : s.statement()) execute(inner);
            loopSuffix.remove(loopSuffix.size() - 1);
        }
        if (shadowed == null) names.remove(variable); else names.put(variable, shadowed);
    }

    // ---- expressions --------------------------------------------------------------------------

    /** Evaluates an expression; {@code target} is the variable it is assigned to, used to name layers. */
    Value evaluate(DndParser.ExprContext expr, String target) {
        if (expr instanceof DndParser.NumberContext e) return new NumberValue(Double.parseDouble(e.getText()));
        if (expr instanceof DndParser.BoolContext e) return new NumberValue(e.value.getText().equals("true") ? 1 : 0);
        if (expr instanceof DndParser.StringContext e) return new StringValue(interpolate(e.STRING().getSymbol()));
        if (expr instanceof DndParser.ParensContext e) return evaluate(e.expr(), target);
        if (expr instanceof DndParser.NameContext e) return lookup(e.ID().getSymbol());
        if (expr instanceof DndParser.TensorRefContext e) return tensorReference(e.STRING().getSymbol());
        if (expr instanceof DndParser.ListContext e) {
            List<Value> items = new ArrayList<>();
            for (DndParser.ExprContext item : e.expr()) items.add(evaluate(item, null));
            return new ListValue(items);
        }
        if (expr instanceof DndParser.NegateContext e) {
            return new NumberValue(-number(evaluate(e.expr(), null), e.expr(), "'-'"));
        }
        if (expr instanceof DndParser.MultiplyContext e) {
            double left = number(evaluate(e.left, null), e.left, "'" + e.op.getText() + "'");
            double right = number(evaluate(e.right, null), e.right, "'" + e.op.getText() + "'");
            return new NumberValue(e.op.getText().equals("*") ? left * right : left / right);
        }
        if (expr instanceof DndParser.AddContext e) return add(e, target);
        if (expr instanceof DndParser.CallContext e) return new LayerValue(layers.build(e, target));
        throw new IllegalStateException("unhandled expression " + expr.getClass().getSimpleName());
    }

    private Value add(DndParser.AddContext e, String target) {
        Value left = evaluate(e.left, null);
        Value right = evaluate(e.right, null);
        boolean plus = e.op.getText().equals("+");
        if (left instanceof NumberValue l && right instanceof NumberValue r) {
            return new NumberValue(plus ? l.value() + r.value() : l.value() - r.value());
        }
        if (plus && left instanceof LayerValue l && right instanceof LayerValue r) {
            Node a = l.node();
            Node b = r.node();
            if (a.timing() != b.timing()) {
                throw new DendraException(ErrorCode.TIME_MISMATCH, place(e), "cannot add '" + a.name() + "' (" + a.timing().name().toLowerCase(Locale.ROOT)
                        + ") and '" + b.name() + "' (" + b.timing().name().toLowerCase(Locale.ROOT) + ")", "add two sequences, or two layers after mean_time");
            }
            if (a.width() != b.width()) {
                throw new DendraException(ErrorCode.SHAPE_MISMATCH, place(e), "cannot add '" + a.name() + "' of width " + a.width()
                        + " and '" + b.name() + "' of width " + b.width(), "a residual addition needs layers of equal width");
            }
            return new LayerValue(add(new AddNode(nodeName(target, "add", null), place(e), a, b)));
        }
        throw new DendraException(ErrorCode.WRONG_KIND, place(e), "cannot " + (plus ? "add " : "subtract ") + right.describe()
                + (plus ? " to " : " from ") + left.describe(), "'+' adds two numbers or two layers; '-' subtracts numbers");
    }

    private Value lookup(Token name) {
        Value value = names.get(name.getText());
        if (value == null) {
            throw new DendraException(ErrorCode.UNDEFINED_NAME, place(name), "'" + name.getText() + "' is not defined",
                    Suggestions.didYouMean(name.getText(), names.keySet()));
        }
        return value;
    }

    private Value tensorReference(Token literal) {
        String name = interpolate(literal);
        if (sources.isEmpty()) {
            throw new DendraException(ErrorCode.MISSING_TENSOR, place(literal), "tensor '" + name + "' referenced but no tensor file is declared",
                    "declare one first: tensors \"weights.safetensors\";");
        }
        Set<String> known = new TreeSet<>();
        for (TensorSource source : sources) {
            String stored = source.prefix() + name;
            if (source.file().contains(stored)) {
                Tensor tensor = source.file().read(stored);
                return new TensorValue(tensor, "'" + stored + "' of " + source.file().path().getFileName());
            }
            for (String n : source.file().names()) if (n.startsWith(source.prefix())) known.add(n.substring(source.prefix().length()));
        }
        StringBuilder files = new StringBuilder();
        for (TensorSource source : sources) {
            if (!files.isEmpty()) files.append(", ");
            files.append(source.file().path().getFileName());
            if (!source.prefix().isEmpty()) files.append(" (prefix \"").append(source.prefix()).append("\")");
        }
        throw new DendraException(ErrorCode.MISSING_TENSOR, place(literal), "tensor '" + name + "' not found in " + files,
                Suggestions.didYouMean(name, known));
    }

    /**
     * Runs statements written by a shortcut in a scope of their own, with {@code bindings} as the
     * only names and no tensor files but those the statements declare, and returns the layer they
     * assign to {@code result}. An error inside is reported at the shortcut's call site.
     */
    Node expand(String statements, Map<String, Value> bindings, String result, Place callSite, String what) {
        Map<String, Value> outerNames = new HashMap<>(names);
        List<TensorSource> outerSources = new ArrayList<>(sources);
        List<String> outerSuffix = new ArrayList<>(loopSuffix);
        names.clear();
        names.putAll(bindings);
        sources.clear();
        loopSuffix.clear();
        try {
            for (DndParser.StatementContext statement : DndParsing.parseStatements(statements, file).statement()) execute(statement);
            return ((LayerValue) names.get(result)).node();
        } catch (DendraException e) {
            throw new DendraException(e.code(), callSite, what + ": " + e.diagnostic().message(), e.diagnostic().hint());
        } finally {
            names.clear();
            names.putAll(outerNames);
            sources.clear();
            sources.addAll(outerSources);
            loopSuffix.clear();
            loopSuffix.addAll(outerSuffix);
        }
    }

    /** The folder relative paths in the model are resolved against. */
    Path folder() {
        return file.toAbsolutePath().getParent();
    }

    Path file() {
        return file;
    }

    // ---- helpers shared with Layers -----------------------------------------------------------

    Node add(Node node) {
        nodes.add(node);
        nodeNames.add(node.name());
        return node;
    }

    /**
     * A unique layer name: the explicit {@code name=} argument, else the assigned variable with the
     * repeat indices ({@code h.0}), else the variable and the layer kind.
     */
    String nodeName(String target, String kind, String explicit) {
        String base;
        if (explicit != null) {
            base = explicit;
        } else {
            base = target == null ? kind : target;
            for (String index : loopSuffix) base += "." + index;
        }
        String name = base;
        for (int n = 2; nodeNames.contains(name); n++) name = base + "#" + n;
        return name;
    }

    Node layer(Value value, ParserRuleContext where) {
        if (value instanceof LayerValue l) return l.node();
        throw new DendraException(ErrorCode.WRONG_KIND, place(where), "expected a layer, got " + value.describe(), null);
    }

    double number(Value value, ParserRuleContext where, String what) {
        if (value instanceof NumberValue n) return n.value();
        throw new DendraException(ErrorCode.WRONG_KIND, place(where), what + " needs a number, got " + value.describe(), null);
    }

    int integer(Value value, ParserRuleContext where, String what) {
        double v = number(value, where, what);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new DendraException(ErrorCode.BAD_VALUE, place(where), what + " must be a whole number, got " + formatNumber(v), null);
        }
        return (int) v;
    }

    int positiveInteger(Value value, ParserRuleContext where, String what) {
        int v = integer(value, where, what);
        if (v <= 0) throw new DendraException(ErrorCode.BAD_VALUE, place(where), what + " must be positive, got " + v, null);
        return v;
    }

    /** A tensor from a tensor reference or a (nested) list literal of numbers. */
    TensorValue tensor(Value value, ParserRuleContext where, String what) {
        if (value instanceof TensorValue t) return t;
        if (value instanceof NumberValue n) return new TensorValue(Tensor.scalar(what, n.value()), "literal");
        if (value instanceof ListValue list) {
            List<Integer> shape = new ArrayList<>();
            List<Double> flat = new ArrayList<>();
            flatten(list, 0, shape, flat, where, what);
            double[] values = flat.stream().mapToDouble(Double::doubleValue).toArray();
            return new TensorValue(new Tensor(what, DType.F64, shape.stream().mapToInt(Integer::intValue).toArray(), values), "literal");
        }
        throw new DendraException(ErrorCode.WRONG_KIND, place(where), what + " needs a tensor (@\"name\" or a list), got " + value.describe(), null);
    }

    private void flatten(Value value, int depth, List<Integer> shape, List<Double> flat, ParserRuleContext where, String what) {
        if (value instanceof NumberValue n) {
            if (depth != shape.size()) throw ragged(where, what);
            flat.add(n.value());
            return;
        }
        if (!(value instanceof ListValue list)) {
            throw new DendraException(ErrorCode.WRONG_KIND, place(where), what + " list holds " + value.describe() + ", not a number", null);
        }
        if (depth == shape.size()) {
            if (!flat.isEmpty()) throw ragged(where, what);
            shape.add(list.items().size());
        } else if (shape.get(depth) != list.items().size()) {
            throw ragged(where, what);
        }
        for (Value item : list.items()) flatten(item, depth + 1, shape, flat, where, what);
    }

    private DendraException ragged(ParserRuleContext where, String what) {
        return new DendraException(ErrorCode.BAD_VALUE, place(where), what + " list is ragged: rows of different lengths", "every row needs the same length");
    }

    String string(Value value, ParserRuleContext where, String what) {
        if (value instanceof StringValue s) return s.value();
        throw new DendraException(ErrorCode.WRONG_KIND, place(where), what + " needs a string, got " + value.describe(), null);
    }

    private String interpolate(Token literal) {
        String text = unquote(literal);
        Matcher m = INTERPOLATION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Value value = names.get(m.group(1));
            String replacement;
            if (value instanceof NumberValue n) replacement = formatNumber(n.value());
            else if (value instanceof StringValue s) replacement = s.value();
            else {
                throw new DendraException(ErrorCode.UNDEFINED_NAME, place(literal), "'{" + m.group(1) + "}' in a string needs a number or string named '"
                        + m.group(1) + "'", value == null ? Suggestions.didYouMean(m.group(1), names.keySet()) : "only numbers and strings can be interpolated");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String unquote(Token literal) {
        String text = literal.getText();
        return text.substring(1, text.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }

    static String formatNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    Place place(ParserRuleContext ctx) {
        return place(ctx.getStart());
    }

    Place place(Token token) {
        return Place.at(file, token.getLine(), token.getCharPositionInLine() + 1);
    }
}
