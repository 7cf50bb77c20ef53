package io.dendra.simulator;

import java.util.Arrays;

/**
 * Everything one run changes, sized once for an image and reused by the samples its thread runs
 * (reset between them): each core's neuron state (in its kernel's order), accumulator ring (a slot
 * per step of delay, a group per floor_per_group exponent), this step's input and output per
 * neuron and which neurons were active; this step's message queue; the mesh router's state; when
 * each core's update pass and input stage end this step; and the current sample's counters,
 * recorder and (when asked) engine profile. Nothing here is shared between threads.
 */
final class Workspace {
    final ChipTables tables;
    final long[][] state, ring, in, out;
    /** Sigma-delta: what each sending neuron's receivers hold; each integrating core's sigma, per accumulator. */
    final long[][] held, sigma;
    final boolean[][] active;
    final MessageQueue queue;
    final MeshRouter router;
    /** When each core's update pass (with its sends) and its input stage (with its synaptic ops) end this step. */
    final long[] coreEnd, synapseEnd;
    /** This step's ring slot of each synaptic delay d: (step + 1 + d) mod slots. */
    final int[] slotAfter;
    final NeuronPhase neuronPhase;
    final SynapticFanOut fanOut;
    final HostInput host;
    /** The current sample: its inputs ({@code inputSteps × channels}), counts and recorder. */
    double[] input;
    int inputSteps;
    Counters counters;
    SpikeRecorder recorder;
    /** Where the host's time goes, when the run is profiled; else null. */
    EngineProfile profile;

    Workspace(ChipTables tables) {
        this.tables = tables;
        int cores = tables.cores;
        state = new long[cores][];
        ring = new long[cores][];
        in = new long[cores][];
        out = new long[cores][];
        active = new boolean[cores][];
        held = new long[cores][];
        sigma = new long[cores][];
        for (int c = 0; c < cores; c++) {
            held[c] = new long[tables.deltaThreshold[c] > 0 ? tables.count[c] * (tables.deltaCumulative[c] ? 2 : 1) : 0];
            sigma[c] = new long[tables.integrating[c] ? tables.width[c] : 0];
            state[c] = new long[tables.initialState[c].length];
            ring[c] = new long[tables.slots * tables.slotWidth[c]];
            in[c] = new long[tables.width[c]];
            out[c] = new long[tables.count[c]];
            active[c] = new boolean[tables.count[c]];
        }
        queue = new MessageQueue(cores);
        router = new MeshRouter(tables);
        coreEnd = new long[cores];
        synapseEnd = new long[cores];
        slotAfter = new int[tables.slots];
        neuronPhase = new NeuronPhase(this);
        fanOut = new SynapticFanOut(this);
        host = new HostInput(this);
    }

    /** A reset chip for a new sample: initial state, empty accumulators, new counters and recorder. */
    void reset(double[] sample, int steps, boolean recordSpikes, boolean profiled) {
        input = sample;
        inputSteps = steps;
        for (int c = 0; c < tables.cores; c++) {
            System.arraycopy(tables.initialState[c], 0, state[c], 0, state[c].length);
            Arrays.fill(ring[c], 0);
            Arrays.fill(held[c], 0);
            Arrays.fill(sigma[c], 0);
        }
        counters = new Counters(tables.cores);
        recorder = new SpikeRecorder(tables.count, tables.totalSteps(steps), steps, recordSpikes);
        profile = profiled ? new EngineProfile(tables.cores) : null;
    }

    /** A new step: no messages, every core idle. */
    void startStep(int step) {
        for (int d = 0; d < slotAfter.length; d++) slotAfter[d] = (step + 1 + d) % tables.slots;
        queue.clear();
        Arrays.fill(coreEnd, 0);
        Arrays.fill(synapseEnd, 0);
        router.startStep();
    }
}
