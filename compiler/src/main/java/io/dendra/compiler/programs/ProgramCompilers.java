package io.dendra.compiler.programs;

import io.dendra.compiler.programs.cuba.CubaCompiler;
import io.dendra.compiler.programs.glu.GluCompiler;
import io.dendra.compiler.programs.li.LiCompiler;
import io.dendra.compiler.programs.lif.LifCompiler;
import io.dendra.compiler.programs.readout.ReadoutCompiler;
import io.dendra.compiler.programs.ssm.SsmCompiler;
import io.dendra.compiler.programs.sum.SumCompiler;
import io.dendra.compiler.programs.threshold.ThresholdCompiler;
import io.dendra.ir.NeuronProgram;
import java.util.EnumMap;
import java.util.Map;

/** The compiler side of every neuron program, one line each, found by the program it serves. */
public final class ProgramCompilers {
    private static final Map<NeuronProgram, ProgramCompiler> BY_PROGRAM = index(Map.of(
            NeuronProgram.LIF, new LifCompiler(),
            NeuronProgram.SSM, new SsmCompiler(),
            NeuronProgram.GLU, new GluCompiler(),
            NeuronProgram.SUM, new SumCompiler(),
            NeuronProgram.READOUT, new ReadoutCompiler(),
            NeuronProgram.LI, new LiCompiler(),
            NeuronProgram.THRESHOLD, new ThresholdCompiler(),
            NeuronProgram.CUBA, new CubaCompiler()));

    private ProgramCompilers() {}

    public static ProgramCompiler of(NeuronProgram program) {
        return BY_PROGRAM.get(program);
    }

    private static Map<NeuronProgram, ProgramCompiler> index(Map<NeuronProgram, ProgramCompiler> compilers) {
        Map<NeuronProgram, ProgramCompiler> map = new EnumMap<>(compilers);
        for (NeuronProgram p : NeuronProgram.values()) {
            if (!map.containsKey(p)) throw new IllegalStateException("no compiler for program " + p.id());
        }
        return map;
    }
}
