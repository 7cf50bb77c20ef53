package io.dendra.compiler.passes;

import io.dendra.compiler.network.ChipValue;
import io.dendra.compiler.network.Connection;
import io.dendra.compiler.network.HostSource;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.compiler.network.LogicalNetwork;
import io.dendra.compiler.network.QuantizedBlock;
import io.dendra.compiler.network.QuantizedNetwork;
import io.dendra.compiler.network.QuantizedSynapses;
import io.dendra.compiler.programs.FixedPointChoices;
import io.dendra.compiler.programs.ProgramCompilers;
import io.dendra.compiler.programs.ProgramParams;
import io.dendra.ir.Accumulation;
import io.dendra.ir.FixedPoint;
import io.dendra.targets.Target;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quantize pass: chooses every fixed-point scale from the calibrated ranges and turns each
 * block's real parameters and weights into the integers of its program and synapses
 * (docs/neuron-programs.md), returning a new {@link QuantizedNetwork}; the lowered network is not
 * changed. Each program's own formats and parameter words come from its
 * {@link io.dendra.compiler.programs.ProgramCompiler}; the payload formats and the weights are chosen here. A value gets the most fraction bits that still hold twice its calibrated magnitude in its
 * width; a block's input gets no more than its largest incoming weight allows with the target's
 * weight bits and exponents. Weights get one exponent per source value (per synapse group on a
 * floor_per_group target), chosen over the whole layer, so that splitting a layer into cores does
 * not change what it computes. Records, per block, the worst error of a quantized coefficient
 * relative to the largest coefficient of its neuron, and of a weight relative to its axon's largest.
 */
public final class Quantization implements FixedPointChoices {
    private final Target target;
    private final Calibration calibration;
    private final int stateBits;
    private final int payloadBits;
    /** Payload fraction bits of each graded source, set before the blocks that read them are quantized. */
    private final Map<ChipValue, Integer> outputFraction = new IdentityHashMap<>();
    /** What quantization had to clip, one line per layer, for the compile report. */
    private final List<String> notes = new ArrayList<>();

    private Quantization(Target target, Calibration calibration) {
        this.target = target;
        this.calibration = calibration;
        this.stateBits = target.formats().stateBits();
        this.payloadBits = target.formats().gradedPayloadBits().orElse(stateBits);
    }

    @Override public Target target() { return target; }
    @Override public Calibration calibration() { return calibration; }
    @Override public int stateBits() { return stateBits; }
    @Override public int payloadBits() { return payloadBits; }
    @Override public int outputFraction(ChipValue source) { return outputFraction.get(source); }
    @Override public void narrowOutputFraction(LogicalBlock block, int fraction) { outputFraction.merge(block, fraction, Math::min); }
    @Override public void note(String line) { notes.add(line); }

    /** The network with every scale, parameter and weight as the target's integers. */
    public static QuantizedNetwork apply(LogicalNetwork network, Target target, Calibration calibration) {
        Quantization q = new Quantization(target, calibration);
        HostSource input = network.input();
        q.outputFraction.put(input, input.binary() || readByGivenIntegers(input, network) ? 0 : q.sourceFraction(input, network));
        for (LogicalBlock block : network.blocks()) {
            boolean given = ProgramCompilers.of(block.program()).givenIntegers();
            q.outputFraction.put(block, block.graded() && !given ? q.sourceFraction(block, network) : 0);
        }
        List<QuantizedBlock> blocks = new ArrayList<>();
        for (LogicalBlock block : network.blocks()) {
            ProgramParams p = ProgramCompilers.of(block.program()).quantize(q, block);
            double[] weightError = new double[1];
            List<QuantizedSynapses> synapses = new ArrayList<>();
            for (List<Connection> group : block.axonGroups()) synapses.add(q.weights(group, p.inputFraction(), weightError));
            blocks.add(new QuantizedBlock(block, p.inputFraction(), q.outputFraction.get(block), p.params(), p.initialState(), synapses,
                    p.coefficientError(), weightError[0]));
        }
        return new QuantizedNetwork(network, q.outputFraction.get(input), blocks, q.notes);
    }

    /**
     * One synapse group's weights in the block's input units, as a mantissa of the target's weight
     * bits times 2^exponent: on a round_half_up target each source value's exponent is set by its own
     * largest weight; on a floor_per_group target the group's values share one, set by the group's
     * largest weight, as one Lava Dense shares its weight_exp.
     */
    private QuantizedSynapses weights(List<Connection> group, int[] inputFraction, double[] worst) {
        ChipValue source = group.get(0).source();
        int width = source.width();
        int mantissaMax = (1 << (target.core().weightBits().max() - 1)) - 1;
        double[] convert = new double[group.size()];
        for (int i = 0; i < group.size(); i++) {
            convert[i] = Math.scalb(1.0, inputFraction[group.get(i).compartment()] - outputFraction.get(source));
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

    /** Whether a block whose words are given as integers reads {@code source}: then the source sends whole numbers. */
    private static boolean readByGivenIntegers(ChipValue source, LogicalNetwork network) {
        for (LogicalBlock consumer : network.blocks()) {
            if (!ProgramCompilers.of(consumer.program()).givenIntegers()) continue;
            for (Connection c : consumer.inputs()) if (c.source() == source) return true;
        }
        return false;
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
        int f = FixedPointChoices.fit(calibration.outputMax(source), payloadBits);
        double mantissaMax = (1 << (target.core().weightBits().max() - 1)) - 1;
        int minExponent = target.core().weightExponent().min();
        for (LogicalBlock consumer : network.blocks()) {
            for (Connection c : consumer.inputs()) {
                if (c.source() != source) continue;
                double max = c.maxAbsWeight();
                if (max == 0) continue;
                int slack = FixedPoint.floorLog2(max / (mantissaMax * Math.pow(2, minExponent)));
                f = Math.min(f, ProgramCompilers.of(consumer.program()).inputCap(this, consumer, c.compartment()) + slack);
            }
        }
        return f;
    }

    /**
     * The most fraction bits a block's compartment may have so that its largest incoming weight,
     * converted to its units, is still a mantissa of the target's weight bits at its largest exponent.
     */
    @Override
    public int weightLimit(LogicalBlock b, int compartment) {
        int limit = FixedPointChoices.MAX_FRACTION;
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
}
