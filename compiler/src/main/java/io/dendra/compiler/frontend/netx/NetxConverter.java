package io.dendra.compiler.frontend.netx;

import io.dendra.compiler.graph.Convolutions;
import io.dendra.compiler.graph.InputNode;
import io.dendra.compiler.graph.IntegerNeuronNode;
import io.dendra.compiler.graph.IntegerSynapseNode;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.SparseMatrix;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import io.dendra.ir.NeuronProgram;
import io.dendra.ir.programs.cuba.Cuba;
import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.exceptions.HdfException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Reads a lava-dl NetX network ({@code .net}, HDF5: {@code layer/<i>/} groups) into a model graph
 * whose semantics are lava-dl's {@code netx.hdf5.Network} on Lava's fixed-point models, field by
 * field as {@code src/lava/lib/dl/netx/hdf5.py} reads them (docs/netx.md): an {@code input} layer
 * with a neuron takes the run's input as its a_in directly; {@code conv} and {@code dense} layers are
 * integer synapses ({@link IntegerSynapseNode}, one step late as Lava's Dense and Conv) into a
 * neuron layer. A layer's values are in Lava's (W, H, C) order (channel fastest), as lava-dl's arrays
 * hold them; a dense layer's weights, which netx applies to the (C, H, W) transpose after a
 * {@code flatten}, have their columns reordered to match. A LOIHI/CUBA
 * neuron is the {@code cuba} program with du = iDecay − 1, dv = vDecay, bias exponent 6; a dense
 * layer without a neuron integrates u without decay and never spikes. An SDNN input layer is the
 * {@code delta} encoder, an SDNN layer with {@code sigma_output} the {@code sigma} decoder, any
 * other the {@code sigma_delta} neuron with a ReLU; their threshold and bias are scaled by
 * 2^(spike_exp + 6), as Lava's processes scale them, and they have no cumulative error. The file's input-layer
 * {@code weight}/{@code bias}, a neuron's {@code refDelay}, {@code wgtExp}, {@code gradedSpike} and
 * {@code messageBits} (a LIF's messages are 0 or 1 whatever it says) are not used, as by netx.
 */
public final class NetxConverter {

    private final Path file;
    private final NetxOptions options;
    private final NetxNeurons neurons;
    private final List<Node> nodes = new ArrayList<>();
    /** The current value's (C, H, W). */
    private int[] shape;
    private Node current;
    private int neuronLayers;
    /** Whether a flatten came since the last layer: the next dense reads the values in (C, H, W) order, as netx transposes them. */
    private boolean flattened;

    private NetxConverter(Path file, NetxOptions options) {
        this.file = file;
        this.options = options;
        this.neurons = new NetxNeurons(options);
    }

    public static ModelGraph load(Path file, NetxOptions options) {
        if (!Files.isRegularFile(file)) throw new DendraException(ErrorCode.FILE_NOT_READABLE, Place.file(file), "NetX file " + file + " not found", null);
        try (HdfFile hdf = new HdfFile(file)) {
            NetxConverter converter = new NetxConverter(file, options);
            for (NetxLayer layer : layers(hdf, file)) converter.layer(layer.index(), layer);
            return converter.graph();
        } catch (HdfException e) {
            throw unreadable(file, e);
        }
    }

    /** Everything in the file that Dendra does not run yet, layer by layer, one error each (for {@code dendra check}). */
    public static List<DendraException> unsupported(Path file) {
        if (!Files.isRegularFile(file)) return List.of();
        try (HdfFile hdf = new HdfFile(file)) {
            List<DendraException> problems = new ArrayList<>();
            for (NetxLayer layer : layers(hdf, file)) NetxSupport.unsupported(layer).ifPresent(problems::add);
            return problems;
        } catch (HdfException e) {
            throw unreadable(file, e);
        }
    }

    /** The file's layer groups in index order. */
    private static List<NetxLayer> layers(HdfFile hdf, Path file) {
        if (!(hdf.getChild("layer") instanceof Group layers)) {
            throw new DendraException(ErrorCode.NETX_INVALID, Place.file(file), "the file has no 'layer' group", null);
        }
        TreeMap<Integer, Group> ordered = new TreeMap<>();
        for (var child : layers.getChildren().entrySet()) {
            if (!child.getKey().matches("\\d{1,6}") || !(child.getValue() instanceof Group g)) {
                throw new DendraException(ErrorCode.NETX_INVALID, Place.item(file, "dataset", "layer/" + child.getKey()),
                        "'layer/" + child.getKey() + "' is not a numbered layer group", null);
            }
            ordered.put(Integer.parseInt(child.getKey()), g);
        }
        if (ordered.isEmpty()) throw new DendraException(ErrorCode.NETX_INVALID, Place.file(file), "the file has no layers", null);
        List<NetxLayer> list = new ArrayList<>();
        ordered.forEach((i, g) -> list.add(new NetxLayer(file, i, g)));
        return list;
    }

    private static DendraException unreadable(Path file, HdfException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return new DendraException(ErrorCode.NETX_INVALID, Place.file(file), "not a readable HDF5 file: " + message, null);
    }

    private ModelGraph graph() {
        if (current == null || current instanceof InputNode) {
            throw new DendraException(ErrorCode.NETX_INVALID, Place.file(file), "the network has no layer with neurons", null);
        }
        String name = file.getFileName().toString().replaceAll("\\.net$", "").replaceAll("[^A-Za-z0-9_]", "_");
        return new ModelGraph(name, file, nodes, current);
    }

    private void layer(int index, NetxLayer layer) {
        NetxSupport.unsupported(layer).ifPresent(e -> {
            throw e;
        });
        String type = layer.text("type");
        if (index > 0 && current == null && !type.equals("input")) {
            throw layer.error(ErrorCode.NETX_INVALID, "type", layer.path() + " comes before any input layer", "the first layer of a NetX network is 'input'");
        }
        switch (type) {
            case "input" -> input(index, layer);
            case "flatten" -> flattened = true;
            case "conv" -> conv(index, layer);
            default -> dense(index, layer);
        }
    }

    private void input(int index, NetxLayer layer) {
        if (current != null) throw layer.error(ErrorCode.NETX_INVALID, "type", layer.path() + " is a second input layer", null);
        shape = chw(layer);
        InputNode in = new InputNode("input", layer.place(), width(shape), 0);
        nodes.add(in);
        current = in;
        if (layer.neuron().isPresent()) {
            IntegerNeuronNode neuron = neurons.neuron(index, layer, in, null, true, shape, nextResetOffset());
            if (options.inputBias() != null) {
                if (neuron.program() != NeuronProgram.CUBA) {
                    throw layer.error(ErrorCode.NETX_SHAPE, "neuron", "--input-bias sets a LIF input layer's bias; " + layer.path() + " has "
                            + neuron.program().id() + " neurons, which take their input as a_in", "give the input with --input");
                }
                neuron = neuron.withParam(Cuba.BIAS_MANT, neurons.inputBias(neuron.width(), layer, shape));
            }
            add(neuron);
        } else if (options.inputBias() != null) {
            throw layer.error(ErrorCode.NETX_SHAPE, "neuron", "--input-bias sets the input layer's bias, and " + layer.path() + " has no neuron", null);
        }
    }

    private void conv(int index, NetxLayer layer) {
        int[] out = chw(layer);
        int[] dims = layer.dimensions("weight");
        long[] weight = layer.integers("weight");
        int groups = layer.has("groups") ? (int) layer.integer("groups") : 1;
        if (dims.length < 4 || (dims.length == 5 && dims[4] != 1) || dims.length > 5) {
            throw layer.error(ErrorCode.NETX_SHAPE, "weight", "a conv weight is (out, in/groups, kH, kW[, 1]); " + layer.path() + "'s is "
                    + java.util.Arrays.toString(dims), null);
        }
        int cOut = dims[0], cIn = shape[0], kh = dims[2], kw = dims[3];
        if (groups < 1 || cIn % groups != 0 || cOut % groups != 0 || dims[1] * groups != cIn) {
            throw layer.error(ErrorCode.NETX_SHAPE, "weight", layer.path() + " takes " + dims[1] * groups + " channels in " + groups + " group(s); the layer"
                    + " before gives " + cIn, null);
        }
        if (flattened) throw layer.error(ErrorCode.NETX_UNSUPPORTED, "type", "a conv layer after a flatten (" + layer.path() + ") is not run", null);
        int[] stride = layer.pair("stride"), padding = layer.pair("padding"), dilation = layer.has("dilation") ? layer.pair("dilation") : new int[] {1, 1};
        int oh = Convolutions.outputSize(shape[1], kh, stride[0], padding[0], dilation[0]);
        int ow = Convolutions.outputSize(shape[2], kw, stride[1], padding[1], dilation[1]);
        if (out[0] != cOut || out[1] != oh || out[2] != ow) {
            throw layer.error(ErrorCode.NETX_SHAPE, "shape", layer.path() + " says its output is " + LavaOrder.text(out) + "; its kernel, stride and padding on "
                    + LavaOrder.text(shape) + " make " + LavaOrder.text(new int[] {cOut, oh, ow}), null);
        }
        SparseMatrix chw = Convolutions.conv(doubles(weight), cOut, cIn, groups, shape[1], shape[2], kh, kw, stride, padding, dilation);
        SparseMatrix m = chw.reorder(LavaOrder.of(out), LavaOrder.of(shape), new SparseMatrix.SharedKernel(cOut, oh * ow, dims[1] * kh * kw, true));
        synapse(index, layer, "conv", m, new int[(int) m.nonZeros()], 24, weight.length, out, null);
    }

    private void dense(int index, NetxLayer layer) {
        int[] out = chw(layer);
        int rows = width(out);
        int cols = width(shape);
        long[] weight = layer.integers("weight");
        if (weight.length != (long) rows * cols) {
            throw layer.error(ErrorCode.NETX_SHAPE, "weight", layer.path() + " has " + weight.length + " weights; " + rows + " outputs from " + cols
                    + " inputs need " + (long) rows * cols, null);
        }
        // netx flattens (W, H, C) values by transposing them to (C, H, W): the weight's columns are in that order
        int[] identityRows = new int[rows];
        for (int r = 0; r < rows; r++) identityRows[r] = r;
        int[] at = LavaOrder.of(shape);
        SparseMatrix m = SparseMatrix.dense(doubles(weight), rows, cols).reorder(identityRows, at, null);
        int[] delays = new int[(int) m.nonZeros()];
        if (layer.has("delay")) {
            long[] full = NetxWeights.delays(layer, rows, cols);
            int[] chwOf = new int[cols];
            for (int c = 0; c < cols; c++) chwOf[at[c]] = c;
            for (int r = 0; r < rows; r++) for (int e = m.start(r); e < m.end(r); e++) delays[e] = (int) full[r * cols + chwOf[m.col(e)]];
        }
        SparseMatrix recurrent = null;
        if (layer.text("type").equals("dense_rec")) {
            long[] rec = layer.integers("weight_rec");
            if (rec.length != (long) rows * rows) {
                throw layer.error(ErrorCode.NETX_SHAPE, "weight_rec", layer.path() + " has " + rec.length + " recurrent weights; " + rows + " neurons need "
                        + (long) rows * rows, null);
            }
            recurrent = SparseMatrix.dense(doubles(rec), rows, rows);
            NetxWeights.checkWeights(layer, "weight_rec", recurrent);
        }
        flattened = false;
        synapse(index, layer, "dense", m, delays, 0, weight.length, out, recurrent);
    }

    private void synapse(int index, NetxLayer layer, String kind, SparseMatrix weights, int[] delays, int wrapBits, long parameters, int[] out,
            SparseMatrix recurrent) {
        NetxWeights.checkWeights(layer, "weight", weights);
        IntegerSynapseNode synapse = new IntegerSynapseNode("layer" + index + "." + kind, layer.place(), current, kind, weights, delays, wrapBits, parameters);
        nodes.add(synapse);
        shape = out;
        current = synapse;
        IntegerNeuronNode neuron = neurons.neuron(index, layer, synapse, layer.has("bias") ? layer.integers("bias") : null, false, shape, nextResetOffset());
        add(recurrent == null ? neuron : neuron.withRecurrent(recurrent));
    }

    /** netx's reset offset of the next neuron layer: reset_offset + 1 + its index among neuron layers. */
    private int nextResetOffset() {
        return options.resetOffset() + 1 + neuronLayers++;
    }

    private void add(Node node) {
        nodes.add(node);
        current = node;
    }

    /** A layer's shape as (C, H, W): the file's, with missing axes as 1. */
    private static int[] chw(NetxLayer layer) {
        long[] s = layer.integers("shape");
        if (s.length < 1 || s.length > 3) throw layer.error(ErrorCode.NETX_SHAPE, "shape", layer.path() + "'s shape has " + s.length + " axes; (C, H, W) has up to 3", null);
        int[] out = {1, 1, 1};
        for (int i = 0; i < s.length; i++) {
            if (s[i] < 1 || s[i] > 1 << 24) throw layer.error(ErrorCode.NETX_SHAPE, "shape", layer.path() + "'s shape has an axis of " + s[i], null);
            out[i] = (int) s[i];
        }
        if ((long) out[0] * out[1] * out[2] > 1 << 24) throw layer.error(ErrorCode.NETX_SHAPE, "shape", layer.path() + " has more than 2^24 neurons", null);
        return out;
    }

    private static int width(int[] chw) {
        return chw[0] * chw[1] * chw[2];
    }


    private static double[] doubles(long[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }

}
