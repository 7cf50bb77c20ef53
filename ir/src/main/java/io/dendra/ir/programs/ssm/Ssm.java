package io.dendra.ir.programs.ssm;

import io.dendra.ir.programs.Layout;
import io.dendra.ir.programs.ProgramDefinition;
import java.util.List;

/**
 * {@code ssm}: one SpikingSSM channel — N/2 complex states as dendritic compartments and a LIF soma
 * ({@link SsmKernel}). A header of words per neuron, then per complex state Ā, B̄ and C (real and
 * imaginary parts); state: the soma's v, then each complex state. Op counts add, per complex state,
 * the complex product Ā·s (4), the input term B̄·x (2) and the output term Re(C·s) accumulated into
 * the soma (2): 8 ops per state.
 */
public final class Ssm {
    /** The header's words, then the per-state words' offsets within one state's six. */
    public static final int STATES = 0, SHIFT_A = 1, SHIFT_B = 2, SHIFT_C = 3, D = 4, SHIFT_D = 5, BIAS = 6, TAU = 7, THETA = 8, HEADER = 9,
            PER_STATE = 6;
    /** The soma decay is a Q12 fraction: tau = TAU / 4096. */
    public static final int TAU_BITS = 12;

    public static final ProgramDefinition DEFINITION = new ProgramDefinition("ssm",
            "SpikingSSM channel: N/2 complex states as dendritic compartments and a LIF soma", 7, 3, 8,
            new Layout(List.of("states", "shift_a", "shift_b", "shift_c", "d", "shift_d", "bias", "tau", "theta"),
                    List.of("a_re", "a_im", "b_re", "b_im", "c_re", "c_im"), List.of("v"), List.of("s_re", "s_im"), 1, false, List.of("bias")),
            SsmKernel::update);

    private Ssm() {}
}
