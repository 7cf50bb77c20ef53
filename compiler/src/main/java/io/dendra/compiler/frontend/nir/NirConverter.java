package io.dendra.compiler.frontend.nir;

import io.dendra.compiler.graph.AddNode;
import io.dendra.compiler.graph.InputNode;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a NIR graph into a model graph: walks the nodes in an order where each follows its inputs,
 * sums several edges into a node, and hands each node to the part that knows its kind —
 * {@link NirNeurons} (discretised with step {@code dt}), {@link NirConnections} — reading parameters
 * through {@link NirParameters}. {@link NirSupport} says first, node by node, what Dendra runs.
 */
public final class NirConverter {
    private final NirGraph nir;
    private final boolean lenient;
    private final List<String> notes = new ArrayList<>();
    /** The shape of each converted NIR node's output, (C, H, W) for images, so convolutions and pooling know their layout. */
    private final Map<String, int[]> shapes = new java.util.HashMap<>();
    private final NirParameters params;
    private final NirNeurons neurons;
    private final NirConnections connections;

    private NirConverter(NirGraph nir, double dt, boolean lenient) {
        this.nir = nir;
        this.lenient = lenient;
        this.params = new NirParameters(nir.file());
        this.neurons = new NirNeurons(params, dt);
        this.connections = new NirConnections(params, shapes);
    }


    public static ModelGraph convert(NirGraph nir, double dt, boolean lenient, String modelName) {
        return convert(nir, dt, lenient, modelName, note -> { });
    }

    /** Converts; {@code notes} hears what a lenient reading changed. */
    public static ModelGraph convert(NirGraph nir, double dt, boolean lenient, String modelName, java.util.function.Consumer<String> notes) {
        NirConverter converter = new NirConverter(nir, dt, lenient);
        ModelGraph graph = converter.run(modelName);
        converter.notes.forEach(notes);
        return graph;
    }

    private ModelGraph run(String modelName) {
        Map<String, String> status = NirSupport.support(nir);
        List<String> unsupported = new ArrayList<>();
        status.forEach((name, why) -> {
            if (why != null) unsupported.add(name + " (" + why + ")");
        });
        if (!unsupported.isEmpty()) {
            throw new DendraException(ErrorCode.NIR_UNSUPPORTED, Place.file(nir.file()), unsupported.size() + " node(s) cannot run yet: "
                    + String.join("; ", unsupported.subList(0, Math.min(4, unsupported.size()))) + (unsupported.size() > 4 ? "; ..." : ""),
                    "dendra check " + nir.file().getFileName() + " lists every node's status");
        }
        Map<String, NirGraph.Node> byName = nir.byName();
        Map<String, String> folded = NirSupport.recurrences(nir);
        Map<String, Node> built = new LinkedHashMap<>();
        List<Node> nodes = new ArrayList<>();
        Node output = null;
        List<String> order = topologicalOrder(folded);
        for (String name : order) {
            if (folded.containsValue(name)) continue;
            NirGraph.Node n = byName.get(name);
            Place place = Place.item(nir.file(), "node", name);
            if (n.primitive() == NirPrimitive.INPUT) {
                checkShape(n, place);
                InputNode input = new InputNode(name, place, NirParameters.width(n.param("shape")), 0);
                shapes.put(name, n.param("shape") == null ? new int[] {1} : NirParameters.ints(n.param("shape")));
                built.put(name, input);
                nodes.add(input);
                continue;
            }
            Node in = summedInputs(name, place, built, nodes, folded.get(name));
            NirGraph.Node recurrence = folded.containsKey(name) ? byName.get(folded.get(name)) : null;
            int[] inShape = inputShape(name, folded.get(name), in);
            shapes.put(name, inShape);
            Node node = switch (n.primitive()) {
                case CONV1D -> connections.conv(n, place, in, inShape, 1);
                case CONV2D -> connections.conv(n, place, in, inShape, 2);
                case SUM_POOL2D -> connections.pool(n, place, in, inShape, false);
                case AVG_POOL2D -> connections.pool(n, place, in, inShape, true);
                case AFFINE -> connections.linear(n, place, in, true);
                case LINEAR -> connections.linear(n, place, in, false);
                case SCALE -> connections.scale(n, place, in);
                case IF -> neurons.integrateAndFire(n, place, in);
                case LI -> neurons.leakyIntegrator(n, place, in);
                case CUBA_LI -> neurons.cubaLeakyIntegrator(n, place, in);
                case I -> neurons.integrator(n, place, in);
                case THRESHOLD -> neurons.threshold(n, place, in);
                case DELAY -> neurons.delay(n, place, in);
                case LIF -> neurons.lif(n, place, in, recurrence);
                case CUBA_LIF -> neurons.cubaLif(n, place, in, recurrence);
                case FLATTEN -> {
                    shapes.put(name, new int[] {in.width()});
                    yield in;
                }
                case OUTPUT -> {
                    checkOutputShape(n, in);
                    output = in;
                    yield in;
                }
                case INPUT, GRAPH -> throw new IllegalStateException(n.type() + " is handled before this switch (inputs) or when read (nested graphs)");
            };
            if (node != in) nodes.add(node);
            built.put(name, node);
        }
        if (output == null) throw new DendraException(ErrorCode.NIR_MISSING, Place.file(nir.file()), "the graph has no Output node", null);
        if (nodes.isEmpty() || !(nodes.get(0) instanceof InputNode)) {
            throw new DendraException(ErrorCode.NIR_MISSING, Place.file(nir.file()), "the graph has no Input node", null);
        }
        return new ModelGraph(modelName, nir.file(), nodes, output);
    }

    private Node summedInputs(String name, Place place, Map<String, Node> built, List<Node> nodes, String recurrentSource) {
        List<String> preds = new ArrayList<>(nir.predecessors(name));
        preds.remove(recurrentSource);
        if (preds.isEmpty()) throw new DendraException(ErrorCode.NIR_EDGE, place, "node '" + name + "' has no incoming edge", null);
        Node sum = built.get(preds.get(0));
        for (int i = 1; i < preds.size(); i++) {
            Node next = built.get(preds.get(i));
            if (next.width() != sum.width()) {
                throw new DendraException(ErrorCode.NIR_SHAPE, place, "node '" + name + "' sums inputs of widths " + sum.width() + " and " + next.width(), null);
            }
            sum = new AddNode(name + ".sum" + i, place, sum, next);
            nodes.add(sum);
        }
        return sum;
    }

    /** The layout of a node's input: its first input's shape when the widths agree, else flat. */
    private int[] inputShape(String name, String recurrentSource, Node in) {
        for (String p : nir.predecessors(name)) {
            if (p.equals(recurrentSource)) continue;
            int[] shape = shapes.get(p);
            if (shape != null && Tensor.sizeOf(shape) == in.width()) return shape;
        }
        return new int[] {in.width()};
    }

    /** An Output's shape must hold exactly its input's values; extra axes of size 1 are an exporter quirk read with --lenient. */
    private void checkOutputShape(NirGraph.Node n, Node in) {
        Tensor shape = n.param("shape");
        if (shape == null) return;
        Place place = Place.item(nir.file(), "node", n.name());
        if (NirParameters.width(shape) != in.width()) {
            throw new DendraException(ErrorCode.NIR_SHAPE, place, "Output '" + n.name() + "' has shape " + NirParameters.shapeText(shape) + " but receives " + in.width()
                    + " value(s) per step", null);
        }
        int axesAboveOne = 0;
        for (int i = 0; i < shape.size(); i++) if (shape.at(i) != 1) axesAboveOne++;
        boolean extraUnitAxes = shape.size() > 1 && axesAboveOne <= 1;
        if (!extraUnitAxes) return;
        if (!lenient) {
            throw new DendraException(ErrorCode.NIR_SHAPE, place, "Output '" + n.name() + "' has shape " + NirParameters.shapeText(shape) + " but its input is ("
                    + in.width() + ",)", "without --strict, extra axes of size 1 are read as the known exporter quirk they are");
        }
        notes.add("Output '" + n.name() + "' shape " + NirParameters.shapeText(shape) + " read as (" + in.width() + ",), a known exporter quirk (--strict refuses it)");
    }

    /** Nodes in an order where each follows its inputs, the folded recurrent edges left out. */
    private List<String> topologicalOrder(Map<String, String> folded) {
        List<String> order = new ArrayList<>();
        java.util.Set<String> placed = new java.util.HashSet<>();
        boolean progress = true;
        while (progress && order.size() < nir.nodes().size()) {
            progress = false;
            for (NirGraph.Node n : nir.nodes()) {
                if (placed.contains(n.name())) continue;
                List<String> preds = new ArrayList<>(nir.predecessors(n.name()));
                preds.remove(folded.get(n.name()));
                if (placed.containsAll(preds)) {
                    order.add(n.name());
                    placed.add(n.name());
                    progress = true;
                }
            }
        }
        return order;
    }

    /** Every axis of an Input's shape at least 1, and no more than 2^24 values in all. */
    private static void checkShape(NirGraph.Node n, Place place) {
        Tensor shape = n.param("shape");
        if (shape == null) return;
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < shape.size(); i++) text.append(i == 0 ? "" : ", ").append(shape.at(i) == Math.rint(shape.at(i)) ? Long.toString((long) shape.at(i))
                : Double.toString(shape.at(i)));
        String shown = text.append(shape.size() == 1 ? ",)" : ")").toString();
        long total = 1;
        for (int i = 0; i < shape.size(); i++) {
            double axis = shape.at(i);
            if (!(axis >= 1) || axis != Math.rint(axis)) {
                throw new DendraException(ErrorCode.NIR_SHAPE, place, "Input '" + n.name() + "' has shape " + shown
                        + ": every axis is a whole number of at least 1", "check the exporting model's input shape");
            }
            total *= (long) Math.min(axis, 1L << 25);
            if (total > 1 << 24) {
                throw new DendraException(ErrorCode.NIR_SHAPE, place, "Input '" + n.name() + "' has shape " + shown + ": more than 2^24 values per step",
                        "Dendra takes inputs of up to 16,777,216 channels");
            }
        }
    }
}
