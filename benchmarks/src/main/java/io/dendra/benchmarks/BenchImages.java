package io.dendra.benchmarks;

import io.dendra.ir.programs.lif.Lif;
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
import java.util.SplittableRandom;

/** Chip images for benchmarks, built directly so that each benchmark's work is known exactly. */
final class BenchImages {
    private BenchImages() {}

    /**
     * {@code channels} host input channels, each an axon of one loihi1 core whose {@code fanOut}
     * lif neurons it all reaches (weight 1): every input spike is exactly {@code fanOut} synaptic ops.
     */
    static ChipImage fanOut(int channels, int fanOut) {
        int[] start = new int[channels + 1];
        int[] target = new int[channels * fanOut];
        int[] weight = new int[channels * fanOut];
        for (int a = 0; a < channels; a++) {
            start[a + 1] = (a + 1) * fanOut;
            for (int j = 0; j < fanOut; j++) {
                target[a * fanOut + j] = j;
                weight[a * fanOut + j] = 1 + (a + j) % 7;
            }
        }
        SynapseTable synapses = new SynapseTable(start, new int[channels], target, weight, new int[channels * fanOut]);
        int[] params = new int[fanOut * Lif.PARAMS];
        for (int i = 0; i < fanOut; i++) {
            params[i * Lif.PARAMS + Lif.DU] = 4095;
            params[i * Lif.PARAMS + Lif.DV] = 2048;
            params[i * Lif.PARAMS + Lif.VTH] = 200;
        }
        NeuronBlock block = new NeuronBlock(NeuronProgram.LIF, "sink", 0, fanOut, 0, 1, params);
        int[] inStart = new int[channels + 1];
        int[] inCore = new int[channels];
        int[] inAxon = new int[channels];
        for (int c = 0; c < channels; c++) {
            inStart[c + 1] = c + 1;
            inAxon[c] = c;
        }
        CoreImage core = new CoreImage(0, 0, 0, 0, 0, block, synapses, new RouteTable(new int[fanOut + 1], new int[0], new int[0]));
        return new ChipImage("fanout", "loihi1", TargetPrinter.text(Targets.builtIn("loihi1")), 24, 0,
                io.dendra.ir.Accumulation.FLOOR_PER_GROUP, 1, List.of(core),
                new InputMap(channels, true, 0, inStart, inCore, inAxon),
                new OutputMap(OutputMap.Kind.STREAM, 1, new int[] {0}, new int[] {0}, new double[] {1}, new double[] {0}),
                List.of(new LayerMapping("sink", NeuronProgram.LIF, fanOut, List.of(0), (long) channels * fanOut)), 1);
    }

    /** Binary input with exactly {@code spikes} spikes over {@code steps × channels}, spread evenly. */
    static double[] spikes(int steps, int channels, int spikes, long seed) {
        double[] x = new double[steps * channels];
        SplittableRandom random = new SplittableRandom(seed);
        int placed = 0;
        while (placed < spikes) {
            int i = random.nextInt(x.length);
            if (x[i] == 0) {
                x[i] = 1;
                placed++;
            }
        }
        return x;
    }

    /**
     * 64 always-spiking source neurons on core 0 at tile (0,0), each routed to {@code routes} of
     * the other 127 cores of a loihi2 chip (one synapse there): every step sends 64 × routes
     * messages across the mesh, which contend for the links out of tile (0,0).
     */
    static ChipImage mesh(int routes) {
        var target = Targets.builtIn("loihi2");
        int cores = target.mesh().cores();
        int sources = 64;
        SplittableRandom random = new SplittableRandom(3);
        int[] start = new int[sources + 1];
        int[] destCore = new int[sources * routes];
        int[] destAxon = new int[sources * routes];
        int[] axonsPerCore = new int[cores];
        List<int[]> dests = new ArrayList<>();
        for (int n = 0; n < sources; n++) {
            for (int r = 0; r < routes; r++) {
                int c = 1 + random.nextInt(cores - 1);
                destCore[n * routes + r] = c;
                destAxon[n * routes + r] = axonsPerCore[c]++;
            }
            start[n + 1] = (n + 1) * routes;
        }
        int[] params = new int[sources * Lif.PARAMS];
        for (int i = 0; i < sources; i++) {
            params[i * Lif.PARAMS + Lif.DU] = 4095;
            params[i * Lif.PARAMS + Lif.DV] = 4095;
            params[i * Lif.PARAMS + Lif.BIAS_MANT] = 100;
            params[i * Lif.PARAMS + Lif.BIAS_EXP] = 6;
            params[i * Lif.PARAMS + Lif.VTH] = 1;
        }
        List<CoreImage> list = new ArrayList<>();
        list.add(new CoreImage(0, 0, 0, 0, 0, new NeuronBlock(NeuronProgram.LIF, "source", 0, sources, 0, 1, params), SynapseTable.empty(),
                new RouteTable(start, destCore, destAxon)));
        var mesh = target.mesh();
        for (int c = 1; c < cores; c++) {
            int n = Math.max(1, axonsPerCore[c]);
            int[] s = new int[axonsPerCore[c] + 1];
            for (int a = 0; a < axonsPerCore[c]; a++) s[a + 1] = a + 1;
            int[] t = new int[axonsPerCore[c]];
            int[] w = new int[axonsPerCore[c]];
            for (int a = 0; a < axonsPerCore[c]; a++) {
                t[a] = a % n;
                w[a] = 1;
            }
            int[] p = new int[n * Lif.PARAMS];
            for (int i = 0; i < n; i++) p[i * Lif.PARAMS + Lif.VTH] = (1 << 17) - 1;
            int tile = c / mesh.coresPerTile();
            list.add(new CoreImage(c, 0, tile % mesh.columns(), tile / mesh.columns(), c % mesh.coresPerTile(),
                    new NeuronBlock(NeuronProgram.LIF, "sink" + c, 0, n, 0, 2, p), new SynapseTable(s, new int[axonsPerCore[c]], t, w, new int[axonsPerCore[c]]),
                    new RouteTable(new int[n + 1], new int[0], new int[0])));
        }
        List<LayerMapping> layers = new ArrayList<>();
        for (int c = 0; c < cores; c++) layers.add(new LayerMapping(c == 0 ? "source" : "sink" + c, NeuronProgram.LIF, list.get(c).neurons().count(), List.of(c), 1));
        return new ChipImage("mesh", "loihi2", TargetPrinter.text(target), 24, 24, target.formats().accumulation(), 1, list, new InputMap(1, true, 0, new int[] {0, 0}, new int[0], new int[0]),
                new OutputMap(OutputMap.Kind.STREAM, 1, new int[] {0}, new int[] {0}, new double[] {1}, new double[] {0}), layers, 1);
    }
}
