package io.dendra.simulator;

import io.dendra.ir.Accumulation;
import io.dendra.ir.ChipImage;
import io.dendra.ir.CoreImage;
import io.dendra.ir.InputMap;
import io.dendra.ir.NeuronBlock;
import io.dendra.ir.NeuronProgram;
import io.dendra.targets.Target;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * An image's per-core tables as the simulator reads them, built once and shared read-only by every
 * run on every thread and by the report: each core's program, neuron count, parameters and initial
 * state in its kernel's order, accumulator layout, synapses (one int each: a 16-bit target and a
 * 16-bit weight mantissa, read by the fan-out as one stream; else a 4-byte target and a 2-byte
 * weight), routes, and place on the mesh; the host's input channels; the target's times
 * ({@link TimingModel}).
 */
final class ChipTables {
    final ChipImage image;
    final Target target;
    final int cores;
    /** Ring slots of each core's accumulators: the longest synaptic delay + 2. */
    final int slots;
    final NeuronProgram[] program;
    final int[] count, states, start;
    /** Accumulators per ring slot and group of each core (neurons × compartments), and per ring slot (× groups). */
    final int[] width, slotWidth;
    /** Accumulators per neuron compartment: 1, or a floor_per_group chip's synapse groups; 2 on a round_half_up core with integrating axons (the step's, the sigma's). */
    final int[] groups;
    /** Per core: whether some of its axons integrate (their source sends sigma-delta changes); its sigma-delta threshold as a sender (0: none). */
    final boolean[] integrating;
    final int[] deltaThreshold;
    final boolean[] deltaCumulative;
    /** Sigma-delta senders: per neuron, the synapses its routes reach (what one message of it costs its receivers); else null. */
    final int[][] fanOutSynapses;
    /** Per core and group: the shift a floor_per_group chip applies to the group's sum. */
    final int[][] groupExponent;
    final Accumulation accumulation;
    final boolean perGroup;
    /** Each core's parameters and initial state in its kernel's order. */
    final int[][] params;
    final long[][] initialState;
    final boolean[] graded;
    /** Whether the host's input is graded (a payload per value) rather than spikes. */
    final boolean gradedInput;
    /**
     * Per core, each axon's description in one run of {@value #AXON_WORDS} ints (32 bytes, read once
     * by the input stage and the fan-out): its synapses' range ({@link #A_FROM}, {@link #A_TO}),
     * the shift of its payload (exponent + the accumulator's fraction bits, round_half_up), its
     * accumulator offset (its synapse group × width, floor_per_group), the delay its synapses share
     * (−1 when they differ), and its dense run ({@link #denseWeight}: where it starts or −1, its
     * first target, its length).
     */
    final int[][] axon;
    static final int AXON_WORDS = 8;
    static final int A_FROM = 0, A_TO = 1, A_SHIFT = 2, A_OFFSET = 3, A_DELAY = 4, A_DENSE_AT = 5, A_DENSE_FIRST = 6, A_DENSE_LENGTH = 7;
    /**
     * Each synapse as one int, its target accumulator in the high 16 bits and its weight mantissa
     * (at most 16 bits: targets allow no more) in the low 16, for a core of at most 65,536
     * accumulators per group whose axons each have one delay (every compiled image's); else null,
     * and the core's synapses are in {@link #synTarget}, {@link #synWeight} and (when an axon's
     * synapses differ in delay) {@link #synDelay}.
     */
    final int[][] synPacked;
    /**
     * Dense rows, per core with packed synapses: an axon of at least {@value #DENSE_MIN} synapses
     * whose distinct targets fill at least half of the range they span (a GLU's 1×1 mix, whose rows
     * reach every a, then every g, less the weights that rounded to zero; a readout) also has its
     * weights as one run of shorts over that range, zero where it has no synapse, so that the
     * fan-out adds the run to consecutive accumulators (where each run is: {@link #axon}).
     */
    final short[][] denseWeight;
    static final int DENSE_MIN = 8;
    final int[][] synTarget;
    final short[][] synWeight;
    final int[][] synDelay;
    final int[][] routeStart, routeCore, routeAxon;
    final int[] globalX, tileY;
    final long[] activeOps, inactiveOps;
    final TimingModel timing;
    final InputMap input;
    /** Whether on-chip input neurons send the host's input (else it enters at the destination's router). */
    final boolean inputNeurons;
    /** The input channels each core's input neurons send: a channel's home is the core of its first destination. */
    final int[][] homeChannels;
    final int meshColumns, meshRows, tilesInUse, stateBits, payloadBits;

    ChipTables(ChipImage image, Target target) {
        this.image = image;
        this.target = target;
        cores = image.cores().size();
        program = new NeuronProgram[cores];
        count = new int[cores];
        states = new int[cores];
        start = new int[cores];
        groups = new int[cores];
        integrating = new boolean[cores];
        deltaThreshold = new int[cores];
        deltaCumulative = new boolean[cores];
        fanOutSynapses = new int[cores][];
        width = new int[cores];
        slotWidth = new int[cores];
        groupExponent = new int[cores][];
        accumulation = image.accumulation();
        perGroup = accumulation == Accumulation.FLOOR_PER_GROUP;
        params = new int[cores][];
        initialState = new long[cores][];
        graded = new boolean[cores];
        gradedInput = !image.input().binary();
        synTarget = new int[cores][];
        axon = new int[cores][];
        synPacked = new int[cores][];
        denseWeight = new short[cores][];
        synDelay = new int[cores][];
        synWeight = new short[cores][];
        routeStart = new int[cores][];
        routeCore = new int[cores][];
        routeAxon = new int[cores][];
        globalX = new int[cores];
        tileY = new int[cores];
        activeOps = new long[cores];
        inactiveOps = new long[cores];
        meshColumns = target.mesh().columns();
        meshRows = target.mesh().rows();
        input = image.input();
        stateBits = image.stateBits();
        payloadBits = image.payloadBits();
        int maxDelay = 0;
        Set<Integer> tiles = new HashSet<>();
        for (CoreImage c : image.cores()) {
            int i = c.id();
            NeuronBlock b = c.neurons();
            program[i] = b.program();
            count[i] = b.count();
            states[i] = b.states();
            start[i] = b.startStep();
            params[i] = b.kernelParams();
            initialState[i] = b.initialKernelState();
            graded[i] = b.program().graded();
            int[][] s = c.synapses().arrays();
            integrating[i] = c.synapses().anyIntegrates();
            if (integrating[i] && perGroup) throw new IllegalArgumentException("core " + i + ": integrating synapses need round_half_up accumulation");
            deltaThreshold[i] = b.deltaThreshold();
            deltaCumulative[i] = b.deltaCumulative();
            groups[i] = perGroup ? Math.max(1, c.synapses().groups()) : integrating[i] ? 2 : 1;
            groupExponent[i] = new int[groups[i]];
            width[i] = b.count() * b.compartments();
            slotWidth[i] = groups[i] * width[i];
            if (perGroup) for (int g = 0; g < c.synapses().groups(); g++) groupExponent[i][g] = c.synapses().groupExponent(g);
            for (int k = 0; k < s[3].length; k++) {
                if (s[3][k] != (short) s[3][k]) throw new IllegalArgumentException("core " + i + ": weight " + s[3][k] + " is wider than 16 bits");
            }
            maxDelay = Math.max(maxDelay, c.synapses().maxDelay());
            int[] delay = sharedDelays(s[0], s[4]);
            axon[i] = describeAxons(i, s, delay, c.synapses());
            boolean allShared = true;
            for (int d : delay) allShared &= d >= 0;
            if (allShared && width[i] <= 1 << 16) {
                synPacked[i] = new int[s[2].length];
                for (int k = 0; k < s[2].length; k++) synPacked[i][k] = s[2][k] << 16 | (s[3][k] & 0xffff);
                denseRows(i, s[0], s[2], s[3]);
            } else {
                synTarget[i] = s[2];
                synWeight[i] = new short[s[3].length];
                for (int k = 0; k < s[3].length; k++) synWeight[i][k] = (short) s[3][k];
                synDelay[i] = allShared ? null : s[4];
            }
            int[][] r = c.routes().arrays();
            routeStart[i] = r[0];
            routeCore[i] = r[1];
            routeAxon[i] = r[2];
            globalX[i] = c.chip() * meshColumns + c.tileX();
            tileY[i] = c.tileY();
            tiles.add((c.chip() * meshRows + c.tileY()) * meshColumns + c.tileX());
            activeOps[i] = b.program().ops(true, b.states());
            inactiveOps[i] = b.program().ops(false, b.states());
        }
        for (int c = 0; c < cores; c++) {
            if (deltaThreshold[c] == 0) continue;
            int[] total = new int[count[c]];
            for (int n = 0; n < count[c]; n++) {
                for (int r = routeStart[c][n]; r < routeStart[c][n + 1]; r++) {
                    int at = routeAxon[c][r] * AXON_WORDS;
                    total[n] += axon[routeCore[c][r]][at + A_TO] - axon[routeCore[c][r]][at + A_FROM];
                }
            }
            fanOutSynapses[c] = total;
        }
        slots = maxDelay + 2;
        tilesInUse = Math.max(1, tiles.size());
        timing = new TimingModel(target, image, tilesInUse);
        inputNeurons = target.core().inputNeurons();
        homeChannels = homeChannels(input, cores);
    }

    /** Steps a run of {@code inputSteps} input steps takes. */
    int totalSteps(int inputSteps) {
        return image.output().firstStep() + inputSteps - 1;
    }

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

    /** Core c's axons as {@link #axon} describes them, dense runs not yet found. */
    private int[] describeAxons(int c, int[][] s, int[] delay, io.dendra.ir.SynapseTable table) {
        int axons = s[0].length - 1;
        int[] d = new int[axons * AXON_WORDS];
        for (int a = 0; a < axons; a++) {
            int at = a * AXON_WORDS;
            d[at + A_FROM] = s[0][a];
            d[at + A_TO] = s[0][a + 1];
            d[at + A_SHIFT] = accumulation.payloadShift(s[1][a]);
            // floor_per_group: the axon's group; round_half_up: the sigma's accumulators for an integrating axon
            d[at + A_OFFSET] = perGroup ? s[5][a] * width[c] : table.integrates(a) ? width[c] : 0;
            d[at + A_DELAY] = delay[a];
            d[at + A_DENSE_AT] = -1;
        }
        return d;
    }

    /** Finds core c's dense rows ({@link #denseWeight}) and lays out their weights. */
    private void denseRows(int c, int[] start, int[] target, int[] weight) {
        int axons = start.length - 1;
        int[] d = axon[c];
        boolean[] seen = new boolean[width[c]];
        int total = 0;
        for (int a = 0; a < axons; a++) {
            int n = start[a + 1] - start[a];
            if (n < DENSE_MIN) continue;
            int low = Integer.MAX_VALUE;
            int high = -1;
            boolean distinct = true;
            for (int s = start[a]; s < start[a + 1]; s++) {
                low = Math.min(low, target[s]);
                high = Math.max(high, target[s]);
                distinct &= !seen[target[s]];
                seen[target[s]] = true;
            }
            for (int s = start[a]; s < start[a + 1]; s++) seen[target[s]] = false;
            if (!distinct || high - low + 1 > 2 * n) continue;
            d[a * AXON_WORDS + A_DENSE_AT] = total;
            d[a * AXON_WORDS + A_DENSE_FIRST] = low;
            d[a * AXON_WORDS + A_DENSE_LENGTH] = high - low + 1;
            total += high - low + 1;
        }
        denseWeight[c] = new short[total];
        for (int a = 0; a < axons; a++) {
            int at = d[a * AXON_WORDS + A_DENSE_AT];
            if (at < 0) continue;
            for (int s = start[a]; s < start[a + 1]; s++) denseWeight[c][at + target[s] - d[a * AXON_WORDS + A_DENSE_FIRST]] = (short) weight[s];
        }
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
}
