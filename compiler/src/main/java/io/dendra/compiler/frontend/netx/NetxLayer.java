package io.dendra.compiler.frontend.netx;

import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One group of a NetX file ({@code layer/<i>} or its {@code neuron}), read by field with errors that
 * name the file, the layer and the dataset: numbers as {@code long}s or {@code double}s, text as
 * text, arrays flat with their dimensions.
 */
final class NetxLayer {
    private final Path file;
    private final int index;
    private final String path;
    private final Group group;

    /** Layer {@code index} of the file. */
    NetxLayer(Path file, int index, Group group) {
        this(file, index, "layer/" + index, group);
    }

    private NetxLayer(Path file, int index, String path, Group group) {
        this.file = file;
        this.index = index;
        this.path = path;
        this.group = group;
    }

    int index() { return index; }

    String path() { return path; }

    /** Where the layer is, for diagnostics. */
    Place place() {
        return Place.item(file, "dataset", path);
    }

    boolean has(String field) {
        return group.getChild(field) != null;
    }

    /** The {@code neuron} group, if the layer has one. */
    Optional<NetxLayer> neuron() {
        return group.getChild("neuron") instanceof Group g ? Optional.of(new NetxLayer(file, index, path + "/neuron", g)) : Optional.empty();
    }

    String text(String field) {
        Object data = dataset(field).getData();
        if (data instanceof String s) return s.trim();
        if (data instanceof Object[] a && a.length > 0 && a[0] instanceof String s) return s.trim();
        throw error(ErrorCode.NETX_VALUE, field, "'" + field + "' is not text", null);
    }

    /** A flat array of the dataset's numbers, row-major. */
    double[] numbers(String field) {
        Dataset d = dataset(field);
        Object data = d.isScalar() ? d.getData() : d.getDataFlat();
        if (data instanceof Number n) return new double[] {n.doubleValue()};
        if (data != null && data.getClass().isArray() && data.getClass().getComponentType().isPrimitive() && data.getClass().getComponentType() != boolean.class) {
            double[] values = new double[Array.getLength(data)];
            for (int i = 0; i < values.length; i++) values[i] = ((Number) Array.get(data, i)).doubleValue();
            return values;
        }
        throw error(ErrorCode.NETX_VALUE, field, "'" + field + "' does not hold numbers", null);
    }

    int[] dimensions(String field) {
        Dataset d = dataset(field);
        return d.isScalar() ? new int[0] : d.getDimensions();
    }

    /** The dataset's numbers as whole numbers; each must be one. */
    long[] integers(String field) {
        double[] v = numbers(field);
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i]) || Math.abs(v[i]) > 1L << 40) {
                throw error(ErrorCode.NETX_VALUE, field, "'" + field + "' holds " + v[i] + " at index " + i + ", not a whole number",
                        "Loihi's weights, biases and neuron fields are integers: export the network after quantization");
            }
            out[i] = (long) v[i];
        }
        return out;
    }

    /** One whole number. */
    long integer(String field) {
        long[] v = integers(field);
        if (v.length != 1) throw error(ErrorCode.NETX_SHAPE, field, "'" + field + "' holds " + v.length + " values where one is expected", null);
        return v[0];
    }

    /** A pair given as one value or two, in the file's (H, W) order. */
    int[] pair(String field) {
        long[] v = integers(field);
        if (v.length == 1) return new int[] {(int) v[0], (int) v[0]};
        if (v.length != 2) throw error(ErrorCode.NETX_SHAPE, field, "'" + field + "' holds " + v.length + " values where one or two (H, W) are expected", null);
        return new int[] {(int) v[0], (int) v[1]};
    }

    private Dataset dataset(String field) {
        Node child = group.getChild(field);
        if (child instanceof Dataset d) return d;
        throw error(ErrorCode.NETX_MISSING, field, path + " has no '" + field + "' dataset", null);
    }

    DendraException error(ErrorCode code, String field, String message, String hint) {
        return new DendraException(code, Place.item(file, "dataset", path + (field == null ? "" : "/" + field)), message, hint);
    }
}
