package io.dendra.compiler;

import io.dendra.compiler.graph.DiscreteSsms;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.mapping.CorePiece;
import io.dendra.compiler.mapping.ImageBuilder;
import io.dendra.compiler.mapping.Partitioner;
import io.dendra.compiler.passes.Calibration;
import io.dendra.compiler.lowering.Legality;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.compiler.network.LogicalNetwork;
import io.dendra.compiler.lowering.Lowering;
import io.dendra.compiler.passes.NormFolding;
import io.dendra.compiler.network.QuantizedBlock;
import io.dendra.compiler.network.QuantizedNetwork;
import io.dendra.compiler.passes.Quantization;
import io.dendra.compiler.reference.ReferenceInterpreter;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.compiler.verify.LayerAgreement;
import io.dendra.compiler.verify.SpikeMatch;
import io.dendra.ir.ChipImage;
import io.dendra.ir.ImageExecutor;
import io.dendra.ir.InputMap;
import io.dendra.targets.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The compiler back end as a list of passes, top to bottom as DESIGN §1 draws it: fold norms,
 * discretise the SSMs, lower to neuron programs (the same walk lists every layer that cannot map, at
 * once, and stops there), calibrate on sample sequences, quantize, partition into cores, trace the reference on
 * the first calibration sequence, place and route into an image, and measure what quantization cost
 * by running the image on that sequence. Each pass returns a new value and changes none; each
 * stops the pipeline with its own error; {@code log} receives each pass's name and time.
 *
 * <p>DESIGN §1 calibrates and quantizes before lowering; here lowering comes first, because the
 * ranges that matter are those of what the chip's neurons receive (a block's pre-activation, a
 * channel's complex states), which exist only once the graph is lowered.
 */
public final class Compiler {

    public record Result(ChipImage image, CompileReport report) {}

    /** The graph with its SSMs discretised. */
    record Discretised(ModelGraph graph, DiscreteSsms ssms) {}

    /** The graph lowered to a network of neuron blocks. */
    record Lowered(Discretised model, LogicalNetwork network) {}

    /** The lowered network with the ranges its values took on the calibration sequences. */
    record Calibrated(Lowered lowered, Calibration ranges) {}

    /** The reference's values of every layer on the first calibration sequence. */
    record Trace(double[] input, int steps, Map<Node, double[]> values) {}

    private static final Pass<ModelGraph, ModelGraph> FOLD_NORMS = new Pass<>("fold norms", NormFolding::apply);
    private static final Pass<ModelGraph, Discretised> DISCRETISE = new Pass<>("discretise", g -> new Discretised(g, DiscreteSsms.of(g)));

    private Compiler() {}

    public static Result compile(ModelGraph model, Target target, SequenceBatch calibration, Consumer<String> log) {
        boolean spikes = spikes(model, calibration);
        ModelGraph graph = FOLD_NORMS.apply(model, log);
        Discretised discretised = DISCRETISE.apply(graph, log);
        Lowered lowered = new Pass<Discretised, Lowered>("lower and check legality",
                d -> new Lowered(d, Lowering.lower(d.graph(), target, spikes).orThrow())).apply(discretised, log);
        Calibrated calibrated = new Pass<Lowered, Calibrated>("calibrate",
                l -> new Calibrated(l, Calibration.measure(l.model().graph(), l.model().ssms(), l.network(), calibration))).apply(lowered, log);
        QuantizedNetwork quantized = new Pass<Calibrated, QuantizedNetwork>("quantize",
                c -> Quantization.apply(c.lowered().network(), target, c.ranges())).apply(calibrated, log);
        List<CorePiece> pieces = new Pass<QuantizedNetwork, List<CorePiece>>("partition", q -> new Partitioner(target).partition(q)).apply(quantized, log);
        Trace first = new Pass<Discretised, Trace>("trace first sequence", d -> trace(d, calibration)).apply(discretised, log);
        ImageBuilder.Result built = new Pass<List<CorePiece>, ImageBuilder.Result>("place and route",
                p -> ImageBuilder.build(target, quantized, p, ImageBuilder.activity(quantized.network(), first.values()))).apply(pieces, log);
        List<LayerError> errors = new Pass<ImageBuilder.Result, List<LayerError>>("measure quantization error",
                b -> measure(graph, quantized, b, first)).apply(built, log);
        // a network with its own integers was not calibrated: its input has no calibrated range to hold runs to
        ChipImage image = model.fixedPoint() ? built.image() : built.image().withInput(inputRange(built.image().input(), calibration));
        List<String> notes = new ArrayList<>(quantized.notes());
        notes.addAll(built.notes());
        return new Result(image, CompileReport.of(target, built, errors, calibration, notes));
    }

    /** Every layer of a model that cannot map to a target, and why: its norms folded and lowered, for {@code dendra check --target}. */
    public static Legality.Result legality(ModelGraph model, Target target) {
        return Legality.check(NormFolding.apply(model), target);
    }

    private static Trace trace(Discretised model, SequenceBatch calibration) {
        double[] input = calibration.samples().get(0);
        return new Trace(input, calibration.steps(), new ReferenceInterpreter(model.graph(), model.ssms()).evaluate(input, calibration.steps()));
    }

    /** The input map with the range each channel took in the calibration input, which the image carries so that runs can check theirs. */
    static InputMap inputRange(InputMap input, SequenceBatch calibration) {
        int channels = input.channels();
        double[] min = new double[channels];
        double[] max = new double[channels];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (double[] sample : calibration.samples()) {
            for (int i = 0; i < sample.length; i++) {
                int c = i % channels;
                min[c] = Math.min(min[c], sample[i]);
                max[c] = Math.max(max[c], sample[i]);
            }
        }
        for (int c = 0; c < channels; c++) {
            if (min[c] > max[c]) min[c] = max[c] = Double.NaN;
        }
        return input.withCalibratedRange(min, max);
    }

    /**
     * Whether the calibration input is spikes: real-valued input, every value 0 or 1. A network with
     * its own integers takes whole numbers as Lava's input does, whatever it was traced on.
     */
    static boolean spikes(ModelGraph graph, SequenceBatch calibration) {
        if (graph.input().tokens() || graph.fixedPoint()) return false;
        for (double[] sample : calibration.samples()) for (double v : sample) if (v != 0 && v != 1) return false;
        return true;
    }

    /**
     * Runs the image on the first calibration sequence and compares each layer with the reference:
     * spike matching for spiking layers, the RMS error relative to the RMS value for graded ones,
     * and the largest error relative to the largest value for the outputs.
     */
    private static List<LayerError> measure(ModelGraph graph, QuantizedNetwork network, ImageBuilder.Result built, Trace first) {
        ChipImage image = built.image();
        int steps = first.steps();
        Map<String, long[]> sent = new LinkedHashMap<>();
        for (QuantizedBlock b : network.blocks()) sent.put(b.name(), new long[steps * b.block().count()]);
        // per core, looked up once: its layer's record, the layer's width and the core's first neuron
        int cores = image.cores().size();
        long[][] record = new long[cores][];
        int[] width = new int[cores];
        for (int c = 0; c < cores; c++) {
            var block = image.cores().get(c).neurons();
            record[c] = sent.get(block.layer());
            width[c] = record[c].length / steps;
        }
        double[] chipOutput = new ImageExecutor(image).run(first.input(), steps, (step, core, neuron, payload) -> {
            var block = image.cores().get(core).neurons();
            int t = step - block.startStep();
            if (t >= 0 && t < steps) record[core][t * width[core] + block.firstNeuron() + neuron] = payload;
        });
        Map<Node, double[]> reference = first.values();
        List<LayerError> errors = new ArrayList<>();
        for (ImageBuilder.LayerUse use : built.layers()) {
            QuantizedBlock q = network.blocks().stream().filter(x -> x.name().equals(use.name())).findFirst().orElseThrow();
            LogicalBlock b = q.block();
            double coefficient = q.coefficientError();
            if (q == network.outputBlock() && network.network().outputKind() == io.dendra.ir.OutputMap.Kind.READOUT) {
                double[] ref = reference.get(graph.output());
                errors.add(new LayerError(b.name(), b.program().id(), coefficient, use.weightError(), LayerAgreement.OutputError.of(chipOutput, ref)));
                continue;
            }
            double[] ref = reference.get(b.valueNode());
            long[] chip = sent.get(b.name());
            if (b.program().graded()) {
                double[] decoded = new double[chip.length];
                for (int i = 0; i < chip.length; i++) decoded[i] = Math.scalb((double) chip[i], -q.outputFraction());
                errors.add(new LayerError(b.name(), b.program().id(), coefficient, use.weightError(), LayerAgreement.GradedError.of(decoded, ref)));
            } else {
                SpikeMatch.Counter spikes = new SpikeMatch.Counter();
                for (int i = 0; i < chip.length; i++) spikes.add(i / b.count(), chip[i] != 0, ref[i] != 0);
                errors.add(new LayerError(b.name(), b.program().id(), coefficient, use.weightError(), spikes.result()));
            }
        }
        return errors;
    }
}
