package io.dendra.compiler.programs;

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
    private static final ProgramCompiler GIVEN = new GivenIntegers();
    private static final Map<NeuronProgram, ProgramCompiler> BY_PROGRAM = index(Map.ofEntries(
            Map.entry(NeuronProgram.LIF, new LifCompiler()),
            Map.entry(NeuronProgram.SSM, new SsmCompiler()),
            Map.entry(NeuronProgram.GLU, new GluCompiler()),
            Map.entry(NeuronProgram.SUM, new SumCompiler()),
            Map.entry(NeuronProgram.READOUT, new ReadoutCompiler()),
            Map.entry(NeuronProgram.LI, new LiCompiler()),
            Map.entry(NeuronProgram.THRESHOLD, new ThresholdCompiler()),
            Map.entry(NeuronProgram.CUBA, GIVEN),
            Map.entry(NeuronProgram.DELTA, GIVEN),
            Map.entry(NeuronProgram.SIGMA_DELTA, GIVEN),
            Map.entry(NeuronProgram.SIGMA, GIVEN)));

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
