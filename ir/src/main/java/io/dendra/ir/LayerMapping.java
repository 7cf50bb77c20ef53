package io.dendra.ir;

import java.util.List;

/**
 * A model layer on the chip: its name, the program it runs, the cores holding its neurons, and
 * the op count a dense implementation would spend on it per timestep (every input times every
 * weight), for the reports' sparse-versus-dense comparison.
 */
public record LayerMapping(String name, NeuronProgram program, int neurons, List<Integer> cores, long denseOpsPerStep) {
    public LayerMapping {
        cores = List.copyOf(cores);
        if (neurons <= 0 || cores.isEmpty() || denseOpsPerStep < 0) throw new IllegalArgumentException("layer " + name + " has neurons on cores");
    }
}
