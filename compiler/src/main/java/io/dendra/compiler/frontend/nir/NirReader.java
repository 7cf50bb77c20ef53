package io.dendra.compiler.frontend.nir;

import io.dendra.compiler.tensor.DType;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a NIR file (HDF5, {@code nir.write} layout: {@code /version}, {@code /node} with
 * {@code type}, {@code edges} and {@code nodes/<name>/}) into a {@link NirGraph}, flattening nested
 * {@code NIRGraph} nodes: their inner nodes are named {@code outer.inner}, and edges into or out of a
 * nested graph connect to what its own Input and Output nodes connect to.
 */
public final class NirReader {

    private final Path file;
    private final boolean lenient;
    /** What lenient reading changed, each said once however many edges it touched. */
    private final java.util.Set<String> notes = new java.util.LinkedHashSet<>();

    private NirReader(Path file, boolean lenient) {
        this.file = file;
        this.lenient = lenient;
    }

    public static NirGraph read(Path file, boolean lenient) {
        if (!Files.isRegularFile(file)) {
            throw new DendraException(ErrorCode.FILE_NOT_READABLE, Place.file(file), "NIR file " + file + " not found", null);
        }
        NirReader reader = new NirReader(file, lenient);
        try (HdfFile hdf = new HdfFile(file)) {
            String version = hdf.getChild("version") instanceof Dataset v ? text(v) : "?";
            Node top = hdf.getChild("node");
            if (!(top instanceof Group root)) throw reader.missing("the file has no /node group", "/node");
            List<NirGraph.Node> nodes = new ArrayList<>();
            List<NirGraph.Edge> edges = new ArrayList<>();
            reader.flatten(root, "", nodes, edges);
            checkValues(file, nodes);
            return new NirGraph(file, version, nodes, edges, List.copyOf(reader.notes));
        } catch (HdfException e) {
            throw new DendraException(ErrorCode.NIR_INVALID, Place.file(file), "not a readable HDF5 file: " + firstLine(e.getMessage()), null);
        }
    }

    /** Every parameter finite, and one Input: what no later stage can repair. */
    private static void checkValues(Path file, List<NirGraph.Node> nodes) {
        List<String> inputs = new ArrayList<>();
        for (NirGraph.Node node : nodes) {
            if (node.primitive() == NirPrimitive.INPUT) inputs.add(node.name());
            for (var param : node.params().entrySet()) {
                int bad = param.getValue().firstNonFinite();
                if (bad >= 0) {
                    throw new DendraException(ErrorCode.TENSOR_NOT_FINITE, Place.item(file, "node", node.name()), "parameter '" + param.getKey()
                            + "' holds " + param.getValue().at(bad) + " at index " + bad, "NIR parameters must be finite; check the exporting model");
                }
            }
        }
        if (inputs.size() > 1) {
            throw new DendraException(ErrorCode.NIR_UNSUPPORTED, Place.file(file), "the graph has " + inputs.size() + " Input nodes ("
                    + String.join(", ", inputs.subList(0, Math.min(4, inputs.size()))) + "); Dendra runs graphs with one input",
                    "merge the inputs into one Input node before exporting");
        }
    }

    /** Adds the nodes and edges of graph {@code g} (names prefixed by {@code prefix}). */
    private void flatten(Group g, String prefix, List<NirGraph.Node> nodes, List<NirGraph.Edge> edges) {
        if (!(g.getChild("nodes") instanceof Group children)) throw missing("graph '" + label(prefix) + "' has no nodes group", prefix + "nodes");
        if (!(g.getChild("edges") instanceof Dataset edgeSet)) throw missing("graph '" + label(prefix) + "' has no edges dataset", prefix + "edges");
        Map<String, Group> nested = new LinkedHashMap<>();
        Map<String, NirGraph.Node> own = new LinkedHashMap<>();
        for (Map.Entry<String, Node> child : children.getChildren().entrySet()) {
            if (!(child.getValue() instanceof Group group)) continue;
            String type = type(group, prefix + child.getKey());
            if (type.equals("NIRGraph")) {
                nested.put(child.getKey(), group);
            } else {
                Map<String, String> unreadable = new LinkedHashMap<>();
                own.put(child.getKey(), new NirGraph.Node(prefix + child.getKey(), type, parameters(group, prefix + child.getKey(), unreadable), unreadable));
            }
        }
        List<String[]> local = edgeList(edgeSet, prefix);
        Set<String> names = new java.util.LinkedHashSet<>(own.keySet());
        names.addAll(nested.keySet());
        for (String[] e : local) {
            e[0] = resolve(e[0], names, prefix);
            e[1] = resolve(e[1], names, prefix);
        }
        nodes.addAll(own.values());
        // Nested graphs: flatten, then splice their Input and Output nodes out.
        Map<String, List<String>> entries = new LinkedHashMap<>();
        Map<String, List<String>> exits = new LinkedHashMap<>();
        for (Map.Entry<String, Group> n : nested.entrySet()) {
            String inner = prefix + n.getKey() + ".";
            List<NirGraph.Node> innerNodes = new ArrayList<>();
            List<NirGraph.Edge> innerEdges = new ArrayList<>();
            flatten(n.getValue(), inner, innerNodes, innerEdges);
            List<String> inputs = new ArrayList<>();
            List<String> outputs = new ArrayList<>();
            for (NirGraph.Node node : innerNodes) {
                if (node.primitive() == NirPrimitive.INPUT) inputs.add(node.name());
                else if (node.primitive() == NirPrimitive.OUTPUT) outputs.add(node.name());
                else nodes.add(node);
            }
            List<String> firsts = new ArrayList<>();
            List<String> lasts = new ArrayList<>();
            for (NirGraph.Edge e : innerEdges) {
                if (inputs.contains(e.from())) firsts.add(e.to());
                else if (outputs.contains(e.to())) lasts.add(e.from());
                else edges.add(e);
            }
            entries.put(n.getKey(), firsts);
            exits.put(n.getKey(), lasts);
        }
        for (String[] e : local) {
            List<String> froms = exits.containsKey(e[0]) ? exits.get(e[0]) : List.of(prefix + e[0]);
            List<String> tos = entries.containsKey(e[1]) ? entries.get(e[1]) : List.of(prefix + e[1]);
            for (String from : froms) for (String to : tos) edges.add(new NirGraph.Edge(from, to));
        }
    }

    /** An edge's node name, or with {@code lenient} the one node it is a prefix of (a known exporter quirk). */
    private String resolve(String name, Set<String> names, String prefix) {
        if (names.contains(name)) return name;
        if (lenient) {
            List<String> candidates = names.stream().filter(n -> n.startsWith(name)).toList();
            if (candidates.size() == 1) {
                notes.add("edge name '" + prefix + name + "' read as node '" + prefix + candidates.get(0) + "', a known exporter quirk (--strict refuses it)");
                return candidates.get(0);
            }
        }
        throw new DendraException(ErrorCode.NIR_EDGE, Place.item(file, "edge to node", prefix + name), "an edge names node '" + prefix + name
                + "', which graph '" + label(prefix) + "' does not have (it has " + String.join(", ", names) + ")", lenient ? null
                        : names.stream().anyMatch(n -> n.startsWith(name)) ? "without --strict, it is read as the one node it is a prefix of" : null);
    }

    private String type(Group node, String name) {
        if (!(node.getChild("type") instanceof Dataset t)) throw missing("node '" + name + "' has no type dataset", name + "/type");
        String type = text(t);
        if (NirPrimitive.of(type).isEmpty()) {
            String suggestion = io.dendra.diagnostics.Suggestions.didYouMean(type, NirPrimitive.types());
            throw new DendraException(ErrorCode.NIR_UNKNOWN_TYPE, Place.item(file, "node", name), "node '" + name + "' has the unknown type '" + type + "'",
                    suggestion != null ? suggestion : "NIR primitives: " + String.join(", ", NirPrimitive.types()));
        }
        return type;
    }

    /** The node's real-valued datasets; what the others hold goes to {@code unreadable}, for the error if one is needed. */
    private Map<String, Tensor> parameters(Group node, String name, Map<String, String> unreadable) {
        Map<String, Tensor> params = new LinkedHashMap<>();
        for (Map.Entry<String, Node> child : node.getChildren().entrySet()) {
            if (child.getKey().equals("type") || !(child.getValue() instanceof Dataset d)) continue;
            Tensor t = tensor(d, name + "." + child.getKey());
            if (t != null) params.put(child.getKey(), t);
            else unreadable.put(child.getKey(), describe(d));
        }
        return params;
    }

    /** What a dataset that is not real numbers holds, in words. */
    private static String describe(Dataset d) {
        Class<?> type = d.getJavaType();
        if (type == String.class) return "text";
        if (type != null && java.util.Map.class.isAssignableFrom(type)) return "compound values (complex numbers are stored so)";
        return (type == null ? "unknown" : type.getSimpleName()) + " values";
    }

    /** A numeric dataset as a float64 tensor of its shape; null for non-numeric data. */
    private Tensor tensor(Dataset d, String name) {
        Object data = d.isScalar() ? d.getData() : d.getDataFlat();
        int[] shape = d.isScalar() ? new int[0] : d.getDimensions();
        double[] values;
        if (data instanceof Number n) {
            values = new double[] {n.doubleValue()};
        } else if (data != null && data.getClass().isArray() && data.getClass().getComponentType().isPrimitive()) {
            values = new double[Array.getLength(data)];
            for (int i = 0; i < values.length; i++) values[i] = ((Number) Array.get(data, i)).doubleValue();
        } else if (data instanceof Object[] boxed && boxed.length > 0 && boxed[0] instanceof Number) {
            values = new double[boxed.length];
            for (int i = 0; i < values.length; i++) values[i] = ((Number) boxed[i]).doubleValue();
        } else {
            return null;
        }
        if (Tensor.sizeOf(shape) != values.length) shape = new int[] {values.length};
        return new Tensor(name, DType.F64, shape, values);
    }

    private List<String[]> edgeList(Dataset edges, String prefix) {
        Object data = edges.getData();
        List<String[]> list = new ArrayList<>();
        if (edges.isEmpty()) return list;
        if (!(data instanceof Object[] rows)) throw missing("graph '" + label(prefix) + "' edges are not pairs of names", prefix + "edges");
        for (Object row : rows) {
            if (!(row instanceof Object[] pair) || pair.length != 2) throw missing("graph '" + label(prefix) + "' edges are not pairs of names", prefix + "edges");
            list.add(new String[] {String.valueOf(pair[0]), String.valueOf(pair[1])});
        }
        return list;
    }

    private static String text(Dataset d) {
        Object data = d.getData();
        if (data instanceof String s) return s;
        if (data instanceof Object[] a && a.length > 0) return String.valueOf(a[0]);
        return String.valueOf(data);
    }

    private DendraException missing(String message, String dataset) {
        return new DendraException(ErrorCode.NIR_MISSING, Place.item(file, "dataset", dataset), message, null);
    }

    private static String label(String prefix) {
        return prefix.isEmpty() ? "(top)" : prefix.substring(0, prefix.length() - 1);
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
