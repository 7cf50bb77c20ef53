package io.dendra.compiler.frontend.netx;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small NetX networks in lava-dl's layout, for tests: {@code layer/<i>/} with {@code type},
 * {@code shape} and the layer's datasets, and {@code neuron/} with its fields.
 */
public final class NetxFiles {
    private final List<Map<String, Object>> layers = new ArrayList<>();
    private final List<Map<String, Object>> neurons = new ArrayList<>();

    public static NetxFiles network() {
        return new NetxFiles();
    }

    /** A LOIHI neuron as lava-dl writes it (iDecay, vDecay, vThMant, refDelay, wgtExp). */
    public static Object[] loihi(long iDecay, long vDecay, long vth) {
        return new Object[] {"type", new String[] {"LOIHI"}, "iDecay", iDecay, "vDecay", vDecay, "vThMant", vth, "refDelay", 1L, "wgtExp", 0L};
    }

    /** A layer of {@code type} and (C, H, W) {@code shape}, its datasets as name, value pairs; {@code neuron} null for none. */
    public NetxFiles layer(String type, long[] shape, Object[] neuron, Object... datasets) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", new String[] {type});
        if (shape != null) d.put("shape", shape);
        for (int i = 0; i < datasets.length; i += 2) d.put((String) datasets[i], datasets[i + 1]);
        layers.add(d);
        Map<String, Object> n = null;
        if (neuron != null) {
            n = new LinkedHashMap<>();
            for (int i = 0; i < neuron.length; i += 2) n.put((String) neuron[i], neuron[i + 1]);
        }
        neurons.add(n);
        return this;
    }

    public Path write(Path file) {
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            WritableGroup root = hdf.putGroup("layer");
            for (int i = 0; i < layers.size(); i++) {
                WritableGroup g = root.putGroup(Integer.toString(i));
                layers.get(i).forEach(g::putDataset);
                if (neurons.get(i) != null) {
                    WritableGroup n = g.putGroup("neuron");
                    neurons.get(i).forEach(n::putDataset);
                }
            }
        }
        return file;
    }
}
