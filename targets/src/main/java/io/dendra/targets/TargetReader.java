package io.dendra.targets;

import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import io.dendra.diagnostics.Suggestions;
import io.dendra.ir.Accumulation;
import io.dendra.ir.NeuronProgram;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Reads a target file into a {@link Target}. The grammar only knows sections and fields; the
 * schema — which fields each section has, their units and their allowed values — is this class,
 * which reads each field once and refuses any it did not read.
 */
public final class TargetReader {
    private final Path file;
    private final Map<String, String> sources = new HashMap<>();
    private double clockMhz = Double.NaN;

    private TargetReader(Path file) {
        this.file = file;
    }

    /** Parses target text; {@code file} names it in diagnostics. */
    public static Target parse(String text, Path file) {
        return new TargetReader(file).read(text);
    }

    // ---- the parse tree as sections of fields --------------------------------------------------

    private record Field(String name, List<TargetDescriptionParser.ValueContext> values, String source, Token at) {}

    /** A section's fields and subsections, and which of them the schema has read. */
    private final class Section {
        final String path;
        final Token close;
        final Map<String, Field> fields = new LinkedHashMap<>();
        final Map<String, Section> sections = new LinkedHashMap<>();
        final Map<String, Token> sectionTokens = new HashMap<>();
        final List<String> read = new ArrayList<>();

        Section(String path, Token close, List<TargetDescriptionParser.EntryContext> entries) {
            this.path = path;
            this.close = close;
            for (TargetDescriptionParser.EntryContext entry : entries) {
                if (entry.field() != null) {
                    TargetDescriptionParser.FieldContext f = entry.field();
                    String name = f.name.getText();
                    checkUnique(name, f.name);
                    fields.put(name, new Field(name, f.value(), f.source == null ? null : unquote(f.source), f.name));
                } else {
                    TargetDescriptionParser.SectionContext s = entry.section();
                    String name = s.name.getText();
                    checkUnique(name, s.name);
                    sections.put(name, new Section(qualified(name), s.close, s.entry()));
                    sectionTokens.put(name, s.name);
                }
            }
        }

        private void checkUnique(String name, Token at) {
            if (fields.containsKey(name) || sections.containsKey(name)) {
                throw error(ErrorCode.TARGET_DUPLICATE, at, "'" + qualified(name) + "' is given twice", null);
            }
        }

        String qualified(String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        Section section(String name) {
            read.add(name);
            Section s = sections.get(name);
            if (s == null) throw error(ErrorCode.TARGET_MISSING_FIELD, close, where() + "lacks the section '" + name + " { ... }'", null);
            return s;
        }

        Field field(String name) {
            read.add(name);
            Field f = fields.get(name);
            if (f == null) {
                if (sections.containsKey(name)) throw error(ErrorCode.TARGET_VALUE, sectionTokens.get(name), "'" + qualified(name) + "' is a field, not a section", "write " + name + " = ...;");
                for (Field other : fields.values()) {
                    if (!read.contains(other.name()) && Suggestions.nearest(other.name(), List.of(name)).isPresent()) {
                        throw error(ErrorCode.TARGET_UNKNOWN_FIELD, other.at(), "unknown field '" + qualified(other.name()) + "'",
                                "did you mean '" + name + "'?");
                    }
                }
                throw error(ErrorCode.TARGET_MISSING_FIELD, close, where() + "lacks the field '" + name + "'", null);
            }
            if (f.source() != null) sources.put(qualified(name), f.source());
            return f;
        }

        boolean has(String name) {
            return fields.containsKey(name);
        }

        private String where() {
            return path.isEmpty() ? "the target " : "section '" + path + "' ";
        }

        /** Refuses what the schema did not read, suggesting the field it probably meant. */
        void finish() {
            for (Map.Entry<String, Field> f : fields.entrySet()) {
                if (!read.contains(f.getKey())) {
                    throw error(ErrorCode.TARGET_UNKNOWN_FIELD, f.getValue().at(), "unknown field '" + qualified(f.getKey()) + "'",
                            Suggestions.didYouMean(f.getKey(), read));
                }
            }
            for (Map.Entry<String, Section> s : sections.entrySet()) {
                if (!read.contains(s.getKey())) {
                    throw error(ErrorCode.TARGET_UNKNOWN_FIELD, sectionTokens.get(s.getKey()), "unknown section '" + qualified(s.getKey()) + "'",
                            Suggestions.didYouMean(s.getKey(), read));
                }
                s.getValue().finish();
            }
        }
    }

    // ---- the schema ------------------------------------------------------------------------------

    private Target read(String text) {
        TargetDescriptionParser.FileContext tree = parseTree(text);
        Section top = new Section("", tree.close, tree.entry());
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

    private record Measured(double value, Dimension dimension) {}

    /** A number with its unit converted to the base unit; {@code expected} null accepts any dimension. */
    private Measured measured(Field field, TargetDescriptionParser.ValueContext v, Dimension expected) {
        if (!(v instanceof TargetDescriptionParser.QuantityValueContext q)) {
            throw error(ErrorCode.TARGET_VALUE, v.getStart(), "'" + field.name() + "' needs a number" + (expected == null ? "" : " (" + expected.label() + ")"), null);
        }
        return measured(field, q.quantity(), expected);
    }

    private Measured measured(Field field, TargetDescriptionParser.QuantityContext q, Dimension expected) {
        if (q.word != null) {
            throw error(ErrorCode.TARGET_VALUE, q.word, "'" + field.name() + "' needs a number, got '" + q.word.getText() + "'", null);
        }
        double number = Double.parseDouble(q.NUMBER().getText()) * (q.sign != null ? -1 : 1);
        if (q.unit == null) {
            if (expected == null || expected != Dimension.COUNT) {
                throw error(ErrorCode.TARGET_UNIT, q.NUMBER().getSymbol(), "'" + field.name() + "' needs a unit"
                        + (expected == null ? "" : " of " + expected.label()), null);
            }
            return new Measured(number, Dimension.COUNT);
        }
        String symbol = q.unit.getText();
        Unit unit = Unit.bySymbol(symbol).orElseThrow(() -> error(ErrorCode.TARGET_UNIT, q.unit, "unknown unit '" + symbol + "'",
                Suggestions.nearest(symbol, Unit.allSymbols()).map(u -> "did you mean '" + u + "'?").orElse(null)));
        if (expected != null && unit.dimension() != expected) {
            throw error(ErrorCode.TARGET_UNIT, q.unit, "'" + field.name() + "' is " + expected.label() + ", but '" + symbol + "' is a unit of "
                    + unit.dimension().name().toLowerCase(java.util.Locale.ROOT), null);
        }
        if (unit == Unit.CYCLES && Double.isNaN(clockMhz)) throw error(ErrorCode.TARGET_UNIT, q.unit, "cycles need the clock, which comes first", null);
        double value = unit.toBase(number, clockMhz);
        String bound = plausible(unit.dimension(), value);
        if (bound != null) {
            throw error(ErrorCode.TARGET_VALUE, q.NUMBER().getSymbol(), "'" + field.name() + "' = " + (q.sign != null ? "-" : "") + q.NUMBER().getText() + " " + symbol + " is outside what a chip"
                    + " target can mean: " + bound, null);
        }
        return new Measured(value, unit.dimension());
    }

    /**
     * Bounds on every number of a target, by kind (in base units), so that no table can drive time
     * or energy to overflow or nonsense: null when {@code value} is within them, else what they are.
     */
    private static String plausible(Dimension dimension, double value) {
        double magnitude = Math.abs(value);
        return switch (dimension) {
            case ENERGY -> magnitude <= 1e9 ? null : "an energy of at most 1 mJ per event";
            case TIME -> magnitude <= 1e9 ? null : "a time of at most 1 s per event";
            case POWER -> magnitude <= 1e6 ? null : "a power of at most 1 kW per core";
            case FREQUENCY -> magnitude >= 1 && magnitude <= 1e5 ? null : "a clock from 1 MHz to 100 GHz";
            case MEMORY -> magnitude <= 0x1p36 ? null : "at most 8 GiB";
            case COUNT -> magnitude <= 1e9 ? null : "a count of at most 10^9";
        };
    }

    private double quantity(Field field, Dimension dimension) {
        return measured(field, single(field), dimension).value();
    }

    private TargetDescriptionParser.ValueContext single(Field field) {
        if (field.values().size() != 1) throw error(ErrorCode.TARGET_VALUE, field.at(), "'" + field.name() + "' takes one value", null);
        return field.values().get(0);
    }

    private double[] range(Field field, Dimension dimension) {
        TargetDescriptionParser.ValueContext v = single(field);
        if (!(v instanceof TargetDescriptionParser.RangeValueContext r)) {
            throw error(ErrorCode.TARGET_VALUE, v.getStart(), "'" + field.name() + "' needs a range, for example 1 .. 8", null);
        }
        double low = measured(field, r.low, dimension).value();
        double high = measured(field, r.high, dimension).value();
        if (low > high) throw error(ErrorCode.TARGET_VALUE, v.getStart(), "range of '" + field.name() + "' is empty: its low end is above its high end", null);
        return new double[] {low, high};
    }

    private IntRange intRange(Field field) {
        double[] r = range(field, Dimension.COUNT);
        return new IntRange(whole(field, r[0]), whole(field, r[1]));
    }

    private int positiveInt(Field field, int max) {
        int v = whole(field, quantity(field, Dimension.COUNT));
        if (v <= 0 || v > max) throw value(field, "'" + field.name() + "' must be 1 to " + max + ", got " + v);
        return v;
    }

    private long wholeBits(Field field) {
        double bits = quantity(field, Dimension.MEMORY);
        if (bits != Math.rint(bits) || bits < 0) throw value(field, "'" + field.name() + "' must be a whole number of bits");
        return (long) bits;
    }

    private int bitsWithin(Field field, int low, int high) {
        long bits = wholeBits(field);
        if (bits < low || bits > high) throw value(field, "'" + field.name() + "' must be " + low + " to " + high + " bit, got " + bits);
        return (int) bits;
    }

    private int whole(Field field, double v) {
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) throw value(field, "'" + field.name() + "' must be a whole number, got " + v);
        return (int) v;
    }

    private double positive(Field field, double v) {
        if (!(v > 0)) throw value(field, "'" + field.name() + "' must be positive");
        return v;
    }

    private double nonNegative(Field field, double v) {
        if (!(v >= 0)) throw value(field, "'" + field.name() + "' cannot be negative");
        return v;
    }

    private boolean isNone(Field field) {
        return single(field) instanceof TargetDescriptionParser.NoneValueContext;
    }

    private String string(Field field) {
        if (!(single(field) instanceof TargetDescriptionParser.StringValueContext s)) {
            throw error(ErrorCode.TARGET_VALUE, field.at(), "'" + field.name() + "' needs a string in double quotes", null);
        }
        return unquote(s.STRING().getSymbol());
    }

    private String word(Field field) {
        return wordOf(field, single(field));
    }

    private String wordOf(Field field, TargetDescriptionParser.ValueContext v) {
        if (v instanceof TargetDescriptionParser.QuantityValueContext q && q.quantity().word != null) return q.quantity().word.getText();
        throw error(ErrorCode.TARGET_VALUE, v.getStart(), "'" + field.name() + "' needs a name, got '" + v.getText() + "'", null);
    }

    // ---- plumbing --------------------------------------------------------------------------------

    private TargetDescriptionParser.FileContext parseTree(String text) {
        BaseErrorListener failFast = new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column, String message, RecognitionException e) {
                throw new DendraException(ErrorCode.TARGET_SYNTAX, Place.at(file, line, column + 1), message, null);
            }
        };
        TargetDescriptionLexer lexer = new TargetDescriptionLexer(CharStreams.fromString(text, file.toString()));
        lexer.removeErrorListeners();
        lexer.addErrorListener(failFast);
        TargetDescriptionParser parser = new TargetDescriptionParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(failFast);
        return parser.file();
    }

    private DendraException value(Field field, String message) {
        return error(ErrorCode.TARGET_VALUE, field.at(), message, null);
    }

    private DendraException error(ErrorCode code, Token at, String message, String hint) {
        return new DendraException(code, Place.at(file, at.getLine(), at.getCharPositionInLine() + 1), message, hint);
    }

    private static String unquote(Token literal) {
        String text = literal.getText();
        return text.substring(1, text.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
