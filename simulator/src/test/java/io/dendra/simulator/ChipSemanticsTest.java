package io.dendra.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.dendra.ir.programs.lif.Lif;
import io.dendra.ir.Accumulation;
import io.dendra.ir.ChipImage;
import io.dendra.ir.CoreImage;
import io.dendra.ir.ImageExecutor;
import io.dendra.ir.InputMap;
import io.dendra.ir.LayerMapping;
import io.dendra.ir.NeuronBlock;
import io.dendra.ir.NeuronProgram;
import io.dendra.ir.OutputMap;
import io.dendra.ir.SynapseTable;
import io.dendra.targets.Target;
import io.dendra.targets.TargetPrinter;
import io.dendra.targets.Targets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chip's semantics in their smallest cases, with spike steps derived by hand. */
class ChipSemanticsTest {
    static final Target LOIHI1 = Targets.builtIn("loihi1");

    /**
     * Warm-up: every neuron updates at every step from the first, whatever its start step. A lif
     * with bias 1 << 6 (effective 64), vth 1 (threshold 64), du 4095, dv 0 and no input: v = 64 after
     * update 1 (not above 64), 128 after update 2 (spike, reset), and so on — spikes at updates 2, 4,
     * 6, 8, i.e. at output times t = step − 1 = 1, 3, 5, 7, although its start step is 2.
     */
    @Test
    void aBiasedNeuronIntegratesFromTheFirstStepWhateverItsStartStep() {
        int[] params = new int[Lif.PARAMS];
        params[Lif.DU] = 4095;
        params[Lif.DV] = 0;
        params[Lif.BIAS_MANT] = 1;
        params[Lif.BIAS_EXP] = 6;
        params[Lif.VTH] = 1;
        NeuronBlock block = new NeuronBlock(NeuronProgram.LIF, "late", 0, 1, 0, 2, params);
        ChipImage image = oneNeuron(block, SynapseTable.empty(), new InputMap(1, true, 0, new int[] {0, 0}, new int[0], new int[0]),
                Accumulation.FLOOR_PER_GROUP);
        double[] expected = {0, 1, 0, 1, 0, 1, 0, 1};
        assertArrayEquals(expected, new ChipSimulator(image, LOIHI1).run(new double[8], 8, false).output());
        assertArrayEquals(expected, new ImageExecutor(image).run(new double[8], 8, null));
    }

    /**
     * Negative exponents: one synapse of mantissa 1 at exponent −1 and a threshold of 0. A spike in
     * step 0 reaches the neuron at step 1 as 1 · 2^-1. Loihi (Lava's Dense) floors it to 0: u = 0,
     * v = 0, not above 0, no spike ever. Dendra's round_half_up reads 0.5 as 1: u = 64 > 0, a spike
     * at step 1 (t = 0) only.
     */
    @Test
    void floorPerGroupDropsWhatRoundHalfUpKeeps() {
        int[] params = new int[Lif.PARAMS];
        params[Lif.DU] = 4095;
        params[Lif.DV] = 4095;
        NeuronBlock block = new NeuronBlock(NeuronProgram.LIF, "lif", 0, 1, 0, 1, params);
        SynapseTable synapse = new SynapseTable(new int[] {0, 1}, new int[] {-1}, new int[] {0}, new int[] {1}, new int[] {0});
        InputMap input = new InputMap(1, true, 0, new int[] {0, 1}, new int[] {0}, new int[] {0});
        double[] spikeAtZero = {1, 0, 0, 0};
        ChipImage loihi = oneNeuron(block, synapse, input, Accumulation.FLOOR_PER_GROUP);
        assertArrayEquals(new double[4], new ChipSimulator(loihi, LOIHI1).run(spikeAtZero, 4, false).output());
        assertArrayEquals(new double[4], new ImageExecutor(loihi).run(spikeAtZero, 4, null));
        ChipImage rounding = oneNeuron(block, synapse, input, Accumulation.ROUND_HALF_UP);
        assertArrayEquals(new double[] {1, 0, 0, 0}, new ChipSimulator(rounding, LOIHI1).run(spikeAtZero, 4, false).output());
        assertArrayEquals(new double[] {1, 0, 0, 0}, new ImageExecutor(rounding).run(spikeAtZero, 4, null));
    }

    /**
     * Two groups into one neuron, each mantissa 1 at exponent −1, both spiking at step 0: Lava's two
     * Dense processes floor separately, 0 + 0, no spike; one group of two synapses sums first,
     * 2 · 2^-1 = 1, u = 64 > 0, a spike.
     */
    @Test
    void eachGroupIsFlooredOnItsOwn() {
        int[] params = new int[Lif.PARAMS];
        params[Lif.DU] = 4095;
        params[Lif.DV] = 4095;
        NeuronBlock block = new NeuronBlock(NeuronProgram.LIF, "lif", 0, 1, 0, 1, params);
        InputMap input = new InputMap(2, true, 0, new int[] {0, 1, 2}, new int[] {0, 0}, new int[] {0, 1});
        int[] start = {0, 1, 2};
        int[] exponent = {-1, -1};
        SynapseTable twoGroups = new SynapseTable(start, exponent, new int[] {0, 0}, new int[] {1, 1}, new int[] {0, 0}, new int[] {0, 1});
        SynapseTable oneGroup = new SynapseTable(start, exponent, new int[] {0, 0}, new int[] {1, 1}, new int[] {0, 0}, new int[] {0, 0});
        double[] both = {1, 1, 0, 0};
        assertArrayEquals(new double[2], new ChipSimulator(oneNeuron(block, twoGroups, input, Accumulation.FLOOR_PER_GROUP), LOIHI1).run(both, 2, false).output());
        assertArrayEquals(new double[] {1, 0}, new ChipSimulator(oneNeuron(block, oneGroup, input, Accumulation.FLOOR_PER_GROUP), LOIHI1).run(both, 2, false)
                .output());
    }

    private static ChipImage oneNeuron(NeuronBlock block, SynapseTable synapses, InputMap input, Accumulation accumulation) {
        return new ChipImage("one", "loihi1", TargetPrinter.text(LOIHI1), 24, 0, accumulation, 1,
                List.of(new CoreImage(0, 0, 0, 0, 0, block, synapses, HandBuiltImages.noRoutes(1))), input,
                new OutputMap(OutputMap.Kind.STREAM, 1, new int[] {0}, new int[] {0}, new double[] {1}, new double[] {0}),
                List.of(new LayerMapping(block.layer(), NeuronProgram.LIF, 1, List.of(0), 1)), 1);
    }
}
