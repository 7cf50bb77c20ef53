package io.dendra.compiler.mapping;

import io.dendra.compiler.graph.Node;
import io.dendra.compiler.network.ChipValue;
import io.dendra.compiler.network.HostSource;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.compiler.network.LogicalNetwork;
import io.dendra.compiler.network.QuantizedBlock;
import io.dendra.compiler.network.QuantizedNetwork;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import io.dendra.ir.ChipImage;
import io.dendra.ir.CoreImage;
import io.dendra.ir.InputMap;
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
import java.util.List;
import java.util.Map;

/**
 * The place-and-route stage: turns a quantized, partitioned network into a chip image, step by
 * step — every core's input axons and every route ({@link AxonAssignment}), the placement that
 * the routes' traffic asks for ({@link Placer}), each block's warm-up made exact
 * ({@link WarmUpCompensation}), then the cores, the input and output maps and what the resource
 * report says of each layer.
 */
public final class ImageBuilder {

    /** What the resource report says of one layer. */
    public record LayerUse(String name, NeuronProgram program, int neurons, List<Integer> cores, long synapses, long memoryBits, int axons,
            double weightError) {}

    /** The image and what the report says of it; {@code notes} list what the compiler could not make exact. */
    public record Result(ChipImage image, Placement placement, List<LayerUse> layers, long[] memoryBitsPerCore, List<String> notes) {}

    private final Target target;
    private final QuantizedNetwork quantized;
    private final LogicalNetwork network;
    private final List<CorePiece> pieces;
    private final List<String> notes = new ArrayList<>();
    private final AxonAssignment axons;
    private final WarmUpCompensation warmUp;
    /** Each block's memory rule, built once. */
    private final Map<QuantizedBlock, SynapticMemory> memories;

    private ImageBuilder(Target target, QuantizedNetwork quantized, List<CorePiece> pieces) {
        this.target = target;
        this.quantized = quantized;
        this.network = quantized.network();
        this.pieces = pieces;
        this.axons = new AxonAssignment(quantized, pieces);
        this.warmUp = new WarmUpCompensation(target, notes);
        this.memories = new java.util.IdentityHashMap<>();
    }

    /** Builds the image; {@code activity} gives, per source, the fraction of steps each of its values is sent. */
    public static Result build(Target target, QuantizedNetwork network, List<CorePiece> pieces, Map<ChipValue, Double> activity) {
        return new ImageBuilder(target, network, pieces).run(activity);
    }

    private Result run(Map<ChipValue, Double> activity) {
        Placement placement = new Placer(target.mesh(), pieces.size(), axons.traffic(activity), target.cost(Event.HOP_EW).timeNs(), target.cost(Event.HOP_NS).timeNs(),
                target.cost(Event.CHIP_CROSSING).timeNs()).place();

        List<CoreImage> cores = new ArrayList<>();
        long[] memory = new long[pieces.size()];
        for (CorePiece piece : pieces) {
            LogicalBlock b = piece.block();
            QuantizedBlock q = quantized.block(b);
            int[] params = piecesShare(q.params(), b.count(), piece);
            int[] initialState = piecesShare(q.initialState(), b.count(), piece);
            initialState = warmUp.compensate(piece, params, initialState, axons.synapses(piece.core()));
            NeuronBlock neurons = new NeuronBlock(b.program(), b.name(), piece.first(), piece.count(), b.states(), b.startStep(), params, initialState,
                    q.deltaThreshold(), b.deltaCumulative());
            SynapseTable table = axons.synapses(piece.core()).table();
            RouteTable routeTable = axons.routeTable(piece);
            if (routeTable.routes() > target.core().outputAxons()) {
                throw new DendraException(ErrorCode.CORE_TOO_SMALL, Place.named("layer " + b.name()), "layer " + b.name() + ": a core's neurons send to "
                        + routeTable.routes() + " axons, but a core has " + target.core().outputAxons() + " output axons", null);
            }
            int slot = placement.slot(piece.core());
            cores.add(new CoreImage(piece.core(), Placement.chip(target.mesh(), slot), Placement.tileX(target.mesh(), slot),
                    Placement.tileY(target.mesh(), slot), Placement.slotInTile(target.mesh(), slot), neurons, table, routeTable));
            memory[piece.core()] = memoryBits(q, piece, table);
        }
        int chips = 1 + cores.stream().mapToInt(CoreImage::chip).max().orElse(0);
        ChipImage image = new ChipImage(network.modelName(), target.name(), TargetPrinter.text(target), target.formats().stateBits(),
                target.formats().gradedPayloadBits().orElse(0), target.formats().accumulation(), chips, cores, inputMap(), outputMap(), layerMappings(), network.firstOutputStep());
        return new Result(image, placement, layerUses(cores, memory), memory, List.copyOf(new java.util.LinkedHashSet<>(notes)));
    }

    private InputMap inputMap() {
        HostSource input = network.input();
        int[][] routes = axons.destinations(input, 0, input.width());
        if (target.core().inputNeurons()) homeInputNeurons(routes);
        return warmUp.withBiasMessages(new InputMap(input.width(), input.binary(), quantized.outputFraction(input), routes[0], routes[1], routes[2]));
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

    /**
     * On a target whose input enters through on-chip input neurons, each channel's input neuron sits
     * on the core of its first destination, and counts there as a neuron: each channel's home is
     * chosen among the cores it feeds, the one with the most room left (neurons), and moved first in
     * its destinations; when none of them has room, the input does not fit, and the compile says so.
     */
    private void homeInputNeurons(int[][] routes) {
        int[] room = new int[pieces.size()];
        for (CorePiece piece : pieces) room[piece.core()] = target.core().neurons() - piece.count();
        int[] start = routes[0], core = routes[1], axon = routes[2];
        for (int ch = 0; ch + 1 < start.length; ch++) {
            int best = -1;
            for (int d = start[ch]; d < start[ch + 1]; d++) if (best < 0 || room[core[d]] > room[core[best]]) best = d;
            if (best < 0) continue;
            if (room[core[best]] <= 0) {
                throw new DendraException(ErrorCode.CORE_TOO_SMALL, Place.named("input"), "the input's " + (start.length - 1) + " channels need an input"
                        + " neuron each on a core they feed (" + target.name() + " has host_input = input_neurons), and channel " + ch + "'s cores are"
                        + " full (" + target.core().neurons() + " neurons each)", "use a target with more neurons per core, or fewer input channels");
            }
            room[core[best]]--;
            int c = core[best], a = axon[best];
            core[best] = core[start[ch]];
            axon[best] = axon[start[ch]];
            core[start[ch]] = c;
            axon[start[ch]] = a;
        }
    }

    private List<Integer> coresOf(LogicalBlock b) {
        List<Integer> cores = new ArrayList<>();
        for (CorePiece p : pieces) if (p.block() == b) cores.add(p.core());
        return cores;
    }

    /**
     * A core's memory: synapse words actually used (each axon's entries packed into words) and
     * neuron state where it shares the memory; a block stored as shared kernels as
     * {@link SynapticMemory} counts it, plus the host bias axons the warm-up added after its own.
     */
    private long memoryBits(QuantizedBlock q, CorePiece piece, SynapseTable table) {
        SynapticMemory m = memories.computeIfAbsent(q, x -> new SynapticMemory(target, x));
        int from = 0;
        long bits = SynapticMemory.stateBits(target, piece.block(), piece.count());
        if (m.sharesKernels()) {
            long[] usage = m.usage(piece.first(), piece.count());
            from = (int) usage[0];
            bits = usage[1];
        }
        for (int a = from; a < table.axons(); a++) bits += SynapticMemory.synapseBits(target, 1, table.end(a) - table.start(a));
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

    /** A piece's neurons' share of a per-neuron array of the whole block (each neuron the same number of words); empty stays empty. */
    private static int[] piecesShare(int[] perBlock, int count, CorePiece piece) {
        int words = perBlock.length / count;
        return java.util.Arrays.copyOfRange(perBlock, piece.first() * words, (piece.first() + piece.count()) * words);
    }
}
