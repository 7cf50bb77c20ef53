package io.dendra.simulator;

import io.dendra.ir.Accumulation;
import io.dendra.ir.ChipImage;
import io.dendra.ir.CoreImage;
import io.dendra.ir.InputMap;
import io.dendra.ir.NeuronBlock;
import io.dendra.ir.NeuronKernels;
import io.dendra.ir.NeuronProgram;
import io.dendra.ir.OutputMap;
import io.dendra.targets.Event;
import io.dendra.targets.Target;
import java.util.Arrays;

/**
 * Runs a chip image step by step, computing exactly what {@link io.dendra.ir.ImageExecutor}
 * defines (the same {@link NeuronKernels}), and models each step in time:
 * <ol>
 *   <li>every core updates all its neurons, from the first step on, one after another: each neuron
 *       costs its state access and its update (the program's op count times the target's per-op
 *       time, plus the base); a neuron that fires costs its spike's generation, then its output
 *       stage sends one message per route — each message leaves as its neuron fires, while the
 *       rest of the pass goes on;
 *   <li>messages cross the mesh in dimension order (east-west, then north-south; chips lie side by
 *       side east-west), each hop taking the target's per-direction time, each directed link
 *       carrying one flit per cycle: a message that finds its link taken by an earlier-sent
 *       message waits (links are granted in order of send time, ties by source core);
 *   <li>each receiving core's input stage takes its messages in that order, each no earlier than it
 *       arrives: the message's receive cost, then one synaptic op per synapse of its axon. With a
 *       finite receive buffer (the target's {@code core.receive_buffer}), a message that finds it
 *       full waits until the oldest waiting message starts, and its sender's later messages leave
 *       that much later (back-pressure);
 *   <li>the step ends when the last core is done, plus the barrier over the tiles in use.
 * </ol>
 * Time is kept in integer femtoseconds. The host's input messages enter at the destination
 * core's router at the start of the step. State and counters live in a {@link Run}, so samples
 * can run on separate threads. Its parts: this class (the per-core tables, the neuron phase and the
 * synaptic fan-out), {@link MessageQueue} (a step's messages in send-time order) and
 * {@link MeshRouter} (the mesh, the input stages and back-pressure) and {@link SpikeRecorder} (what the
 * report draws of a run) and {@link TimingModel} (the target's times as charged).
 */
public final class ChipSimulator {
    private final ChipImage image;
    private final Target target;
    private final int cores;
    private final int slots;
    private final NeuronProgram[] program;
    private final int[] count;
    private final int[] compartments;
    private final int[] states;
    private final int[] start;
    /** Accumulators per neuron compartment: 1, or a floor_per_group chip's synapse groups. */
    private final int[] groups;
    /** Per core and group: the shift a floor_per_group chip applies to the group's sum. */
    private final int[][] groupExponent;
    private final Accumulation accumulation;
    /** Each core's parameters in its kernel's order. */
    private final int[][] params;
    private final NeuronBlock[] blocks;
    final boolean[] graded;
    /** Whether the host's input is graded (a payload per value) rather than spikes. */
    private final boolean gradedInput;
    final int[][] synStart, synExponent, synTarget, synDelay, synGroup;
    /** Weight mantissas: at most 16 bits (targets allow no more), two bytes each. */
    private final short[][] synWeight;
    /** Per core and axon: the delay all its synapses share, or −1 when they differ (then read per synapse). */
    private final int[][] axonDelay;
    private final int[][] routeStart, routeCore, routeAxon;
    final int[] chip, globalX, tileY;
    private final long[] activeOps, inactiveOps;
    /** The target's times, as charged. */
    final TimingModel timing;
    /** Whether on-chip input neurons send the host's input (else it enters at the destination's router), and each core's channels. */
    private final boolean inputNeurons;
    private final int[][] homeChannels;
    final int meshColumns, meshRows, tilesInUse;
    /** The source of the host's input messages and of its bias spikes, in place of a core. */
    static final int INPUT_SOURCE = -1, BIAS_SOURCE = -2;

    public ChipSimulator(ChipImage image, Target target) {
        this.image = image;
        this.target = target;
        this.cores = image.cores().size();
        int maxDelay = 0;
        program = new NeuronProgram[cores];
        count = new int[cores];
        compartments = new int[cores];
        states = new int[cores];
        start = new int[cores];
        groups = new int[cores];
        groupExponent = new int[cores][];
        accumulation = image.accumulation();
        synGroup = new int[cores][];
        params = new int[cores][];
        blocks = new NeuronBlock[cores];
        gradedInput = !image.input().binary();
        graded = new boolean[cores];
        synStart = new int[cores][];
        synExponent = new int[cores][];
        synTarget = new int[cores][];
        synWeight = new short[cores][];
        synDelay = new int[cores][];
        axonDelay = new int[cores][];
        routeStart = new int[cores][];
        routeCore = new int[cores][];
        routeAxon = new int[cores][];
        chip = new int[cores];
        globalX = new int[cores];
        tileY = new int[cores];
        activeOps = new long[cores];
        inactiveOps = new long[cores];
        meshColumns = target.mesh().columns();
        meshRows = target.mesh().rows();
        java.util.Set<Integer> tiles = new java.util.HashSet<>();
        for (CoreImage c : image.cores()) {
            int i = c.id();
            NeuronBlock b = c.neurons();
            program[i] = b.program();
            count[i] = b.count();
            compartments[i] = b.compartments();
            states[i] = b.states();
            start[i] = b.startStep();
            params[i] = b.kernelParams();
            blocks[i] = b;
            graded[i] = b.program().graded();
            int[][] s = c.synapses().arrays();
            synStart[i] = s[0];
            synExponent[i] = s[1];
            synTarget[i] = s[2];
            synGroup[i] = s[5];
            boolean perGroup = accumulation == Accumulation.FLOOR_PER_GROUP;
            groups[i] = perGroup ? Math.max(1, c.synapses().groups()) : 1;
            groupExponent[i] = new int[groups[i]];
            if (perGroup) for (int g = 0; g < c.synapses().groups(); g++) groupExponent[i][g] = c.synapses().groupExponent(g);
            synWeight[i] = new short[s[3].length];
            for (int k = 0; k < s[3].length; k++) {
                if (s[3][k] != (short) s[3][k]) throw new IllegalArgumentException("core " + i + ": weight " + s[3][k] + " is wider than 16 bits");
                synWeight[i][k] = (short) s[3][k];
            }
            maxDelay = Math.max(maxDelay, c.synapses().maxDelay());
            axonDelay[i] = sharedDelays(s[0], s[4]);
            // Per-synapse delays are kept only for a core with an axon whose synapses differ: 8 bytes per synapse otherwise.
            boolean allShared = true;
            for (int d : axonDelay[i]) allShared &= d >= 0;
            synDelay[i] = allShared ? null : s[4];
            int[][] r = c.routes().arrays();
            routeStart[i] = r[0];
            routeCore[i] = r[1];
            routeAxon[i] = r[2];
            chip[i] = c.chip();
            globalX[i] = c.chip() * meshColumns + c.tileX();
            tileY[i] = c.tileY();
            tiles.add((c.chip() * meshRows + c.tileY()) * meshColumns + c.tileX());
            activeOps[i] = b.program().ops(true, b.states());
            inactiveOps[i] = b.program().ops(false, b.states());
        }
        slots = maxDelay + 2;
        tilesInUse = Math.max(1, tiles.size());
        timing = new TimingModel(target, image, tilesInUse);
        inputNeurons = target.core().inputNeurons();
        homeChannels = homeChannels(image.input(), cores);
    }

    /** The input channels each core's input neurons send: a channel's home is the core of its first destination. */
    private static int[][] homeChannels(InputMap map, int cores) {
        int[] counts = new int[cores];
        for (int ch = 0; ch < map.channels(); ch++) if (map.end(ch) > map.start(ch)) counts[map.core(map.start(ch))]++;
        int[][] home = new int[cores][];
        for (int c = 0; c < cores; c++) home[c] = new int[counts[c]];
        Arrays.fill(counts, 0);
        for (int ch = 0; ch < map.channels(); ch++) {
            if (map.end(ch) > map.start(ch)) {
                int c = map.core(map.start(ch));
                home[c][counts[c]++] = ch;
            }
        }
        return home;
    }

    private static int[] sharedDelays(int[] start, int[] delay) {
        int[] shared = new int[start.length - 1];
        for (int a = 0; a < shared.length; a++) {
            int d = start[a] < start[a + 1] ? delay[start[a]] : 0;
            for (int s = start[a]; s < start[a + 1] && d >= 0; s++) if (delay[s] != d) d = -1;
            shared[a] = d;
        }
        return shared;
    }

    static long fs(double ns) {
        return Math.round(ns * 1e6);
    }

    public ChipImage image() { return image; }

    public NeuronProgram program(int core) { return program[core]; }
    public int states(int core) { return states[core]; }
    public int neurons(int core) { return count[core]; }
    public boolean graded(int core) { return graded[core]; }

    /** Whether message m's synaptic ops are graded: the host input's kind, a bias message's payload above 1, or its core's program's. */
    boolean gradedMessage(MessageQueue queue, int m) {
        int source = queue.source[m];
        return queue.input[m] ? gradedInput : source == BIAS_SOURCE ? queue.payload[m] != 1 : graded[source];
    }

    public Target target() { return target; }
    public int tilesInUse() { return tilesInUse; }
    long cycleFs() { return timing.cycleFs; }

    /** How often a run reports its progress, in steps. */
    public static final int PROGRESS_STEPS = 1024;

    /** Steps a run of {@code inputSteps} input steps takes. */
    public int totalSteps(int inputSteps) {
        return image.output().firstStep() + inputSteps - 1;
    }

    /** Runs one sequence of {@code steps × channels} inputs from a reset chip, on the calling thread. */
    public Run run(double[] input, int steps, boolean recordSpikes) {
        return run(input, steps, recordSpikes, null, 1);
    }

    /**
     * Runs one sequence, spreading the cores of each step's neuron phase and synaptic fan-out over
     * {@code workers} threads of {@code pool}; the result is the same as on one thread.
     */
    public Run run(double[] input, int steps, boolean recordSpikes, java.util.concurrent.ExecutorService pool, int workers) {
        return run(input, steps, recordSpikes, pool, workers, null);
    }

    /** As above; {@code stepsDone} (when not null) hears how many steps were simulated, every {@value #PROGRESS_STEPS} steps and at the end. */
    public Run run(double[] input, int steps, boolean recordSpikes, java.util.concurrent.ExecutorService pool, int workers,
            java.util.function.LongConsumer stepsDone) {
        Run run = new Run(steps, recordSpikes);
        run.stepsDone = stepsDone;
        run.pool = workers > 1 ? pool : null;
        run.workers = Math.max(1, Math.min(workers, cores));
        run.execute(input);
        return run;
    }

    /** The state, outputs and counters of one sequence. */
    public final class Run implements RasterRun {
        private final int inputSteps;
        private final long[][] state = new long[cores][];
        private final long[][] ring = new long[cores][];
        private final long[][] in = new long[cores][];
        private final long[][] out = new long[cores][];
        private final Counters counters = new Counters(cores);
        /** Step times, sends per step and spikes, for the report. */
        private final SpikeRecorder recorder;
        private double[] output;

        /** This step's messages. */
        private final MessageQueue queue = new MessageQueue(cores);
        /** The mesh and the input stages. */
        private final MeshRouter router = new MeshRouter(ChipSimulator.this);
        private final long[] coreEnd = new long[cores];
        private final long[] synapseEnd = new long[cores];
        private final int[][] incoming = new int[cores][];
        private final int[] incomingCount = new int[cores];
        private java.util.concurrent.ExecutorService pool;
        private int workers = 1;
        private java.util.function.LongConsumer stepsDone;
        // messages each core sends in the neuron phase, merged in core order afterwards (so threads cannot reorder them)
        private final int[][] outCore = new int[cores][];
        private final int[][] outAxon = new int[cores][];
        private final long[][] outPayload = new long[cores][];
        private final long[][] outTime = new long[cores][];
        private final boolean[][] outInput = new boolean[cores][];
        private double[] input;
        private final int[] outCount = new int[cores];
        private final boolean[][] activeFlags = new boolean[cores][];

        private Run(int inputSteps, boolean recordSpikes) {
            this.inputSteps = inputSteps;
            for (int c = 0; c < cores; c++) {
                state[c] = blocks[c].initialKernelState();
                ring[c] = new long[slots * groups[c] * count[c] * compartments[c]];
                in[c] = new long[count[c] * compartments[c]];
                out[c] = new long[count[c]];
                incoming[c] = new int[64];
                outCore[c] = new int[16];
                outAxon[c] = new int[16];
                outPayload[c] = new long[16];
                outTime[c] = new long[16];
                outInput[c] = new boolean[16];
                activeFlags[c] = new boolean[count[c]];
            }
            recorder = new SpikeRecorder(count, totalSteps(inputSteps), inputSteps, recordSpikes);
        }

        private void execute(double[] input) {
            this.input = input;
            OutputMap outputs = image.output();
            int k = outputs.outputs();
            double[] streamed = outputs.kind() == OutputMap.Kind.STREAM ? new double[inputSteps * k] : null;
            int last = totalSteps(inputSteps);
            for (int step = 0; step <= last; step++) {
                if (stepsDone != null && step > 0 && step % PROGRESS_STEPS == 0) stepsDone.accept(PROGRESS_STEPS);
                queue.clear();
                Arrays.fill(coreEnd, 0);
                Arrays.fill(synapseEnd, 0);
                router.startStep();
                if (step >= 1 || inputNeurons) {
                    neuronPhase(step);
                }
                if (step >= 1) {
                    if (streamed != null && step >= outputs.firstStep()) {
                        int t = step - outputs.firstStep();
                        for (int o = 0; o < k; o++) {
                            long p = out[outputs.core(o)][outputs.neuron(o)];
                            streamed[t * k + o] = (p == NeuronKernels.NO_MESSAGE ? 0 : p) * outputs.scale(o) + outputs.bias(o);
                        }
                    }
                }
                if (step < inputSteps && !inputNeurons) inject(input, step);
                injectBias(step);
                router.route(queue, counters, synapseEnd);
                fanOut(step);
                if (step >= 1) {
                    long end = 0;
                    for (int c = 0; c < cores; c++) end = Math.max(end, Math.max(coreEnd[c], synapseEnd[c]));
                    long total = end + timing.barrierFs;
                    recorder.step(step, total);
                    counters.steps++;
                    counters.barriers++;
                    counters.stepFsTotal += total;
                    counters.stepFsMin = Math.min(counters.stepFsMin, total);
                    counters.stepFsMax = Math.max(counters.stepFsMax, total);
                }
            }
            if (stepsDone != null) stepsDone.accept((last + 1) % PROGRESS_STEPS == 0 ? PROGRESS_STEPS : (last + 1) % PROGRESS_STEPS);
            if (streamed != null) {
                output = streamed;
            } else {
                output = new double[k];
                int accumulated = last - outputs.firstStep() + 1;
                for (int o = 0; o < k; o++) output[o] = state[outputs.core(o)][outputs.neuron(o)] * outputs.scale(o) / accumulated + outputs.bias(o);
            }
        }

        /** Every core reads its accumulators, updates its neurons and queues its messages (in core order). */
        private void neuronPhase(int step) {
            if (pool == null) {
                for (int c = 0; c < cores; c++) updateCore(c, step);
            } else {
                parallel(c -> updateCore(c, step));
            }
            for (int c = 0; c < cores; c++) {
                for (int j = 0; j < outCount[c]; j++) queue.add(c, outCore[c][j], outAxon[c][j], outPayload[c][j], outTime[c][j], outInput[c][j]);
                queue.endSegment(c);
            }
        }

        private void updateCore(int c, int step) {
            outCount[c] = 0;
            if (step == 0) {
                // step 0 updates no neuron: only the input neurons send the first input step
                coreEnd[c] = sendInput(c, step, 0, 0);
                counters.messagesOut[c] += outCount[c];
                counters.busyFs[c] += coreEnd[c];
                return;
            }
            int slot = step % slots;
            int width = count[c] * compartments[c];
            long[] r = ring[c];
            long[] input = in[c];
            int base = slot * groups[c] * width;
            if (accumulation == Accumulation.ROUND_HALF_UP) {
                for (int i = 0; i < width; i++) {
                    input[i] = accumulation.read(r[base + i], 0);
                    r[base + i] = 0;
                }
            } else {
                Arrays.fill(input, 0);
                for (int g = 0; g < groups[c]; g++, base += width) {
                    int e = groupExponent[c][g];
                    for (int i = 0; i < width; i++) {
                        input[i] += accumulation.read(r[base + i], e);
                        r[base + i] = 0;
                    }
                }
            }
            boolean[] busy = activeFlags[c];
            int active = program[c].update(count[c], states[c], params[c], state[c], input, out[c], image.stateBits(),
                    image.payloadBits(), busy);
            int inactive = count[c] - active;
            counters.updatesActive[c] += active;
            counters.updatesInactive[c] += inactive;
            counters.neuronOps[c] += active * activeOps[c] + inactive * inactiveOps[c];
            // The update pass, neuron by neuron: each message leaves as its neuron fires (after its spike is generated and
            // after the messages before it), overlapping the rest of the pass with routing.
            long t = 0;
            long[] sent = out[c];
            int[] rs = routeStart[c];
            int t0 = step - start[c];
            // Counts go to locals first: neighbouring cores' counters share cache lines, and other threads write them.
            // sends within the block's input steps (the model's time 0 .. T − 1), for rates; every message, warm-up and drain ones too, is counted below
            boolean inWindow = t0 >= 0 && t0 < inputSteps;
            long sends = 0;
            long fired = 0;
            long messagesSent = 0;
            long activeTime = timing.accessFs + timing.activeFs[c];
            long inactiveTime = timing.accessFs + timing.inactiveFs[c];
            for (int i = 0; i < count[c]; i++) {
                t += busy[i] ? activeTime : inactiveTime;
                long payload = sent[i];
                if (payload == NeuronKernels.NO_MESSAGE) continue;
                t += timing.spikeOutFs;
                fired++;
                if (inWindow) sends++;
                if (!graded[c] && inWindow && recorder.recordedSpikes()) recorder.spike(c, t0, i);
                for (int route = rs[i]; route < rs[i + 1]; route++) {
                    t += timing.messageOutFs;
                    send(c, (int) messagesSent++, routeCore[c][route], routeAxon[c][route], payload, t);
                }
            }
            if (inputNeurons) {
                int before = (int) messagesSent;
                t = sendInput(c, step, t, before);
                messagesSent = outCount[c];
            }
            outCount[c] = (int) messagesSent;
            if (inWindow) recorder.sends(c, t0, (int) sends);
            counters.spikes[c] += sends;
            counters.fired[c] += fired;
            counters.messagesOut[c] += messagesSent;
            coreEnd[c] = t;
            counters.busyFs[c] += t;
        }

        /**
         * Core c's input neurons (targets with {@code host_input = input_neurons}) send input step
         * {@code step}, after its neurons' pass (from time {@code t}, after {@code sent} messages):
         * one message per destination of each non-zero channel the core is home to, each costing
         * the output stage (counted as the core's messages, not the host's). Returns the time the last
         * leaves; sets {@link #outCount}.
         */
        private long sendInput(int c, int step, long t, int sent) {
            outCount[c] = sent;
            if (!inputNeurons || step >= inputSteps) return t;
            InputMap map = image.input();
            int channels = map.channels();
            int n = sent;
            for (int ch : homeChannels[c]) {
                double value = input[step * channels + ch];
                if (value == 0) continue;
                long payload = map.payload(value, image.payloadBits());
                if (payload == 0) continue;
                for (int d = map.start(ch); d < map.end(ch); d++) {
                    t += timing.messageOutFs;
                    send(c, n++, map.core(d), map.axon(d), payload, t, true);
                }
            }
            outCount[c] = n;
            return t;
        }

        /** Puts core {@code c}'s {@code n}-th message of this step into its own buffer. */
        private void send(int c, int n, int core, int axon, long payload, long time) {
            send(c, n, core, axon, payload, time, false);
        }

        private void send(int c, int n, int core, int axon, long payload, long time, boolean fromInput) {
            if (n == outCore[c].length) {
                outCore[c] = Arrays.copyOf(outCore[c], n * 2);
                outAxon[c] = Arrays.copyOf(outAxon[c], n * 2);
                outPayload[c] = Arrays.copyOf(outPayload[c], n * 2);
                outTime[c] = Arrays.copyOf(outTime[c], n * 2);
                outInput[c] = Arrays.copyOf(outInput[c], n * 2);
            }
            outInput[c][n] = fromInput;
            outCore[c][n] = core;
            outAxon[c][n] = axon;
            outPayload[c][n] = payload;
            outTime[c][n] = time;
        }

        /**
         * Runs {@code work} for every core on the pool: {@link #workers} threads (the calling one
         * included) take cores one at a time until none is left. Each core's work touches only that
         * core's state and counters, so which thread ran it changes nothing. (Without a pool the
         * callers loop over the cores themselves: no closure is made per step.)
         */
        private void parallel(java.util.function.IntConsumer work) {
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            Runnable drain = () -> {
                for (int c = next.getAndIncrement(); c < cores; c = next.getAndIncrement()) work.accept(c);
            };
            java.util.List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
            for (int w = 1; w < workers; w++) futures.add(pool.submit(drain));
            drain.run();
            try {
                for (java.util.concurrent.Future<?> f : futures) f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) throw re;
                throw new IllegalStateException(e.getCause());
            }
        }

        /** The host sends input step {@code step}: one message per destination of each non-zero channel. */
        private void inject(double[] input, int step) {
            InputMap map = image.input();
            int channels = map.channels();
            for (int ch = 0; ch < channels; ch++) {
                double value = input[step * channels + ch];
                if (value == 0) continue;
                long payload = map.payload(value, image.payloadBits());
                if (payload == 0) continue;
                for (int d = map.start(ch); d < map.end(ch); d++) {
                    queue.add(INPUT_SOURCE, map.core(d), map.axon(d), payload, 0, true);
                    counters.hostMessages++;
                }
            }
        }

        /** The host's bias messages of this step (docs/neuron-programs.md, warm-up). */
        private void injectBias(int step) {
            InputMap map = image.input();
            for (int d = 0; d < map.biasDestinations(); d++) {
                if (!map.biasSentAt(d, step, inputSteps)) continue;
                queue.add(BIAS_SOURCE, map.biasCore(d), map.biasAxon(d), map.biasPayload(d), 0, false);
                counters.hostMessages++;
            }
        }

        /** Each destination core runs the synaptic fan-out of its messages in arrival order. */
        private void fanOut(int step) {
            if (queue.size == 0) return;
            Arrays.fill(incomingCount, 0);
            for (int j = 0; j < queue.size; j++) {
                int m = (int) queue.order[j];
                int c = queue.core[m];
                if (incomingCount[c] == incoming[c].length) incoming[c] = Arrays.copyOf(incoming[c], incoming[c].length * 2);
                incoming[c][incomingCount[c]++] = m;
            }
            if (pool == null) {
                for (int c = 0; c < cores; c++) fanOutCore(c, step);
            } else {
                parallel(c -> fanOutCore(c, step));
            }
        }

        /** Core c's synaptic fan-out of this step's messages: the accumulation (in any order: the sums are exact) and its op counts. */
        private void fanOutCore(int c, int step) {
            int n = incomingCount[c];
            if (n == 0) return;
            int width = count[c] * compartments[c];
            int slotWidth = groups[c] * width;
            boolean perGroup = accumulation == Accumulation.FLOOR_PER_GROUP;
            long[] r = ring[c];
            int[] ss = synStart[c];
            int[] target = synTarget[c];
            short[] weight = synWeight[c];
            int[] delay = synDelay[c];
            long binaryOps = 0;
            long gradedOps = 0;
            int[] mine = incoming[c];
            for (int j = 0; j < n; j++) {
                int m = mine[j];
                int axon = queue.axon[m];
                long payload = queue.payload[m];
                boolean isGraded = gradedMessage(queue, m);
                int from = ss[axon];
                int to = ss[axon + 1];
                // Accumulation.term, hoisted: round_half_up adds weight · (payload << (exponent + 8)), the same integer as
                // (weight · payload) << (exponent + 8); floor_per_group adds weight · payload into the axon's group
                long scaled = perGroup ? payload : payload << (synExponent[c][axon] + Accumulation.FRACTION_BITS);
                int offset = perGroup ? synGroup[c][axon] * width : 0;
                int shared = axonDelay[c][axon];
                if (shared >= 0) {
                    int base = ((step + 1 + shared) % slots) * slotWidth + offset;
                    for (int s = from; s < to; s++) r[base + target[s]] += weight[s] * scaled;
                } else {
                    for (int s = from; s < to; s++) r[((step + 1 + delay[s]) % slots) * slotWidth + offset + target[s]] += weight[s] * scaled;
                }
                if (isGraded) gradedOps += to - from;
                else binaryOps += to - from;
            }
            counters.synopsBinary[c] += binaryOps;
            counters.synopsGraded[c] += gradedOps;
        }

        public double[] output() { return output.clone(); }
        public Counters counters() { return counters; }
        /** The time of each step in femtoseconds. */
        @Override public long[] stepFs() { return recorder.stepFs(); }

        /** The raster of this run as a serializable copy. */
        public RasterRun.Snapshot snapshot() { return recorder.snapshot(); }

        /** How many of core {@code c}'s neurons sent at input step {@code t}. */
        @Override public int sends(int c, int t) { return recorder.sends(c, t); }

        @Override public boolean recordedSpikes() { return recorder.recordedSpikes(); }

        /** Whether neuron {@code i} of core {@code c} spiked at input step {@code t} (recorded runs only). */
        @Override public boolean spiked(int c, int t, int i) { return recorder.spiked(c, t, i); }
    }
}
