package io.dendra.compiler.graph;

import io.dendra.diagnostics.Place;
import io.dendra.ir.NeuronProgram;
import io.dendra.ir.programs.Kernel;
import java.util.List;

/**
 * A layer of neurons that is one neuron program with its own integer words, as a lava-dl NetX
 * layer gives them: Loihi's CUBA LIF ({@code cuba}, Lava's LIF/LIFReset) or a sigma-delta program
 * ({@code delta}, {@code sigma_delta}, {@code sigma}), on the integer input a_in. Its semantics are
 * the program's update, defined once in {@code io.dendra.ir.programs}: the reference runs that very
 * kernel ({@link #run}), and the chip runs it with these words, so there is no scale to choose.
 * {@code params} and {@code initialState} are the image's words, neuron after neuron (an empty
 * initial state is all zero). The output is the spike vector (1 or 0), or the graded payloads (0
 * for no message). {@code recurrent}, when not null, is a Dense from the layer to itself (NetX
 * {@code dense_rec}).
 */
public record IntegerNeuronNode(String name, Place place, Node input, NeuronProgram program, int[] params, int[] initialState, SparseMatrix recurrent)
        implements Node {
    public IntegerNeuronNode {
        int n = input.width();
        if (recurrent != null && (recurrent.rows() != n || recurrent.cols() != n)) throw new IllegalArgumentException("recurrent weights are width x width");
        if (params.length != (long) n * program.paramsPerNeuron(0)) throw new IllegalArgumentException(program.id() + " words for " + n + " neurons");
        if (initialState.length != 0 && initialState.length != (long) n * program.stateWords(0)) throw new IllegalArgumentException("state words per neuron");
        params = params.clone();
        initialState = initialState.clone();
    }

    /** Without a recurrent synapse. */
    public IntegerNeuronNode(String name, Place place, Node input, NeuronProgram program, int[] params, int[] initialState) {
        this(name, place, input, program, params, initialState, null);
    }

    @Override public int[] params() { return params.clone(); }
    @Override public int[] initialState() { return initialState.clone(); }

    /** The same layer with one parameter word set per neuron (a NetX input layer's bias, fed an image). */
    public IntegerNeuronNode withParam(int word, int[] values) {
        int per = program.paramsPerNeuron(0);
        int[] p = params.clone();
        for (int i = 0; i < values.length; i++) p[i * per + word] = values[i];
        return new IntegerNeuronNode(name, place, input, program, p, initialState, recurrent);
    }

    /** The same layer with a Dense from itself to itself (NetX {@code dense_rec}). */
    public IntegerNeuronNode withRecurrent(SparseMatrix weights) {
        return new IntegerNeuronNode(name, place, input, program, params, initialState, weights);
    }

    /**
     * The program's update, step by step, on {@code x} ({@code steps × width} integers) plus, with
     * a recurrent synapse, {@code recurrent · (what the layer sent the step before)} (Lava's
     * RecurrentDense, one step late): what the layer sends each step (1 for a spike, a payload, 0 for
     * nothing), {@code steps × width}.
     */
    public double[] run(double[] x, int steps) {
        int count = width();
        long[] state = new long[count * program.stateWords(0)];
        for (int i = 0; i < initialState.length; i++) state[i] = initialState[i];
        double[] y = new double[steps * count];
        long[] in = new long[count];
        long[] out = new long[count];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < count; i++) in[i] = (long) x[t * count + i];
            if (recurrent != null && t > 0) {
                for (int i = 0; i < count; i++) {
                    for (int e = recurrent.start(i); e < recurrent.end(i); e++) in[i] += (long) recurrent.value(e) * (long) y[(t - 1) * count + recurrent.col(e)];
                }
            }
            program.updateInImageOrder(count, 0, params, state, in, out, 24, 24, null);
            for (int i = 0; i < count; i++) y[t * count + i] = out[i] == Kernel.NO_MESSAGE ? 0 : out[i];
        }
        return y;
    }

    @Override public List<Node> inputs() { return List.of(input); }
    @Override public int width() { return input.width(); }
    @Override public Timing timing() { return Timing.SEQUENCE; }
    @Override public String kind() { return program.id(); }
    @Override public long parameterCount() { return params.length + (recurrent == null ? 0 : recurrent.nonZeros()); }
}
