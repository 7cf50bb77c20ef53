package io.dendra.targets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dendra.ir.NeuronProgram;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Locale;

/**
 * Writes a target as canonical target-language text (every value in its base unit, with its
 * source; {@link TargetReader} reads it back to an equal target) or as JSON, which adds the
 * neuron-update cost each supported program derives from its op count.
 */
public final class TargetPrinter {
    private TargetPrinter() {}

    public static String text(Target t) {
        Text s = new Text(t);
        s.out.append("target ").append(t.name()).append(" {\n");
        s.field("", "description", quote(t.description()));
        s.field("", "clock", number(t.clockMhz()) + " MHz");
        s.open("board");
        s.field("board", "chips", Integer.toString(t.chipsPerBoard()));
        s.close();
        s.open("mesh");
        s.field("mesh", "columns", Integer.toString(t.mesh().columns()));
        s.field("mesh", "rows", Integer.toString(t.mesh().rows()));
        s.field("mesh", "cores_per_tile", Integer.toString(t.mesh().coresPerTile()));
        s.field("mesh", "link_buffer", t.mesh().linkBuffer() == 0 ? "none" : Integer.toString(t.mesh().linkBuffer()));
        s.close();
        CoreLimits c = t.core();
        s.open("core");
        s.field("core", "neurons", Integer.toString(c.neurons()));
        s.field("core", "synaptic_memory", memory(c.synapticMemoryBits()));
        s.field("core", "state_memory", c.stateSharesMemory() ? "shared" : "separate");
        s.field("core", "input_axons", Integer.toString(c.inputAxons()));
        s.field("core", "output_axons", Integer.toString(c.outputAxons()));
        s.field("core", "synapse_word", c.synapseWordBits() + " bit");
        s.field("core", "synapse_word_header", c.synapseWordHeaderBits() + " bit");
        s.field("core", "synapse_entry_overhead", c.synapseEntryOverheadBits() + " bit");
        s.field("core", "weight_bits", c.weightBits().toString());
        s.field("core", "weight_exponent", c.weightExponent().toString());
        s.field("core", "delay", c.delay().toString());
        s.field("core", "receive_buffer", c.receiveBuffer() == 0 ? "none" : Integer.toString(c.receiveBuffer()));
        s.field("core", "host_input", c.inputNeurons() ? "input_neurons" : "router");
        s.field("core", "convolution", c.sharedKernels() ? "shared_kernel" : "expanded");
        s.close();
        NumberFormats f = t.formats();
        s.open("formats");
        s.field("formats", "state", f.stateBits() + " bit");
        s.field("formats", "decay", f.decayBits() + " bit");
        s.field("formats", "graded_payload", f.gradedPayloadBits().isPresent() ? f.gradedPayloadBits().getAsInt() + " bit" : "none");
        s.field("formats", "accumulation", f.accumulation().id());
        s.field("formats", "lif_bias_mantissa", f.lifBiasMantissaBits() + " bit");
        s.field("formats", "lif_bias_exponent", f.lifBiasExponent().toString());
        if (f.sigmaDelta()) s.field("formats", "sigma_delta", "yes");
        s.close();
        StringBuilder programs = new StringBuilder();
        for (NeuronProgram p : sortedPrograms(t)) programs.append(programs.isEmpty() ? "" : ", ").append(p.id());
        s.field("", "programs", programs.toString());
        s.open("events");
        for (Event e : Event.values()) {
            if (!t.has(e)) continue;
            EventCost cost = t.cost(e);
            s.field("events", e.id(), number(cost.energyPj()) + " pJ, " + number(cost.timeNs()) + " ns");
        }
        s.out.append(s.indent).append("// derived neuron updates (neuron_base + ops x neuron_op), active / inactive:\n");
        for (NeuronProgram p : sortedPrograms(t)) {
            int states = p.hasStates() ? 1 : 0;
            EventCost active = t.neuronUpdate(p, true, states);
            EventCost inactive = t.neuronUpdate(p, false, states);
            s.out.append(s.indent).append(String.format(Locale.ROOT, "//   %-9s %s pJ / %s pJ, %s ns / %s ns%s%n", p.id(), number(round(active.energyPj())),
                    number(round(inactive.energyPj())), number(round(active.timeNs())), number(round(inactive.timeNs())),
                    p.hasStates() ? " with one complex state, +" + (p.ops(true, 1) - p.ops(true, 0)) + " ops per further state" : ""));
        }
        s.close();
        Barrier b = t.barrier();
        s.open("barrier");
        if (b.step() || b.tiles().length > 2) {
            StringBuilder table = new StringBuilder();
            for (int i = 0; i < b.tiles().length; i++) table.append(i == 0 ? "" : ", ").append(b.tiles()[i]).append(": ").append(number(b.timesNs()[i])).append(" ns");
            s.field("barrier", "time_by_tiles", table.toString());
            s.field("barrier", "between", b.step() ? "step" : "linear");
        } else {
            int last = b.tiles().length - 1;
            s.field("barrier", "time", number(b.timesNs()[0]) + " ns .. " + number(b.timesNs()[last]) + " ns");
            s.field("barrier", "tiles", b.tiles()[0] + " .. " + b.tiles()[last]);
        }
        s.field("barrier", "energy_per_tile", number(b.energyPerTilePj()) + " pJ");
        s.close();
        s.field("", "static_power_per_core", number(t.staticPowerPerCoreMw()) + " mW");
        s.out.append("}\n");
        return s.out.toString();
    }

    /** The target as pretty JSON: each field's value, unit and source, and the derived neuron-update costs. */
    public static String json(Target t) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("name", t.name());
        root.put("description", t.description());
        value(root, t, "", "clock", t.clockMhz(), "MHz");
        ObjectNode board = root.putObject("board");
        value(board, t, "board", "chips", t.chipsPerBoard(), null);
        ObjectNode mesh = root.putObject("mesh");
        value(mesh, t, "mesh", "columns", t.mesh().columns(), null);
        value(mesh, t, "mesh", "rows", t.mesh().rows(), null);
        value(mesh, t, "mesh", "cores_per_tile", t.mesh().coresPerTile(), null);
        if (t.mesh().linkBuffer() == 0) addSource(mesh.putObject("link_buffer").putNull("value"), t, "mesh.link_buffer");
        else value(mesh, t, "mesh", "link_buffer", t.mesh().linkBuffer(), "messages");
        mesh.put("cores", t.mesh().cores());
        CoreLimits c = t.core();
        ObjectNode core = root.putObject("core");
        value(core, t, "core", "neurons", c.neurons(), null);
        value(core, t, "core", "synaptic_memory", c.synapticMemoryBits(), "bit");
        ObjectNode sharing = core.putObject("state_memory").put("value", c.stateSharesMemory() ? "shared" : "separate");
        addSource(sharing, t, "core.state_memory");
        value(core, t, "core", "input_axons", c.inputAxons(), null);
        value(core, t, "core", "output_axons", c.outputAxons(), null);
        value(core, t, "core", "synapse_word", c.synapseWordBits(), "bit");
        value(core, t, "core", "synapse_word_header", c.synapseWordHeaderBits(), "bit");
        value(core, t, "core", "synapse_entry_overhead", c.synapseEntryOverheadBits(), "bit");
        range(core, t, "core", "weight_bits", c.weightBits());
        range(core, t, "core", "weight_exponent", c.weightExponent());
        range(core, t, "core", "delay", c.delay());
        if (c.receiveBuffer() == 0) addSource(core.putObject("receive_buffer").putNull("value"), t, "core.receive_buffer");
        else value(core, t, "core", "receive_buffer", c.receiveBuffer(), "messages");
        addSource(core.putObject("host_input").put("value", c.inputNeurons() ? "input_neurons" : "router"), t, "core.host_input");
        addSource(core.putObject("convolution").put("value", c.sharedKernels() ? "shared_kernel" : "expanded"), t, "core.convolution");
        ObjectNode formats = root.putObject("formats");
        value(formats, t, "formats", "state", t.formats().stateBits(), "bit");
        value(formats, t, "formats", "decay", t.formats().decayBits(), "bit");
        if (t.formats().gradedSpikes()) {
            value(formats, t, "formats", "graded_payload", t.formats().gradedPayloadBits().getAsInt(), "bit");
        } else {
            ObjectNode payload = formats.putObject("graded_payload").putNull("value");
            addSource(payload, t, "formats.graded_payload");
        }
        ObjectNode accumulation = formats.putObject("accumulation").put("value", t.formats().accumulation().id());
        addSource(accumulation, t, "formats.accumulation");
        value(formats, t, "formats", "lif_bias_mantissa", t.formats().lifBiasMantissaBits(), "bit");
        range(formats, t, "formats", "lif_bias_exponent", t.formats().lifBiasExponent());
        addSource(formats.putObject("sigma_delta").put("value", t.formats().sigmaDelta() ? "yes" : "no"), t, "formats.sigma_delta");
        ArrayNode programs = root.putArray("programs");
        for (NeuronProgram p : sortedPrograms(t)) programs.add(p.id());
        ObjectNode events = root.putObject("events");
        for (Event e : Event.values()) {
            if (!t.has(e)) continue;
            ObjectNode event = events.putObject(e.id());
            event.put("energy_pJ", t.cost(e).energyPj());
            event.put("time_ns", t.cost(e).timeNs());
            addSource(event, t, "events." + e.id());
        }
        ObjectNode updates = root.putObject("neuron_updates");
        for (NeuronProgram p : sortedPrograms(t)) {
            ObjectNode program = updates.putObject(p.id());
            int states = p.hasStates() ? 1 : 0;
            if (p.hasStates()) program.put("per", "update with one complex state; each further state adds " + (p.ops(true, 1) - p.ops(true, 0)) + " ops");
            for (boolean active : new boolean[] {true, false}) {
                EventCost cost = t.neuronUpdate(p, active, states);
                ObjectNode node = program.putObject(active ? "active" : "inactive");
                node.put("ops", p.ops(active, states));
                node.put("energy_pJ", round(cost.energyPj()));
                node.put("time_ns", round(cost.timeNs()));
            }
            program.put("source", "events.neuron_base + ops x events.neuron_op");
        }
        ObjectNode barrier = root.putObject("barrier");
        ArrayNode points = barrier.putArray("time_ns_by_tiles");
        for (int i = 0; i < t.barrier().tiles().length; i++) points.addArray().add(t.barrier().tiles()[i]).add(t.barrier().timesNs()[i]);
        barrier.put("between", t.barrier().step() ? "step" : "linear");
        addSource(barrier, t, t.source("barrier.time_by_tiles") != null ? "barrier.time_by_tiles" : "barrier.time");
        value(barrier, t, "barrier", "energy_per_tile", t.barrier().energyPerTilePj(), "pJ");
        value(root, t, "", "static_power_per_core", t.staticPowerPerCoreMw(), "mW");
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Costs derived by sums of decimal table entries, rounded to remove binary noise (81.00000000000001 -> 81). */
    static double round(double v) {
        return new BigDecimal(v).setScale(9, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().doubleValue();
    }

    private static void value(ObjectNode parent, Target t, String section, String name, double v, String unit) {
        ObjectNode node = parent.putObject(name);
        if (v == Math.rint(v) && Math.abs(v) < 1e15) node.put("value", (long) v);
        else node.put("value", v);
        if (unit != null) node.put("unit", unit);
        addSource(node, t, section.isEmpty() ? name : section + "." + name);
    }

    private static void range(ObjectNode parent, Target t, String section, String name, IntRange r) {
        ObjectNode node = parent.putObject(name);
        node.put("min", r.min());
        node.put("max", r.max());
        addSource(node, t, section + "." + name);
    }

    private static void addSource(ObjectNode node, Target t, String path) {
        String source = t.source(path);
        if (source != null) node.put("source", source);
    }

    private static Iterable<NeuronProgram> sortedPrograms(Target t) {
        return t.programs().stream().sorted(Comparator.comparingInt(Enum::ordinal)).toList();
    }

    /** The shortest decimal that reads back as the same double, without an exponent. */
    static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String memory(long bits) {
        if (bits % (8 * 1024 * 1024) == 0) return bits / (8 * 1024 * 1024) + " MiB";
        if (bits % (8 * 1024) == 0) return bits / (8 * 1024) + " KiB";
        return bits + " bit";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Indentation and source notes while writing text. */
    private static final class Text {
        final StringBuilder out = new StringBuilder();
        final Target target;
        String indent = "  ";

        Text(Target target) {
            this.target = target;
        }

        void open(String section) {
            out.append('\n').append(indent).append(section).append(" {\n");
            indent = indent + "  ";
        }

        void close() {
            indent = indent.substring(2);
            out.append(indent).append("}\n");
        }

        void field(String section, String name, String value) {
            out.append(indent).append(name).append(" = ").append(value);
            String source = target.source(section.isEmpty() ? name : section + "." + name);
            if (source != null) out.append(" source ").append(quote(source));
            out.append(";\n");
        }
    }
}
