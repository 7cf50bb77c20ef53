package io.dendra.targets;

import io.dendra.ir.NeuronProgram;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A chip target: everything the compiler needs (limits, number formats, supported programs) and
 * everything the simulator needs (clock, per-event energy and time, barrier, static power), with
 * the source of each number. Immutable; costs are looked up by {@link Event}, never by name.
 */
public record Target(String name, String description, double clockMhz, int chipsPerBoard, Mesh mesh, CoreLimits core,
        NumberFormats formats, Set<NeuronProgram> programs, Map<Event, EventCost> events, Barrier barrier,
        double staticPowerPerCoreMw, Map<String, String> sources) {

    public Target {
        Objects.requireNonNull(name, "name");
        if (!(clockMhz > 0) || chipsPerBoard <= 0 || !(staticPowerPerCoreMw >= 0)) throw new IllegalArgumentException("clock, chips, power");
        if (programs.isEmpty()) throw new IllegalArgumentException("a target runs at least one program");
        for (Event e : Event.values()) if (!e.optional() && !events.containsKey(e)) throw new IllegalArgumentException("every event has a cost: " + e.id());
        programs = Set.copyOf(programs);
        events = Map.copyOf(new EnumMap<>(events));
        sources = Map.copyOf(sources);
    }

    public EventCost cost(Event event) {
        return events.get(event);
    }

    /** Whether the target states this (optional) event's cost. */
    public boolean has(Event event) {
        return events.containsKey(event);
    }

    /** One update of a neuron running {@code program}: the base cost plus the program's ops. */
    public EventCost neuronUpdate(NeuronProgram program, boolean active, int states) {
        if (!active && has(Event.NEURON_IDLE)) return cost(Event.NEURON_IDLE);
        return cost(Event.NEURON_BASE).plus(cost(Event.NEURON_OP).times(program.ops(active, states)));
    }

    public boolean supports(NeuronProgram program) {
        return programs.contains(program);
    }

    public int coresPerChip() {
        return mesh.cores();
    }

    /** Nanoseconds per clock cycle. */
    public double cycleNs() {
        return 1e3 / clockMhz;
    }

    /** The source note of a field, by its path in the file (for example {@code events.synop}), or null. */
    public String source(String fieldPath) {
        return sources.get(fieldPath);
    }
}
