package io.dendra.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.ir.ChipImage;
import io.dendra.ir.ImageExecutor;
import io.dendra.targets.Event;
import io.dendra.targets.Target;
import io.dendra.targets.Targets;
import io.dendra.ir.NeuronProgram;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChipSimulatorTest {
    private static final Target LOIHI1 = Targets.builtIn("loihi1");

    @Test
    void fanOutCountsHaveClosedForms() {
        // The source spikes every step from step 1 to 10 (10 input steps, first output at step 1):
        // 10 spikes x 3 destinations = 30 messages. Sinks at tiles (2,0), (0,1), (3,2) with 5, 7, 11 neurons:
        // hops E-W per spike 2 + 0 + 3 = 5, N-S 0 + 1 + 2 = 3; synaptic ops per spike 5 + 7 + 11 = 23.
        ChipImage image = HandBuiltImages.fanOut("loihi1", new int[][] {{2, 0}, {0, 1}, {3, 2}}, new int[] {5, 7, 11});
        ChipSimulator sim = new ChipSimulator(image, LOIHI1);
        SampleResult run = sim.run(new double[10], 10, false);
        Counters c = run.counters();
        assertEquals(10, c.steps());
        assertEquals(30, c.messages());
        assertEquals(50, c.hopsEastWest());
        assertEquals(30, c.hopsNorthSouth());
        assertEquals(230, c.synopsBinary());
        assertEquals(0, c.synopsGraded());
        assertEquals(0, c.chipCrossings());
        // Updates: every neuron at every step, as on the chip: 10 × (1 + 23). The sinks' first input
        // arrives at step 2 (start step 2), so at step 1 their 23 neurons are inactive.
        assertEquals(10 * (1 + 23), c.updatesActive() + c.updatesInactive());
        assertEquals(23, c.updatesInactive());
        assertArrayEquals(filled(10, 1), run.output());
    }

    @Test
    void energyIsCountsTimesTableEntriesAndTheBreakdownAddsUp() {
        ChipImage image = HandBuiltImages.fanOut("loihi1", new int[][] {{2, 0}, {0, 1}, {3, 2}}, new int[] {5, 7, 11});
        ChipSimulator sim = new ChipSimulator(image, LOIHI1);
        Simulation.Result result = Simulation.run(image, LOIHI1, List.of(new double[10]), 10, 1, false, null);
        Counters c = result.counters();
        EnergyModel.Breakdown e = new EnergyModel(sim).total(c);
        assertEquals(230 * 23.6, e.synaptic(), 1e-9);
        assertEquals(50 * 3.0 + 30 * 4.0, e.hops(), 1e-9);
        assertEquals(30 * (0 + 1.7), e.messages(), 1e-9);
        double neuron = c.updatesActive() * 81.0 + c.updatesInactive() * 52.0;
        assertEquals(neuron, e.neuron(), 1e-9);
        assertEquals(10 * 4.0 * sim.tilesInUse(), e.barrier(), 1e-9);
        assertEquals(0.815 * 4 * (c.stepFsTotal / 1e6), e.staticPower(), 1e-9);
        assertEquals(e.synaptic() + e.neuron() + e.messages() + e.hops() + e.chipLinks() + e.barrier() + e.staticPower(), e.total(), 1e-9);
        // Every sink receives the source's spike each step from step 2, so every later update is active.
        assertEquals(10 + 9 * 23, c.updatesActive());
        assertEquals(23, c.updatesInactive());
    }

    @Test
    void twoMessagesOnOneLinkWaitOneCycle() {
        // Two sources in tile (0,0) spike every step at the same time, both to a core at tile (1,0):
        // both need the east link of tile (0,0) at once; one flit per cycle makes the second wait a cycle.
        var cores = new java.util.ArrayList<io.dendra.ir.CoreImage>();
        for (int s = 0; s < 2; s++) {
            cores.add(new io.dendra.ir.CoreImage(s, 0, 0, 0, s, HandBuiltImages.alwaysSpiking("source" + s, 1), io.dendra.ir.SynapseTable.empty(),
                    new io.dendra.ir.RouteTable(new int[] {0, 1}, new int[] {2}, new int[] {s})));
        }
        io.dendra.ir.SynapseTable sink = new io.dendra.ir.SynapseTable(new int[] {0, 1, 2}, new int[] {0, 0}, new int[] {0, 0}, new int[] {1, 1},
                new int[] {0, 0});
        cores.add(new io.dendra.ir.CoreImage(2, 0, 1, 0, 0, HandBuiltImages.silent("sink", 1, 2), sink, HandBuiltImages.noRoutes(1)));
        ChipImage image = new ChipImage("contention", "loihi1", io.dendra.targets.TargetPrinter.text(LOIHI1), 24, 0, LOIHI1.formats().accumulation(), 1, cores,
                new io.dendra.ir.InputMap(1, true, 0, new int[] {0, 0}, new int[0], new int[0]),
                new io.dendra.ir.OutputMap(io.dendra.ir.OutputMap.Kind.STREAM, 1, new int[] {0}, new int[] {0}, new double[] {1}, new double[] {0}),
                List.of(new io.dendra.ir.LayerMapping("source0", NeuronProgram.LIF, 1, List.of(0), 1),
                        new io.dendra.ir.LayerMapping("source1", NeuronProgram.LIF, 1, List.of(1), 1),
                        new io.dendra.ir.LayerMapping("sink", NeuronProgram.LIF, 1, List.of(2), 2)), 1);
        Counters c = new ChipSimulator(image, LOIHI1).run(new double[5], 5, false).counters();
        assertEquals(10, c.messages());
        assertEquals(5, c.linkWaitCycles(), "one cycle of wait per step");
    }

    @Test
    void simulatorComputesExactlyWhatTheImageDefines() {
        ChipImage image = HandBuiltImages.fanOut("loihi1", new int[][] {{1, 1}}, new int[] {3});
        double[] input = new double[20];
        assertArrayEquals(new ImageExecutor(image).run(input, 20, null), new ChipSimulator(image, LOIHI1).run(input, 20, false).output());
    }

    /**
     * Host input through synapses of delays 0, 1, 2: a spike sent at step t reaches its target 1 +
     * delay steps later (docs/neuron-programs.md), so input spikes at steps 0 and 4 make neuron d fire
     * at steps 1 + d and 5 + d; the output, streamed from step 1, has neuron d's spikes at rows d and
     * 4 + d. Two input spikes, each one host message and three synaptic ops.
     */
    @Test
    void hostInputThroughMixedDelaysArrivesWhenEachDelaySays() {
        ChipImage image = HandBuiltImages.inputThroughDelays("loihi1");
        double[] input = new double[8];
        input[0] = 1;
        input[4] = 1;
        double[] expected = new double[8 * 3];
        for (int d = 0; d < 3; d++) {
            expected[d * 3 + d] = 1;
            expected[(4 + d) * 3 + d] = 1;
        }
        SampleResult run = new ChipSimulator(image, LOIHI1).run(input, 8, false);
        assertArrayEquals(expected, run.output());
        assertArrayEquals(expected, new ImageExecutor(image).run(input, 8, null));
        assertEquals(2, run.counters().hostMessages());
        assertEquals(6, run.counters().synopsBinary());
        assertEquals(6, run.counters().fired());
    }

    /**
     * Chips lie side by side east-west and a chip boundary is one crossing instead of a hop: from
     * tile (0, 0) of chip 0 to tile (2, 0) of chip 1 is 7 east-west hops on chip 0 (to its last
     * column), one crossing, then 2 hops on chip 1 — 9 hops and a crossing per message.
     */
    @Test
    void aMessageToTheNextChipCrossesOnceAndHopsTheRest() {
        ChipImage image = HandBuiltImages.acrossChips("loihi1", 2, 4);
        int columns = LOIHI1.mesh().columns();
        ChipSimulator sim = new ChipSimulator(image, LOIHI1);
        Counters c = sim.run(new double[10], 10, false).counters();
        assertEquals(10, c.messages());
        assertEquals(10, c.chipCrossings());
        assertEquals(10L * (columns - 1 + 2), c.hopsEastWest());
        assertEquals(0, c.hopsNorthSouth());
        assertEquals(40, c.synopsBinary());
        assertEquals(10 * LOIHI1.cost(Event.CHIP_CROSSING).energyPj(), new EnergyModel(sim).total(c).chipLinks(), 1e-9);
    }

    @Test
    void stepTimeIsTheSlowestCorePlusTheBarrier() {
        // One source spike per step to a sink one tile east: the sink's fan-out ends after the message's
        // trip, so a step = neuron update (81 pJ class: 8.4 ns) + message out (0) + within tile (2.1 ns)
        // + one E-W hop (4.1 ns) + 1 synaptic op (3.5 ns) + barrier over 2 tiles.
        ChipImage image = HandBuiltImages.fanOut("loihi1", new int[][] {{1, 0}}, new int[] {1});
        ChipSimulator sim = new ChipSimulator(image, LOIHI1);
        long[] steps = sim.run(new double[4], 4, false).stepFs();
        double barrier = LOIHI1.barrier().timeNs(2);
        double expected = 8.4 + 2.1 + 4.1 + LOIHI1.cost(Event.SYNOP).timeNs() + barrier;
        assertEquals(expected, steps[2] / 1e6, 1e-6);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** One lif neuron driven by random input spikes through a weight of 37·2^2, against DESIGN §3 written out again. */
    @Test
    void singleLifNeuronFollowsTheDesignEquationsBitForBit() {
        int[] params = {1500, 700, -3, 2, 40};
        io.dendra.ir.NeuronBlock block = new io.dendra.ir.NeuronBlock(NeuronProgram.LIF, "lif", 0, 1, 0, 1, params);
        io.dendra.ir.SynapseTable synapse = new io.dendra.ir.SynapseTable(new int[] {0, 1}, new int[] {2}, new int[] {0}, new int[] {37}, new int[] {0});
        ChipImage image = new ChipImage("one", "loihi1", io.dendra.targets.TargetPrinter.text(LOIHI1), 24, 0, LOIHI1.formats().accumulation(), 1,
                List.of(new io.dendra.ir.CoreImage(0, 0, 0, 0, 0, block, synapse, HandBuiltImages.noRoutes(1))),
                new io.dendra.ir.InputMap(1, true, 0, new int[] {0, 1}, new int[] {0}, new int[] {0}),
                new io.dendra.ir.OutputMap(io.dendra.ir.OutputMap.Kind.STREAM, 1, new int[] {0}, new int[] {0}, new double[] {1}, new double[] {0}),
                List.of(new io.dendra.ir.LayerMapping("lif", NeuronProgram.LIF, 1, List.of(0), 1)), 1);
        int steps = 5000;
        double[] input = new double[steps];
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        for (int t = 0; t < steps; t++) input[t] = random.nextDouble() < 0.3 ? 1 : 0;
        double[] chip = new ChipSimulator(image, LOIHI1).run(input, steps, false).output();
        long u = 0;
        long v = 0;
        for (int t = 0; t < steps; t++) {
            long aIn = input[t] != 0 ? 37L << 2 : 0;
            long bias = -3L << 2;
            long p = u * (4096 - 1501);
            u = (p < 0 ? -((-p) >> 12) : p >> 12) + (aIn << 6);
            if (u > (1 << 23)) u -= 1 << 24;
            else if (u <= -(1 << 23)) u += 1 << 24;
            long q = v * (4096 - 700);
            v = (q < 0 ? -((-q) >> 12) : q >> 12) + u + bias;
            v = Math.max(-(1 << 23) + 1, Math.min((1 << 23) - 1, v));
            boolean spike = v > 40 << 6;
            if (spike) v = 0;
            assertEquals(spike ? 1.0 : 0.0, chip[t], "step " + t);
        }
    }

    /**
     * A core of more than 65,536 accumulators keeps its synapses unpacked (a packed synapse names
     * at most 65,536 targets): input spikes at steps 0 and 2 reach neurons 0, 65,535, 65,536 and
     * 69,999, which each fire one step later (input at τ arrives at τ + 1), as the executor says.
     */
    @Test
    void aCoreTooWideForPackedSynapsesGivesTheExecutorsRun() {
        ChipImage image = HandBuiltImages.wideCore(70_000);
        double[] input = {1, 0, 1, 0, 0};
        double[] chip = new ChipSimulator(image, LOIHI1).run(input, 5, false).output();
        assertArrayEquals(new ImageExecutor(image).run(input, 5, null), chip);
        double[] expected = new double[5 * 4];
        for (int o = 0; o < 4; o++) {
            expected[0 * 4 + o] = 1;
            expected[2 * 4 + o] = 1;
        }
        assertArrayEquals(expected, chip);
    }

    /**
     * A dense row (its weights laid out over neurons 2..21, zero at the two it lacks; eight at a
     * time when the JVM has the Vector API): input u at step t reaches neuron 2 + k at t + 1 as
     * round(u · 2^8) · (k − 7), which the sum neuron sends on; neurons 0, 1, 7, 14, 22 and 23 get
     * nothing. As the executor computes it too; its synaptic ops are the row's 18 synapses.
     */
    @Test
    void aDenseRowAddsEachWeightToItsAccumulator() {
        ChipImage image = HandBuiltImages.denseRow();
        Target loihi2 = io.dendra.targets.Targets.builtIn("loihi2");
        double[] input = {1.5, -0.25, 0, 3};
        SampleResult run = new ChipSimulator(image, loihi2).run(input, 4, false);
        double[] chip = run.output();
        assertArrayEquals(new ImageExecutor(image).run(input, 4, null), chip);
        assertEquals(3 * 18, run.counters().synopsGraded(), "three non-zero inputs, 18 synapses each");
        for (int t = 0; t < 4; t++) {
            long payload = Math.round(input[t] * 256);
            for (int i = 0; i < 24; i++) {
                int k = i - 2;
                double expected = k >= 0 && k < 20 && k != 5 && k != 12 ? payload * (k - 7) : 0;
                assertEquals(expected, chip[t * 24 + i], "step " + t + " neuron " + i);
            }
        }
    }

    /**
     * A thread's workspace is reused from sample to sample: a sample run after another (which left
     * messages in flight in its accumulators) gives the same output, step times and counts as the same
     * sample on a new simulator, and a batch on 3 threads gives the same as on 1.
     */
    @Test
    void aReusedWorkspaceAndMoreThreadsGiveTheSameRun() {
        ChipImage image = HandBuiltImages.fanOut("loihi1", new int[][] {{2, 0}, {0, 1}, {3, 2}, {1, 1}, {5, 3}}, new int[] {5, 7, 11, 3, 9});
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        java.util.List<double[]> samples = new java.util.ArrayList<>();
        for (int s = 0; s < 7; s++) {
            double[] x = new double[40 * image.input().channels()];
            for (int i = 0; i < x.length; i++) x[i] = random.nextInt(3) == 0 ? 1 : 0;
            samples.add(x);
        }
        ChipSimulator sim = new ChipSimulator(image, LOIHI1);
        sim.run(samples.get(0), 40, true);
        SampleResult reused = sim.run(samples.get(1), 40, true);
        SampleResult fresh = new ChipSimulator(image, LOIHI1).run(samples.get(1), 40, true);
        assertArrayEquals(fresh.output(), reused.output());
        assertArrayEquals(fresh.stepFs(), reused.stepFs());
        assertEquals(fresh.counters().synopsBinary(), reused.counters().synopsBinary());
        assertEquals(fresh.counters().messages(), reused.counters().messages());
        assertTrue(fresh.counters().synopsBinary() > 0);
        Simulation.Result one = Simulation.run(image, LOIHI1, samples, 40, 1, false, null);
        Simulation.Result three = Simulation.run(image, LOIHI1, samples, 40, 3, false, null);
        for (int s = 0; s < samples.size(); s++) assertArrayEquals(one.outputs().get(s), three.outputs().get(s));
        assertEquals(one.counters().synopsBinary(), three.counters().synopsBinary());
        assertEquals(one.counters().linkWaitCycles(), three.counters().linkWaitCycles());
        assertEquals(one.counters().stepFsTotal, three.counters().stepFsTotal);
    }
}
