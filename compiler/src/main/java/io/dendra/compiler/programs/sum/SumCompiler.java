package io.dendra.compiler.programs.sum;

import io.dendra.compiler.network.LogicalBlock;
import io.dendra.compiler.programs.FixedPointChoices;
import io.dendra.compiler.programs.ProgramCompiler;
import io.dendra.compiler.programs.ProgramParams;

/**
 * {@code sum}: its payload is its input, so input and output share one format — the payload's
 * range, narrowed to what its largest incoming weight allows; the bias in that format.
 */
public final class SumCompiler implements ProgramCompiler {
    @Override
    public int inputCap(FixedPointChoices q, LogicalBlock b, int compartment) {
        return FixedPointChoices.fit(q.calibration().outputMax(b), q.payloadBits());
    }

    @Override
    public ProgramParams quantize(FixedPointChoices q, LogicalBlock b) {
        int fraction = Math.min(q.outputFraction(b), q.weightLimit(b, 0));
        q.narrowOutputFraction(b, fraction);
        int[] params = new int[b.count()];
        double err = 0;
        double largest = 0;
        for (int i = 0; i < b.count(); i++) {
            params[i] = FixedPointChoices.toInt(Math.round(Math.scalb(b.bias(i, 0), fraction)));
            err = Math.max(err, Math.abs(Math.scalb(params[i], -fraction) - b.bias(i, 0)));
            largest = Math.max(largest, Math.abs(b.bias(i, 0)));
        }
        return new ProgramParams(new int[] {fraction}, params, new int[0], err / Math.max(1e-300, largest));
    }
}
