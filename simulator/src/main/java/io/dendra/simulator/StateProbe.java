package io.dendra.simulator;

import io.dendra.ir.ChipImage;
import io.dendra.ir.CoreImage;
import io.dendra.ir.LayerMapping;
import io.dendra.ir.NeuronBlock;
import io.dendra.ir.NeuronProgram;
import io.dendra.ir.programs.Kernel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code dendra run --probe} records: for each probed layer, each asked-for state word (by its
 * program's name: {@code u}, {@code v} ...) and {@code s}, what the neuron sent (1 for a spike, the
 * payload of a graded message, 0 for none), after each update of one run, as
 * {@code [steps][neurons]} in the layer's own neuron order. Step t is the layer's model step t (the
 * chip's step {@code startStep + t}), so a layer's probe lines up with the model's values whatever
 * its latency. The simulator calls {@link #record} after every neuron pass.
 */
public final class StateProbe {
    /** What is sent: not a state word, but a name a probe takes. */
    public static final String SENT = "s";

    private record Var(String layer, String name, int word, long[] values) {}

    private final int steps;
    private final List<Var> vars = new ArrayList<>();
    /** Per core: the variables of its layer that are probed (empty when none). */
    private final List<List<Var>> byCore = new ArrayList<>();
    private final ChipImage image;

    /** {@code probes}: layer name → the variables to record (empty: every state word and {@code s}). */
    public StateProbe(ChipImage image, Map<String, List<String>> probes, int steps) {
        this.image = image;
        this.steps = steps;
        Map<String, List<Var>> byLayer = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> p : probes.entrySet()) {
            LayerMapping layer = layer(image, p.getKey());
            NeuronProgram program = layer.program();
            int states = image.cores().get(layer.cores().get(0)).neurons().states();
            List<String> names = program.stateNames(states);
            List<String> asked = p.getValue().isEmpty() ? all(names) : p.getValue();
            List<Var> list = new ArrayList<>();
            for (String name : asked) {
                int word = name.equals(SENT) ? -1 : names.indexOf(name);
                if (word < 0 && !name.equals(SENT)) {
                    throw new IllegalArgumentException("layer " + layer.name() + " (" + program.id() + ") has no state '" + name + "'; it has "
                            + String.join(", ", all(names)));
                }
                Var v = new Var(layer.name(), name, word, new long[steps * layer.neurons()]);
                list.add(v);
                vars.add(v);
            }
            byLayer.put(layer.name(), list);
        }
        for (CoreImage core : image.cores()) byCore.add(byLayer.getOrDefault(core.neurons().layer(), List.of()));
    }

    /** The layer of that name, or why there is none. */
    public static LayerMapping layer(ChipImage image, String name) {
        for (LayerMapping l : image.layers()) if (l.name().equals(name)) return l;
        throw new IllegalArgumentException("no layer '" + name + "' in image " + image.modelName() + "; its layers: "
                + String.join(", ", image.layers().stream().map(LayerMapping::name).toList()));
    }

    private static List<String> all(List<String> names) {
        List<String> all = new ArrayList<>(names);
        all.add(SENT);
        return all;
    }

    /** After the neuron pass of chip step {@code step}: each probed core's state (kernel order) and what it sent. */
    void record(int step, long[][] state, long[][] out) {
        for (int c = 0; c < byCore.size(); c++) {
            List<Var> list = byCore.get(c);
            if (list.isEmpty()) continue;
            NeuronBlock block = image.cores().get(c).neurons();
            int t = step - block.startStep();
            if (t < 0 || t >= steps) continue;
            int count = block.count();
            long[] words = list.stream().allMatch(v -> v.word < 0) ? null : block.program().imageState(state[c], count, block.states());
            int perNeuron = block.program().stateWords(block.states());
            int width = list.get(0).values.length / steps;
            for (Var v : list) {
                for (int i = 0; i < count; i++) {
                    long value = v.word < 0 ? (out[c][i] == Kernel.NO_MESSAGE ? 0 : out[c][i]) : words[i * perNeuron + v.word];
                    v.values[t * width + block.firstNeuron() + i] = value;
                }
            }
        }
    }

    /** Every recorded variable as {@code layer.var} → {@code [steps × neurons]}, in the order asked. */
    public Map<String, long[]> values() {
        Map<String, long[]> map = new LinkedHashMap<>();
        for (Var v : vars) map.put(v.layer + "." + v.name, v.values.clone());
        return map;
    }

    public int steps() { return steps; }
}
