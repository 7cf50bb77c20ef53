package io.dendra.simulator;

import io.dendra.ir.NeuronProgram;
import java.util.Locale;

/**
 * Where the simulator's own time went in a run (wall-clock nanoseconds of the host, not the chip's
 * time): each core's neuron kernel, the rest of the neuron phase (reading accumulators, timing the
 * update pass, queueing messages), the host's messages (their input stage and fan-out), routing,
 * and the fan-out of the cores' messages, with the synaptic ops it made. Kept only when asked
 * ({@code dendra run --profile}); added up over samples like {@link Counters}, though unlike them it
 * depends on the machine and the run.
 */
public final class EngineProfile implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    final long[] kernelNs;
    long neuronPhaseNs, hostNs, routeNs, fanOutNs, fanOutSynops, totalNs;

    EngineProfile(int cores) {
        kernelNs = new long[cores];
    }

    void add(EngineProfile o) {
        for (int c = 0; c < kernelNs.length; c++) kernelNs[c] += o.kernelNs[c];
        neuronPhaseNs += o.neuronPhaseNs;
        hostNs += o.hostNs;
        routeNs += o.routeNs;
        fanOutNs += o.fanOutNs;
        fanOutSynops += o.fanOutSynops;
        totalNs += o.totalNs;
    }

    private static void part(StringBuilder s, String name, long ns, long units, String unit, String note) {
        String per = units == 0 ? "none" : String.format(Locale.ROOT, "%,d %s: %.2f ns each", units, unit, ns / (double) units);
        s.append(String.format(Locale.ROOT, "  %-26s %8.2f s  %s, %s%n", name, ns / 1e9, per, note));
    }

    /** The profile as lines of text: seconds per part (summed over threads), and each per unit of its work. */
    public String text(ChipSimulator sim, Counters counters) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "engine profile (host time, summed over threads): %.2f s simulating%n", totalNs / 1e9));
        long kernels = 0;
        for (NeuronProgram program : NeuronProgram.values()) {
            long ns = 0;
            long updates = 0;
            long states = 0;
            for (int c = 0; c < kernelNs.length; c++) {
                if (sim.program(c) != program) continue;
                ns += kernelNs[c];
                long u = counters.updatesActive[c] + counters.updatesInactive[c];
                updates += u;
                states += u * sim.states(c);
            }
            if (updates == 0) continue;
            kernels += ns;
            String per = states > 0 ? String.format(Locale.ROOT, "%.2f ns per complex state%s", ns / (double) states,
                    io.dendra.ir.VectorLanes.AVAILABLE ? " (eight at a time where a block allows)" : " (one at a time)")
                    : String.format(Locale.ROOT, "%.2f ns per neuron", ns / (double) updates);
            s.append(String.format(Locale.ROOT, "  %-26s %8.2f s  %,d updates: %s%n", program.id() + " kernel", ns / 1e9, updates, per));
        }
        s.append(String.format(Locale.ROOT, "  %-26s %8.2f s  reading accumulators, timing the update pass, queueing messages%n", "rest of the neuron phase",
                (neuronPhaseNs - kernels) / 1e9));
        part(s, "host input", hostNs, counters.hostMessages, "messages", "their synaptic ops included");
        part(s, "routing", routeNs, counters.messages(), "messages", "merging by send time, links, input stages");
        part(s, "synaptic fan-out", fanOutNs, fanOutSynops, "synaptic ops", "of the cores' messages");
        long rest = totalNs - neuronPhaseNs - hostNs - routeNs - fanOutNs;
        s.append(String.format(Locale.ROOT, "  %-26s %8.2f s  step bookkeeping, outputs, resets%n", "other", rest / 1e9));
        return s.toString();
    }
}
