package io.dendra.simulator;

import io.dendra.ir.programs.sum.Sum;
import io.dendra.ir.programs.lif.Lif;
import io.dendra.ir.Accumulation;
import io.dendra.ir.ChipImage;
import io.dendra.ir.CoreImage;
import io.dendra.ir.InputMap;
import io.dendra.ir.LayerMapping;
import io.dendra.ir.NeuronBlock;
import io.dendra.ir.NeuronProgram;
import io.dendra.ir.OutputMap;
import io.dendra.ir.RouteTable;
import io.dendra.ir.SynapseTable;
import io.dendra.targets.TargetPrinter;
import io.dendra.targets.Targets;
import java.util.ArrayList;
import java.util.List;

/** Chip images built by hand, with placements chosen so that counts have closed forms. */
final class HandBuiltImages {
    private HandBuiltImages() {}

    /** A lif neuron that spikes every step (bias above threshold, v reset to 0). */
    static NeuronBlock alwaysSpiking(String layer, int count) {
        int[] params = new int[count * Lif.PARAMS];
        for (int i = 0; i < count; i++) {
            int p = i * Lif.PARAMS;
            params[p + Lif.DU] = 4095;
            params[p + Lif.DV] = 4095;
            params[p + Lif.BIAS_MANT] = 100;
            params[p + Lif.BIAS_EXP] = 6;
            params[p + Lif.VTH] = 1;
        }
        return new NeuronBlock(NeuronProgram.LIF, layer, 0, count, 0, 1, params);
    }

    /** A lif neuron that never spikes (threshold out of reach, no bias). */
    static NeuronBlock silent(String layer, int count, int startStep) {
        int[] params = new int[count * Lif.PARAMS];
        for (int i = 0; i < count; i++) {
            params[i * Lif.PARAMS + Lif.DU] = 4095;
            params[i * Lif.PARAMS + Lif.VTH] = (1 << 17) - 1;
        }
        return new NeuronBlock(NeuronProgram.LIF, layer, 0, count, 0, startStep, params);
    }

    /** One synapse per neuron of a {@code count}-neuron core on axon 0 (weight 1). */
    static SynapseTable oneAxonTo(int count) {
        int[] target = new int[count];
        int[] weight = new int[count];
        for (int i = 0; i < count; i++) {
            target[i] = i;
            weight[i] = 1;
        }
        return new SynapseTable(new int[] {0, count}, new int[] {0}, target, weight, new int[count]);
    }

    static RouteTable noRoutes(int count) {
        return new RouteTable(new int[count + 1], new int[0], new int[0]);
    }

    /**
     * Core 0 at tile (0,0) holds one always-spiking neuron routed to axon 0 of each listed core;
     * core k (k ≥ 1) holds {@code fanOut[k-1]} silent neurons at tile {@code tiles[k-1]}. The
     * output streams core 1's first neuron.
     */
    static ChipImage fanOut(String target, int[][] tiles, int[] fanOut) {
        List<CoreImage> cores = new ArrayList<>();
        int n = tiles.length;
        int[] destCore = new int[n];
        int[] destAxon = new int[n];
        for (int k = 0; k < n; k++) destCore[k] = k + 1;
        cores.add(new CoreImage(0, 0, 0, 0, 0, alwaysSpiking("source", 1), SynapseTable.empty(), new RouteTable(new int[] {0, n}, destCore, destAxon)));
        List<Integer> sinkCores = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            cores.add(new CoreImage(k + 1, 0, tiles[k][0], tiles[k][1], 1, silent("sink" + k, fanOut[k], 2), oneAxonTo(fanOut[k]), noRoutes(fanOut[k])));
            sinkCores.add(k + 1);
        }
        InputMap input = new InputMap(1, true, 0, new int[] {0, 0}, new int[0], new int[0]);
        OutputMap output = new OutputMap(OutputMap.Kind.STREAM, 1, new int[] {0}, new int[] {0}, new double[] {1}, new double[] {0});
        List<LayerMapping> layers = new ArrayList<>();
        layers.add(new LayerMapping("source", NeuronProgram.LIF, 1, List.of(0), 1));
        for (int k = 0; k < n; k++) layers.add(new LayerMapping("sink" + k, NeuronProgram.LIF, fanOut[k], List.of(k + 1), fanOut[k]));
        return new ChipImage("fanout", target, TargetPrinter.text(Targets.builtIn(target)), 24, 0,
                Targets.builtIn(target).formats().accumulation(), 1, cores, input, output, layers, 1);
    }

    /**
     * One input channel to axon 0 of core 0, whose three lif neurons each fire on any input (du = dv
     * = 4095, vth = 0) and are reached through synapses of delays 0, 1 and 2 (weight 1); the output
     * streams the three neurons from step 1.
     */
    static ChipImage inputThroughDelays(String target) {
        int[] params = new int[3 * Lif.PARAMS];
        for (int i = 0; i < 3; i++) {
            params[i * Lif.PARAMS + Lif.DU] = 4095;
            params[i * Lif.PARAMS + Lif.DV] = 4095;
        }
        NeuronBlock block = new NeuronBlock(NeuronProgram.LIF, "delayed", 0, 3, 0, 1, params);
        SynapseTable synapses = new SynapseTable(new int[] {0, 3}, new int[] {0}, new int[] {0, 1, 2}, new int[] {1, 1, 1}, new int[] {0, 1, 2});
        CoreImage core = new CoreImage(0, 0, 0, 0, 0, block, synapses, noRoutes(3));
        InputMap input = new InputMap(1, true, 0, new int[] {0, 1}, new int[] {0}, new int[] {0});
        OutputMap output = new OutputMap(OutputMap.Kind.STREAM, 1, new int[] {0, 0, 0}, new int[] {0, 1, 2}, new double[] {1, 1, 1}, new double[3]);
        return new ChipImage("delays", target, TargetPrinter.text(Targets.builtIn(target)), 24, 0, Targets.builtIn(target).formats().accumulation(), 1,
                List.of(core), input, output, List.of(new LayerMapping("delayed", NeuronProgram.LIF, 3, List.of(0), 3)), 1);
    }

    /**
     * As {@link #fanOut} with one sink, but the sink sits on the next chip of a board whose chips lie
     * side by side east-west: core 0 at tile (0, 0) of chip 0, the sink at tile {@code (x, 0)} of chip 1.
     */
    /**
     * One loihi1 lif core of {@code neurons} neurons (more than the 65,536 accumulators a packed
     * synapse can name), one input channel reaching neurons 0, 65,535, 65,536 and the last with
     * weights 1 to 4; those four are the outputs. Neurons forget u and v each step and fire above 0.
     */
    static ChipImage wideCore(int neurons) {
        int[] params = new int[neurons * Lif.PARAMS];
        for (int i = 0; i < neurons; i++) {
            params[i * Lif.PARAMS + Lif.DU] = 4095;
            params[i * Lif.PARAMS + Lif.DV] = 4095;
        }
        NeuronBlock block = new NeuronBlock(NeuronProgram.LIF, "wide", 0, neurons, 0, 1, params);
        int[] targets = {0, 65_535, 65_536, neurons - 1};
        SynapseTable synapses = new SynapseTable(new int[] {0, 4}, new int[] {0}, targets, new int[] {1, 2, 3, 4}, new int[4]);
        CoreImage core = new CoreImage(0, 0, 0, 0, 0, block, synapses, noRoutes(neurons));
        InputMap input = new InputMap(1, true, 0, new int[] {0, 1}, new int[] {0}, new int[] {0});
        OutputMap output = new OutputMap(OutputMap.Kind.STREAM, 1, new int[4], targets, new double[] {1, 1, 1, 1}, new double[4]);
        return new ChipImage("wide", "loihi1", TargetPrinter.text(Targets.builtIn("loihi1")), 24, 0, Accumulation.FLOOR_PER_GROUP, 1,
                List.of(core), input, output, List.of(new LayerMapping("wide", NeuronProgram.LIF, neurons, List.of(0), 4)), 1);
    }

    /**
     * One loihi2 {@code sum} core of 24 neurons (graded, round_half_up accumulation), one graded input
     * channel (payload round(u · 2^8)) whose axon is a dense row laid out as a GLU's are: synapses to
     * neurons 2 + k with weight k − 7 for k = 0..19 except 5 and 12 (weights that rounded to zero),
     * the even k first, then the odd; every neuron is an output.
     */
    static ChipImage denseRow() {
        int neurons = 24;
        NeuronBlock block = new NeuronBlock(NeuronProgram.SUM, "dense", 0, neurons, 0, 1, new int[neurons * Sum.PARAMS]);
        int[] targets = new int[18];
        int[] weights = new int[18];
        int n = 0;
        for (int parity = 0; parity < 2; parity++) {
            for (int k = parity; k < 20; k += 2) {
                if (k == 5 || k == 12) continue;
                targets[n] = 2 + k;
                weights[n++] = k - 7;
            }
        }
        SynapseTable synapses = new SynapseTable(new int[] {0, 18}, new int[] {0}, targets, weights, new int[18]);
        CoreImage core = new CoreImage(0, 0, 0, 0, 0, block, synapses, noRoutes(neurons));
        InputMap input = new InputMap(1, false, 8, new int[] {0, 1}, new int[] {0}, new int[] {0});
        int[] outCore = new int[neurons];
        int[] outNeuron = new int[neurons];
        double[] scale = new double[neurons];
        for (int i = 0; i < neurons; i++) {
            outNeuron[i] = i;
            scale[i] = 1;
        }
        OutputMap output = new OutputMap(OutputMap.Kind.STREAM, 1, outCore, outNeuron, scale, new double[neurons]);
        return new ChipImage("dense", "loihi2", TargetPrinter.text(Targets.builtIn("loihi2")), 24, 24, Accumulation.ROUND_HALF_UP, 1,
                List.of(core), input, output, List.of(new LayerMapping("dense", NeuronProgram.SUM, neurons, List.of(0), 18)), 1);
    }

    static ChipImage acrossChips(String target, int x, int sinkNeurons) {
        ChipImage one = fanOut(target, new int[][] {{x, 0}}, new int[] {sinkNeurons});
        CoreImage sink = one.cores().get(1);
        CoreImage moved = new CoreImage(1, 1, x, 0, 0, sink.neurons(), sink.synapses(), sink.routes());
        return new ChipImage(one.modelName(), target, one.targetText(), 24, 0, one.accumulation(), 2, List.of(one.cores().get(0), moved), one.input(),
                one.output(), one.layers(), one.pipelineDepth());
    }
}
