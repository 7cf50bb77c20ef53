package io.dendra.compiler.programs.readout;

import io.dendra.compiler.network.LogicalBlock;
import io.dendra.compiler.programs.FixedPointChoices;
import io.dendra.compiler.programs.ProgramCompiler;
import io.dendra.compiler.programs.ProgramParams;

/** {@code readout}: no parameters; its input in the format its range and weights allow (the host scales the sum back). */
public final class ReadoutCompiler implements ProgramCompiler {
    @Override
    public ProgramParams quantize(FixedPointChoices q, LogicalBlock b) {
        return new ProgramParams(new int[] {Math.min(inputCap(q, b, 0), q.weightLimit(b, 0))}, new int[0], new int[0], 0);
    }
}
