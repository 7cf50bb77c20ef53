package io.dendra.compiler.mapping;

import io.dendra.compiler.network.ChipValue;
import io.dendra.compiler.network.Connection;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.compiler.network.QuantizedNetwork;
import io.dendra.compiler.network.QuantizedSynapses;
import io.dendra.ir.RouteTable;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The axons of every core and the routes to them: each core gets one input axon per source value
 * and synapse group (source and delay) with a kept synapse onto its neurons, carrying the exponent
 * and mantissas quantization chose for the whole layer; each source value's route lists those
 * axons (one message per destination axon). Also the traffic between cores that placement weighs.
 */
final class AxonAssignment {

    /** One destination of a source value: a core and an axon there. */
    private record Destination(int core, int axon) {}

    private final List<CorePiece> pieces;
    private final List<CoreSynapses> synapses = new ArrayList<>();
    private final Map<ChipValue, Map<Integer, List<Destination>>> routes = new IdentityHashMap<>();

    /** Assigns every core's axons, core by core. */
    AxonAssignment(QuantizedNetwork quantized, List<CorePiece> pieces) {
        this.pieces = pieces;
        for (CorePiece piece : pieces) synapses.add(axons(piece, quantized));
    }

    /** The synapses of core {@code core}, to which the warm-up may still add bias axons. */
    CoreSynapses synapses(int core) {
        return synapses.get(core);
    }

    /** Messages per step from core to core, each source's messages weighted by how often it sends ({@code activity}). */
    List<Placer.Traffic> traffic(Map<ChipValue, Double> activity) {
        List<Placer.Traffic> traffic = new ArrayList<>();
        for (CorePiece piece : pieces) {
            Map<Integer, List<Destination>> out = routes.getOrDefault(piece.block(), Map.of());
            Map<Integer, Double> perCore = new LinkedHashMap<>();
            for (int n = piece.first(); n < piece.first() + piece.count(); n++) {
                for (Destination d : out.getOrDefault(n, List.of())) perCore.merge(d.core(), activity.getOrDefault(piece.block(), 1.0), Double::sum);
            }
            perCore.forEach((to, messages) -> traffic.add(new Placer.Traffic(piece.core(), to, messages)));
        }
        return traffic;
    }

    /**
     * The axons of one core: for each synapse group reaching the block (a source and a delay), one
     * axon per source value with a kept synapse onto this core's neurons, with the exponent and
     * mantissas quantization chose for the whole layer.
     */
    private CoreSynapses axons(CorePiece piece, QuantizedNetwork quantized) {
        LogicalBlock b = piece.block();
        CoreSynapses s = new CoreSynapses();
        for (QuantizedSynapses group : quantized.block(b).synapses()) {
            ChipValue source = group.source();
            List<Connection> connections = group.connections();
            boolean used = false;
            for (int k = 0; k < source.width(); k++) {
                int axon = s.axons();
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
                s.endAxon(group.exponent(k), s.groups, source instanceof LogicalBlock sender && sender.deltaThreshold() > 0);
                used = true;
                routes.computeIfAbsent(source, x -> new LinkedHashMap<>()).computeIfAbsent(k, x -> new ArrayList<>())
                        .add(new Destination(piece.core(), axon));
            }
            if (used) s.groups++;
        }
        return s;
    }

    /** The routes of a core's neurons: each neuron's destinations, neuron after neuron. */
    RouteTable routeTable(CorePiece piece) {
        int[][] table = destinations(piece.block(), piece.first(), piece.count());
        return new RouteTable(table[0], table[1], table[2]);
    }

    /**
     * The destinations of values {@code first .. first + count − 1} of {@code source}, as a route
     * table's three arrays: where each value's destinations start, their cores, their axons.
     */
    int[][] destinations(ChipValue source, int first, int count) {
        Map<Integer, List<Destination>> out = routes.getOrDefault(source, Map.of());
        int[] start = new int[count + 1];
        List<Integer> cores = new ArrayList<>();
        List<Integer> axons = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            for (Destination d : out.getOrDefault(first + i, List.of())) {
                cores.add(d.core());
                axons.add(d.axon());
            }
            start[i + 1] = cores.size();
        }
        return new int[][] {start, ints(cores), ints(axons)};
    }

    private static int[] ints(List<Integer> list) {
        int[] a = new int[list.size()];
        for (int i = 0; i < a.length; i++) a[i] = list.get(i);
        return a;
    }
}
