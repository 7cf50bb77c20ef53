package io.dendra.targets;

import io.dendra.targets.TargetSyntax.Field;
import io.dendra.targets.TargetSyntax.Section;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Suggestions;
import io.dendra.ir.Accumulation;
import io.dendra.ir.NeuronProgram;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads a target file into a {@link Target}. The grammar only knows sections and fields; the
 * schema — which fields each section has, their units and their allowed values — is this class,
 * which reads each field once and refuses any it did not read.
 */
public final class TargetReader extends TargetValues {
    private final Path file;
    private final TargetSyntax syntax;
    private final Map<String, String> sources;

    private TargetReader(Path file) {
        this(file, new TargetSyntax(file));
    }

    private TargetReader(Path file, TargetSyntax syntax) {
        super(syntax);
        this.file = file;
        this.syntax = syntax;
        this.sources = syntax.sources;
    }

    /** Parses target text; {@code file} names it in diagnostics. */
    public static Target parse(String text, Path file) {
        return new TargetReader(file).read(text);
    }

    // ---- the schema ------------------------------------------------------------------------------

    private Target read(String text) {
        TargetDescriptionParser.FileContext tree = syntax.parse(text);
        Section top = syntax.new Section("", tree.close, tree.entry());
        String description = string(top.field("description"));
        Field clock = top.field("clock");
        clockMhz = positive(clock, quantity(clock, Dimension.FREQUENCY));

        Section board = top.section("board");
        int chips = positiveInt(board.field("chips"), 1 << 16);

        Section meshSection = top.section("mesh");
        Field linkBuffer = meshSection.field("link_buffer");
        Mesh mesh = new Mesh(positiveInt(meshSection.field("columns"), 1024), positiveInt(meshSection.field("rows"), 1024),
                positiveInt(meshSection.field("cores_per_tile"), 256), isNone(linkBuffer) ? 0 : positiveInt(linkBuffer, 1 << 20));

        CoreLimits core = core(top.section("core"));

        Section formatsSection = top.section("formats");
        Field state = formatsSection.field("state");
        Field decay = formatsSection.field("decay");
        Field graded = formatsSection.field("graded_payload");
        int stateBits = bitsWithin(state, 1, 64);
        int decayBits = bitsWithin(decay, 1, 32);
        OptionalInt payload = isNone(graded) ? OptionalInt.empty() : OptionalInt.of(bitsWithin(graded, 1, 32));
        Field accumulationField = formatsSection.field("accumulation");
        String accumulationId = word(accumulationField);
        Accumulation accumulation = Accumulation.byId(accumulationId);
        if (accumulation == null) {
            throw error(ErrorCode.TARGET_VALUE, accumulationField.at(), "unknown accumulation '" + accumulationId + "'",
                    "one of " + java.util.Arrays.stream(Accumulation.values()).map(Accumulation::id).toList());
        }
        Field biasMantissa = formatsSection.field("lif_bias_mantissa");
        int biasMantissaBits = bitsWithin(biasMantissa, 2, 24);
        Field biasExponent = formatsSection.field("lif_bias_exponent");
        IntRange biasExponents = intRange(biasExponent);
        if (biasExponents.min() < -24 || biasExponents.max() > 24) throw value(biasExponent, "lif bias exponents must lie in -24 .. 24");
        boolean sigmaDelta = false;
        if (formatsSection.has("sigma_delta")) {
            Field field = formatsSection.field("sigma_delta");
            String value = word(field);
            if (!value.equals("yes") && !value.equals("no")) throw value(field, "sigma_delta is 'yes' or 'no', got '" + value + "'");
            sigmaDelta = value.equals("yes");
            if (sigmaDelta && (payload.isEmpty() || accumulation != Accumulation.ROUND_HALF_UP)) {
                throw value(field, "sigma-delta messages need graded payloads and round_half_up accumulation (the receiving synapses integrate the changes)");
            }
        }
        NumberFormats formats = new NumberFormats(stateBits, decayBits, payload, accumulation, biasMantissaBits, biasExponents, sigmaDelta);

        Set<NeuronProgram> programs = programs(top.field("programs"));

        Section eventSection = top.section("events");
        Map<Event, EventCost> events = new EnumMap<>(Event.class);
        for (Event event : Event.values()) {
            if (event.optional() && !eventSection.has(event.id())) continue;
            events.put(event, eventCost(eventSection.field(event.id())));
        }

        Barrier barrier = barrier(top.section("barrier"));

        Field staticPower = top.field("static_power_per_core");
        double staticMw = nonNegative(staticPower, quantity(staticPower, Dimension.POWER));
        top.finish();
        return new Target(tree.name.getText(), description, clockMhz, chips, mesh, core, formats, programs, events, barrier, staticMw, sources);
    }

    /**
     * The barrier: {@code time = A .. B} over {@code tiles = M .. N} (a line through two points), or
     * {@code time_by_tiles = 1: 0.6 us, 4: 1.4 us, …} with {@code between = step | linear}.
     */
    private Barrier barrier(Section section) {
        Field energyField = section.field("energy_per_tile");
        double energy = nonNegative(energyField, quantity(energyField, Dimension.ENERGY));
        if (section.has("time_by_tiles")) {
            Field table = section.field("time_by_tiles");
            Field between = section.field("between");
            String mode = word(between);
            if (!mode.equals("step") && !mode.equals("linear")) throw value(between, "'between' is step or linear, got '" + mode + "'");
            List<TargetDescriptionParser.ValueContext> values = table.values();
            int[] tiles = new int[values.size()];
            double[] times = new double[values.size()];
            for (int i = 0; i < tiles.length; i++) {
                if (!(values.get(i) instanceof TargetDescriptionParser.PairValueContext pair)) {
                    throw error(ErrorCode.TARGET_VALUE, values.get(i).getStart(), "'time_by_tiles' takes entries 'tiles: time', for example 4: 1.4 us", null);
                }
                tiles[i] = whole(table, measured(table, pair.key, Dimension.COUNT).value());
                times[i] = measured(table, pair.item, Dimension.TIME).value();
                if (tiles[i] < 1 || tiles[i] > 1 << 20 || (i > 0 && tiles[i] <= tiles[i - 1])) {
                    throw value(table, "'time_by_tiles' lists tile counts from 1 up, each larger than the one before");
                }
                if (!(times[i] >= 0) || times[i] > 1e9 || (i > 0 && times[i] < times[i - 1])) {
                    throw value(table, "barrier times in 'time_by_tiles' lie in 0 .. 1 s and do not fall as tiles grow");
                }
            }
            return new Barrier(tiles, times, mode.equals("step"), energy);
        }
        Field barrierTime = section.field("time");
        Field barrierTiles = section.field("tiles");
        double[] times = range(barrierTime, Dimension.TIME);
        double[] tiles = range(barrierTiles, Dimension.COUNT);
        if (times[0] < 0 || times[1] < times[0]) throw value(barrierTime, "barrier times must not fall as tiles grow: " + times[0] + " .. " + times[1] + " ns");
        int fewest = whole(barrierTiles, tiles[0]);
        int most = whole(barrierTiles, tiles[1]);
        if (fewest < 1 || most < fewest) throw value(barrierTiles, "barrier tiles must be a range of at least 1 tile");
        return Barrier.linear(times[0], times[1], fewest, most, energy);
    }

    private CoreLimits core(Section core) {
        int neurons = positiveInt(core.field("neurons"), 1 << 24);
        Field memory = core.field("synaptic_memory");
        long memoryBits = wholeBits(memory);
        if (memoryBits <= 0) throw value(memory, "synaptic memory must be positive");
        Field stateMemory = core.field("state_memory");
        String sharing = word(stateMemory);
        if (!sharing.equals("shared") && !sharing.equals("separate")) {
            throw value(stateMemory, "state_memory is 'shared' (neuron state uses the synaptic memory) or 'separate', got '" + sharing + "'");
        }
        int inputAxons = positiveInt(core.field("input_axons"), 1 << 24);
        int outputAxons = positiveInt(core.field("output_axons"), 1 << 24);
        Field word = core.field("synapse_word");
        int wordBits = bitsWithin(word, 1, 4096);
        Field header = core.field("synapse_word_header");
        int headerBits = bitsWithin(header, 0, 4096);
        if (headerBits >= wordBits) throw value(header, "the header (" + headerBits + " bit) must be smaller than the synapse word (" + wordBits + " bit)");
        Field overhead = core.field("synapse_entry_overhead");
        int overheadBits = bitsWithin(overhead, 0, 4096);
        Field weights = core.field("weight_bits");
        IntRange weightBits = intRange(weights);
        if (weightBits.min() < 1) throw value(weights, "weights need at least 1 bit");
        if (weightBits.max() > 16) throw value(weights, "weights of more than 16 bits are not supported (the simulator keeps 16-bit mantissas)");
        if (headerBits + overheadBits + weightBits.max() > wordBits) {
            throw value(weights, "a synapse entry of " + (overheadBits + weightBits.max()) + " bit does not fit in a " + wordBits + "-bit word with a "
                    + headerBits + "-bit header");
        }
        Field exponents = core.field("weight_exponent");
        IntRange exponent = intRange(exponents);
        if (exponent.min() < -30 || exponent.max() > 30) throw value(exponents, "weight exponents must lie in -30 .. 30");
        Field delays = core.field("delay");
        IntRange delay = intRange(delays);
        if (delay.min() < 0) throw value(delays, "synaptic delays cannot be negative");
        if (delay.max() > 4096) throw value(delays, "synaptic delays of more than 4096 steps are not supported");
        Field receive = core.field("receive_buffer");
        int receiveBuffer = isNone(receive) ? 0 : positiveInt(receive, 1 << 20);
        Field hostInput = core.field("host_input");
        String entry = word(hostInput);
        if (!entry.equals("router") && !entry.equals("input_neurons")) {
            throw value(hostInput, "host_input is 'router' (the host's messages enter at the destination core's router) or 'input_neurons' (on-chip"
                    + " input neurons send them), got '" + entry + "'");
        }
        boolean sharedKernels = false;
        if (core.has("convolution")) {
            Field convolution = core.field("convolution");
            String kind = word(convolution);
            if (!kind.equals("shared_kernel") && !kind.equals("expanded")) {
                throw value(convolution, "convolution is 'shared_kernel' (a core stores each kernel once for all the output positions it holds) or"
                        + " 'expanded' (a synapse per input and output pair), got '" + kind + "'");
            }
            sharedKernels = kind.equals("shared_kernel");
        }
        return new CoreLimits(neurons, memoryBits, sharing.equals("shared"), inputAxons, outputAxons, wordBits, headerBits, overheadBits,
                weightBits, exponent, delay, receiveBuffer, entry.equals("input_neurons"), sharedKernels);
    }

    private Set<NeuronProgram> programs(Field field) {
        Set<NeuronProgram> programs = EnumSet.noneOf(NeuronProgram.class);
        List<String> known = new ArrayList<>();
        for (NeuronProgram p : NeuronProgram.values()) known.add(p.id());
        for (TargetDescriptionParser.ValueContext v : field.values()) {
            String name = wordOf(field, v);
            NeuronProgram program = NeuronProgram.byId(name).orElseThrow(() -> error(ErrorCode.UNKNOWN_PROGRAM, v.getStart(),
                    "unknown neuron program '" + name + "'", Suggestions.nearest(name, known).map(k -> "did you mean '" + k + "'?")
                            .orElse("programs: " + String.join(", ", known))));
            if (!programs.add(program)) throw error(ErrorCode.TARGET_DUPLICATE, v.getStart(), "program '" + name + "' is listed twice", null);
        }
        return programs;
    }

    /** An event's cost: one energy and one time, in either order. */
    private EventCost eventCost(Field field) {
        if (field.values().size() != 2) {
            throw error(ErrorCode.TARGET_VALUE, field.at(), "'" + field.name() + "' needs an energy and a time, for example 23.6 pJ, 3.5 ns", null);
        }
        double energy = Double.NaN;
        double time = Double.NaN;
        for (TargetDescriptionParser.ValueContext v : field.values()) {
            Measured m = measured(field, v, null);
            if (m.dimension() == Dimension.ENERGY && Double.isNaN(energy)) energy = m.value();
            else if (m.dimension() == Dimension.TIME && Double.isNaN(time)) time = m.value();
            else throw error(ErrorCode.TARGET_UNIT, v.getStart(), "'" + field.name() + "' needs one energy and one time", null);
            if (m.value() < 0) throw value(field, "'" + field.name() + "' cannot cost less than nothing");
        }
        return new EventCost(energy, time);
    }

    // ---- values ----------------------------------------------------------------------------------

}
