package io.dendra.compiler.programs;

import io.dendra.compiler.graph.IntegerNeuronNode;
import io.dendra.compiler.mapping.WarmUp;
import io.dendra.compiler.network.LogicalBlock;

/**
 * The compiler side of the programs a model file gives in integers (NetX layers: {@code cuba},
 * {@code delta}, {@code sigma_delta}, {@code sigma}): nothing to choose. The block's words are the
 * layer's ({@link IntegerNeuronNode}), its inputs and messages are whole numbers (0 fraction bits),
 * calibration measures nothing for it, and it starts with its input, so it has no warm-up to make
 * exact; a block of these that had one would be told so.
 */
public final class GivenIntegers implements ProgramCompiler {
    @Override
    public boolean givenIntegers() {
        return true;
    }

    @Override
    public int inputCap(FixedPointChoices choices, LogicalBlock block, int compartment) {
        return 0;
    }

    @Override
    public ProgramParams quantize(FixedPointChoices q, LogicalBlock b) {
        IntegerNeuronNode n = (IntegerNeuronNode) b.valueNode();
        return new ProgramParams(new int[b.compartments()], n.params(), n.initialState(), 0);
    }

    @Override
    public WarmUp.StateResult warmUpState(int count, int[] params, int[] initialState, int warmUpSteps) {
        return new WarmUp.StateResult(initialState, "a NetX layer's state is Lava's from its first step; it has no warm-up rule");
    }
}
