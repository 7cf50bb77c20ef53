package io.dendra.compiler.passes;

import static io.dendra.ir.programs.glu.Glu.BIAS_A;
import static io.dendra.ir.programs.glu.Glu.BIAS_G;
import static io.dendra.ir.programs.glu.Glu.PARAMS;
import static io.dendra.ir.programs.glu.Glu.SHIFT_G;
import static io.dendra.ir.programs.glu.Glu.SHIFT_OUT;

import io.dendra.compiler.graph.S4dNode;
import io.dendra.compiler.network.ChipValue;
import io.dendra.compiler.network.Connection;
import io.dendra.compiler.network.HostSource;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.compiler.network.LogicalNetwork;
import io.dendra.compiler.network.QuantizedBlock;
import io.dendra.compiler.network.QuantizedNetwork;
import io.dendra.compiler.network.QuantizedSynapses;
import io.dendra.ir.Accumulation;
import io.dendra.ir.FixedPoint;
import io.dendra.ir.NeuronProgram;
import io.dendra.ir.programs.glu.Sigmoid;
import io.dendra.ir.programs.lif.Lif;
import io.dendra.ir.programs.ssm.Ssm;
import io.dendra.targets.Target;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quantize pass: chooses every fixed-point scale from the calibrated ranges and turns each
 * block's real parameters and weights into the integers of its program and synapses
 * (docs/neuron-programs.md), returning a new {@link QuantizedNetwork}; the lowered network is not
 * changed. A value gets the most fraction bits that still hold twice its calibrated magnitude in its
 * width; a block's input gets no more than its largest incoming weight allows with the target's
 * weight bits and exponents. Weights get one exponent per source value (per synapse group on a
 * floor_per_group target), chosen over the whole layer, so that splitting a layer into cores does
 * not change what it computes. Records, per block, the worst error of a quantized coefficient
 * relative to the largest coefficient of its neuron, and of a weight relative to its axon's largest.
 */
public final class Quantization {
    /** Values may grow to this multiple of their calibrated maximum before they saturate. */
    static final double HEADROOM = 2.0;
    private static final int MIN_FRACTION = -24;
    private static final int MAX_FRACTION = 48;

    private final Target target;
    private final Calibration calibration;
    private final int stateBits;
    private final int payloadBits;
    /** Payload fraction bits of each graded source, set before the blocks that read them are quantized. */
    private final Map<ChipValue, Integer> outputFraction = new IdentityHashMap<>();
    /** What quantization had to clip, one line per layer, for the compile report. */
    private final List<String> notes = new ArrayList<>();

    /** One block's formats and integers while they are chosen. */
    private static final class Formats {
        int[] inputFraction;
        int[] params;
        int[] initialState = new int[0];
        double coefficientError;
    }

    private Quantization(Target target, Calibration calibration) {
        this.target = target;
        this.calibration = calibration;
        this.stateBits = target.formats().stateBits();
        this.payloadBits = target.formats().gradedPayloadBits().orElse(stateBits);
    }

    /** The network with every scale, parameter and weight as the target's integers. */
    public static QuantizedNetwork apply(LogicalNetwork network, Target target, Calibration calibration) {
        Quantization q = new Quantization(target, calibration);
        HostSource input = network.input();
        q.outputFraction.put(input, input.binary() ? 0 : q.sourceFraction(input, network));
        for (LogicalBlock block : network.blocks()) q.outputFraction.put(block, block.graded() ? q.sourceFraction(block, network) : 0);
        List<QuantizedBlock> blocks = new ArrayList<>();
        for (LogicalBlock block : network.blocks()) {
            Formats f = q.quantize(block);
            double[] weightError = new double[1];
            List<QuantizedSynapses> synapses = new ArrayList<>();
            for (List<Connection> group : block.axonGroups()) synapses.add(q.weights(block, f, group, weightError));
            blocks.add(new QuantizedBlock(block, f.inputFraction, q.outputFraction.get(block), f.params, f.initialState, synapses, f.coefficientError,
                    weightError[0]));
        }
        return new QuantizedNetwork(network, q.outputFraction.get(input), blocks, q.notes);
    }

    /**
     * One synapse group's weights in the block's input units, as a mantissa of the target's weight
     * bits times 2^exponent: on a round_half_up target each source value's exponent is set by its own
     * largest weight; on a floor_per_group target the group's values share one, set by the group's
     * largest weight, as one Lava Dense shares its weight_exp.
     */
    private QuantizedSynapses weights(LogicalBlock b, Formats f, List<Connection> group, double[] worst) {
        ChipValue source = group.get(0).source();
        int width = source.width();
        int mantissaMax = (1 << (target.core().weightBits().max() - 1)) - 1;
        double[] convert = new double[group.size()];
        for (int i = 0; i < group.size(); i++) {
            convert[i] = Math.scalb(1.0, f.inputFraction[group.get(i).compartment()] - outputFraction.get(source));
        }
        double[] axonMax = new double[width];
        double groupMax = 0;
        for (int i = 0; i < group.size(); i++) {
            Connection c = group.get(i);
            for (int k = 0; k < width; k++) {
                for (int e = c.start(k); e < c.end(k); e++) axonMax[k] = Math.max(axonMax[k], Math.abs(c.weightAt(e) * convert[i]));
            }
        }
        for (double m : axonMax) groupMax = Math.max(groupMax, m);
        boolean perGroup = target.formats().accumulation() == Accumulation.FLOOR_PER_GROUP;
        int[] exponent = new int[width];
        for (int k = 0; k < width; k++) exponent[k] = axonMax[k] == 0 ? 0 : exponentFor(perGroup ? groupMax : axonMax[k], mantissaMax);
        int[][] mantissa = new int[group.size()][];
        for (int i = 0; i < group.size(); i++) {
            Connection c = group.get(i);
            mantissa[i] = new int[c.entries()];
            for (int k = 0; k < width; k++) {
                for (int e = c.start(k); e < c.end(k); e++) {
                    double value = c.weightAt(e) * convert[i];
                    long m = Math.max(-mantissaMax, Math.min(mantissaMax, Math.round(Math.scalb(value, -exponent[k]))));
                    worst[0] = Math.max(worst[0], Math.abs(Math.scalb((double) m, exponent[k]) - value) / axonMax[k]);
                    mantissa[i][e] = (int) m;
                }
            }
        }
        return new QuantizedSynapses(source, group.get(0).delay(), group, exponent, mantissa);
    }

    /** The exponent that puts {@code max} at the top of the mantissa range, within the target's exponents. */
    private int exponentFor(double max, int mantissaMax) {
        int exponent = FixedPoint.ceilLog2(max / mantissaMax);
        return Math.max(target.core().weightExponent().min(), Math.min(target.core().weightExponent().max(), exponent));
    }

    /**
     * A graded source's payload fraction bits: as many as hold its calibrated range, but no more
     * than lets each consumer still express the source's largest weight to it with a full mantissa
     * at the smallest exponent — else fine payloads would turn into weights that round to zero.
     */
    private int sourceFraction(ChipValue source, LogicalNetwork network) {
        int f = fit(calibration.outputMax(source), payloadBits);
        double mantissaMax = (1 << (target.core().weightBits().max() - 1)) - 1;
        int minExponent = target.core().weightExponent().min();
        for (LogicalBlock consumer : network.blocks()) {
            for (Connection c : consumer.inputs()) {
                if (c.source() != source) continue;
                double max = c.maxAbsWeight();
                if (max == 0) continue;
                int slack = FixedPoint.floorLog2(max / (mantissaMax * Math.pow(2, minExponent)));
                f = Math.min(f, inputCap(consumer, c.compartment()) + slack);
            }
        }
        return f;
    }

    /** The fraction bits a block's input compartment may have by its own range alone, before weights are considered. */
    private int inputCap(LogicalBlock b, int compartment) {
        return switch (b.program()) {
            case SUM -> fit(calibration.outputMax(b), payloadBits);
            case LIF -> lifVoltageCap(b) - 6;
            default -> fit(calibration.inputMax(b, compartment), stateBits);
        };
    }

    private Formats quantize(LogicalBlock b) {
        Formats f = new Formats();
        f.inputFraction = new int[b.compartments()];
        switch (b.program()) {
            case SUM -> {
                int fraction = Math.min(outputFraction.get(b), weightLimit(b, 0));
                outputFraction.put(b, fraction);
                f.inputFraction[0] = fraction;
                int[] params = new int[b.count()];
                double err = 0;
                for (int i = 0; i < b.count(); i++) {
                    params[i] = toInt(Math.round(Math.scalb(b.bias(i, 0), fraction)));
                    err = Math.max(err, Math.abs(Math.scalb(params[i], -fraction) - b.bias(i, 0)));
                }
                f.params = params;
                f.coefficientError = err / Math.max(1e-300, maxAbsBias(b, 0));
            }
            case GLU -> {
                for (int c = 0; c < 2; c++) f.inputFraction[c] = Math.min(inputCap(b, c), weightLimit(b, c));
                int[] params = new int[b.count() * PARAMS];
                for (int i = 0; i < b.count(); i++) {
                    params[i * PARAMS + BIAS_A] = toInt(Math.round(Math.scalb(b.bias(i, 0), f.inputFraction[0])));
                    params[i * PARAMS + BIAS_G] = toInt(Math.round(Math.scalb(b.bias(i, 1), f.inputFraction[1])));
                    params[i * PARAMS + SHIFT_G] = f.inputFraction[1] - Sigmoid.ARGUMENT_BITS;
                    params[i * PARAMS + SHIFT_OUT] = Sigmoid.FRACTION_BITS + f.inputFraction[0] - outputFraction.get(b);
                }
                f.params = params;
            }
            case READOUT -> {
                f.inputFraction[0] = Math.min(inputCap(b, 0), weightLimit(b, 0));
                f.params = new int[0];
            }
            case SSM -> ssm(b, f);
            case LIF -> lif(b, f);
        }
        return f;
    }

    /**
     * Per channel: states with their own scale, the soma with its own; Ā in Q(stateBits−1); B̄, C
     * and D each as 24-bit mantissas with a per-channel shift that also converts between the input,
     * state and soma scales; C carries the factor 2 of 2·Re(C·s) and the soma's exp(−ln_vth).
     */
    private void ssm(LogicalBlock b, Formats f) {
        int fz = Math.min(inputCap(b, 0), weightLimit(b, 0));
        f.inputFraction[0] = fz;
        S4dNode s4d = b.s4d();
        S4dNode.Discrete d = calibration.discrete(s4d);
        int m = b.states();
        int per = NeuronProgram.SSM.paramsPerNeuron(m);
        int[] params = new int[b.count() * per];
        int shiftA = stateBits - 1;
        long coefMax = FixedPoint.maxMagnitude(stateBits);
        double worst = 0;
        for (int h = 0; h < b.count(); h++) {
            int fs = fit(calibration.stateMax(b, h), stateBits);
            int fv = fit(Math.max(calibration.somaMax(b, h), Math.abs(b.lif().threshold())), stateBits);
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
            int shiftB = shiftFor(Math.max(maxAbs(bRe), maxAbs(bIm)));
            int shiftC = shiftFor(Math.max(maxAbs(cRe), maxAbs(cIm)));
            double dReal = Math.scalb(s4d.d(h) * scale, fv - fz);
            int shiftD = shiftFor(Math.abs(dReal));
            int p = h * per;
            params[p + Ssm.STATES] = m;
            params[p + Ssm.SHIFT_A] = shiftA;
            params[p + Ssm.SHIFT_B] = shiftB;
            params[p + Ssm.SHIFT_C] = shiftC;
            params[p + Ssm.D] = mantissa(dReal, shiftD, coefMax);
            params[p + Ssm.SHIFT_D] = shiftD;
            params[p + Ssm.BIAS] = toInt(Math.round(Math.scalb(b.bias(h, 0), fz)));
            params[p + Ssm.TAU] = (int) Math.round(b.lif().tau() * (1 << Ssm.TAU_BITS));
            params[p + Ssm.THETA] = toInt(Math.round(Math.scalb(b.lif().threshold(), fv)));
            double groupMax = 0;
            double groupErr = 0;
            for (int n = 0; n < m; n++) {
                int k = h * m + n;
                int c = p + Ssm.HEADER + Ssm.PER_STATE * n;
                params[c] = mantissa(d.abarRe()[k], shiftA, coefMax);
                params[c + 1] = mantissa(d.abarIm()[k], shiftA, coefMax);
                params[c + 2] = mantissa(bRe[n], shiftB, coefMax);
                params[c + 3] = mantissa(bIm[n], shiftB, coefMax);
                params[c + 4] = mantissa(cRe[n], shiftC, coefMax);
                params[c + 5] = mantissa(cIm[n], shiftC, coefMax);
                double[][] pairs = {{d.abarRe()[k], params[c], shiftA}, {d.abarIm()[k], params[c + 1], shiftA}, {bRe[n], params[c + 2], shiftB},
                        {bIm[n], params[c + 3], shiftB}, {cRe[n], params[c + 4], shiftC}, {cIm[n], params[c + 5], shiftC}};
                for (double[] pair : pairs) {
                    groupMax = Math.max(groupMax, Math.abs(pair[0]));
                    groupErr = Math.max(groupErr, Math.abs(Math.scalb(pair[1], -(int) pair[2]) - pair[0]));
                }
            }
            worst = Math.max(worst, groupErr / Math.max(groupMax, 1e-300));
        }
        f.params = params;
        f.coefficientError = worst;
    }

    /**
     * LIF layers on the Loihi lif: du sets the current's decay (du = 4095 makes u this step's input),
     * dv the potential's tau = (4096 − dv)/4096, v has {@code fv} fraction bits and the input a_in six fewer (u = a_in·64),
     * and the threshold becomes vth = ⌊(θ·2^fv − 1)/64⌋, so that v > vth·64 holds whenever v ≥ θ:
     * a potential exactly at the threshold spikes as in the model; one less than 64 LSB below it may
     * spike too.
     */
    private void lif(LogicalBlock b, Formats f) {
        int fv = Math.min(lifVoltageCap(b), weightLimit(b, 0) + 6);
        f.inputFraction[0] = fv - 6;
        int[] params = new int[b.count() * Lif.PARAMS];
        int dv = (int) Math.max(0, Math.min(4095, Math.round(4096 * (1 - b.lif().tau()))));
        // u decays by (4096 − (du + 1)) / 4096: du = 4095 clears it each step (no current)
        int du = (int) Math.max(0, Math.min(4095, Math.round(4096 * (1 - b.lif().currentDecay())) - 1));
        // v > vth·64 is the model's v > θ (strict, NIR) when vth = ⌊θ·2^fv/64⌋, and its v >= θ when vth = ⌊(θ·2^fv − 1)/64⌋.
        long thetaQ = Math.round(Math.scalb(b.lif().threshold(), fv));
        long vth = Math.floorDiv(b.lif().strict() ? thetaQ : thetaQ - 1, 64);
        double err = Math.abs((4096 - dv) / 4096.0 - b.lif().tau());
        int mantissaMax = target.formats().lifBiasMantissaMax();
        int maxExp = target.formats().lifBiasExponent().max();
        int clipped = 0;
        for (int i = 0; i < b.count(); i++) {
            int p = i * Lif.PARAMS;
            params[p + Lif.DU] = du;
            params[p + Lif.DV] = dv;
            long[] mantExp = lifBias(Math.scalb(b.bias(i, 0), fv));
            if (mantExp == null) {
                clipped++;
                double limit = Math.scalb((double) mantissaMax, maxExp);
                mantExp = lifBias(Math.copySign(limit, b.bias(i, 0)));
            }
            params[p + Lif.BIAS_MANT] = (int) mantExp[0];
            params[p + Lif.BIAS_EXP] = (int) mantExp[1];
            params[p + Lif.VTH] = (int) Math.max(0, Math.min((1 << 17) - 1, vth));
        }
        f.params = params;
        if (clipped > 0) {
            notes.add("layer " + b.name() + ": the bias of " + clipped + " neuron(s) is beyond " + target.name() + "'s lif bias (" + target.formats().lifBiasMantissaBits()
                    + "-bit mantissa, exponent " + target.formats().lifBiasExponent() + ") and was clipped to " + mantissaMax + " << " + maxExp);
        }
        double[] initialCurrent = b.initialCurrent();
        if (initialCurrent.length > 0) {
            int[] state = new int[b.count() * NeuronProgram.LIF.stateWords(0)];
            for (int i = 0; i < b.count(); i++) state[2 * i] = (int) Math.max(-(1L << 23) + 1, Math.min((1L << 23), Math.round(Math.scalb(initialCurrent[i], fv))));
            f.initialState = state;
        }
        f.coefficientError = err / Math.max(b.lif().tau(), 1e-9);
    }

    /**
     * A lif bias as mantissa and exponent of the target's fields: the smallest exponent in its
     * range whose mantissa (rounded) fits, so that the bias keeps every bit it can; null when even
     * the largest exponent cannot hold it.
     */
    private long[] lifBias(double bias) {
        int mantissaMax = target.formats().lifBiasMantissaMax();
        for (int exp = target.formats().lifBiasExponent().min(); exp <= target.formats().lifBiasExponent().max(); exp++) {
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
    private int lifVoltageCap(LogicalBlock b) {
        double bound = calibration.inputMax(b, 0) / Math.max(1e-9, 1 - b.lif().tau()) / Math.max(1e-9, 1 - b.lif().currentDecay());
        double reach = Math.min(bound, 4 * calibration.lifMax(b));
        int fv = fit(Math.max(reach, Math.abs(b.lif().threshold())), 24);
        return Math.min(fv, 17 + 6 - 1 - FixedPoint.ceilLog2(Math.max(Math.abs(b.lif().threshold()), 1e-9)));
    }

    /**
     * The most fraction bits a block's compartment may have so that its largest incoming weight,
     * converted to its units, is still a mantissa of the target's weight bits at its largest exponent.
     */
    private int weightLimit(LogicalBlock b, int compartment) {
        int limit = MAX_FRACTION;
        double mantissaMax = (1 << (target.core().weightBits().max() - 1)) - 1;
        int maxExponent = target.core().weightExponent().max();
        for (Connection c : b.inputs()) {
            if (c.compartment() != compartment) continue;
            double max = c.maxAbsWeight();
            if (max == 0) continue;
            int f = outputFraction.get(c.source()) + FixedPoint.floorLog2(mantissaMax * Math.pow(2, maxExponent) / max);
            limit = Math.min(limit, f);
        }
        return limit;
    }

    /** The fraction bits that hold HEADROOM × max in a signed {@code bits}-bit integer. */
    static int fit(double max, int bits) {
        if (!(max > 0)) return Math.min(MAX_FRACTION, bits - 2);
        int f = FixedPoint.floorLog2(FixedPoint.maxMagnitude(bits) / (HEADROOM * max));
        return Math.max(MIN_FRACTION, Math.min(MAX_FRACTION, f));
    }

    /** The shift that makes {@code max} the largest mantissa of the state width. */
    private int shiftFor(double max) {
        if (!(max > 0)) return 0;
        return FixedPoint.floorLog2(FixedPoint.maxMagnitude(stateBits) / max);
    }

    private static int mantissa(double value, int shift, long max) {
        long q = Math.round(Math.scalb(value, shift));
        return (int) Math.max(-max, Math.min(max, q));
    }

    private static int toInt(long v) {
        return (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE, v));
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) max = Math.max(max, Math.abs(v));
        return max;
    }

    private static double maxAbsBias(LogicalBlock b, int compartment) {
        double max = 0;
        for (int i = 0; i < b.count(); i++) max = Math.max(max, Math.abs(b.bias(i, compartment)));
        return max;
    }
}
