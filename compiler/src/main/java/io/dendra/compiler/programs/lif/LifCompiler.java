package io.dendra.compiler.programs.lif;

import io.dendra.compiler.graph.DiscreteSsms;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.mapping.WarmUp;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.compiler.programs.FixedPointChoices;
import io.dendra.compiler.programs.ProgramCompiler;
import io.dendra.compiler.programs.ProgramParams;
import io.dendra.ir.FixedPoint;
import io.dendra.ir.NeuronProgram;
import io.dendra.ir.programs.lif.Lif;
import java.util.Map;

/**
 * LIF layers on the Loihi {@code lif}: du sets the current's decay (du = 4095 makes u this step's
 * input), dv the potential's tau = (4096 − dv)/4096, v has {@code fv} fraction bits and the input
 * a_in six fewer (u = a_in·64), and the threshold becomes vth = ⌊(θ·2^fv − 1)/64⌋, so that
 * v > vth·64 holds whenever v ≥ θ: a potential exactly at the threshold spikes as in the model; one
 * less than 64 LSB below it may spike too. Calibration measures how far u and v reach; the warm-up
 * is made exact by an initial state ({@link LifWarmUp}), since the lif adds its bias to v, not to its input.
 */
public final class LifCompiler implements ProgramCompiler {
    @Override
    public int inputCap(FixedPointChoices q, LogicalBlock b, int compartment) {
        return voltageCap(q, b) - 6;
    }

    /**
     * The largest |u| or |v| of a lif block as the chip computes it in real numbers (one value): u
     * starts at the block's initial current, u ← α·u + a (the input without the bias), v ← τ·v + u + bias.
     */
    @Override
    public double[] measure(LogicalBlock block, double[][] input, Map<Node, double[]> values, int steps, DiscreteSsms ssms) {
        double[] pre = input[0];
        int n = block.count();
        double alpha = block.lif().currentDecay();
        double tau = block.lif().tau();
        double max = 0;
        double[] initialCurrent = block.initialCurrent();
        for (int i = 0; i < n; i++) {
            double bias = block.bias(i, 0);
            double u = initialCurrent.length == 0 ? 0 : initialCurrent[i];
            double v = 0;
            for (int t = 0; t < steps; t++) {
                u = alpha * u + pre[t * n + i] - bias;
                v = tau * v + u + bias;
                max = Math.max(max, Math.max(Math.abs(u), Math.abs(v)));
                if (block.lif().fires(v)) v = 0;
            }
        }
        return new double[] {max};
    }

    @Override
    public ProgramParams quantize(FixedPointChoices q, LogicalBlock b) {
        int fv = Math.min(voltageCap(q, b), q.weightLimit(b, 0) + 6);
        int[] params = new int[b.count() * Lif.PARAMS];
        int dv = (int) Math.max(0, Math.min(4095, Math.round(4096 * (1 - b.lif().tau()))));
        // u decays by (4096 − (du + 1)) / 4096: du = 4095 clears it each step (no current)
        int du = (int) Math.max(0, Math.min(4095, Math.round(4096 * (1 - b.lif().currentDecay())) - 1));
        // v > vth·64 is the model's v > θ (strict, NIR) when vth = ⌊θ·2^fv/64⌋, and its v >= θ when vth = ⌊(θ·2^fv − 1)/64⌋.
        long thetaQ = Math.round(Math.scalb(b.lif().threshold(), fv));
        long vth = Math.floorDiv(b.lif().strict() ? thetaQ : thetaQ - 1, 64);
        double err = Math.abs((4096 - dv) / 4096.0 - b.lif().tau());
        int mantissaMax = q.target().formats().lifBiasMantissaMax();
        int maxExp = q.target().formats().lifBiasExponent().max();
        int clipped = 0;
        for (int i = 0; i < b.count(); i++) {
            int p = i * Lif.PARAMS;
            params[p + Lif.DU] = du;
            params[p + Lif.DV] = dv;
            long[] mantExp = bias(q, Math.scalb(b.bias(i, 0), fv));
            if (mantExp == null) {
                clipped++;
                double limit = Math.scalb((double) mantissaMax, maxExp);
                mantExp = bias(q, Math.copySign(limit, b.bias(i, 0)));
            }
            params[p + Lif.BIAS_MANT] = (int) mantExp[0];
            params[p + Lif.BIAS_EXP] = (int) mantExp[1];
            params[p + Lif.VTH] = (int) Math.max(0, Math.min((1 << 17) - 1, vth));
        }
        if (clipped > 0) {
            q.note("layer " + b.name() + ": the bias of " + clipped + " neuron(s) is beyond " + q.target().name() + "'s lif bias ("
                    + q.target().formats().lifBiasMantissaBits() + "-bit mantissa, exponent " + q.target().formats().lifBiasExponent()
                    + ") and was clipped to " + mantissaMax + " << " + maxExp);
        }
        int[] state = new int[0];
        double[] initialCurrent = b.initialCurrent();
        if (initialCurrent.length > 0) {
            state = new int[b.count() * NeuronProgram.LIF.stateWords(0)];
            for (int i = 0; i < b.count(); i++) state[2 * i] = (int) Math.max(-(1L << 23) + 1, Math.min((1L << 23), Math.round(Math.scalb(initialCurrent[i], fv))));
        }
        return new ProgramParams(new int[] {fv - 6}, params, state, err / Math.max(b.lif().tau(), 1e-9));
    }

    @Override
    public WarmUp.StateResult warmUpState(int count, int[] params, int[] initialState, int warmUpSteps) {
        return LifWarmUp.initialState(count, params, initialState, warmUpSteps);
    }

    /**
     * A lif bias as mantissa and exponent of the target's fields: the smallest exponent in its
     * range whose mantissa (rounded) fits, so that the bias keeps every bit it can; null when even
     * the largest exponent cannot hold it.
     */
    private static long[] bias(FixedPointChoices q, double bias) {
        int mantissaMax = q.target().formats().lifBiasMantissaMax();
        for (int exp = q.target().formats().lifBiasExponent().min(); exp <= q.target().formats().lifBiasExponent().max(); exp++) {
            long mant = Math.round(Math.scalb(bias, -exp));
            if (Math.abs(mant) <= mantissaMax) return new long[] {mant, exp};
        }
        return null;
    }

    /**
     * The voltage's fraction bits: room in 24 bits for u and v — the bound input/((1 − τ)(1 − α)), or
     * four times what they reached on the calibration sequences when that is smaller (an IF, τ = 1,
     * has no bound) — and a threshold vth that fits in 17 bits.
     */
    private static int voltageCap(FixedPointChoices q, LogicalBlock b) {
        double bound = q.calibration().inputMax(b, 0) / Math.max(1e-9, 1 - b.lif().tau()) / Math.max(1e-9, 1 - b.lif().currentDecay());
        double[] reached = q.calibration().programRanges(b);
        double reach = Math.min(bound, 4 * (reached.length == 0 ? 0 : reached[0]));
        int fv = FixedPointChoices.fit(Math.max(reach, Math.abs(b.lif().threshold())), 24);
        return Math.min(fv, 17 + 6 - 1 - FixedPoint.ceilLog2(Math.max(Math.abs(b.lif().threshold()), 1e-9)));
    }
}
