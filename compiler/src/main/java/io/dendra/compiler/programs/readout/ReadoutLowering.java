package io.dendra.compiler.programs.readout;

import io.dendra.compiler.graph.AddNode;
import io.dendra.compiler.graph.MeanTimeNode;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.SparseMatrix;
import io.dendra.compiler.lowering.Lowered;
import io.dendra.compiler.lowering.LoweredOutput;
import io.dendra.compiler.lowering.LoweringContext;
import io.dendra.compiler.lowering.Pending;
import io.dendra.compiler.lowering.Waiting;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.compiler.network.RefusedValue;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.ir.NeuronProgram;
import io.dendra.ir.OutputMap;

/**
 * A mean over time followed by a linear decoder becomes {@code readout} neurons: the decoder's map
 * composes into the mean's, and the readout sums it over the sequence for the host to read.
 */
public final class ReadoutLowering {
    /** A mean over time of an affine map, waiting to be the output; linear maps after it compose into it. */
    record Mean(Pending inner) implements Waiting {
        @Override
        public Lowered then(SparseMatrix l, double[] c) {
            return new Mean(inner.then(l, c));
        }

        @Override
        public Pending misread(LoweringContext context, Node producer, Node reader) {
            if (reader instanceof AddNode) {
                context.refuse(ErrorCode.NOT_LOWERABLE, reader, "layer " + reader.name() + ": additions after mean_time are not lowered", null);
            } else {
                context.refuse(ErrorCode.NOT_LOWERABLE, producer, "layer " + producer.name() + ": only a linear decoder may follow mean_time on a chip", null);
            }
            return Pending.identity(new RefusedValue(inner.rows(), 0, true, producer));
        }

        @Override
        public LoweredOutput asOutput(LoweringContext context, Node output) {
            context.requireProgram(NeuronProgram.READOUT, output, "readout neurons");
            LogicalBlock readout = context.block(output.name(), NeuronProgram.READOUT, inner.rows(), 0, new double[inner.rows()], null, null, inner.source(),
                    inner.rows() * (long) inner.source().width(), output, new double[0]);
            readout.connect(inner.connection(0, 0));
            return new LoweredOutput(OutputMap.Kind.READOUT, readout, inner.bias());
        }
    }

    private ReadoutLowering() {}

    /** What {@code node} lowers to. */
    public static Lowered lower(MeanTimeNode node, LoweringContext context) {
        return new Mean(context.pending(node.input(), node));
    }
}
