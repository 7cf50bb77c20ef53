package io.dendra.compiler.frontend.nir;

import io.dendra.compiler.graph.Convolutions;
import io.dendra.compiler.graph.LinearNode;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.SparseLinearNode;
import io.dendra.compiler.graph.SparseMatrix;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.util.Map;

/**
 * NIR's connections as model layers: Affine, Linear and Scale as dense maps; Conv1d, Conv2d,
 * SumPool2d and AvgPool2d expanded into sparse maps over values laid out (C, [H,] W), each
 * recording the shape it writes so that the next one knows its layout.
 */
final class NirConnections {
    private final NirParameters params;
    /** The shape of each converted node's output, (C, H, W) for images. */
    private final Map<String, int[]> shapes;

    NirConnections(NirParameters params, Map<String, int[]> shapes) {
        this.params = params;
        this.shapes = shapes;
    }

    /** The most synapses one convolution or pooling may expand into: about 600 MB while compiling. */
    static final long MAX_EXPANDED_SYNAPSES = 50_000_000L;

    /** Refuses, before building anything, an expansion that would not fit: with the numbers. */
    static void checkExpansion(NirGraph.Node n, Place place, long neurons, long synapses) {
        if (synapses > MAX_EXPANDED_SYNAPSES || neurons > Integer.MAX_VALUE / 2) {
            throw new DendraException(ErrorCode.NIR_UNSUPPORTED, place, String.format(java.util.Locale.ROOT, "%s '%s' would expand into up to %,d synapses"
                    + " for %,d output values, more than Dendra expands (%,d)", n.type(), n.name(), synapses, neurons, MAX_EXPANDED_SYNAPSES),
                    "the compiler and the simulator hold every tap of every output as a synapse; use a smaller input or a larger stride");
        }
    }

    /**
     * Conv1d / Conv2d: weight (C_out, C_in/groups, k...) over an input laid out (C_in, [H,] W); stride,
     * padding and dilation one per axis (or one for all); bias per output channel. The input's layout is
     * the previous node's shape, or C_in × {@code input_shape}.
     */
    Node conv(NirGraph.Node n, Place place, Node in, int[] inShape, int dims) {
        Tensor w = params.require(n, "weight");
        if (w.rank() != dims + 2) {
            throw new DendraException(ErrorCode.NIR_SHAPE, place, n.type() + " '" + n.name() + "' has weight " + w.shapeString() + ", not rank " + (dims + 2),
                    "a convolution's weight is (C_out, C_in/groups" + (dims == 1 ? ", k)" : ", kh, kw)"));
        }
        int cOut = w.dim(0);
        int groups = n.param("groups") == null ? 1 : (int) n.param("groups").at(0);
        if (groups < 1 || cOut % groups != 0) throw new DendraException(ErrorCode.NIR_SHAPE, place, "groups " + groups + " of '" + n.name() + "' do not divide " + cOut + " output channels", "groups divide both channel counts");
        int cIn = w.dim(1) * groups;
        int[] spatial = spatialInput(n, place, in, inShape, cIn, dims);
        int h = dims == 1 ? 1 : spatial[0];
        int width = spatial[dims - 1];
        int kh = dims == 1 ? 1 : w.dim(2);
        int kw = w.dim(dims + 1);
        int[] stride = params.perAxis(n, "stride", dims, 1, place);
        int[] padding = params.perAxis(n, "padding", dims, 0, place);
        int[] dilation = params.perAxis(n, "dilation", dims, 1, place);
        int oh = Convolutions.outputSize(h, kh, stride[0], padding[0], dilation[0]);
        int ow = Convolutions.outputSize(width, kw, stride[1], padding[1], dilation[1]);
        if (oh < 1 || ow < 1) throw new DendraException(ErrorCode.NIR_SHAPE, place, "the kernel of '" + n.name() + "' does not fit its input "
                + Tensor.formatShape(inShape), "check its stride, padding and dilation");
        checkExpansion(n, place, (long) cOut * oh * ow, (long) cOut * oh * ow * (cIn / groups) * kh * kw);
        double[] bias = n.param("bias") == null ? null : n.param("bias").toArray();
        if (bias != null && bias.length != cOut) throw new DendraException(ErrorCode.NIR_SHAPE, place, "bias of '" + n.name() + "' has " + bias.length + " values, not " + cOut,
                "one bias per output channel");
        double[] perValue = null;
        if (bias != null) {
            perValue = new double[cOut * oh * ow];
            for (int i = 0; i < perValue.length; i++) perValue[i] = bias[i / (oh * ow)];
        }
        SparseMatrix m = Convolutions.conv(w.toArray(), cOut, cIn, groups, h, width, kh, kw, stride, padding, dilation);
        shapes.put(n.name(), dims == 1 ? new int[] {cOut, ow} : new int[] {cOut, oh, ow});
        String layout = dims == 1 ? cIn + "x" + width + " -> " + cOut + "x" + ow : cIn + "x" + h + "x" + width + " -> " + cOut + "x" + oh + "x" + ow;
        return new SparseLinearNode(n.name(), place, in, n.type().toLowerCase(java.util.Locale.ROOT), layout, m, perValue, w.size() + (bias == null ? 0 : cOut));
    }

    /** SumPool2d / AvgPool2d over (C, H, W): kernel_size, stride (default the kernel), padding (default 0). */
    Node pool(NirGraph.Node n, Place place, Node in, int[] inShape, boolean average) {
        if (inShape.length != 3) {
            throw new DendraException(ErrorCode.NIR_SHAPE, place, n.type() + " '" + n.name() + "' needs a (C, H, W) input; its input is "
                    + Tensor.formatShape(inShape), "put it after a convolution, or after an Input of shape (C, H, W)");
        }
        int[] kernel = params.perAxis(n, "kernel_size", 2, -1, place);
        if (kernel[0] < 1 || kernel[1] < 1) throw new DendraException(ErrorCode.NIR_MISSING, place, "node '" + n.name() + "' has no 'kernel_size'", null);
        int[] stride = n.param("stride") == null ? kernel : params.perAxis(n, "stride", 2, 1, place);
        int[] padding = params.perAxis(n, "padding", 2, 0, place);
        int oh = Convolutions.outputSize(inShape[1], kernel[0], stride[0], padding[0], 1);
        int ow = Convolutions.outputSize(inShape[2], kernel[1], stride[1], padding[1], 1);
        if (oh < 1 || ow < 1) throw new DendraException(ErrorCode.NIR_SHAPE, place, "the kernel of '" + n.name() + "' does not fit its input "
                + Tensor.formatShape(inShape), "check its stride and padding");
        checkExpansion(n, place, (long) inShape[0] * oh * ow, (long) inShape[0] * oh * ow * kernel[0] * kernel[1]);
        SparseMatrix m = Convolutions.pool(inShape[0], inShape[1], inShape[2], kernel[0], kernel[1], stride, padding,
                average ? 1.0 / (kernel[0] * kernel[1]) : 1.0);
        shapes.put(n.name(), new int[] {inShape[0], oh, ow});
        String layout = inShape[0] + "x" + inShape[1] + "x" + inShape[2] + " -> " + inShape[0] + "x" + oh + "x" + ow;
        return new SparseLinearNode(n.name(), place, in, n.type().toLowerCase(java.util.Locale.ROOT), layout, m, null, 0);
    }

    int[] spatialInput(NirGraph.Node n, Place place, Node in, int[] inShape, int cIn, int dims) {
        if (inShape.length == dims + 1 && inShape[0] == cIn) return java.util.Arrays.copyOfRange(inShape, 1, inShape.length);
        Tensor declared = n.param("input_shape");
        if (declared != null && declared.size() == dims && (long) cIn * NirParameters.width(declared) == in.width()) return NirParameters.ints(declared);
        throw new DendraException(ErrorCode.NIR_SHAPE, place, n.type() + " '" + n.name() + "' takes " + cIn + " channels, but its input "
                + Tensor.formatShape(inShape) + " does not have that layout", "give the node an input_shape that matches its input");
    }

    Node linear(NirGraph.Node n, Place place, Node in, boolean bias) {
        Tensor w = params.require(n, "weight");
        if (w.rank() != 2 || w.dim(1) != in.width()) {
            throw new DendraException(ErrorCode.NIR_SHAPE, place, "weight " + w.shapeString() + " of '" + n.name() + "' does not take the " + in.width()
                    + " values of its input", null);
        }
        double[] b = null;
        if (bias && n.param("bias") != null) {
            b = n.param("bias").toArray();
            if (b.length != w.dim(0)) throw new DendraException(ErrorCode.NIR_SHAPE, place, "bias of '" + n.name() + "' has " + b.length + " values, not " + w.dim(0), null);
        }
        return new LinearNode(n.name(), place, in, w.dim(0), w.toArray(), b);
    }

    Node scale(NirGraph.Node n, Place place, Node in) {
        double[] s = params.require(n, "scale").toArray();
        if (s.length != in.width()) throw new DendraException(ErrorCode.NIR_SHAPE, place, "scale of '" + n.name() + "' has " + s.length + " values", null);
        double[] w = new double[s.length * s.length];
        for (int i = 0; i < s.length; i++) w[i * s.length + i] = s[i];
        return new LinearNode(n.name(), place, in, s.length, w, null);
    }
}
