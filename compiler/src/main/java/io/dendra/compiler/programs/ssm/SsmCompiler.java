package io.dendra.compiler.programs.ssm;

import io.dendra.compiler.graph.DiscreteSsms;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.S4dNode;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.compiler.programs.FixedPointChoices;
import io.dendra.compiler.programs.ProgramCompiler;
import io.dendra.compiler.programs.ProgramParams;
import io.dendra.ir.FixedPoint;
import io.dendra.ir.NeuronProgram;
import io.dendra.ir.programs.ssm.Ssm;
import java.util.Map;

/**
 * {@code ssm}: calibration runs each channel's float recurrence to measure its complex states and
 * its soma; quantization gives each channel's states their own scale and its soma its own, Ā in
 * Q(stateBits−1), and B̄, C and D as state-width mantissas with a per-channel shift that also
 * converts between the input, state and soma scales; C carries the factor 2 of 2·Re(C·s) and the
 * soma's input scale.
 */
public final class SsmCompiler implements ProgramCompiler {
    /** Per channel, the largest |re| or |im| of its states (the first {@code count} values), then of its soma potential or input. */
    @Override
    public double[] measure(LogicalBlock block, double[][] input, Map<Node, double[]> values, int steps, DiscreteSsms ssms) {
        double[] z = input[0];
        double[] s4dOutput = values.get(block.s4d());
        int h = block.count();
        int m = block.states();
        S4dNode.Discrete d = ssms.of(block.s4d());
        double[] ranges = new double[2 * h];
        for (int c = 0; c < h; c++) {
            for (int k = 0; k < m; k++) {
                int mode = c * m + k;
                double re = 0;
                double im = 0;
                for (int t = 0; t < steps; t++) {
                    double u = z[t * h + c];
                    double nextRe = d.abarRe()[mode] * re - d.abarIm()[mode] * im + d.bbarRe()[mode] * u;
                    double nextIm = d.abarRe()[mode] * im + d.abarIm()[mode] * re + d.bbarIm()[mode] * u;
                    re = nextRe;
                    im = nextIm;
                    ranges[c] = Math.max(ranges[c], Math.max(Math.abs(re), Math.abs(im)));
                }
            }
            double v = 0;
            double scale = block.lif().inputScale(c);
            for (int t = 0; t < steps; t++) {
                double y = s4dOutput[t * h + c] * scale;
                v = block.lif().tau() * v + y;
                ranges[h + c] = Math.max(ranges[h + c], Math.max(Math.abs(v), Math.abs(y)));
                if (block.lif().fires(v)) v = 0;
            }
        }
        return ranges;
    }

    @Override
    public ProgramParams quantize(FixedPointChoices q, LogicalBlock b) {
        int stateBits = q.stateBits();
        int fz = Math.min(inputCap(q, b, 0), q.weightLimit(b, 0));
        S4dNode s4d = b.s4d();
        S4dNode.Discrete d = q.calibration().discrete(s4d);
        double[] ranges = q.calibration().programRanges(b);
        int m = b.states();
        int per = NeuronProgram.SSM.paramsPerNeuron(m);
        int[] params = new int[b.count() * per];
        int shiftA = stateBits - 1;
        long coefMax = FixedPoint.maxMagnitude(stateBits);
        double worst = 0;
        for (int h = 0; h < b.count(); h++) {
            int fs = FixedPointChoices.fit(ranges[h], stateBits);
            int fv = FixedPointChoices.fit(Math.max(ranges[b.count() + h], Math.abs(b.lif().threshold())), stateBits);
            double scale = b.lif().inputScale(h);
            double[] bRe = new double[m];
            double[] bIm = new double[m];
            double[] cRe = new double[m];
            double[] cIm = new double[m];
            for (int n = 0; n < m; n++) {
                int k = h * m + n;
                bRe[n] = Math.scalb(d.bbarRe()[k], fs - fz);
                bIm[n] = Math.scalb(d.bbarIm()[k], fs - fz);
                cRe[n] = Math.scalb(2 * s4d.cRe(0, h, n) * scale, fv - fs);
                cIm[n] = Math.scalb(2 * s4d.cIm(0, h, n) * scale, fv - fs);
            }
            int shiftB = shiftFor(Math.max(maxAbs(bRe), maxAbs(bIm)), stateBits);
            int shiftC = shiftFor(Math.max(maxAbs(cRe), maxAbs(cIm)), stateBits);
            double dReal = Math.scalb(s4d.d(h) * scale, fv - fz);
            int shiftD = shiftFor(Math.abs(dReal), stateBits);
            int p = h * per;
            params[p + Ssm.STATES] = m;
            params[p + Ssm.SHIFT_A] = shiftA;
            params[p + Ssm.SHIFT_B] = shiftB;
            params[p + Ssm.SHIFT_C] = shiftC;
            params[p + Ssm.D] = FixedPointChoices.mantissa(dReal, shiftD, coefMax);
            params[p + Ssm.SHIFT_D] = shiftD;
            params[p + Ssm.BIAS] = FixedPointChoices.toInt(Math.round(Math.scalb(b.bias(h, 0), fz)));
            params[p + Ssm.TAU] = (int) Math.round(b.lif().tau() * (1 << Ssm.TAU_BITS));
            params[p + Ssm.THETA] = FixedPointChoices.toInt(Math.round(Math.scalb(b.lif().threshold(), fv)));
            double groupMax = 0;
            double groupErr = 0;
            for (int n = 0; n < m; n++) {
                int k = h * m + n;
                int c = p + Ssm.HEADER + Ssm.PER_STATE * n;
                params[c] = FixedPointChoices.mantissa(d.abarRe()[k], shiftA, coefMax);
                params[c + 1] = FixedPointChoices.mantissa(d.abarIm()[k], shiftA, coefMax);
                params[c + 2] = FixedPointChoices.mantissa(bRe[n], shiftB, coefMax);
                params[c + 3] = FixedPointChoices.mantissa(bIm[n], shiftB, coefMax);
                params[c + 4] = FixedPointChoices.mantissa(cRe[n], shiftC, coefMax);
                params[c + 5] = FixedPointChoices.mantissa(cIm[n], shiftC, coefMax);
                double[][] pairs = {{d.abarRe()[k], params[c], shiftA}, {d.abarIm()[k], params[c + 1], shiftA}, {bRe[n], params[c + 2], shiftB},
                        {bIm[n], params[c + 3], shiftB}, {cRe[n], params[c + 4], shiftC}, {cIm[n], params[c + 5], shiftC}};
                for (double[] pair : pairs) {
                    groupMax = Math.max(groupMax, Math.abs(pair[0]));
                    groupErr = Math.max(groupErr, Math.abs(Math.scalb(pair[1], -(int) pair[2]) - pair[0]));
                }
            }
            worst = Math.max(worst, groupErr / Math.max(groupMax, 1e-300));
        }
        return new ProgramParams(new int[] {fz}, params, new int[0], worst);
    }

    /** The shift that makes {@code max} the largest mantissa of the state width. */
    private static int shiftFor(double max, int stateBits) {
        if (!(max > 0)) return 0;
        return FixedPoint.floorLog2(FixedPoint.maxMagnitude(stateBits) / max);
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) max = Math.max(max, Math.abs(v));
        return max;
    }
}
