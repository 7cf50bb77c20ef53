package io.dendra.compiler.frontend.nir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small NIR graphs in {@code nir.write}'s layout, for tests: {@code /version},
 * {@code /node/type}, {@code /node/edges}, {@code /node/nodes/<name>/} with a {@code type} and
 * one dataset per parameter (double[], double[][], long[] ...).
 */
public final class NirFiles {
    private final Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
    private final List<String[]> edges = new ArrayList<>();

    public static NirFiles graph() {
        return new NirFiles();
    }

    /** A node with its type and parameters given as name, value pairs. */
    public NirFiles node(String name, String type, Object... params) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", new String[] {type});
        for (int i = 0; i < params.length; i += 2) p.put((String) params[i], params[i + 1]);
        nodes.put(name, p);
        return this;
    }

    public NirFiles edge(String from, String to) {
        edges.add(new String[] {from, to});
        return this;
    }

    /** input -> ... -> output along the given names, each edge in order. */
    public NirFiles chain(String... names) {
        for (int i = 1; i < names.length; i++) edge(names[i - 1], names[i]);
        return this;
    }

    public Path write(Path file) {
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putDataset("version", new String[] {"0.2.0"});
            WritableGroup node = hdf.putGroup("node");
            node.putDataset("type", new String[] {"NIRGraph"});
            node.putDataset("edges", edges.toArray(new String[0][]));
            WritableGroup group = node.putGroup("nodes");
            nodes.forEach((name, params) -> {
                WritableGroup g = group.putGroup(name);
                params.forEach(g::putDataset);
            });
        }
        return file;
    }
}
