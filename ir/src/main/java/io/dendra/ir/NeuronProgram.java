package io.dendra.ir;

import java.util.Locale;
import java.util.Optional;

/**
 * The built-in neuron programs of DESIGN §3 and what one update of a neuron running each costs in
 * ops. A target turns ops into energy and time: {@code base + ops × per-op} (see the targets
 * module), so costs follow from op counts and differ between targets only by the per-op and base
 * costs. The fixed-point arithmetic of each program is in {@link NeuronKernels}.
 *
 * <p>Op counts: an <em>active</em> update is one where the neuron received input or holds non-zero
 * state and runs its whole program; an <em>inactive</em> update only reads its state, finds nothing
 * to do and moves on. For {@code lif}: active = decay u, add input, wrap u, decay v, add u + bias,
 * saturate and compare, reset (7); inactive = read, test, skip (3). With Loihi 1's published 81 pJ /
 * 52 pJ per active/inactive update these counts give 7.25 pJ per op and a 30.25 pJ base. The SSM
 * program adds, per complex state, the complex product Ā·s (4), the input term B̄·x (2) and the
 * output term Re(C·s) accumulated into the soma (2): 8 ops per state.
 */
public enum NeuronProgram {
    LIF("lif", "Loihi 1 CUBA LIF (u, v 24-bit), bit-exact with Lava's PyLifModelBitAcc", 7, 3, 0),
    CUBA_LIF("cuba_lif", "current-based LIF for NIR CubaLIF nodes", 7, 3, 0),
    IF("if", "integrate-and-fire without leak, for NIR IF nodes", 4, 2, 0),
    LI("li", "leaky integrator without spikes, for NIR LI nodes", 4, 2, 0),
    SSM("ssm", "SpikingSSM channel: N/2 complex states as dendritic compartments and a LIF soma", 7, 3, 8),
    GLU("glu", "two dendritic accumulators a, g and the graded output a·σ(g) (σ by table)", 6, 2, 0),
    SUM("sum", "adds its graded inputs and sends the sum as a graded spike", 2, 1, 0),
    RELAY("relay", "forwards its input one timestep later (a delay neuron)", 1, 1, 0),
    READOUT("readout", "accumulates its input over the sequence; read by the host at the end", 2, 1, 0);

    private final String id;
    private final String description;
    private final int activeOps;
    private final int inactiveOps;
    private final int opsPerState;

    NeuronProgram(String id, String description, int activeOps, int inactiveOps, int opsPerState) {
        this.id = id;
        this.description = description;
        this.activeOps = activeOps;
        this.inactiveOps = inactiveOps;
        this.opsPerState = opsPerState;
    }

    /** The name used in target files, model files and reports. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** Ops of one update; {@code states} is the number of complex states (0 for programs without them). */
    public int ops(boolean active, int states) {
        return (active ? activeOps : inactiveOps) + opsPerState * states;
    }

    public boolean hasStates() {
        return opsPerState > 0;
    }

    public static Optional<NeuronProgram> byId(String id) {
        for (NeuronProgram p : values()) if (p.id.equals(id.toLowerCase(Locale.ROOT))) return Optional.of(p);
        return Optional.empty();
    }
}
