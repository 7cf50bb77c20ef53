package io.dendra.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The neuron programs of DESIGN §3, each defined once, here: its memory layout (parameter words and
 * state words by name, in the order its kernel reads them), its input compartments, whether its
 * messages carry a payload, what one update costs in ops, and its kernel — the fixed-point update
 * in {@link NeuronKernels} that both the functional {@link ImageExecutor} and the cycle-level
 * simulator run. Only programs the compiler emits and the kernels define are here; a target that
 * names another is refused when it is read.
 *
 * <p>Op counts: an <em>active</em> update is one where the neuron received input or holds non-zero
 * state and runs its whole program; an <em>inactive</em> update only reads its state, finds nothing
 * to do and moves on. For {@code lif}: active = decay u, add input, wrap u, decay v, add u + bias,
 * saturate and compare, reset (7); inactive = read, test, skip (3). With Loihi 1's published 81 pJ /
 * 52 pJ per active/inactive update these counts give 7.25 pJ per op and a 30.25 pJ base. The SSM
 * program adds, per complex state, the complex product Ā·s (4), the input term B̄·x (2) and the
 * output term Re(C·s) accumulated into the soma (2): 8 ops per state. A target turns ops into
 * energy and time: {@code base + ops × per-op}.
 */
public enum NeuronProgram {
    LIF("lif", "Loihi 1 CUBA LIF (u, v 24-bit), bit-exact with Lava's PyLifModelBitAcc", 7, 3, 0,
            new Layout(List.of("du", "dv", "bias_mant", "bias_exp", "vth"), List.of(), List.of("u", "v"), List.of(), 1, false, List.of()),
            NeuronKernels::lif),
    SSM("ssm", "SpikingSSM channel: N/2 complex states as dendritic compartments and a LIF soma", 7, 3, 8,
            new Layout(List.of("states", "shift_a", "shift_b", "shift_c", "d", "shift_d", "bias", "tau", "theta"),
                    List.of("a_re", "a_im", "b_re", "b_im", "c_re", "c_im"), List.of("v"), List.of("s_re", "s_im"), 1, false, List.of("bias")),
            NeuronKernels::ssm),
    GLU("glu", "two dendritic accumulators a, g and the graded output a·σ(g) (σ by table)", 6, 2, 0,
            new Layout(List.of("bias_a", "bias_g", "shift_g", "shift_out"), List.of(), List.of(), List.of(), 2, true, List.of("bias_a", "bias_g")),
            NeuronKernels::glu),
    SUM("sum", "adds its graded inputs and sends the sum as a graded spike", 2, 1, 0,
            new Layout(List.of("bias"), List.of(), List.of(), List.of(), 1, true, List.of("bias")),
            NeuronKernels::sum),
    READOUT("readout", "accumulates its input over the sequence; read by the host at the end", 2, 1, 0,
            new Layout(List.of(), List.of(), List.of("sum"), List.of(), 1, false, List.of()),
            NeuronKernels::readout);

    /**
     * One program's memory: its parameter words and state words (fixed ones, then per complex state
     * ones, named {@code w[n]}), its input compartments, whether its messages carry a payload, and
     * the parameter words that are added to each compartment's input as a bias (one per
     * compartment, or none when the program's bias acts elsewhere, as the lif's on v).
     */
    public record Layout(List<String> params, List<String> paramsPerState, List<String> state, List<String> statePerState, int compartments,
            boolean graded, List<String> inputBias) {
        int paramCount(int states) { return params.size() + paramsPerState.size() * states; }
        int stateCount(int states) { return state.size() + statePerState.size() * states; }

        /**
         * Where each word of {@code count} neurons goes from the image's order (per neuron: its
         * {@code fixed} words, then {@code perState} words for each of its states) to the kernel's
         * (every neuron's fixed words, neuron after neuron, then each per-state word as
         * {@code [neuron][state]}): entry k is the kernel position of image word k.
         */
        static int[] kernelPositions(int length, int count, int fixed, int perState, int states) {
            int perNeuron = fixed + perState * states;
            if (length != (long) count * perNeuron) throw new IllegalArgumentException(length + " words for " + count + " neurons of " + perNeuron);
            int cells = count * states;
            int[] position = new int[length];
            for (int i = 0; i < count; i++) {
                for (int w = 0; w < fixed; w++) position[i * perNeuron + w] = i * fixed + w;
                for (int n = 0; n < states; n++) {
                    for (int w = 0; w < perState; w++) position[i * perNeuron + fixed + n * perState + w] = count * fixed + w * cells + i * states + n;
                }
            }
            return position;
        }

        static List<String> names(List<String> fixed, List<String> perState, int states) {
            List<String> names = new ArrayList<>(fixed);
            for (int n = 0; n < states; n++) for (String w : perState) names.add(w + "[" + n + "]");
            return names;
        }
    }

    /**
     * The update of every neuron of a block, once, on its parameters and state in the kernel's order
     * ({@link #kernelParams}, {@link #kernelState}): {@code input} holds each neuron's inputs for this
     * step ({@code compartments} per neuron); {@code out} receives a payload (1 for a spike) or
     * {@link NeuronKernels#NO_MESSAGE}; {@code activeOut}, when not null, whether each neuron was
     * active. Returns how many were.
     */
    @FunctionalInterface
    public interface Kernel {
        int update(int count, int states, int[] params, long[] state, long[] input, long[] out, int stateBits, int payloadBits, boolean[] activeOut);
    }

    private final String id;
    private final String description;
    private final int activeOps;
    private final int inactiveOps;
    private final int opsPerState;
    private final Layout layout;
    private final Kernel kernel;

    NeuronProgram(String id, String description, int activeOps, int inactiveOps, int opsPerState, Layout layout, Kernel kernel) {
        this.id = id;
        this.description = description;
        this.activeOps = activeOps;
        this.inactiveOps = inactiveOps;
        this.opsPerState = opsPerState;
        this.layout = layout;
        this.kernel = kernel;
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
