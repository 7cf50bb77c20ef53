package io.dendra.compiler.mapping;

import io.dendra.compiler.graph.Node;
import io.dendra.compiler.network.ChipValue;
import io.dendra.compiler.network.Connection;
import io.dendra.compiler.network.HostSource;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.compiler.network.LogicalNetwork;
import io.dendra.compiler.network.QuantizedBlock;
import io.dendra.compiler.network.QuantizedNetwork;
import io.dendra.compiler.network.QuantizedSynapses;
import io.dendra.compiler.programs.ProgramCompilers;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import io.dendra.ir.ChipImage;
import io.dendra.ir.CoreImage;
import io.dendra.ir.InputMap;
import io.dendra.ir.IntArrayBuilder;
import io.dendra.ir.LayerMapping;
import io.dendra.ir.NeuronBlock;
import io.dendra.ir.NeuronProgram;
import io.dendra.ir.OutputMap;
import io.dendra.ir.RouteTable;
import io.dendra.ir.SynapseTable;
import io.dendra.targets.Event;
import io.dendra.targets.Target;
import io.dendra.targets.TargetPrinter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The place-and-route stage: turns a quantized, partitioned network into a chip image — gives
 * every core its input axons (one per source value and delay that reaches it, with the exponent
 * and mantissas quantization chose), builds the route of every neuron and input channel (one
 * message per destination axon), places the cores, compensates each block's warm-up, and writes
 * the maps.
 */
public final class ImageBuilder {

    /** One destination of a source value: a core and an axon there. */
    private record Destination(int core, int axon) {}

    /** A core's synapses while they are collected. */
    private static final class CoreSynapses {
        final IntArrayBuilder start = new IntArrayBuilder();
        final IntArrayBuilder exponent = new IntArrayBuilder();
        final IntArrayBuilder target = new IntArrayBuilder();
        final IntArrayBuilder weight = new IntArrayBuilder();
        final IntArrayBuilder delay = new IntArrayBuilder();
        final IntArrayBuilder group = new IntArrayBuilder();
        /** Synapse groups so far (axons of one source and delay, then each bias axon). */
        int groups;

        CoreSynapses() {
            start.add(0);
        }

        SynapseTable table() {
            return new SynapseTable(start.toArray(), exponent.toArray(), target.toArray(), weight.toArray(), delay.toArray(), group.toArray());
        }
    }

    /** What the resource report says of one layer. */
    public record LayerUse(String name, NeuronProgram program, int neurons, List<Integer> cores, long synapses, long memoryBits, int axons,
            double weightError) {}

    /** The image and what the report says of it; {@code notes} list what the compiler could not make exact. */
    public record Result(ChipImage image, Placement placement, List<LayerUse> layers, long[] memoryBitsPerCore, List<String> notes) {}

    private final Target target;
    private final QuantizedNetwork quantized;
    private final LogicalNetwork network;
    private final List<CorePiece> pieces;
    private final Map<ChipValue, Map<Integer, List<Destination>>> routes = new IdentityHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final IntArrayBuilder biasCore = new IntArrayBuilder(), biasAxon = new IntArrayBuilder(), biasFirstSend = new IntArrayBuilder(),
            biasPayload = new IntArrayBuilder();

    private ImageBuilder(Target target, QuantizedNetwork quantized, List<CorePiece> pieces) {
        this.target = target;
        this.quantized = quantized;
        this.network = quantized.network();
        this.pieces = pieces;
    }

    /** Builds the image; {@code activity} gives, per source, the fraction of steps each of its values is sent. */
    public static Result build(Target target, QuantizedNetwork network, List<CorePiece> pieces, Map<ChipValue, Double> activity) {
        return new ImageBuilder(target, network, pieces).run(activity);
    }

    private Result run(Map<ChipValue, Double> activity) {
        List<CoreSynapses> synapses = new ArrayList<>();
        for (CorePiece piece : pieces) synapses.add(axons(piece));

        List<Placer.Traffic> traffic = new ArrayList<>();
        for (CorePiece piece : pieces) {
            Map<Integer, List<Destination>> out = routes.getOrDefault(piece.block(), Map.of());
            Map<Integer, Double> perCore = new LinkedHashMap<>();
            for (int n = piece.first(); n < piece.first() + piece.count(); n++) {
                for (Destination d : out.getOrDefault(n, List.of())) perCore.merge(d.core(), activity.getOrDefault(piece.block(), 1.0), Double::sum);
            }
            perCore.forEach((to, messages) -> traffic.add(new Placer.Traffic(piece.core(), to, messages)));
        }
        Placement placement = new Placer(target.mesh(), pieces.size(), traffic, target.cost(Event.HOP_EW).timeNs(), target.cost(Event.HOP_NS).timeNs(),
                target.cost(Event.CHIP_CROSSING).timeNs()).place();

        List<CoreImage> cores = new ArrayList<>();
        long[] memory = new long[pieces.size()];
        for (CorePiece piece : pieces) {
            LogicalBlock b = piece.block();
            QuantizedBlock q = quantized.block(b);
            int[] params = piecesShare(q.params(), b.count(), piece);
            int[] initialState = piecesShare(q.initialState(), b.count(), piece);
            initialState = compensateWarmUp(piece, params, initialState, synapses.get(piece.core()));
            NeuronBlock neurons = new NeuronBlock(b.program(), b.name(), piece.first(), piece.count(), b.states(), b.startStep(), params, initialState);
            SynapseTable table = synapses.get(piece.core()).table();
            RouteTable routeTable = routeTable(piece);
            if (routeTable.routes() > target.core().outputAxons()) {
                throw new DendraException(ErrorCode.CORE_TOO_SMALL, Place.named("layer " + b.name()), "layer " + b.name() + ": a core's neurons send to "
                        + routeTable.routes() + " axons, but a core has " + target.core().outputAxons() + " output axons", null);
            }
            int slot = placement.slot(piece.core());
            cores.add(new CoreImage(piece.core(), Placement.chip(target.mesh(), slot), Placement.tileX(target.mesh(), slot),
                    Placement.tileY(target.mesh(), slot), Placement.slotInTile(target.mesh(), slot), neurons, table, routeTable));
            memory[piece.core()] = memoryBits(table) + Partitioner.stateBits(target, b, piece.count());
        }
        int chips = 1 + cores.stream().mapToInt(CoreImage::chip).max().orElse(0);
        ChipImage image = new ChipImage(network.modelName(), target.name(), TargetPrinter.text(target), target.formats().stateBits(),
                target.formats().gradedPayloadBits().orElse(0), target.formats().accumulation(), chips, cores, inputMap(), outputMap(), layerMappings(), network.firstOutputStep());
        return new Result(image, placement, layerUses(cores, memory), memory, List.copyOf(new java.util.LinkedHashSet<>(notes)));
    }

    /**
     * Makes the block's warm-up (the steps before its first input arrives, when the chip already
     * updates it) leave it exactly where the model starts ({@link WarmUp}): a bias added to the
     * input moves into synapses fed by host bias messages (zeroed in {@code params}, synapses added to
     * {@code core}); a program that compensates by state (the lif) gets the initial state its warm-up
     * carries to the model's. Returns the
     * initial state; what cannot be made exact goes to the notes.
     */
    private int[] compensateWarmUp(CorePiece piece, int[] params, int[] initialState, CoreSynapses core) {
        LogicalBlock b = piece.block();
        int warmUp = b.startStep() - 1;
        if (warmUp == 0) return initialState;
        WarmUp.StateResult r = ProgramCompilers.of(b.program()).warmUpState(piece.count(), params, initialState, warmUp);
        if (r != null) {
            if (!r.exact()) {
                notes.add("layer " + b.name() + ": its neurons update " + warmUp + " step(s) before their first input arrives and no initial state makes"
                        + " that exact (" + r.failure() + "); the chip's spikes can differ from the model's there");
            }
            return r.initialState();
        }
        int[] biasWord = b.program().inputBiasWords();
        if (biasWord.length == 0) return initialState;
        int perNeuron = b.program().paramsPerNeuron(b.states());
        long[] bias = new long[piece.count() * b.compartments()];
        boolean any = false;
        for (int i = 0; i < piece.count(); i++) {
            for (int k = 0; k < biasWord.length; k++) {
                bias[i * b.compartments() + k] = params[i * perNeuron + biasWord[k]];
                any |= bias[i * b.compartments() + k] != 0;
            }
        }
        if (!any) return initialState;
        List<WarmUp.Chunk> chunks = WarmUp.biasChunks(bias, target.core().weightBits().max(), target.core().weightExponent().min(),
                target.core().weightExponent().max(), target.formats().gradedPayloadBits().orElse(0));
        if (chunks == null) {
            notes.add("layer " + b.name() + ": its bias acts " + warmUp + " step(s) before its first input arrives and cannot be sent as synaptic input"
                    + " on " + target.name() + "; the chip differs from the model there");
            return initialState;
        }
        for (int i = 0; i < piece.count(); i++) for (int w : biasWord) params[i * perNeuron + w] = 0;
        // one axon per (exponent, payload), each its own synapse group
        Map<Long, List<WarmUp.Chunk>> byAxon = new LinkedHashMap<>();
        for (WarmUp.Chunk c : chunks) byAxon.computeIfAbsent(((long) c.exponent() << 32) | c.payload(), k -> new ArrayList<>()).add(c);
        for (List<WarmUp.Chunk> axonChunks : byAxon.values()) {
            int axon = core.exponent.size();
            for (WarmUp.Chunk c : axonChunks) {
                core.target.add(c.target());
                core.weight.add(c.weight());
                core.delay.add(0);
            }
            core.exponent.add(axonChunks.get(0).exponent());
            core.group.add(core.groups++);
            core.start.add(core.target.size());
            biasCore.add(piece.core());
            biasAxon.add(axon);
            biasFirstSend.add(warmUp);
            biasPayload.add((int) axonChunks.get(0).payload());
        }
        return initialState;
    }

    /**
     * The axons of one core: for each synapse group reaching the block (a source and a delay), one
     * axon per source value with a kept synapse onto this core's neurons, with the exponent and
     * mantissas quantization chose for the whole layer.
     */
    private CoreSynapses axons(CorePiece piece) {
        LogicalBlock b = piece.block();
        CoreSynapses s = new CoreSynapses();
        for (QuantizedSynapses group : quantized.block(b).synapses()) {
            ChipValue source = group.source();
            List<Connection> connections = group.connections();
            boolean used = false;
            for (int k = 0; k < source.width(); k++) {
                int axon = s.exponent.size();
                int kept = 0;
                for (int i = 0; i < connections.size(); i++) {
                    Connection c = connections.get(i);
                    for (int e = c.start(k); e < c.end(k); e++) {
                        int neuron = c.neuron(e);
                        int m = group.mantissa(i, e);
                        if (!piece.holds(neuron) || m == 0) continue;
                        s.target.add((neuron - piece.first()) * b.compartments() + c.compartment());
                        s.weight.add(m);
                        s.delay.add(group.delay());
                        kept++;
                    }
                }
                if (kept == 0) continue;
                s.exponent.add(group.exponent(k));
                s.group.add(s.groups);
                s.start.add(s.target.size());
                used = true;
                routes.computeIfAbsent(source, x -> new LinkedHashMap<>()).computeIfAbsent(k, x -> new ArrayList<>())
                        .add(new Destination(piece.core(), axon));
            }
            if (used) s.groups++;
        }
        return s;
    }

    private RouteTable routeTable(CorePiece piece) {
        Map<Integer, List<Destination>> out = routes.getOrDefault(piece.block(), Map.of());
        int[] start = new int[piece.count() + 1];
        List<Integer> cores = new ArrayList<>();
        List<Integer> axons = new ArrayList<>();
        for (int i = 0; i < piece.count(); i++) {
            for (Destination d : out.getOrDefault(piece.first() + i, List.of())) {
                cores.add(d.core());
                axons.add(d.axon());
            }
            start[i + 1] = cores.size();
        }
        return new RouteTable(start, ints(cores), ints(axons));
    }

    private InputMap inputMap() {
        HostSource input = network.input();
        Map<Integer, List<Destination>> out = routes.getOrDefault(input, Map.of());
        int[] start = new int[input.width() + 1];
        List<Integer> cores = new ArrayList<>();
        List<Integer> axons = new ArrayList<>();
        for (int c = 0; c < input.width(); c++) {
            for (Destination d : out.getOrDefault(c, List.of())) {
                cores.add(d.core());
                axons.add(d.axon());
            }
            start[c + 1] = cores.size();
        }
        return new InputMap(input.width(), input.binary(), quantized.outputFraction(input), start, ints(cores), ints(axons))
                .withBias(biasCore.toArray(), biasAxon.toArray(), biasFirstSend.toArray(), biasPayload.toArray());
    }

    private OutputMap outputMap() {
        QuantizedBlock out = quantized.outputBlock();
        int n = out.block().count();
        int[] core = new int[n];
        int[] neuron = new int[n];
        double[] scale = new double[n];
        for (CorePiece piece : pieces) {
            if (piece.block() != out.block()) continue;
            for (int i = 0; i < piece.count(); i++) {
                core[piece.first() + i] = piece.core();
                neuron[piece.first() + i] = i;
            }
        }
        int fraction = network.outputKind() == OutputMap.Kind.READOUT ? out.inputFraction(0) : out.outputFraction();
        java.util.Arrays.fill(scale, Math.scalb(1.0, -fraction));
        return new OutputMap(network.outputKind(), network.firstOutputStep(), core, neuron, scale, network.outputBias());
    }

    private List<LayerMapping> layerMappings() {
        List<LayerMapping> layers = new ArrayList<>();
        for (LogicalBlock b : network.blocks()) {
            layers.add(new LayerMapping(b.name(), b.program(), b.count(), coresOf(b), b.denseOpsPerStep()));
        }
        return layers;
    }

    private List<LayerUse> layerUses(List<CoreImage> cores, long[] memory) {
        List<LayerUse> uses = new ArrayList<>();
        for (LogicalBlock b : network.blocks()) {
            long synapses = 0;
            long bits = 0;
            int axons = 0;
            for (int c : coresOf(b)) {
                synapses += cores.get(c).synapses().synapses();
                axons += cores.get(c).synapses().axons();
                bits += memory[c];
            }
            uses.add(new LayerUse(b.name(), b.program(), b.count(), coresOf(b), synapses, bits, axons, quantized.block(b).weightError()));
        }
        return uses;
    }

    private List<Integer> coresOf(LogicalBlock b) {
        List<Integer> cores = new ArrayList<>();
        for (CorePiece p : pieces) if (p.block() == b) cores.add(p.core());
        return cores;
    }

    /** Synapse words actually used: each axon's entries packed into words. */
    private long memoryBits(SynapseTable table) {
        long bits = 0;
        for (int a = 0; a < table.axons(); a++) bits += Partitioner.synapseBits(target, 1, table.end(a) - table.start(a));
        return bits;
    }

    /** How often each source sends, from the reference on the first calibration sequence. */
    public static Map<ChipValue, Double> activity(LogicalNetwork network, Map<Node, double[]> reference) {
        Map<ChipValue, Double> activity = new IdentityHashMap<>();
        activity.put(network.input(), nonZeroFraction(reference.get(network.input().valueNode())));
        for (LogicalBlock b : network.blocks()) activity.put(b, nonZeroFraction(reference.get(b.valueNode())));
        return activity;
    }

    private static double nonZeroFraction(double[] values) {
        if (values == null || values.length == 0) return 1;
        int n = 0;
        for (double v : values) if (v != 0) n++;
        return (double) n / values.length;
    }

    private static int[] ints(List<Integer> list) {
        int[] a = new int[list.size()];
        for (int i = 0; i < a.length; i++) a[i] = list.get(i);
        return a;
    }

    /** A piece's neurons' share of a per-neuron array of the whole block (each neuron the same number of words); empty stays empty. */
    private static int[] piecesShare(int[] perBlock, int count, CorePiece piece) {
        int words = perBlock.length / count;
        return java.util.Arrays.copyOfRange(perBlock, piece.first() * words, (piece.first() + piece.count()) * words);
    }
}
