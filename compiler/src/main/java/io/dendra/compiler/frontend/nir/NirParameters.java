package io.dendra.compiler.frontend.nir;

import io.dendra.compiler.tensor.Tensor;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.nio.file.Path;

/**
 * Reading a NIR node's parameters: a required dataset, one value per neuron or one for all, one
 * per axis, whole numbers, shapes; each refusal names the file, the node and the dataset.
 */
final class NirParameters {
    private final Path file;

    NirParameters(Path file) {
        this.file = file;
    }

    /**
     * A per-axis parameter, one value per axis or one for all, {@code fallback} when absent; as two
     * values (rows, columns), a 1-D parameter on the columns with the rows' axis neutral (1, or 0 for padding).
     */
    int[] perAxis(NirGraph.Node n, String key, int dims, int fallback, Place place) {
        Tensor t = n.param(key);
        int[] v = {dims == 1 ? (key.equals("padding") ? 0 : 1) : fallback, fallback};
        if (t == null) return v;
        if (t.size() != 1 && t.size() != dims) {
            throw new DendraException(ErrorCode.NIR_SHAPE, place, key + " of '" + n.name() + "' has " + t.size() + " values for " + dims + " axes", null);
        }
        for (int a = 0; a < dims; a++) v[2 - dims + a] = (int) t.at(t.size() == 1 ? 0 : a);
        return v;
    }

    static int[] ints(Tensor t) {
        int[] v = new int[t.size()];
        for (int i = 0; i < v.length; i++) v[i] = (int) t.at(i);
        return v;
    }

    double[] requiredPerNeuron(NirGraph.Node n, String key, int width) {
        require(n, key);
        return perNeuron(n, key, width, 0);
    }

    /** One value per neuron: the node's own, its one value repeated, or {@code fallback} when it has none. */
    double[] perNeuron(NirGraph.Node n, String key, int width, double fallback) {
        Tensor t = n.param(key);
        double[] v = new double[width];
        if (t == null) {
            java.util.Arrays.fill(v, fallback);
            return v;
        }
        if (t.size() == 1) {
            java.util.Arrays.fill(v, t.at(0));
            return v;
        }
        if (t.size() != width) {
            throw new DendraException(ErrorCode.NIR_SHAPE, Place.item(file, "node", n.name()), key + " of '" + n.name() + "' has " + t.size()
                    + " values for " + width + " neurons", null);
        }
        return t.toArray();
    }

    static String shapeText(Tensor shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.size(); i++) s.append(i > 0 ? ", " : "").append((long) shape.at(i));
        return s.append(shape.size() == 1 ? ",)" : ")").toString();
    }

    Tensor require(NirGraph.Node n, String key) {
        Tensor t = n.param(key);
        if (t == null && n.unreadable().containsKey(key)) {
            throw new DendraException(ErrorCode.NIR_VALUE, Place.item(file, "dataset", n.name() + "/" + key), "'" + key + "' of " + n.type() + " node '"
                    + n.name() + "' holds " + n.unreadable().get(key) + ", not real numbers", "Dendra reads real-valued parameters: export them as floats");
        }
        if (t == null) {
            throw new DendraException(ErrorCode.NIR_MISSING, Place.item(file, "node", n.name()), n.type() + " node '" + n.name() + "' has no '" + key
                    + "' dataset", null);
        }
        return t;
    }

    static int width(Tensor shape) {
        if (shape == null) return 1;
        long w = 1;
        for (int i = 0; i < shape.size(); i++) w *= (long) shape.at(i);
        return (int) w;
    }

    static boolean uniform(NirGraph.Node n, String key) {
        Tensor t = n.param(key);
        if (t == null) return true;
        for (int i = 1; i < t.size(); i++) if (t.at(i) != t.at(0)) return false;
        return true;
    }

    static boolean isZero(Tensor t) {
        if (t == null) return true;
        for (int i = 0; i < t.size(); i++) if (t.at(i) != 0) return false;
        return true;
    }
}
