package io.dendra.compiler.frontend.nir;

import io.dendra.compiler.graph.AddNode;
import io.dendra.compiler.graph.Convolutions;
import io.dendra.compiler.graph.SparseLinearNode;
import io.dendra.compiler.graph.IntegratorNode;
import io.dendra.compiler.graph.ThresholdNode;
import io.dendra.compiler.graph.DelayNode;
import io.dendra.compiler.graph.SparseMatrix;
import io.dendra.compiler.graph.InputNode;
import io.dendra.compiler.graph.LifNode;
import io.dendra.compiler.graph.LinearNode;
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
import java.util.Set;

/**
 * Turns a NIR graph into a model graph, discretising NIR's continuous-time neurons with step
 * {@code dt} (forward Euler, docs/nir.md): an LIF node, τ v̇ = (v_leak − v) + R·I, becomes
 * v ← (1 − dt/τ)·v + (dt/τ)·(R·I + v_leak), spiking when v > v_threshold and resetting to 0. Several
 * edges into a node are summed. {@link #support} says, node by node, what Dendra runs today.
 */
public final class NirConverter {
    private final NirGraph nir;
    private final double dt;
    private final boolean lenient;
    private final List<String> notes = new ArrayList<>();
    /** The shape of each converted NIR node's output, (C, H, W) for images, so convolutions and pooling know their layout. */
    private final Map<String, int[]> shapes = new java.util.HashMap<>();

    private NirConverter(NirGraph nir, double dt, boolean lenient) {
        this.nir = nir;
        this.dt = dt;
        this.lenient = lenient;
    }

    /** Each node's status: null when Dendra runs it, else why not (yet). Also names the recurrent edges. */
    public static Map<String, String> support(NirGraph nir) {
        Map<String, String> status = new LinkedHashMap<>();
        Map<String, String> folded = recurrences(nir);
        Set<NirGraph.Edge> back = nir.backEdges();
        for (NirGraph.Node n : nir.nodes()) {
            String why = switch (n.primitive()) {
                case INPUT, OUTPUT, AFFINE, LINEAR, SCALE, FLATTEN, CONV1D, CONV2D, SUM_POOL2D, AVG_POOL2D -> null;
                case IF -> uniform(n, "v_threshold") && isZero(n.param("v_reset")) ? null
                        : "per-neuron thresholds or a non-zero v_reset are not supported yet";
                case LI, CUBA_LI, I, THRESHOLD, DELAY -> null;
                case LIF -> uniform(n, "tau") && uniform(n, "v_threshold") && isZero(n.param("v_reset")) ? null
                        : "per-neuron tau or threshold, or a non-zero v_reset, are not supported yet";
                case CUBA_LIF -> uniform(n, "tau_syn") && uniform(n, "tau_mem") && uniform(n, "v_threshold") && isZero(n.param("v_reset")) ? null
                        : "per-neuron time constants or threshold, or a non-zero v_reset, are not supported yet";
                case GRAPH -> "a nested graph left unflattened";
            };
            for (NirGraph.Edge e : back) {
                boolean understood = e.from().equals(folded.get(e.to()));
                if (e.to().equals(n.name()) && why == null && !understood) why = "recurrent input from " + e.from() + " is not supported yet";
            }
            status.put(n.name(), why);
        }
        return status;
    }

    /** Why a node that the reference runs has no lowering onto chips yet, or null when it has one (or is not supported at all). */
    public static String referenceOnly(NirGraph.Node n) {
        return switch (n.primitive()) {
            case LI, CUBA_LI, I -> "its output is a real-valued potential, which no chip program reads out yet";
            case THRESHOLD -> "a stateless spike from a real value is not lowered yet";
            case DELAY -> "not lowered yet (synaptic delays could carry it)";
            case INPUT, OUTPUT, AFFINE, LINEAR, SCALE, LIF, CUBA_LIF, IF, FLATTEN, CONV1D, CONV2D, SUM_POOL2D, AVG_POOL2D, GRAPH -> null;
        };
    }

    /**
     * The recurrences Dendra runs: a LIF or CubaLIF node N fed back by an Affine or Linear node
     * that reads only N and feeds only N. Maps N to that node, which folds into N's recurrent input.
     */
    static Map<String, String> recurrences(NirGraph nir) {
        Map<String, String> folded = new LinkedHashMap<>();
        Map<String, NirGraph.Node> byName = nir.byName();
        for (NirGraph.Edge e : nir.backEdges()) {
            NirGraph.Node to = byName.get(e.to());
            NirGraph.Node from = byName.get(e.from());
            if (to == null || from == null || !(to.primitive() == NirPrimitive.LIF || to.primitive() == NirPrimitive.CUBA_LIF)) continue;
            if (!(from.primitive() == NirPrimitive.AFFINE || from.primitive() == NirPrimitive.LINEAR)) continue;
            long successors = nir.edges().stream().filter(x -> x.from().equals(from.name())).count();
            if (nir.predecessors(from.name()).equals(java.util.List.of(to.name())) && successors == 1) folded.put(to.name(), from.name());
        }
        return folded;
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
        Map<String, String> status = support(nir);
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
        Map<String, String> folded = recurrences(nir);
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
                InputNode input = new InputNode(name, place, width(n.param("shape")), 0);
                shapes.put(name, n.param("shape") == null ? new int[] {1} : ints(n.param("shape")));
                built.put(name, input);
                nodes.add(input);
                continue;
            }
            Node in = summedInputs(name, place, built, nodes, folded.get(name));
            NirGraph.Node recurrence = folded.containsKey(name) ? byName.get(folded.get(name)) : null;
            int[] inShape = inputShape(name, folded.get(name), in);
            shapes.put(name, inShape);
            Node node = switch (n.primitive()) {
                case CONV1D -> conv(n, place, in, inShape, 1);
                case CONV2D -> conv(n, place, in, inShape, 2);
                case SUM_POOL2D -> pool(n, place, in, inShape, false);
                case AVG_POOL2D -> pool(n, place, in, inShape, true);
                case IF -> integrateAndFire(n, place, in);
                case LI -> leakyIntegrator(n, place, in);
                case CUBA_LI -> cubaLeakyIntegrator(n, place, in);
                case I -> new IntegratorNode(n.name(), place, in, "i", 1, 0, perNeuron(n, "r", in.width(), 1.0), new double[in.width()]);
                case THRESHOLD -> new ThresholdNode(n.name(), place, in, requiredPerNeuron(n, "threshold", in.width()));
                case DELAY -> delay(n, place, in);
                case AFFINE -> linear(n, place, in, true);
                case LINEAR -> linear(n, place, in, false);
                case SCALE -> scale(n, place, in);
                case LIF -> lif(n, place, in, recurrence);
                case CUBA_LIF -> cubaLif(n, place, in, recurrence);
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

    /**
     * Conv1d / Conv2d: weight (C_out, C_in/groups, k...) over an input laid out (C_in, [H,] W); stride,
     * padding and dilation one per axis (or one for all); bias per output channel. The input's layout is
     * the previous node's shape, or C_in × {@code input_shape}.
     */
    /** The most synapses one convolution or pooling may expand into: about 600 MB while compiling. */
    static final long MAX_EXPANDED_SYNAPSES = 50_000_000L;

    /** Refuses, before building anything, an expansion that would not fit: with the numbers. */
    private static void checkExpansion(NirGraph.Node n, Place place, long neurons, long synapses) {
        if (synapses > MAX_EXPANDED_SYNAPSES || neurons > Integer.MAX_VALUE / 2) {
            throw new DendraException(ErrorCode.NIR_UNSUPPORTED, place, String.format(java.util.Locale.ROOT, "%s '%s' would expand into up to %,d synapses"
                    + " for %,d output values, more than Dendra expands (%,d)", n.type(), n.name(), synapses, neurons, MAX_EXPANDED_SYNAPSES),
                    "the built-in targets share no weights between synapses, so every tap of every output is one; use a smaller input or a larger stride");
        }
    }

    private Node conv(NirGraph.Node n, Place place, Node in, int[] inShape, int dims) {
        Tensor w = require(n, "weight");
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
        int[] stride = perAxis(n, "stride", dims, 1, place);
        int[] padding = perAxis(n, "padding", dims, 0, place);
        int[] dilation = perAxis(n, "dilation", dims, 1, place);
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
    private Node pool(NirGraph.Node n, Place place, Node in, int[] inShape, boolean average) {
        if (inShape.length != 3) {
            throw new DendraException(ErrorCode.NIR_SHAPE, place, n.type() + " '" + n.name() + "' needs a (C, H, W) input; its input is "
                    + Tensor.formatShape(inShape), "put it after a convolution, or after an Input of shape (C, H, W)");
        }
        int[] kernel = perAxis(n, "kernel_size", 2, -1, place);
        if (kernel[0] < 1 || kernel[1] < 1) throw new DendraException(ErrorCode.NIR_MISSING, place, "node '" + n.name() + "' has no 'kernel_size'", null);
        int[] stride = n.param("stride") == null ? kernel : perAxis(n, "stride", 2, 1, place);
        int[] padding = perAxis(n, "padding", 2, 0, place);
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

    private int[] spatialInput(NirGraph.Node n, Place place, Node in, int[] inShape, int cIn, int dims) {
        if (inShape.length == dims + 1 && inShape[0] == cIn) return java.util.Arrays.copyOfRange(inShape, 1, inShape.length);
        Tensor declared = n.param("input_shape");
        if (declared != null && declared.size() == dims && (long) cIn * width(declared) == in.width()) return ints(declared);
        throw new DendraException(ErrorCode.NIR_SHAPE, place, n.type() + " '" + n.name() + "' takes " + cIn + " channels, but its input "
                + Tensor.formatShape(inShape) + " does not have that layout", "give the node an input_shape that matches its input");
    }

    /**
     * A per-axis parameter, one value per axis or one for all, {@code fallback} when absent; as two
     * values (rows, columns), a 1-D parameter on the columns with the rows' axis neutral (1, or 0 for padding).
     */
    private int[] perAxis(NirGraph.Node n, String key, int dims, int fallback, Place place) {
        Tensor t = n.param(key);
        int[] v = {dims == 1 ? (key.equals("padding") ? 0 : 1) : fallback, fallback};
        if (t == null) return v;
        if (t.size() != 1 && t.size() != dims) {
            throw new DendraException(ErrorCode.NIR_SHAPE, place, key + " of '" + n.name() + "' has " + t.size() + " values for " + dims + " axes", null);
        }
        for (int a = 0; a < dims; a++) v[2 - dims + a] = (int) t.at(t.size() == 1 ? 0 : a);
        return v;
    }

    private static int[] ints(Tensor t) {
        int[] v = new int[t.size()];
        for (int i = 0; i < v.length; i++) v[i] = (int) t.at(i);
        return v;
    }

    /**
     * IF, v̇ = R·I: it has no time constant, so a step integrates its input once, v ← v + R·x, as the
     * frameworks that export it (Sinabs' IAF, Norse's IAF) do; spike when v > v_threshold, v ← 0.
     */
    private Node integrateAndFire(NirGraph.Node n, Place place, Node in) {
        double[] r = perNeuron(n, "r", in.width(), 1.0);
        double threshold = require(n, "v_threshold").at(0);
        return new LifNode(n.name(), place, in, 1.0, threshold, LifNode.Reset.ZERO, r, new double[in.width()], true, 0, null, null);
    }

    /** LI, τ v̇ = (v_leak − v) + R·I: v ← (1 − dt/τ)·v + (dt/τ)·(R·x + v_leak); the output is v. */
    private Node leakyIntegrator(NirGraph.Node n, Place place, Node in) {
        double a = dt / timeConstant(n, "tau", in.width(), place);
        double[][] membrane = membrane(n, in.width(), a);
        return new IntegratorNode(n.name(), place, in, "li", 1 - a, 0, membrane[0], membrane[1]);
    }

    /** CubaLI: the current of a CubaLIF and the potential of an LI, without spikes; the output is v. */
    private Node cubaLeakyIntegrator(NirGraph.Node n, Place place, Node in) {
        double s = dt / timeConstant(n, "tau_syn", in.width(), place);
        double m = dt / timeConstant(n, "tau_mem", in.width(), place);
        double[][] current = currentGainAndBias(n, in.width(), s, m);
        return new IntegratorNode(n.name(), place, in, "cubali", 1 - m, 1 - s, current[0], current[1]);
    }

    /** Delay: each channel's delay in seconds, rounded to whole steps of dt. */
    private Node delay(NirGraph.Node n, Place place, Node in) {
        double[] seconds = requiredPerNeuron(n, "delay", in.width());
        int[] steps = new int[seconds.length];
        for (int i = 0; i < steps.length; i++) {
            if (!(seconds[i] >= 0)) throw new DendraException(ErrorCode.NIR_SHAPE, place, "Delay '" + n.name() + "' has a delay of " + seconds[i] + " s",
                    "delays are seconds, 0 or more");
            steps[i] = (int) Math.round(seconds[i] / dt);
        }
        return new DelayNode(n.name(), place, in, steps);
    }

    /** A node's time constant: required, one value for all its neurons, and no shorter than dt. */
    private double timeConstant(NirGraph.Node n, String key, int width, Place place) {
        double[] values = requiredPerNeuron(n, key, width);
        for (double v : values) {
            if (v != values[0]) {
                throw new DendraException(ErrorCode.NIR_UNSUPPORTED, place, key + " of '" + n.name() + "' differs between neurons", "Dendra runs one " + key
                        + " per node");
            }
        }
        double tau = values[0];
        if (!(tau > 0)) {
            throw new DendraException(ErrorCode.NIR_SHAPE, place, n.type() + " '" + n.name() + "' has " + key + " " + tau + " s; a time constant is positive",
                    "check the exporting model's " + key);
        }
        if (dt > tau) {
            throw new DendraException(ErrorCode.NIR_SHAPE, place, n.type() + " '" + n.name() + "' has " + key + " " + tau + " s, which dt " + dt
                    + " s cannot resolve", "pass a smaller --dt");
        }
        return tau;
    }

    private Node linear(NirGraph.Node n, Place place, Node in, boolean bias) {
        Tensor w = require(n, "weight");
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

    private Node scale(NirGraph.Node n, Place place, Node in) {
        double[] s = require(n, "scale").toArray();
        if (s.length != in.width()) throw new DendraException(ErrorCode.NIR_SHAPE, place, "scale of '" + n.name() + "' has " + s.length + " values", null);
        double[] w = new double[s.length * s.length];
        for (int i = 0; i < s.length; i++) w[i * s.length + i] = s[i];
        return new LinearNode(n.name(), place, in, s.length, w, null);
    }

    /** Forward Euler: decay 1 − dt/τ, input gain R·dt/τ, bias v_leak·dt/τ; spike when v > threshold. */
    private Node lif(NirGraph.Node n, Place place, Node in, NirGraph.Node recurrence) {
        double a = dt / timeConstant(n, "tau", in.width(), place);
        double threshold = require(n, "v_threshold").at(0);
        double[][] membrane = membrane(n, in.width(), a);
        double[][] rec = recurrence(recurrence, in.width(), place);
        return new LifNode(n.name(), place, in, 1 - a, threshold, LifNode.Reset.ZERO, membrane[0], membrane[1], true, 0, rec[0], rec[1]);
    }

    /**
     * CubaLIF, forward Euler: τ_syn İ = −I + w_in·x gives I ← (1 − dt/τ_syn)·I + (dt/τ_syn)·w_in·x;
     * τ_mem v̇ = (v_leak − v) + R·I gives v ← (1 − dt/τ_mem)·v + (dt/τ_mem)·(R·I + v_leak), with the
     * new I. With J = (dt/τ_mem)·R·I this is the soma of {@link LifNode} with a current.
     */
    private Node cubaLif(NirGraph.Node n, Place place, Node in, NirGraph.Node recurrence) {
        double s = dt / timeConstant(n, "tau_syn", in.width(), place);
        double m = dt / timeConstant(n, "tau_mem", in.width(), place);
        double threshold = require(n, "v_threshold").at(0);
        double[][] current = currentGainAndBias(n, in.width(), s, m);
        double[][] rec = recurrence(recurrence, in.width(), place);
        return new LifNode(n.name(), place, in, 1 - m, threshold, LifNode.Reset.ZERO, current[0], current[1], true, 1 - s, rec[0], rec[1]);
    }

    /** A membrane's input gain (dt/τ)·R and bias (dt/τ)·v_leak per neuron, for {@code a} = dt/τ. */
    private double[][] membrane(NirGraph.Node n, int width, double a) {
        double[] r = perNeuron(n, "r", width, 1.0);
        double[] leak = perNeuron(n, "v_leak", width, 0.0);
        double[] gain = new double[width];
        double[] bias = new double[width];
        for (int i = 0; i < width; i++) {
            gain[i] = a * r[i];
            bias[i] = a * leak[i];
        }
        return new double[][] {gain, bias};
    }

    /** A current-based neuron's input gain (dt/τ_syn)·w_in·(dt/τ_mem)·R and its v bias (dt/τ_mem)·v_leak, per neuron. */
    private double[][] currentGainAndBias(NirGraph.Node n, int width, double s, double m) {
        double[][] membrane = membrane(n, width, m);
        double[] wIn = perNeuron(n, "w_in", width, 1.0);
        for (int i = 0; i < width; i++) membrane[0][i] *= s * wIn[i];
        return membrane;
    }

    /** The weights and bias of a folded recurrent Affine or Linear, or nulls. */
    private double[][] recurrence(NirGraph.Node a, int width, Place place) {
        if (a == null) return new double[2][];
        Tensor w = require(a, "weight");
        if (w.rank() != 2 || w.dim(0) != width || w.dim(1) != width) {
            throw new DendraException(ErrorCode.NIR_SHAPE, place, "recurrent weight " + w.shapeString() + " of '" + a.name() + "' is not " + width + " x "
                    + width, null);
        }
        double[] b = a.primitive() == NirPrimitive.AFFINE && a.param("bias") != null ? a.param("bias").toArray() : new double[width];
        return new double[][] {w.toArray(), b};
    }

    private double[] requiredPerNeuron(NirGraph.Node n, String key, int width) {
        require(n, key);
        return perNeuron(n, key, width, 0);
    }

    /** One value per neuron: the node's own, its one value repeated, or {@code fallback} when it has none. */
    private double[] perNeuron(NirGraph.Node n, String key, int width, double fallback) {
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
            throw new DendraException(ErrorCode.NIR_SHAPE, Place.item(nir.file(), "node", n.name()), key + " of '" + n.name() + "' has " + t.size()
                    + " values for " + width + " neurons", null);
        }
        return t.toArray();
    }

    /** An Output's shape must hold exactly its input's values; extra axes of size 1 are an exporter quirk read with --lenient. */
    private void checkOutputShape(NirGraph.Node n, Node in) {
        Tensor shape = n.param("shape");
        if (shape == null) return;
        Place place = Place.item(nir.file(), "node", n.name());
        if (width(shape) != in.width()) {
            throw new DendraException(ErrorCode.NIR_SHAPE, place, "Output '" + n.name() + "' has shape " + shapeText(shape) + " but receives " + in.width()
                    + " value(s) per step", null);
        }
        int axesAboveOne = 0;
        for (int i = 0; i < shape.size(); i++) if (shape.at(i) != 1) axesAboveOne++;
        boolean extraUnitAxes = shape.size() > 1 && axesAboveOne <= 1;
        if (!extraUnitAxes) return;
        if (!lenient) {
            throw new DendraException(ErrorCode.NIR_SHAPE, place, "Output '" + n.name() + "' has shape " + shapeText(shape) + " but its input is ("
                    + in.width() + ",)", "without --strict, extra axes of size 1 are read as the known exporter quirk they are");
        }
        notes.add("Output '" + n.name() + "' shape " + shapeText(shape) + " read as (" + in.width() + ",), a known exporter quirk (--strict refuses it)");
    }

    private static String shapeText(Tensor shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.size(); i++) s.append(i > 0 ? ", " : "").append((long) shape.at(i));
        return s.append(shape.size() == 1 ? ",)" : ")").toString();
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

    private Tensor require(NirGraph.Node n, String key) {
        Tensor t = n.param(key);
        if (t == null && n.unreadable().containsKey(key)) {
            throw new DendraException(ErrorCode.NIR_VALUE, Place.item(nir.file(), "dataset", n.name() + "/" + key), "'" + key + "' of " + n.type() + " node '"
                    + n.name() + "' holds " + n.unreadable().get(key) + ", not real numbers", "Dendra reads real-valued parameters: export them as floats");
        }
        if (t == null) {
            throw new DendraException(ErrorCode.NIR_MISSING, Place.item(nir.file(), "node", n.name()), n.type() + " node '" + n.name() + "' has no '" + key
                    + "' dataset", null);
        }
        return t;
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

    private static int width(Tensor shape) {
        if (shape == null) return 1;
        long w = 1;
        for (int i = 0; i < shape.size(); i++) w *= (long) shape.at(i);
        return (int) w;
    }

    private static boolean uniform(NirGraph.Node n, String key) {
        Tensor t = n.param(key);
        if (t == null) return true;
        for (int i = 1; i < t.size(); i++) if (t.at(i) != t.at(0)) return false;
        return true;
    }

    private static boolean isZero(Tensor t) {
        if (t == null) return true;
        for (int i = 0; i < t.size(); i++) if (t.at(i) != 0) return false;
        return true;
    }
}
