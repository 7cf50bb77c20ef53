package io.dendra.ir;

import io.dendra.ir.programs.Kernel;
import io.dendra.ir.programs.Layout;
import io.dendra.ir.programs.ProgramDefinition;
import io.dendra.ir.programs.cuba.Cuba;
import io.dendra.ir.programs.glu.Glu;
import io.dendra.ir.programs.li.Li;
import io.dendra.ir.programs.lif.Lif;
import io.dendra.ir.programs.readout.Readout;
import io.dendra.ir.programs.sdn.Delta;
import io.dendra.ir.programs.sdn.Sigma;
import io.dendra.ir.programs.sdn.SigmaDelta;
import io.dendra.ir.programs.ssm.Ssm;
import io.dendra.ir.programs.sum.Sum;
import io.dendra.ir.programs.threshold.Threshold;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The registry of neuron programs (DESIGN §3): one line per program, each defined once in its own
 * package under {@code io.dendra.ir.programs} — its memory layout (parameter and state words by
 * name, in the order its kernel reads them), its input compartments, whether its messages carry a
 * payload, what one update costs in ops, and its kernel, the fixed-point update that both the
 * functional {@link ImageExecutor} and the cycle-level simulator run. Only programs the compiler
 * emits are here; a target that names another is refused when it is read. Adding a program:
 * docs/neuron-programs.md.
 *
 * <p>Op counts: an <em>active</em> update is one where the neuron received input or holds non-zero
 * state and runs its whole program; an <em>inactive</em> update only reads its state, finds nothing
 * to do and moves on. A target turns ops into energy and time: {@code base + ops × per-op}.
 */
public enum NeuronProgram {
    LIF(Lif.DEFINITION),
    SSM(Ssm.DEFINITION),
    GLU(Glu.DEFINITION),
    SUM(Sum.DEFINITION),
    READOUT(Readout.DEFINITION),
    LI(Li.DEFINITION),
    THRESHOLD(Threshold.DEFINITION),
    CUBA(Cuba.DEFINITION),
    DELTA(Delta.DEFINITION),
    SIGMA_DELTA(SigmaDelta.DEFINITION),
    SIGMA(Sigma.DEFINITION);

    private final String id;
    private final String description;
    private final int activeOps;
    private final int inactiveOps;
    private final int opsPerState;
    private final Layout layout;
    private final Kernel kernel;

    NeuronProgram(ProgramDefinition definition) {
        this.id = definition.id();
        this.description = definition.description();
        this.activeOps = definition.activeOps();
        this.inactiveOps = definition.inactiveOps();
        this.opsPerState = definition.opsPerState();
        this.layout = definition.layout();
        this.kernel = definition.kernel();
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

    public Layout layout() {
        return layout;
    }

    /** Parameter words per neuron; {@code states} complex states for {@code ssm}. */
    public int paramsPerNeuron(int states) {
        return layout.paramCount(states);
    }

    /** The name of every parameter word of one neuron, in the order the kernel reads them ({@code a_re[3]} for per-state words). */
    public List<String> paramNames(int states) {
        return Layout.names(layout.params(), layout.paramsPerState(), states);
    }

    /** The name of every state word of one neuron, in memory order. */
    public List<String> stateNames(int states) {
        return Layout.names(layout.state(), layout.statePerState(), states);
    }

    /** State words per neuron. */
    public int stateWords(int states) {
        return layout.stateCount(states);
    }

    /**
     * The indices, among a neuron's parameter words, of the biases added to its compartments'
     * inputs (compartment order); empty when the program adds no bias to its input.
     */
    public int[] inputBiasWords() {
        return layout.inputBias().stream().mapToInt(layout.params()::indexOf).toArray();
    }

    /** Input compartments per neuron (the glu has a and g). */
    public int compartments() {
        return layout.compartments();
    }

    /** Whether the program's messages carry a payload (graded) rather than being binary spikes. */
    public boolean graded() {
        return layout.graded();
    }

    /**
     * A block's parameter words ({@code count} neurons, the image's order: neuron after neuron) in the
     * order its kernel reads them: each neuron's fixed words, neuron after neuron, then each
     * per-state word as one run over neurons and their states ({@code [word][neuron][state]}), so
     * that a kernel's loop over a neuron's states reads consecutive words of a few arrays (structure
     * of arrays) rather than words interleaved with others. Programs without per-state words keep
     * the image's order.
     */
    public int[] kernelParams(int[] words, int count, int states) {
        int[] position = Layout.kernelPositions(words.length, count, layout.params().size(), layout.paramsPerState().size(), states);
        int[] kernel = new int[words.length];
        for (int k = 0; k < words.length; k++) kernel[position[k]] = words[k];
        return kernel;
    }

    /** A block's state words, from the image's order (neuron after neuron) to the kernel's, as {@link #kernelParams}. */
    public long[] kernelState(long[] words, int count, int states) {
        int[] position = statePositions(words.length, count, states);
        long[] kernel = new long[words.length];
        for (int k = 0; k < words.length; k++) kernel[position[k]] = words[k];
        return kernel;
    }

    /** A block's state words, from the kernel's order back to the image's (neuron after neuron, {@link #stateNames} each). */
    public long[] imageState(long[] kernel, int count, int states) {
        int[] position = statePositions(kernel.length, count, states);
        long[] words = new long[kernel.length];
        for (int k = 0; k < words.length; k++) words[k] = kernel[position[k]];
        return words;
    }

    private int[] statePositions(int length, int count, int states) {
        return Layout.kernelPositions(length, count, layout.state().size(), layout.statePerState().size(), states);
    }

    /** Updates every neuron of a block once, on parameters and state in the kernel's order (see {@link Kernel}). */
    public int update(int count, int states, int[] kernelParams, long[] kernelState, long[] input, long[] out, int stateBits, int payloadBits,
            boolean[] activeOut) {
        return kernel.update(count, states, kernelParams, kernelState, input, out, stateBits, payloadBits, activeOut);
    }

    /**
     * Updates every neuron of a block once, on parameters and state in the image's order (neuron
     * after neuron): reorders both for the kernel and the state back. For tests and one-off use; a
     * simulator keeps the kernel's order from step to step.
     */
    public int updateInImageOrder(int count, int states, int[] params, long[] state, long[] input, long[] out, int stateBits, int payloadBits,
            boolean[] activeOut) {
        long[] working = kernelState(state, count, states);
        int active = kernel.update(count, states, kernelParams(params, count, states), working, input, out, stateBits, payloadBits, activeOut);
        System.arraycopy(imageState(working, count, states), 0, state, 0, state.length);
        return active;
    }

    public static Optional<NeuronProgram> byId(String id) {
        for (NeuronProgram p : values()) if (p.id.equals(id.toLowerCase(Locale.ROOT))) return Optional.of(p);
        return Optional.empty();
    }
}
