package io.dendra.compiler.lowering;

import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.SparseMatrix;

/**
 * A value that is not yet something the chip sends: it waits for the layer it fuses with (an S4D
 * for its LIF soma, a mean over time for its decoder). Its pattern says what may follow it.
 */
public interface Waiting extends Lowered {
    /**
     * {@code reader} reads this value (made by {@code producer}) as an affine map, which it cannot
     * be: reports why and returns what the walk goes on with, as if it had mapped.
     */
    Pending misread(LoweringContext context, Node producer, Node reader);

    /** This value followed by the affine map {@code x ↦ l·x + c}, or null when a map cannot follow it. */
    default Lowered then(SparseMatrix l, double[] c) {
        return null;
    }

    /** This value as the network's output (the graph's output node {@code output}). */
    LoweredOutput asOutput(LoweringContext context, Node output);
}
