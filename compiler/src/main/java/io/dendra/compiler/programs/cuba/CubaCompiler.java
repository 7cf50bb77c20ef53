package io.dendra.compiler.programs.cuba;

import io.dendra.compiler.graph.CubaNode;
import io.dendra.compiler.mapping.WarmUp;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.compiler.programs.FixedPointChoices;
import io.dendra.compiler.programs.ProgramCompiler;
import io.dendra.compiler.programs.ProgramParams;
import io.dendra.ir.programs.cuba.Cuba;

/**
 * {@code cuba}: nothing to choose. A NetX layer carries its integers (du, dv, vth, bias mantissas
 * and exponent, reset interval) and takes whole-number inputs (0 fraction bits), so its words are
 * the file's and calibration measures nothing for it; each neuron's phase starts where Lava's reset
 * offset puts it ({@link Cuba#initialPhase}). NetX layers start with their input, so there is no
 * warm-up to make exact; a cuba block that had one would be told so.
 */
public final class CubaCompiler implements ProgramCompiler {
    @Override
    public int inputCap(FixedPointChoices choices, LogicalBlock block, int compartment) {
        return 0;
    }

    @Override
    public ProgramParams quantize(FixedPointChoices q, LogicalBlock b) {
        CubaNode n = (CubaNode) b.valueNode();
        int[] bias = n.biasMant();
        int[] params = new int[b.count() * Cuba.PARAMS];
        int[] state = new int[b.count() * Cuba.STATE];
        int phase = Cuba.initialPhase(n.resetInterval(), n.resetOffset());
        for (int i = 0; i < b.count(); i++) {
            int p = i * Cuba.PARAMS;
            params[p + Cuba.DU] = n.du();
            params[p + Cuba.DV] = n.dv();
            params[p + Cuba.BIAS_MANT] = bias[i];
            params[p + Cuba.BIAS_EXP] = n.biasExp();
            params[p + Cuba.VTH] = n.vth();
            params[p + Cuba.RESET_INTERVAL] = n.resetInterval();
            state[i * Cuba.STATE + Cuba.PHASE] = phase;
        }
        return new ProgramParams(new int[] {0}, params, phase == 0 ? new int[0] : state, 0);
    }

    @Override
    public WarmUp.StateResult warmUpState(int count, int[] params, int[] initialState, int warmUpSteps) {
        return new WarmUp.StateResult(initialState, "a NetX layer's state is Lava's from its first step; it has no warm-up rule");
    }
}
