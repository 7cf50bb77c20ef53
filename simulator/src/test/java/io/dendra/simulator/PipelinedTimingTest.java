package io.dendra.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import io.dendra.targets.Target;
import io.dendra.targets.TargetPrinter;
import io.dendra.targets.TargetReader;
import io.dendra.targets.Targets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The timing of one step in closed form, on loihi1's numbers: a lif update costs 8.4 ns active
 * and 5.3 ns inactive, a synaptic op 3.5 ns, a delivery within a tile 2.1 ns, sending a message and
 * generating a spike nothing extra, the barrier over one tile 113 ns. Every core sits in tile (0, 0).
 */
class PipelinedTimingTest {
    static final Target LOIHI1 = Targets.builtIn("loihi1");
    static final double ACTIVE = 8.4, INACTIVE = 5.3, SYNOP = 3.5, WITHIN_TILE = 2.1, BARRIER = 113;

    /**
     * Core 0 holds ten lif neurons; only neuron 3 fires (its bias), to one axon of core 1 with 20
     * synapses. The message leaves when neuron 3 has fired — after three inactive updates and its
     * own: 3·5.3 + 8.4 = 24.3 ns — not after the whole pass (56.1 ns); it arrives at 26.4 ns and
     * core 1 is done with it at 26.4 + 20·3.5 = 96.4 ns, the last thing of the step.
     */
    @Test
    void aMessageLeavesWhenItsNeuronFires() {
        int[] params = new int[10 * Lif.PARAMS];
        for (int i = 0; i < 10; i++) {
            params[i * Lif.PARAMS + Lif.DU] = 4095;
            params[i * Lif.PARAMS + Lif.VTH] = (1 << 17) - 1;
        }
        params[3 * Lif.PARAMS + Lif.BIAS_MANT] = 100;
        params[3 * Lif.PARAMS + Lif.BIAS_EXP] = 6;
        params[3 * Lif.PARAMS + Lif.VTH] = 1;
        NeuronBlock source = new NeuronBlock(NeuronProgram.LIF, "source", 0, 10, 0, 1, params);
        int[] routeStart = new int[11];
        for (int i = 4; i <= 10; i++) routeStart[i] = 1;
        List<CoreImage> cores = new ArrayList<>();
        cores.add(new CoreImage(0, 0, 0, 0, 0, source, SynapseTable.empty(), new RouteTable(routeStart, new int[] {1}, new int[] {0})));
        cores.add(new CoreImage(1, 0, 0, 0, 1, HandBuiltImages.silent("sink", 1, 2), synapsesTo(1, 20), HandBuiltImages.noRoutes(1)));
        ChipSimulator sim = new ChipSimulator(image(cores, LOIHI1), LOIHI1);
        long[] steps = sim.run(new double[3], 3, false).stepFs();
        assertEquals(3 * INACTIVE + ACTIVE + WITHIN_TILE + 20 * SYNOP + BARRIER, steps[0] / 1e6, 1e-6);
    }

    /**
     * Back-pressure, with a receive buffer of one message. Core 0's neurons 0, 1, 2 fire to core 1
     * (10 synapses: 35 ns each message), neuron 3 to core 2 (40 synapses: 140 ns). They leave at
     * 8.4, 16.8, 25.2 and 33.6 ns and arrive 2.1 ns later. Core 1 takes the first at 10.5 (done at
     * 45.5); the second waits in the buffer from 18.9 until 45.5 (done at 80.5); the third finds the
     * buffer full at 27.3 and enters only when the second starts, at 45.5: 18.2 ns held in the
     * network, and core 0's output stage stalls as long, so its fourth message leaves at 33.6 + 18.2
     * and core 2 finishes at 51.8 + 2.1 + 140 = 193.9 ns instead of 175.7.
     */
    @Test
    void aFullReceiveBufferDelaysItsSenderByTheDrain() {
        String text = Targets.builtInText("loihi1");
        Target buffered = TargetReader.parse(text.replace("receive_buffer = none", "receive_buffer = 1"), Path.of("buffered.target"));
        double unbounded = fourSendsStep(LOIHI1).stepFs()[0] / 1e6;
        io.dendra.simulator.SampleResult run = fourSendsStep(buffered);
        assertEquals(33.6 + WITHIN_TILE + 40 * SYNOP + BARRIER, unbounded, 1e-6);
        assertEquals(33.6 + 18.2 + WITHIN_TILE + 40 * SYNOP + BARRIER, run.stepFs()[0] / 1e6, 1e-6);
        assertEquals(2 * 19, run.counters().receiveStallCycles()); // 18.2 ns in 1 ns cycles, rounded up, in each of the 2 steps
    }

    /**
     * A full link buffer (one message): core 0's neuron 0 sends three messages east at 8.4 ns, all
     * at the east link of tile (0, 0) at 10.5 ns. The first crosses at 10.5; the second waits in the
     * buffer and crosses at 11.5; the third finds the buffer full and enters only when the second
     * leaves, at 11.5: 1 ns of back-pressure on its first hop, so core 0's output stage stalls 1 ns
     * and neuron 1's message (to core 2 in the same tile, 40 synapses) is done at 16.8 + 1 + 2.1 + 140
     * = 159.9 ns instead of 158.9. Two tiles in use: the barrier is 113 + 352/31 ns.
     */
    @Test
    void aFullLinkBufferStallsTheSenderByTheDrain() {
        String text = Targets.builtInText("loihi1");
        Target buffered = TargetReader.parse(text.replace("link_buffer = none", "link_buffer = 1"), Path.of("buffered.target"));
        double barrier = 113 + (465 - 113) / 31.0;
        assertEquals(16.8 + WITHIN_TILE + 40 * SYNOP + barrier, eastwardStep(LOIHI1).stepFs()[0] / 1e6, 1e-6);
        io.dendra.simulator.SampleResult run = eastwardStep(buffered);
        assertEquals(16.8 + 1 + WITHIN_TILE + 40 * SYNOP + barrier, run.stepFs()[0] / 1e6, 1e-6);
        assertEquals(2 * 1, run.counters().linkStallCycles()); // 1 cycle in each of the 2 steps
    }

    private static io.dendra.simulator.SampleResult eastwardStep(Target target) {
        List<CoreImage> cores = new ArrayList<>();
        cores.add(new CoreImage(0, 0, 0, 0, 0, HandBuiltImages.alwaysSpiking("source", 2), SynapseTable.empty(),
                new RouteTable(new int[] {0, 3, 4}, new int[] {1, 1, 1, 2}, new int[] {0, 0, 0, 0})));
        cores.add(new CoreImage(1, 0, 1, 0, 0, HandBuiltImages.silent("east", 1, 2), synapsesTo(1, 1), HandBuiltImages.noRoutes(1)));
        cores.add(new CoreImage(2, 0, 0, 0, 1, HandBuiltImages.silent("slow", 1, 2), synapsesTo(1, 40), HandBuiltImages.noRoutes(1)));
        return new ChipSimulator(image(cores, target), target).run(new double[2], 2, false);
    }

    private static io.dendra.simulator.SampleResult fourSendsStep(Target target) {
        List<CoreImage> cores = new ArrayList<>();
        cores.add(new CoreImage(0, 0, 0, 0, 0, HandBuiltImages.alwaysSpiking("source", 4), SynapseTable.empty(),
                new RouteTable(new int[] {0, 1, 2, 3, 4}, new int[] {1, 1, 1, 2}, new int[] {0, 0, 0, 0})));
        cores.add(new CoreImage(1, 0, 0, 0, 1, HandBuiltImages.silent("slow", 1, 2), synapsesTo(1, 10), HandBuiltImages.noRoutes(1)));
        cores.add(new CoreImage(2, 0, 0, 0, 2, HandBuiltImages.silent("slower", 1, 2), synapsesTo(1, 40), HandBuiltImages.noRoutes(1)));
        return new ChipSimulator(image(cores, target), target).run(new double[2], 2, false);
    }

    /** One axon with {@code synapses} synapses of weight 1 onto neuron 0. */
    private static SynapseTable synapsesTo(int neurons, int synapses) {
        return new SynapseTable(new int[] {0, synapses}, new int[] {0}, new int[synapses], filled(synapses, 1), new int[synapses]);
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static ChipImage image(List<CoreImage> cores, Target target) {
        List<LayerMapping> layers = new ArrayList<>();
        for (CoreImage c : cores) layers.add(new LayerMapping(c.neurons().layer(), NeuronProgram.LIF, c.neurons().count(), List.of(c.id()), 1));
        return new ChipImage("timing", target.name(), TargetPrinter.text(target), 24, 0, target.formats().accumulation(), 1, cores,
                new InputMap(1, true, 0, new int[] {0, 0}, new int[0], new int[0]),
                new OutputMap(OutputMap.Kind.STREAM, 1, new int[] {0}, new int[] {0}, new double[] {1}, new double[] {0}), layers, 1);
    }
}
