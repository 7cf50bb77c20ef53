package io.dendra.compiler.programs.threshold;

import io.dendra.compiler.graph.ThresholdNode;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.compiler.programs.FixedPointChoices;
import io.dendra.compiler.programs.ProgramCompiler;
import io.dendra.compiler.programs.ProgramParams;
import io.dendra.ir.programs.threshold.Threshold;

/**
 * {@code threshold}: the input in the format its range and weights allow; theta = ⌊θ·2^f⌋, so that
 * the chip's {@code in > theta} is the model's {@code x > θ} for every input the format represents
 * (an input is a whole number of LSBs: it exceeds θ exactly when it exceeds ⌊θ·2^f⌋ LSBs).
 */
public final class ThresholdCompiler implements ProgramCompiler {
    @Override
    public ProgramParams quantize(FixedPointChoices q, LogicalBlock b) {
        double[] theta = ((ThresholdNode) b.valueNode()).threshold();
        int f = Math.min(FixedPointChoices.fit(Math.max(q.calibration().inputMax(b, 0), maxAbs(theta)), q.stateBits()), q.weightLimit(b, 0));
        int[] params = new int[b.count() * Threshold.PARAMS];
        for (int i = 0; i < b.count(); i++) {
            params[i * Threshold.PARAMS + Threshold.BIAS] = FixedPointChoices.toInt(Math.round(Math.scalb(b.bias(i, 0), f)));
            params[i * Threshold.PARAMS + Threshold.THETA] = FixedPointChoices.toInt((long) Math.floor(Math.scalb(theta[i], f)));
        }
        return new ProgramParams(new int[] {f}, params, new int[0], 0);
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) max = Math.max(max, Math.abs(v));
        return max;
    }
}
