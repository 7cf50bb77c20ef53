package io.dendra.compiler.programs;

import io.dendra.compiler.graph.DiscreteSsms;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.mapping.WarmUp;
import io.dendra.compiler.network.LogicalBlock;
import java.util.Map;

/**
 * What the compiler knows of one neuron program beyond its lowering pattern: how it is quantized,
 * what calibration measures for it, and how its warm-up is made exact. One implementation per
 * program, in the program's package under {@code compiler/programs}, listed in
 * {@link ProgramCompilers}.
 */
public interface ProgramCompiler {
    /**
     * The fraction bits compartment {@code compartment} of {@code block} may have by its own range
     * alone, before weights are considered: by default, what holds its calibrated input in the state width.
     */
    default int inputCap(FixedPointChoices choices, LogicalBlock block, int compartment) {
        return FixedPointChoices.fit(choices.calibration().inputMax(block, compartment), choices.stateBits());
    }

    /**
     * Whether the block's words come from the model file as integers (a NetX layer): its inputs and
     * messages are then whole numbers, 0 fraction bits, and nothing is chosen for it.
     */
    default boolean givenIntegers() {
        return false;
    }

    /** The block's input formats and integer parameters, from the calibrated ranges. */
    ProgramParams quantize(FixedPointChoices choices, LogicalBlock block);

    /**
     * What calibration measures for this program on one sequence, beyond every block's input and
     * output ranges (merged over sequences by element-wise maximum; read back with
     * {@link io.dendra.compiler.passes.Calibration#programRanges}): {@code input} is what each
     * compartment receives per step, {@code values} the reference's value of every graph node.
     */
    default double[] measure(LogicalBlock block, double[][] input, Map<Node, double[]> values, int steps, DiscreteSsms ssms) {
        return new double[0];
    }

    /**
     * How a block whose first input arrives after {@code warmUpSteps} steps of updates is made exact
     * by its state: the initial state to use, or why there is none. Null (the default) when the
     * program adds its bias to its input, which then moves into host bias messages ({@link WarmUp}).
     */
    default WarmUp.StateResult warmUpState(int count, int[] params, int[] initialState, int warmUpSteps) {
        return null;
    }
}
