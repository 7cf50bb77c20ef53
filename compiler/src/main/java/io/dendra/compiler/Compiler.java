package io.dendra.compiler;

import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.mapping.CorePiece;
import io.dendra.compiler.mapping.ImageBuilder;
import io.dendra.compiler.mapping.Partitioner;
import io.dendra.compiler.passes.Calibration;
import io.dendra.compiler.passes.LogicalBlock;
import io.dendra.compiler.passes.LogicalNetwork;
import io.dendra.compiler.passes.Lowering;
import io.dendra.compiler.passes.Quantization;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.compiler.verify.LayerAgreement;
import io.dendra.compiler.verify.SpikeMatch;
import io.dendra.ir.ChipImage;
import io.dendra.ir.ImageExecutor;
import io.dendra.ir.InputMap;
import io.dendra.ir.NeuronKernels;
import io.dendra.targets.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The compiler back end, top to bottom as DESIGN §1 draws it: lower the graph to neuron programs,
 * calibrate on sample sequences, quantize, partition into cores, place and route into an image,
 * then run the image on the first calibration sequence to measure what quantization cost. Each
 * pass stops the pipeline with its own error; {@code log} receives each pass's name and time.
 */
public final class Compiler {

    /** How far the chip's layers are from the reference on the first calibration sequence. */
    public record LayerError(String layer, String program, double coefficientError, double weightError, LayerAgreement output) {}

    public record Result(ChipImage image, CompileReport report) {}

    private Compiler() {}

    public static Result compile(ModelGraph graph, Target target, SequenceBatch calibration, Consumer<String> log) {
        LogicalNetwork network = timed(log, "lower", () -> Lowering.lower(graph, target, spikes(graph, calibration)));
        Calibration ranges = timed(log, "calibrate", () -> Calibration.measure(graph, network, calibration));
        Quantization.Result quantized = timed(log, "quantize", () -> Quantization.apply(network, target, ranges));
        List<CorePiece> pieces = timed(log, "partition", () -> new Partitioner(target).partition(network));
        ImageBuilder.Result built = timed(log, "place and route", () -> ImageBuilder.build(target, network, pieces,
                ImageBuilder.activity(network, ranges.firstSample())));
        List<LayerError> errors = timed(log, "measure quantization error", () -> measure(graph, network, built, ranges, quantized.coefficientError()));
        ChipImage image = built.image().withInput(inputRange(built.image().input(), calibration));
        List<String> notes = new ArrayList<>(quantized.notes());
        notes.addAll(built.notes());
        return new Result(image, CompileReport.of(target, built, errors, calibration, notes));
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

    /** Whether the calibration input is spikes: real-valued input, every value 0 or 1. */
    static boolean spikes(ModelGraph graph, SequenceBatch calibration) {
        if (graph.input().tokens()) return false;
        for (double[] sample : calibration.samples()) for (double v : sample) if (v != 0 && v != 1) return false;
        return true;
    }

    /**
     * Runs the image on the first calibration sequence and compares each layer with the reference:
     * spike matching for spiking layers, the RMS error relative to the RMS value for graded ones,
     * and the largest error relative to the largest value for the outputs.
     */
    private static List<LayerError> measure(ModelGraph graph, LogicalNetwork network, ImageBuilder.Result built, Calibration ranges,
            Map<String, Double> coefficientError) {
        ChipImage image = built.image();
        int steps = ranges.firstSteps();
        Map<String, long[]> sent = new LinkedHashMap<>();
        for (LogicalBlock b : network.blocks()) sent.put(b.name(), new long[steps * b.count()]);
        // per core, looked up once: its layer's record, the layer's width and the core's first neuron
        int cores = image.cores().size();
        long[][] record = new long[cores][];
        int[] width = new int[cores];
        for (int c = 0; c < cores; c++) {
            var block = image.cores().get(c).neurons();
            record[c] = sent.get(block.layer());
            width[c] = record[c].length / steps;
        }
        double[] chipOutput = new ImageExecutor(image).run(ranges.firstInput(), steps, (step, core, neuron, payload) -> {
            var block = image.cores().get(core).neurons();
            int t = step - block.startStep();
            if (t >= 0 && t < steps) record[core][t * width[core] + block.firstNeuron() + neuron] = payload;
        });
        Map<Node, double[]> reference = ranges.firstSample();
        List<LayerError> errors = new ArrayList<>();
        for (ImageBuilder.LayerUse use : built.layers()) {
            LogicalBlock b = network.blocks().stream().filter(x -> x.name().equals(use.name())).findFirst().orElseThrow();
            double coefficient = coefficientError.getOrDefault(b.name(), 0.0);
            if (b == network.outputBlock() && network.outputKind() == io.dendra.ir.OutputMap.Kind.READOUT) {
                double[] ref = reference.get(graph.output());
                errors.add(new LayerError(b.name(), b.program().id(), coefficient, use.weightError(), LayerAgreement.OutputError.of(chipOutput, ref)));
                continue;
            }
            double[] ref = reference.get(b.valueNode());
            long[] chip = sent.get(b.name());
            if (b.program().graded()) {
                double[] decoded = new double[chip.length];
                for (int i = 0; i < chip.length; i++) decoded[i] = Math.scalb((double) chip[i], -b.outputFraction());
                errors.add(new LayerError(b.name(), b.program().id(), coefficient, use.weightError(), LayerAgreement.GradedError.of(decoded, ref)));
            } else {
                SpikeMatch.Counter spikes = new SpikeMatch.Counter();
                for (int i = 0; i < chip.length; i++) spikes.add(i / b.count(), chip[i] != 0, ref[i] != 0);
                errors.add(new LayerError(b.name(), b.program().id(), coefficient, use.weightError(), spikes.result()));
            }
        }
        return errors;
    }

    private static <T> T timed(Consumer<String> log, String pass, Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        if (log != null) log.accept(String.format("  %-28s %8.1f ms", pass, (System.nanoTime() - start) / 1e6));
        return result;
    }
}
