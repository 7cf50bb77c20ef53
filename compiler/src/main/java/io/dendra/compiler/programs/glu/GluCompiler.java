package io.dendra.compiler.programs.glu;

import io.dendra.compiler.network.LogicalBlock;
import io.dendra.compiler.programs.FixedPointChoices;
import io.dendra.compiler.programs.ProgramCompiler;
import io.dendra.compiler.programs.ProgramParams;
import io.dendra.ir.programs.glu.Glu;
import io.dendra.ir.programs.glu.Sigmoid;

/**
 * {@code glu}: a and g each in the format its range and weights allow; {@code shift_g} brings g to
 * the sigmoid table's argument units, {@code shift_out} the Q16 product a·σ(g) to the payload's.
 */
public final class GluCompiler implements ProgramCompiler {
    @Override
    public ProgramParams quantize(FixedPointChoices q, LogicalBlock b) {
        int[] fraction = new int[2];
        for (int c = 0; c < 2; c++) fraction[c] = Math.min(inputCap(q, b, c), q.weightLimit(b, c));
        int[] params = new int[b.count() * Glu.PARAMS];
        for (int i = 0; i < b.count(); i++) {
            params[i * Glu.PARAMS + Glu.BIAS_A] = FixedPointChoices.toInt(Math.round(Math.scalb(b.bias(i, 0), fraction[0])));
            params[i * Glu.PARAMS + Glu.BIAS_G] = FixedPointChoices.toInt(Math.round(Math.scalb(b.bias(i, 1), fraction[1])));
            params[i * Glu.PARAMS + Glu.SHIFT_G] = fraction[1] - Sigmoid.ARGUMENT_BITS;
            params[i * Glu.PARAMS + Glu.SHIFT_OUT] = Sigmoid.FRACTION_BITS + fraction[0] - q.outputFraction(b);
        }
        return new ProgramParams(fraction, params, new int[0], 0);
    }
}
