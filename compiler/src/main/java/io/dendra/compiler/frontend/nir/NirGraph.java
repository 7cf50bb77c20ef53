package io.dendra.compiler.frontend.nir;

import io.dendra.compiler.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A NIR graph as read, nested graphs flattened: nodes (primitive type and parameters by name) and
 * edges, with what lenient reading changed.
 */
public record NirGraph(Path file, String version, List<Node> nodes, List<Edge> edges, List<String> notes) {

    /** One primitive: its name (nested graphs give {@code outer.inner}), its NIR type and its datasets. */
    /** A node: its real-valued parameters, and what each dataset that is not real numbers holds (complex, text, …). */
    public record Node(String name, String type, Map<String, Tensor> params, Map<String, String> unreadable) {
        public Node(String name, String type, Map<String, Tensor> params) {
            this(name, type, params, Map.of());
        }

        public Node {
            params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
            unreadable = Map.copyOf(unreadable);
        }

        public Tensor param(String key) {
            return params.get(key);
        }

        /** The node's primitive (the reader refuses unknown types). */
        public NirPrimitive primitive() {
            return NirPrimitive.of(type).orElseThrow(() -> new IllegalStateException("unknown NIR type " + type));
        }
    }

    public record Edge(String from, String to) {}

    public NirGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        notes = List.copyOf(notes);
    }

    public Map<String, Node> byName() {
        Map<String, Node> map = new LinkedHashMap<>();
        for (Node n : nodes) map.put(n.name(), n);
        return map;
    }

    public List<String> predecessors(String name) {
        List<String> list = new ArrayList<>();
        for (Edge e : edges) if (e.to().equals(name)) list.add(e.from());
        return list;
    }

    /** Edges that close a cycle (found by a depth-first search from the inputs in file order): the recurrent ones. */
    public Set<Edge> backEdges() {
        Map<String, List<String>> next = new HashMap<>();
        for (Edge e : edges) next.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
        Set<Edge> back = new HashSet<>();
        Set<String> done = new HashSet<>();
        Set<String> onPath = new HashSet<>();
        for (Node n : nodes) if (n.primitive() == NirPrimitive.INPUT) visit(n.name(), next, done, onPath, back);
        for (Node n : nodes) visit(n.name(), next, done, onPath, back);
        return back;
    }

    private static void visit(String node, Map<String, List<String>> next, Set<String> done, Set<String> onPath, Set<Edge> back) {
        if (done.contains(node)) return;
        onPath.add(node);
        for (String to : next.getOrDefault(node, List.of())) {
            if (onPath.contains(to)) back.add(new Edge(node, to));
            else visit(to, next, done, onPath, back);
        }
        onPath.remove(node);
        done.add(node);
    }
}
