package io.dendra.ir;

import java.util.List;

/** Small chip images built by hand for tests. */
final class TinyImages {
    private TinyImages() {}

    /**
     * One input channel (payload scale 0) into a sum neuron (bias 0, weight 1) with a synaptic
     * delay, then a readout neuron: the mean of the input, read from step 3 + delay.
     */
    static ChipImage sumThenReadout(int delay) {
        NeuronBlock sum = new NeuronBlock(NeuronProgram.SUM, "sum", 0, 1, 0, 1, new int[] {0});
        SynapseTable sumSynapses = new SynapseTable(new int[] {0, 1}, new int[] {0}, new int[] {0}, new int[] {1}, new int[] {delay});
        RouteTable sumRoutes = new RouteTable(new int[] {0, 1}, new int[] {1}, new int[] {0});
        NeuronBlock readout = new NeuronBlock(NeuronProgram.READOUT, "readout", 0, 1, 0, 2 + delay, new int[0]);
        SynapseTable readoutSynapses = new SynapseTable(new int[] {0, 1}, new int[] {0}, new int[] {0}, new int[] {1}, new int[] {0});
        RouteTable readoutRoutes = new RouteTable(new int[] {0, 0}, new int[0], new int[0]);
        InputMap input = new InputMap(1, false, 0, new int[] {0, 1}, new int[] {0}, new int[] {0});
        OutputMap output = new OutputMap(OutputMap.Kind.READOUT, 2 + delay, new int[] {1}, new int[] {0}, new double[] {1}, new double[] {0.5});
        return new ChipImage("tiny", "loihi2", "target loihi2 { }", 24, 24, Accumulation.ROUND_HALF_UP, 1,
                List.of(new CoreImage(0, 0, 0, 0, 0, sum, sumSynapses, sumRoutes), new CoreImage(1, 0, 1, 0, 0, readout, readoutSynapses, readoutRoutes)),
                input, output, List.of(new LayerMapping("sum", NeuronProgram.SUM, 1, List.of(0), 1), new LayerMapping("readout", NeuronProgram.READOUT, 1, List.of(1), 1)),
                2 + delay);
    }
}
