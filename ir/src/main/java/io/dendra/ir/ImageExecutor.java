package io.dendra.ir;

import io.dendra.ir.programs.Kernel;
import java.util.Arrays;
import java.util.List;

/**
 * What a chip image computes, step by step, without time or energy: the functional meaning of
 * the IR, which the cycle-level simulator reproduces bit for bit.
 *
 * <p>Step 0 only injects the first input. In each step τ ≥ 1 every core reads its accumulators for
 * τ and updates all its neurons ({@link NeuronProgram#update}) — every core, from the first step, as the
 * chip does (a block's start step says when its first input arrives, not when it starts running);
 * then every message sent in τ — by neurons, by the host for input step τ, and the host's bias
 * spikes — fans out through its route and the destination axon's synapses into the accumulators
 * read at τ + 1 + delay, accumulated as the image's {@link Accumulation} says. A block with a delta
 * threshold sends sigma-delta changes ({@link DeltaSends}); what an integrating axon adds stays in
 * its targets' input from the step it arrives on. The listener hears each neuron's payload before it
 * becomes a change.
 */
public final class ImageExecutor {
    /** Sees every message a neuron sends, for per-layer comparisons. */
    public interface Listener {
        void sent(int step, int core, int neuron, long payload);
    }

    private final ChipImage image;
    private final int slots;

    public ImageExecutor(ChipImage image) {
        this.image = image;
        int maxDelay = 0;
        for (CoreImage core : image.cores()) maxDelay = Math.max(maxDelay, core.synapses().maxDelay());
        this.slots = maxDelay + 2;
    }

    /** The number of steps a run of {@code inputSteps} input steps takes, the last result included. */
    public int totalSteps(int inputSteps) {
        return image.output().firstStep() + inputSteps - 1;
    }

    /**
     * Runs one sequence of {@code steps × channels} inputs; returns the decoded outputs: one value
     * per output for a readout, {@code steps × outputs} for a stream.
     */
    public double[] run(double[] input, int steps, Listener listener) {
        List<CoreImage> cores = image.cores();
        Accumulation accumulation = image.accumulation();
        int n = cores.size();
        long[][] state = new long[n][];
        // per core: [slot][group][neuron × compartments + compartment]
        long[][][][] accumulators = new long[n][][][];
        int[][] groupExponent = new int[n][];
        long[][] in = new long[n][];
        long[][] out = new long[n][];
        // sigma-delta: what each sending neuron's receivers hold, and each receiving core's integrated input
        long[][] held = new long[n][];
        long[][] sigma = new long[n][];
        for (int c = 0; c < n; c++) {
            NeuronBlock b = cores.get(c).neurons();
            SynapseTable synapses = cores.get(c).synapses();
            if (synapses.anyIntegrates() && accumulation != Accumulation.ROUND_HALF_UP) {
                throw new IllegalArgumentException("integrating synapses need round_half_up accumulation");
            }
            // round_half_up: group 0 the step's input, group 1 what integrating axons add to the sigma
            int groups = accumulation == Accumulation.FLOOR_PER_GROUP ? Math.max(1, synapses.groups()) : synapses.anyIntegrates() ? 2 : 1;
            held[c] = new long[b.count() * (b.deltaCumulative() ? 2 : 1)];
            sigma[c] = new long[b.count() * b.compartments()];
            groupExponent[c] = new int[groups];
            if (accumulation == Accumulation.FLOOR_PER_GROUP) for (int g = 0; g < synapses.groups(); g++) groupExponent[c][g] = synapses.groupExponent(g);
            state[c] = b.initialKernelState();
            accumulators[c] = new long[slots][groups][b.count() * b.compartments()];
            in[c] = new long[b.count() * b.compartments()];
            out[c] = new long[b.count()];
        }
        int[][] params = new int[n][];
        for (int c = 0; c < n; c++) params[c] = cores.get(c).neurons().kernelParams();

        OutputMap output = image.output();
        int outputs = output.outputs();
        double[] streamed = output.kind() == OutputMap.Kind.STREAM ? new double[steps * outputs] : null;
        int last = totalSteps(steps);
        for (int step = 0; step <= last; step++) {
            int slot = step % slots;
            if (step >= 1) {
                for (int c = 0; c < n; c++) {
                    NeuronBlock b = cores.get(c).neurons();
                    long[][] groups = accumulators[c][slot];
                    Arrays.fill(in[c], 0);
                    if (accumulation == Accumulation.ROUND_HALF_UP && groups.length == 2) {
                        // the integrated input persists: the sigma of every change received so far, read with this step's input
                        for (int i = 0; i < in[c].length; i++) {
                            sigma[c][i] += groups[1][i];
                            groups[1][i] = 0;
                            in[c][i] = accumulation.read(groups[0][i] + sigma[c][i], 0);
                            groups[0][i] = 0;
                        }
                    } else {
                        for (int g = 0; g < groups.length; g++) {
                            long[] acc = groups[g];
                            for (int i = 0; i < acc.length; i++) {
                                in[c][i] += accumulation.read(acc[i], groupExponent[c][g]);
                                acc[i] = 0;
                            }
                        }
                    }
                    b.program().update(b.count(), b.states(), params[c], state[c], in[c], out[c], image.stateBits(),
                            image.payloadBits(), null);
                }
                if (streamed != null && step >= output.firstStep()) {
                    int t = step - output.firstStep();
                    for (int k = 0; k < outputs; k++) {
                        long payload = out[output.core(k)][output.neuron(k)];
                        streamed[t * outputs + k] = (payload == Kernel.NO_MESSAGE ? 0 : payload) * output.scale(k) + output.bias(k);
                    }
                }
                for (int c = 0; c < n; c++) {
                    RouteTable routes = cores.get(c).routes();
                    if (listener != null) {
                        for (int i = 0; i < out[c].length; i++) if (out[c][i] != Kernel.NO_MESSAGE) listener.sent(step, c, i, out[c][i]);
                    }
                    int threshold = cores.get(c).neurons().deltaThreshold();
                    if (threshold > 0) DeltaSends.encode(out[c], held[c], out[c].length, threshold, cores.get(c).neurons().deltaCumulative());
                    for (int i = 0; i < out[c].length; i++) {
                        long payload = out[c][i];
                        if (payload == Kernel.NO_MESSAGE) continue;
                        for (int r = routes.start(i); r < routes.end(i); r++) {
                            deliver(accumulators, routes.destinationCore(r), routes.destinationAxon(r), payload, step);
                        }
                    }
                }
            }
            if (step < steps) inject(accumulators, input, step);
            InputMap map = image.input();
            for (int d = 0; d < map.biasDestinations(); d++) {
                if (map.biasSentAt(d, step, steps)) deliver(accumulators, map.biasCore(d), map.biasAxon(d), map.biasPayload(d), step);
            }
        }
        if (streamed != null) return streamed;
        double[] result = new double[outputs];
        int accumulated = last - output.firstStep() + 1;
        for (int k = 0; k < outputs; k++) {
            long raw = state[output.core(k)][output.neuron(k)];
            result[k] = raw * output.scale(k) / accumulated + output.bias(k);
        }
        return result;
    }

    private void inject(long[][][][] accumulators, double[] input, int step) {
        InputMap map = image.input();
        int channels = map.channels();
        for (int ch = 0; ch < channels; ch++) {
            long payload = map.payload(input[step * channels + ch], image.payloadBits());
            if (payload == 0) continue;
            for (int d = map.start(ch); d < map.end(ch); d++) deliver(accumulators, map.core(d), map.axon(d), payload, step);
        }
    }

    private void deliver(long[][][][] accumulators, int core, int axon, long payload, int step) {
        SynapseTable synapses = image.cores().get(core).synapses();
        Accumulation accumulation = image.accumulation();
        int exponent = synapses.exponent(axon);
        int group = accumulation == Accumulation.FLOOR_PER_GROUP ? synapses.group(axon) : synapses.integrates(axon) ? 1 : 0;
        long[][][] ring = accumulators[core];
        for (int s = synapses.start(axon); s < synapses.end(axon); s++) {
            ring[(step + 1 + synapses.delay(s)) % slots][group][synapses.target(s)] += accumulation.term(synapses.weight(s), exponent, payload);
        }
    }
}
